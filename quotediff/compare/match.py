"""Finding the same quotation across articles.

A *rendering* is what one article quotes of one statement: a single quote, or the pieces of a quote split around
"he said" joined back together. Renderings from different articles are linked when the shorter one's words appear,
in order, inside the longer one (so a fragment such as "all will be forgiven" joins the full line); linked
renderings form a group. Two guards keep different quotations apart even when they share a speaker and a topic:
a link needs most of the shorter rendering's words (not a shared phrase), and a linked component whose members sit
on disjoint parts of its longest rendering is split again into one group per part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import LCSseq

from quotediff.compare.blocking import rendering_pairs
from quotediff.compare.normalize import spelling_key, tokenize
from quotediff.compare.shifts import same_person
from quotediff.model import Quote, Token

# Words too common to make a short fragment distinctive on their own: "I think it will be" is no quotation.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with as is are was were be been being it its this that
    these those there here i we you he she they me us him her them my our your his their not no so do does did
    have has had will would can could should may might must shall what which who whom whose when where why how
    all any some such than then too very just also only even about into over out up down again more most""".split()
)

# Everyday words that make up stock phrases ("as long as it takes", "at the end of the day", "make no mistake").
EVERYDAY = frozenset(
    """long take takes took taken time times way day days year years thing things make makes made going go goes
    get gets got know knows knew think thinks thought want wants need needs say says said people good new one two
    well back still now right work end look come came see lot much many never always every need let put keep""".split()
)


@dataclass(frozen=True, slots=True)
class MatchOptions:
    # A fragment shorter than this never joins a group: four words ("all will be forgiven") is the shortest
    # fragment outlets lift from a statement that is still recognisable as a quotation.
    min_words: int = 4
    # Share of the shorter rendering's words that must appear in order in the longer one. 0.6 lets a rendering with
    # several substitutions or an unmarked cut still join; partial overlaps between neighbouring sentences of one
    # speech (a shared clause) stay well below it.
    min_containment: float = 0.6
    # Short renderings carry little evidence, so they must match almost word for word.
    short_words: int = 10
    short_containment: float = 0.85
    # Renderings this short must not be put in the mouths of two different people.
    phrase_words: int = 6
    # A group needs renderings from at least this many articles (1 to track single quotes, e.g. with --quote).
    min_articles: int = 2


@dataclass(frozen=True, slots=True)
class Rendering:
    """One article's wording of one statement; ``quote_ids`` in text order."""

    article_id: str
    quote_ids: tuple[str, ...]
    text: str
    tokens: tuple[Token, ...]
    start: int  # offset of the first piece in the article text: orders renderings within an article
    utterance: int
    speaker: str | None = None  # the resolved name, when the article names a person as the speaker

    @property
    def word_norms(self) -> tuple[str, ...]:
        return matching_words(self.tokens)


@dataclass(frozen=True, slots=True)
class LinkKey:
    """What linking needs of a rendering, compact enough to hold for a whole corpus."""

    article_id: str
    words: tuple[int, ...]  # the matching words as ints (equal words, equal ints)
    rarity: bytes  # per word: 0 stopword, 1 everyday word, 2 other, 3 rare (six letters or more, or a number)
    speaker: str | None = None


def word_rarity(tokens: Sequence[Token]) -> bytes:
    """Rarity is judged on the word as printed (before stemming), at the same positions as ``matching_words``."""
    return bytes(_rarity(t.norm) for t in tokens if t.is_word and t.norm)


def _rarity(word: str) -> int:
    if word in STOPWORDS:
        return 0
    if word in EVERYDAY:
        return 1
    return 3 if len(word) >= 6 or word.isdigit() else 2


def link_key(rendering: Rendering, words: tuple[int, ...]) -> LinkKey:
    return LinkKey(rendering.article_id, words, word_rarity(rendering.tokens), rendering.speaker)


def are_linked(a: LinkKey, b: LinkKey, options: MatchOptions, cache: dict[Any, Any]) -> bool:
    """Whether two renderings link (the shorter found in the longer); ``cache`` keeps alignments for reuse."""
    pair = (a, b) if len(a.words) <= len(b.words) else (b, a)
    return _link(0, 1, pair, options, cache) is not None


