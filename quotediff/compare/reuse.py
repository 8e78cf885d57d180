"""Text shared beyond one quotation: lineage of changes, articles that copy one another, unmarked reuse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from quotediff.compare.blocking import (
    band_keys,
    copy_candidates,
    copy_clusters,
    may_be_copies,
    shingle_hashes,
    shingle_words,
    signature,
)
from quotediff.compare.normalize import tokenize
from quotediff.model import (
    Article,
    LineageEntry,
    Member,
    Quote,
    QuoteGroup,
    Span,
    UnmarkedReuse,
)

# Changes that say nothing about who copied whom: every outlet restyles quote marks and spacing.
_LINEAGE_IGNORED = frozenset({"quote_marks", "spacing", "typography"})


def lineage(members: Sequence[Member], by_id: dict[str, Article]) -> tuple[LineageEntry, ...]:
    """For each wording change, the first outlet (by date) that printed it and the later ones that repeat it."""
    carriers: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    dated = sorted(
        (m for m in members if not m.is_reference),
        key=lambda m: (date_key(by_id[m.article_id]), m.article_id),
    )
    for member in dated:
        seen = set()
        for edit in member.diff.edits:
            if edit.kind in _LINEAGE_IGNORED:
                continue
            key = (edit.kind, edit.reference, edit.variant)
            if key not in seen:
                seen.add(key)
                carriers[key].append(member.article_id)
    entries = [
        LineageEntry(kind, ref, var, articles[0], tuple(articles[1:]))
        for (kind, ref, var), articles in carriers.items()
    ]
    entries.sort(key=lambda e: (-len(e.followers), e.first_article, e.edit_kind, e.reference, e.variant))
    return tuple(entries)


def find_copies(articles: Sequence[Article], threshold: float) -> tuple[tuple[str, ...], ...]:
    """Clusters of articles that are near-complete copies of each other, earliest first.

    Containment of the smaller article's 5-gram shingles in the larger one: a wire story re-run with a new
    headline and a trimmed last paragraph still shares most of its shingles, while two outlets reporting the same
    event in their own words share few. Only pairs whose MinHash signatures meet in a band are checked, and a
    cluster needs every pair of its members to be copies (``copy_clusters``).
    """
    keys, sizes, sigs = [], [], []
    for article in articles:
        shingles = _shingles(article)
        sizes.append(len(shingles))
        sigs.append(signature(shingles) if len(shingles) >= _MIN_SHINGLES else ())
        keys.append(band_keys(sigs[-1]))

    @lru_cache(maxsize=1024)
    def shingles_of(i: int) -> frozenset[int]:
        return frozenset(_shingles(articles[i]))

    pairs = []
    for i, j in sorted(copy_candidates(keys)):
        if not may_be_copies(sigs[i], sigs[j], sizes[i], sizes[j], threshold):
            continue
        small = min(sizes[i], sizes[j])
        if small >= _MIN_SHINGLES and len(shingles_of(i) & shingles_of(j)) >= threshold * small:
            pairs.append((articles[i].id, articles[j].id))
    order = [a.id for a in sorted(articles, key=lambda a: (date_key(a), a.id))]
    return copy_clusters(order, pairs)


_MIN_SHINGLES = 20  # shorter articles are too short to call copies


def _shingles(article: Article) -> set[int]:
    return shingle_hashes(shingle_words(article.text[article.body_start :]))


def find_unmarked(
    groups: Sequence[QuoteGroup], articles: Sequence[Article], quotes: Sequence[Quote], min_words: int
) -> tuple[UnmarkedReuse, ...]:
    """A quotation's words printed without quote marks: as the outlet's own prose, or as close paraphrase.

    One index of every quotation's word n-grams, and one pass over each article: the cost grows with the text
    read, not with quotations times articles.
    """
    quoted: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in quotes:
        quoted[q.article_id].append((q.start - 1, q.end + 1))
    for a in articles:
        quoted[a.id].extend(a.blockquotes)
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    lengths: dict[int, int] = {}
    for number, group in enumerate(groups):
        ref = [t.norm for t in tokenize(group.reference_text) if t.is_word and t.norm]
        if len(ref) >= min_words:
            lengths[number] = len(ref)
            for i in range(len(ref) - min_words + 1):
                index[tuple(ref[i : i + min_words])].add(number)
    if not index:
        return ()
    found = []
    for article in articles:
        words = [t for t in tokenize(article.text[article.body_start :]) if t.is_word and t.norm]
        norms = [t.norm for t in words]
        runs: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i in range(len(norms) - min_words + 1):
            for number in index.get(tuple(norms[i : i + min_words]), ()):
                spans = runs[number]
                if spans and spans[-1][1] >= i:
                    spans[-1] = (spans[-1][0], i + min_words)
                else:
                    spans.append((i, i + min_words))
        for number in sorted(runs):
            for lo, hi in runs[number]:
                start = words[lo].start + article.body_start
                end = words[hi - 1].end + article.body_start
                if any(s < end and start < e for s, e in quoted[article.id]):
                    continue
                span = Span(start, end, article.text[start:end])
                found.append(UnmarkedReuse(groups[number].id, article.id, span, round((hi - lo) / lengths[number], 3)))
    found.sort(key=lambda u: (int(u.group_id[1:]) if u.group_id[1:].isdigit() else 0, u.article_id, u.span.start))
    return tuple(found)


def date_key(article: Article) -> str:
    return article.published or "9999-99-99"
