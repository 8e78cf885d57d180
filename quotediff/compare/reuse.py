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

# Only a shared unusual change hints that one outlet took the quotation from another: every outlet restyles
# case, punctuation and quote marks, and cutting a quotation short (a fragment, "The leak" dropped) is what
# everyone does. Substantive and marked editorial changes are the ones worth tracing.
_LINEAGE_SEVERITIES = frozenset({"substantive", "editorial"})
# Word 5-grams the text around two articles' renderings must share to count as shared surrounding text.
_SHARED_CONTEXT = 3
_CONTEXT_CHARS = 300


def lineage(
    members: Sequence[Member], by_id: dict[str, Article], quotes: dict[str, Quote] | None = None
) -> tuple[LineageEntry, ...]:
    """For each unusual wording change, the first outlet (by date) that printed it and the later ones that repeat
    it with evidence of copying: a later date, or the same words around the quotation (or a copy of the article).
    Outlets with the same change and no such evidence are listed apart (``independent``)."""
    carriers: dict[tuple[str, str, str], list[Member]] = defaultdict(list)
    dated = sorted(
        (m for m in members if not m.is_reference),
        key=lambda m: (date_key(by_id[m.article_id]), m.article_id),
    )
    for member in dated:
        seen = set()
        for edit in member.diff.edits:
            if edit.severity not in _LINEAGE_SEVERITIES:
                continue
            key = (edit.kind, edit.reference, edit.variant)
            if key not in seen:
                seen.add(key)
                carriers[key].append(member)
    contexts: dict[str, set[int]] = {}

    def context(member: Member) -> set[int]:
        if member.article_id not in contexts:
            contexts[member.article_id] = _context_shingles(member, by_id[member.article_id], quotes or {})
        return contexts[member.article_id]

    entries = []
    for (kind, ref, var), holders in carriers.items():
        first = holders[0]
        followers: list[str] = []
        independent: list[str] = []
        for m in holders[1:]:
            first_date, date = date_key(by_id[first.article_id]), date_key(by_id[m.article_id])
            later = first_date < date and by_id[first.article_id].published is not None
            copied = first.article_id == m.copy_of or m.article_id == first.copy_of
            copied = copied or (m.copy_of is not None and m.copy_of == first.copy_of)
            shared = len(context(first) & context(m)) >= _SHARED_CONTEXT
            (followers if later or copied or shared else independent).append(m.article_id)
        entries.append(LineageEntry(kind, ref, var, first.article_id, tuple(followers), tuple(independent)))
    entries.sort(key=lambda e: (-len(e.followers), e.first_article, e.edit_kind, e.reference, e.variant))
    return tuple(entries)


def _context_shingles(member: Member, article: Article, quotes: dict[str, Quote]) -> set[int]:
    """Word 5-grams of the text around a rendering (the quotation itself left out)."""
    pieces = [quotes[q] for q in member.quote_ids if q in quotes]
    if not pieces:
        return set()
    start, end = min(q.start for q in pieces), max(q.end for q in pieces)
    text = article.text
    around = text[max(article.body_start, start - _CONTEXT_CHARS) : start] + " | " + text[end : end + _CONTEXT_CHARS]
    return shingle_hashes(shingle_words(around))


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