def linked_components(keys: Sequence[LinkKey], options: MatchOptions | None = None) -> list[list[int]]:
    """The renderings (as indices into ``keys``) that links join, each component in index order.

    Grouping settles each component on its own, so a corpus index can group one component at a time.
    """
    options = options or MatchOptions()
    return _components(list(range(len(keys))), _find_links(keys, options, {}))


_SUFFIXES = ("ies", "ing", "ed", "es", "s")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude stem, for matching only: "supports"/"supported", "obligations"/"obligation" meet."""
    word = spelling_key(word)
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def matching_words(tokens: Sequence[Token]) -> tuple[str, ...]:
    """The words a rendering is matched on: normalised, spelling-folded and stemmed."""
    return tuple(_stem(t.norm) for t in tokens if t.is_word and t.norm)


@dataclass(frozen=True, slots=True)
class _Link:
    shorter: int
    longer: int
    containment: float
    longer_span: tuple[int, int]  # word positions in the longer rendering
    shorter_span: tuple[int, int] = (0, 0)  # the stretch of the shorter rendering that was found


def renderings_of(
    quotes: Iterable[Quote], texts: Mapping[str, str], options: MatchOptions | None = None
) -> list[Rendering]:
    """One rendering per quoted piece; a piece too short to match alone is glued to its neighbour.

    The pieces of a quote split around "he said" each match the full quotation on their own and are joined again
    per article after grouping; joining them first would glue together two different quotations that one
    paragraph happens to carry. Only a piece too short to stand alone (“I think,” he said, “if ...”) is joined to
    the next piece of the same utterance in the same paragraph (or to the previous one when it comes last).
    """
    options = options or MatchOptions()
    by_utterance: dict[tuple[str, int], list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.kind == "statement":
            by_utterance[(quote.article_id, quote.utterance)].append(quote)
    renderings: list[Rendering] = []
    for (article_id, utterance), pieces in by_utterance.items():
        pieces.sort(key=lambda q: q.start)
        runs: list[list[Quote]] = []
        for piece in pieces:
            previous = runs[-1] if runs else None
            joinable = previous is not None and not _crosses_paragraph(previous[-1], piece, texts[article_id])
            if joinable and previous is not None and _words(previous) < options.min_words:
                previous.append(piece)
            else:
                runs.append([piece])
        if len(runs) > 1 and _words(runs[-1]) < options.min_words:
            last = runs.pop()
            if not _crosses_paragraph(runs[-1][-1], last[0], texts[article_id]):
                runs[-1].extend(last)
            else:
                runs.append(last)
        renderings.extend(_rendering(article_id, utterance, run) for run in runs)
    renderings.sort(key=lambda r: (r.article_id, r.start))
    return renderings


def _words(pieces: Sequence[Quote]) -> int:
    return sum(1 for p in pieces for t in tokenize(p.text) if t.is_word)


def _crosses_paragraph(before: Quote, after: Quote, text: str) -> bool:
    return "\n" in text[before.end : after.start]


# The comma or full stop that ends a quote belongs to the sentence around it (“…going ahead,” Lu said), not to
# the quotation: comparing it would report a change on nearly every rendering. An ellipsis, "?" and "!" stay.
_HOST_PUNCTUATION = re.compile(r"(?<![.…])[,.;:]+\s*$")


def _quoted_words(text: str) -> str:
    return _HOST_PUNCTUATION.sub("", text.rstrip())


def _rendering(article_id: str, utterance: int, pieces: Sequence[Quote]) -> Rendering:
    text = " ".join(p.text for p in pieces[:-1]) + (" " if len(pieces) > 1 else "") + _quoted_words(pieces[-1].text)
    person = next(
        (
            p.attribution
            for p in pieces
            if p.attribution.speaker_kind in ("named", "pronoun") and p.attribution.speaker_resolved
        ),
        None,
    )
    speaker = person.speaker_resolved if person else None
    return Rendering(
        article_id=article_id,
        quote_ids=tuple(p.id for p in pieces),
        text=text,
        tokens=tokenize(text),
        start=pieces[0].start,
        utterance=utterance,
        speaker=speaker,
    )


def join_renderings(renderings: Sequence[Rendering]) -> Rendering:
    """One member from several renderings of one article that landed in the same group (paragraphs of one quote)."""
    ordered = sorted(renderings, key=lambda r: r.start)
    text = _quoted_words(" ".join(r.text for r in ordered))
    return Rendering(
        article_id=ordered[0].article_id,
        quote_ids=tuple(q for r in ordered for q in r.quote_ids),
        text=text,
        tokens=tokenize(text),
        start=ordered[0].start,
        utterance=ordered[0].utterance,
        speaker=next((r.speaker for r in ordered if r.speaker), None),
    )


def group_renderings(renderings: Sequence[Rendering], options: MatchOptions | None = None) -> list[list[Rendering]]:
    """Groups of renderings of the same quotation, one statement per article, in a stable order."""
    options = options or MatchOptions()
    ids = _WordIds()
    keys = [link_key(r, ids.encode(r.word_norms)) for r in renderings]
    cache: _Cache = {}
    links = _find_links(keys, options, cache)
    groups = []
    for part in _settle(list(range(len(renderings))), links, keys, renderings, options, cache):
        members = _one_per_article(part, renderings)
        if len({renderings[i].article_id for i in members}) >= options.min_articles:
            groups.append([renderings[i] for i in members])
    groups.sort(key=lambda g: min((r.article_id, r.start) for r in g))
    return [_merge_same_article(g) for g in groups]


def _settle(
    items: list[int],
    links: Sequence[_Link],
    keys: Sequence[LinkKey],
    renderings: Sequence[Rendering],
    options: MatchOptions,
    cache: _Cache,
) -> list[list[int]]:
    """Split linked renderings into groups that each sit on one stretch of one backbone rendering.

    Links are not transitive: a short fragment ("for the rest of eternity") can sit inside two different
    quotations. So every member of a group must itself be found inside the group's backbone rendering (or carry
    most of it); the rest are grouped again among themselves.
    """
    wanted = set(items)
    local = [k for k in links if k.shorter in wanted and k.longer in wanted]
    parts = []
    for component in _components(items, local):
        if len(component) == 1:
            parts.append(component)
            continue
        # The backbone is the rendering the most others sit inside: usually the longest, but not a long quote of
        # someone else that carries a few of the words.
        candidates = sorted(component, key=lambda i: (-len(keys[i].words), i))[:12]
        best: tuple[int, float, int, int] | None = None
        spans: dict[int, tuple[int, int]] = {}
        for candidate in candidates:
            found = {candidate: (0, len(keys[candidate].words))}
            fit = 0.0
            for i in component:
                if i == candidate:
                    continue
                if len(keys[i].words) <= len(keys[candidate].words):
                    link = _link(i, candidate, keys, options, cache)
                    if link is not None:
                        found[i] = link.longer_span
                        fit += link.containment
                elif len(keys[candidate].words) >= options.short_words:
                    # A longer rendering that carries most of the candidate extends the same quotation (a short
                    # fragment is no backbone: many different quotations can carry it).
                    link = _link(candidate, i, keys, options, cache)
                    if link is not None:
                        found[i] = link.shorter_span
                        fit += link.containment
            # Most members first; then the backbone they sit in most fully; then the longer one.
            score = (len(found), round(fit, 6), len(keys[candidate].words), -candidate)
            if best is None or score > best:
                best, spans = score, found
        backbone = -best[3] if best is not None else component[0]
        parts.extend(_split_by_span(backbone, spans, renderings))
        rest = [i for i in component if i not in spans]
        if rest:
            parts.extend(_settle(rest, links, keys, renderings, options, cache))
    return parts


def _split_by_span(
    backbone: int, spans: dict[int, tuple[int, int]], renderings: Sequence[Rendering]
) -> list[list[int]]:
    """Members on disjoint stretches of the backbone render different quotations that it quotes together.

    An outlet that quoted two consecutive sentences as one quote links both sentences' groups; the long rendering
    then belongs to each group, and the groups stay apart. The pieces of one split quote count as one member.
    """
    statements: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in spans:
        if i != backbone:
            statements[(renderings[i].article_id, renderings[i].utterance)].append(i)
    covered = {
        key: (min(spans[i][0] for i in members), max(spans[i][1] for i in members))
        for key, members in statements.items()
    }
    clusters: list[tuple[tuple[int, int], list[int]]] = []
    for key in sorted(covered, key=lambda k: covered[k]):
        lo, hi = covered[key]
        if clusters:
            (clo, chi), members = clusters[-1]
            overlap = min(hi, chi) - max(lo, clo)
            if overlap >= 0.5 * min(hi - lo, chi - clo):
                clusters[-1] = ((clo, max(chi, hi)), members + statements[key])
                continue
        clusters.append(((lo, hi), list(statements[key])))
    if len(clusters) <= 1:
        return [sorted(spans)]
    return [sorted(members + [backbone]) for _, members in clusters]


class _WordIds:
    """Maps normalised words to small ints so rapidfuzz compares integer sequences."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def encode(self, words: Sequence[str]) -> tuple[int, ...]:
        return tuple(self._ids.setdefault(w, len(self._ids)) for w in words)


_Cache = dict[tuple[tuple[int, ...], tuple[int, ...]], "tuple[int, tuple[int, int], list[int]] | None"]


def _find_links(keys: Sequence[LinkKey], options: MatchOptions, cache: _Cache) -> list[_Link]:
    # Only renderings that share a rare word trigram are aligned (see blocking.rendering_pairs).
    pairs = rendering_pairs(
        [k.words for k in keys],
        [k.article_id for k in keys],
        min_words=options.min_words,
        exact_words=options.short_words,
    )
    links = []
    for a, b in pairs:
        shorter, longer = (a, b) if len(keys[a].words) <= len(keys[b].words) else (b, a)
        link = _link(shorter, longer, keys, options, cache)
        if link is not None:
            links.append(link)
    return links


def _link(
    shorter: int,
    longer: int,
    keys: Sequence[LinkKey],
    options: MatchOptions,
    cache: _Cache,
) -> _Link | None:
    s, hay = keys[shorter].words, keys[longer].words
    if (s, hay) in cache:
        located = cache[(s, hay)]
    else:
        located = cache[(s, hay)] = locate_words(s, hay)
    if located is None:
        return None
    matched, (lo, hi), matched_positions = located
    containment = matched / len(s)
    needed = options.short_containment if len(s) < options.short_words else options.min_containment
    if containment < needed:
        return None
    found = (min(matched_positions), max(matched_positions) + 1) if matched_positions else (0, 0)
    rarity = keys[shorter].rarity
    distinctive = [rarity[k] for k in matched_positions if rarity[k] >= 1]
    if len(s) >= options.short_words:
        return _Link(shorter, longer, containment, (lo, hi), found) if len(distinctive) >= 3 else None
    # A short rendering is only evidence when it carries words that everyday talk does not: "all will be
    # forgiven" does, the stock phrase "as long as it takes" does not. Rare enough: one word of six letters or
    # more (word length stands in for rarity), a number, or two words outside the everyday list.
    # A stock phrase still links when both articles put it in the mouth of the same named person.
    uncommon = [r for r in distinctive if r >= 2]
    a, b = keys[shorter].speaker, keys[longer].speaker
    same_speaker = a is not None and b is not None and same_person(a, b)
    if not (3 in uncommon or len(uncommon) >= 2) and not same_speaker:
        return None
    # A phrase of a few words inside a long quote of somebody else ("unfit to be president", "boots on the
    # ground") is that person borrowing a phrase, not a rendering of the same quotation.
    borrowed = len(s) <= options.phrase_words and len(hay) > 1.5 * len(s)
    if borrowed and a is not None and b is not None and not same_speaker:
        return None
    return _Link(shorter, longer, containment, (lo, hi), found)


def locate_words(needle: Sequence[int], haystack: Sequence[int]) -> tuple[int, tuple[int, int], list[int]] | None:
    """Where ``needle``'s words sit, in order, inside ``haystack``.

    Returns the number of needle words matched, the haystack window they span and the needle positions matched.
    The longest common run anchors the match; the needle's words before and after it are aligned only against
    the haystack next to the anchor, so a "we are" forty words away does not stretch or split the window.
    """
    blocks = [b for b in LCSseq.editops(needle, haystack).as_matching_blocks() if b.size]
    if not blocks:
        return None
    anchor = max(blocks, key=lambda b: (b.size, -b.a))
    if anchor.size < min(2, len(needle)):
        return None
    # An ellipsis or an unmarked cut can hide a clause: look that far beyond the anchor.
    slack = max(6, len(needle) // 2)
    before, after = anchor.a, len(needle) - anchor.a - anchor.size
    left_start = max(0, anchor.b - before - slack)
    right_end = min(len(haystack), anchor.b + anchor.size + after + slack)
    kept: list[tuple[int, int, int]] = []
    if before:
        for b in LCSseq.editops(needle[: anchor.a], haystack[left_start : anchor.b]).as_matching_blocks():
            if b.size:
                kept.append((b.a, left_start + b.b, b.size))
    kept.append((anchor.a, anchor.b, anchor.size))
    if after:
        offset_a, offset_b = anchor.a + anchor.size, anchor.b + anchor.size
        right = LCSseq.editops(needle[offset_a:], haystack[offset_b:right_end]).as_matching_blocks()
        kept.extend((offset_a + b.a, offset_b + b.b, b.size) for b in right if b.size)
    # Only runs of three words or more count as evidence: two quotations that share a stock phrase ("satisfy the
    # government's obligations") match in short scattered runs, while a reworded rendering of one quotation keeps
    # long runs between its changes. A shorter run counts when it is in step with a counted neighbour (the same
    # number of words skipped on both sides: words swapped one for one; or one word cut). A needle found whole
    # in shorter runs is a fragment quoted with words left out ("an agreement … worthy of the American
    # people"): then every run counts.
    strong = min(3, len(needle))
    everything = [a + k for a, _, size in kept for k in range(size)]
    if len(everything) == len(needle) and all(size >= 2 for _, _, size in kept):
        matched_positions = everything
    else:
        center = kept.index((anchor.a, anchor.b, anchor.size))
        counted = {center}
        for order in (range(center - 1, -1, -1), range(center + 1, len(kept))):
            for k in order:
                near = k + 1 if k < center else k - 1
                first, second = (kept[k], kept[near]) if k < near else (kept[near], kept[k])
                gap_a, gap_b = second[0] - (first[0] + first[2]), second[1] - (first[1] + first[2])
                in_step = gap_a == gap_b <= 3 or (kept[k][2] >= 2 and sorted((gap_a, gap_b)) == [0, 1])
                if kept[k][2] >= strong or (near in counted and in_step):
                    counted.add(k)
        matched_positions = [kept[k][0] + i for k in sorted(counted) for i in range(kept[k][2])]
    return len(matched_positions), (kept[0][1], kept[-1][1] + kept[-1][2]), matched_positions


def _components(items: list[int], links: Sequence[_Link]) -> list[list[int]]:
    parent = {i: i for i in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.shorter), find(link.longer)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = defaultdict(list)
    for i in items:
        comps[find(i)].append(i)
    return list(comps.values())


def _one_per_article(members: list[int], renderings: Sequence[Rendering]) -> list[int]:
    """Keep, per article, the renderings of one statement: the utterance with the most words (then the first)."""
    words: dict[tuple[str, int], int] = defaultdict(int)
    first: dict[tuple[str, int], int] = {}
    for i in members:
        key = (renderings[i].article_id, renderings[i].utterance)
        words[key] += len(renderings[i].word_norms)
        first[key] = min(first.get(key, renderings[i].start), renderings[i].start)
    best: dict[str, tuple[str, int]] = {}
    for key in words:
        current = best.get(key[0])
        if current is None or (words[key], -first[key]) > (words[current], -first[current]):
            best[key[0]] = key
    chosen = set(best.values())
    return [i for i in members if (renderings[i].article_id, renderings[i].utterance) in chosen]


def _merge_same_article(group: list[Rendering]) -> list[Rendering]:
    by_article: dict[str, list[Rendering]] = defaultdict(list)
    for r in group:
        by_article[r.article_id].append(r)
    return [rs[0] if len(rs) == 1 else join_renderings(rs) for rs in by_article.values()]
