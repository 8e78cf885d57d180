"""Finding the same quotation across articles.

A *rendering* is what one article quotes of one statement: a single quote, or the pieces of a quote split around
"he said" joined back together. Renderings from different articles are linked when the shorter one's words appear,
in order, inside the longer one (so a fragment such as "all will be forgiven" joins the full line); linked
renderings form a group. Two guards keep different quotations apart even when they share a speaker and a topic:
a link needs most of the shorter rendering's words (not a shared phrase), and a linked component whose members sit
on disjoint parts of its longest rendering is split again into one group per part.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotediff.compare.blocking import grams, rendering_pairs
from quotediff.compare.locate import locate_words, plausible_change, reordered_window
from quotediff.compare.normalize import STOPWORDS
from quotediff.compare.passages import split_by_span
from quotediff.compare.renderings import MatchOptions, Rendering, join_renderings, matching_words, renderings_of
from quotediff.compare.shifts import same_person
from quotediff.model import Token

__all__ = [
    "EVERYDAY",
    "LinkKey",
    "MatchOptions",
    "Rendering",
    "are_linked",
    "group_renderings",
    "join_renderings",
    "link_key",
    "linked_components",
    "matching_words",
    "renderings_of",
    "word_rarity",
]

# Everyday words that make up stock phrases ("as long as it takes", "at the end of the day", "make no mistake").
EVERYDAY = frozenset(
    """long take takes took taken time times way day days year years thing things make makes made going go goes
    get gets got know knows knew think thinks thought want wants need needs say says said people good new one two
    well back still now right work end look come came see lot much many never always every need let put keep""".split()
)


@dataclass(frozen=True, slots=True)
class LinkKey:
    """What linking needs of a rendering, compact enough to hold for a whole corpus."""

    article_id: str
    words: tuple[int, ...]  # the matching words as ints (equal words, equal ints)
    rarity: bytes  # per word: 0 stopword, 1 everyday word, 2 other, 3 rare (six letters or more, or a number)
    speaker: str | None = None
    stems: tuple[str, ...] = ()  # the matching words themselves: is a changed word another form of the same one?


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
    return LinkKey(rendering.article_id, words, word_rarity(rendering.tokens), rendering.speaker, rendering.word_norms)


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


@dataclass(frozen=True, slots=True)
class _Link:
    shorter: int
    longer: int
    containment: float
    longer_span: tuple[int, int]  # word positions in the longer rendering
    shorter_span: tuple[int, int] = (0, 0)  # the stretch of the shorter rendering that was found


def group_renderings(renderings: Sequence[Rendering], options: MatchOptions | None = None) -> list[list[Rendering]]:
    """Groups of renderings of the same quotation, one statement per article, in a stable order."""
    options = options or MatchOptions()
    ids = _WordIds()
    keys = [link_key(r, ids.encode(r.word_norms)) for r in renderings]
    cache: _Cache = {}
    links = _find_links(keys, options, cache)
    groups = []
    encoded = [k.words for k in keys]
    parts = _settle(list(range(len(renderings))), links, keys, renderings, options, cache)
    for part in _overlapping_answers(parts, links, keys, renderings, options):
        members = _statements_per_article(part, renderings, encoded)
        if len({renderings[i].article_id for i in members}) >= options.min_articles:
            groups.append([renderings[i] for i in members])
    groups.sort(key=lambda g: min((r.article_id, r.start) for r in g))
    return [_merge_same_article(g) for g in groups]


def _overlapping_answers(
    parts: list[list[int]],
    links: Sequence[_Link],
    keys: Sequence[LinkKey],
    renderings: Sequence[Rendering],
    options: MatchOptions,
) -> list[list[int]]:
    """Groups whose backbones overlap by a long stretch one outlet quotes whole are pieces of one answer.

    Outlets quote an interview answer in overlapping pieces ("I said storm clouds … it's a hurricane. That
    hurricane is right out there …" / "That hurricane is right out there … You better brace yourself"), and no one
    rendering holds it all. A rendering of ``short_words`` or more that sits in another group's backbone joins the
    two; speeches printed whole (passages over ``passage_words``) join nothing.
    """
    if len(parts) < 2:
        return parts
    part_of = {i: n for n, part in enumerate(parts) for i in part}
    backbone = [max(part, key=lambda i: (len(keys[i].words), -i)) for part in parts]
    short = [len(keys[b].words) <= options.passage_words for b in backbone]
    named = [[renderings[i].speaker for i in part if renderings[i].speaker] for part in parts]
    speaker = [max(set(names), key=names.count) if names else None for names in named]  # most outlets' name
    root = list(range(len(parts)))

    def find(n: int) -> int:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    for link in links:
        p, q = part_of.get(link.shorter), part_of.get(link.longer)
        if p is None or q is None or p == q or link.longer != backbone[q] or not (short[p] and short[q]):
            continue
        if link.shorter == backbone[p] or len(keys[link.shorter].words) < options.short_words:
            continue  # (a whole statement inside another's backbone is a line of a passage, not a piece)
        a, b = speaker[p], speaker[q]
        if a is not None and b is not None and not same_person(a, b):
            continue  # the same words in two people's mouths (a statement and the reply that quotes it)
        if link.containment >= options.short_containment and not set(parts[p]) & set(parts[q]):
            root[find(p)] = find(q)  # (groups that share a rendering were split apart on purpose)
    # A short group whose wording another group already holds as one of its members ("I am not a crook" alone,
    # and inside a passage): the outlets that named the speaker linked it there, the others grouped it alone.
    holder: dict[tuple[int, ...], set[int]] = {}
    for n, part in enumerate(parts):
        for i in part:
            holder.setdefault(keys[i].words, set()).add(n)
    for p, part in enumerate(parts):
        counted = Counter(keys[i].words for i in part)
        wording, count = counted.most_common(1)[0]
        if not 3 <= len(wording) < options.short_words or count < 2:
            continue
        others = sorted(holder.get(wording, set()) - {p}, key=lambda n: -len(parts[n]))
        for q in others:
            a, b = speaker[p], speaker[q]
            if a is not None and b is not None and not same_person(a, b):
                continue
            root[find(p)] = find(q)
            break
    merged: dict[int, list[int]] = {}
    for n, part in enumerate(parts):
        merged.setdefault(find(n), []).extend(part)
    return [sorted(set(part)) for part in merged.values()]


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
                elif len(keys[candidate].words) >= options.short_words or _variant_length(i, candidate, keys):
                    # A longer rendering that carries most of the candidate extends the same quotation (a short
                    # fragment is no backbone: many different quotations can carry it, but a rendering barely
                    # longer than it, "this man (Putin) cannot remain in power", is a variant, not another one).
                    link = _link(candidate, i, keys, options, cache)
                    if link is not None:
                        found[i] = link.shorter_span
                        fit += link.containment
            # Most members first; then the backbone they sit in most fully; then the longer one.
            score = (len(found), round(fit, 6), len(keys[candidate].words), -candidate)
            if best is None or score > best:
                best, spans = score, found
        backbone = -best[3] if best is not None else component[0]
        rest = [i for i in component if i not in spans]
        spans.update(_carriers(rest, spans, backbone, local, keys, options))
        parts.extend(split_by_span(backbone, spans, renderings, options.passage_words, options.phrase_words))
        if rest:
            parts.extend(_settle(rest, links, keys, renderings, options, cache))
    return parts


def _variant_length(longer: int, shorter: int, keys: Sequence[LinkKey]) -> bool:
    """At most a quarter more words: an insertion or two ("[Putin]", "Mr."), not a longer quotation."""
    return 4 * len(keys[longer].words) <= 5 * len(keys[shorter].words)


def _carriers(
    rest: Sequence[int],
    spans: dict[int, tuple[int, int]],
    backbone: int,
    links: Sequence[_Link],
    keys: Sequence[LinkKey],
    options: MatchOptions,
) -> dict[int, tuple[int, int]]:
    """Renderings left out of the backbone that carry one of its long members whole, with the stretch it covers.

    A quote that runs on from this statement into the next ("The era of global boiling has arrived. The air is
    unbreathable…") holds neither backbone, yet renders this statement: it belongs to this group and, staying in
    the rest, may join the other statement's group too. Only members of ``short_words`` or more count: a few
    words inside a long quote are a shared phrase, not evidence.
    """
    left = set(rest)
    found: dict[int, tuple[int, int]] = {}
    for link in links:
        member, carrier = link.shorter, link.longer
        if carrier not in left or member not in spans or member == backbone:
            continue
        # The carrier must open with the member: a quote that runs on past the statement. One that only ends
        # with it is another statement that leads into this one, and stays with that statement.
        opens = link.longer_span[0] <= 1
        if opens and len(keys[member].words) >= options.short_words and link.containment >= options.short_containment:
            lo, hi = spans[member]
            old = found.get(carrier, (lo, hi))
            found[carrier] = (min(lo, old[0]), max(hi, old[1]))
    # The very words of a member, printed by another article, are that member's stretch whoever the article says
    # spoke them ("Mr. Gorbachev, tear down this wall" credited to its speechwriter): the misattribution is what
    # the reader wants to see, and a named speaker keeps apart only words that merely resemble the statement.
    same = {keys[m].words: m for m in spans if m != backbone and len(keys[m].words) >= options.min_words}
    for i in left:
        twin = same.get(keys[i].words)
        if twin is not None and i not in found:
            found[i] = spans[twin]
    return found


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
        return _reordered(shorter, longer, keys, options)
    matched, (lo, hi), matched_positions = located
    containment = matched / len(s)
    needed = options.short_containment if len(s) < options.short_words else options.min_containment
    # A short fragment of a long statement with exactly one word changed, cut or moved is still that statement:
    # the change is what the reader wants to see. The words it keeps must still pass the rarity tests below.
    altered = len(s) < options.short_words <= len(hay) and matched == len(s) - 1 >= 3 and hi - lo >= len(s) - 1
    if containment < needed and not altered:
        return _reordered(shorter, longer, keys, options)
    found = (min(matched_positions), max(matched_positions) + 1) if matched_positions else (0, 0)
    rarity = keys[shorter].rarity
    distinctive = [rarity[k] for k in matched_positions if rarity[k] >= 1]
    if containment < needed:
        # The words kept around the change carry the evidence: three that are not function words ("the port
        # would stay open"), or two in the mouth of the same named person. "expanded the Republican party" inside
        # a long quote shares a stock phrase, not the quotation.
        a, b = keys[shorter].speaker, keys[longer].speaker
        same_speaker = a is not None and b is not None and same_person(a, b)
        changed = next(k for k in range(len(s)) if k not in set(matched_positions))
        fragment, statement = keys[shorter].stems, keys[longer].stems
        moved = s[changed] in hay[max(0, lo - 2) : hi + 2]
        change = "moved" if moved else plausible_change(fragment, statement, changed, lo, hi)
        if change is None or hi - lo > len(s) + 1:
            return None
        # A moved word or another form of the same word ("ammo", "warns") is still the speaker's word.
        if change != "function" and rarity[changed] >= 1:
            distinctive.append(rarity[changed])
        if len(distinctive) < (2 if same_speaker else 3):
            return None
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


def _reordered(shorter: int, longer: int, keys: Sequence[LinkKey], options: MatchOptions) -> _Link | None:
    """A short rendering with its words turned around ("I don't need a lift, I need ammunition"), found as a
    stretch of the statement that holds all its content words (``locate.reordered_window``). Out of order, the
    words are weaker evidence: a named speaker other than the statement's rules the link out."""
    a, b = keys[shorter], keys[longer]
    if not options.min_words <= len(a.words) < options.short_words or not a.stems or not b.stems:
        return None
    # A word trigram in common (a run kept in order, "I need ammunition") is what brings the pair up for a check
    # in the corpus index too (its blocking keys are trigrams): without one, the words are only alike as a bag.
    if not grams(a.words) & grams(b.words):
        return None
    window = reordered_window(a.stems, a.rarity, b.stems)
    if window is None:
        return None
    if a.speaker is not None and b.speaker is not None and not same_person(a.speaker, b.speaker):
        return None
    inside = set(b.stems[window[0] : window[1]])
    containment = sum(1 for w in a.stems if w in inside) / len(a.stems)
    return _Link(shorter, longer, containment, window, (0, len(a.words)))


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


def _statements_per_article(
    members: list[int], renderings: Sequence[Rendering], encoded: Sequence[tuple[int, ...]]
) -> list[int]:
    """Keep, per article, the utterances that render different parts of the quotation.

    An article may quote the first sentence in one paragraph and the second in the next, or a middle piece on
    its own: every part belongs to the group. An utterance that covers the same stretch as a longer one of the
    same article (the line repeated in a caption, a fragment recalled later) is the same part again: the
    utterance with the most words (then the first) stands for it.
    """
    words: dict[tuple[str, int], int] = defaultdict(int)
    first: dict[tuple[str, int], int] = {}
    pieces: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in members:
        key = (renderings[i].article_id, renderings[i].utterance)
        words[key] += len(renderings[i].word_norms)
        first[key] = min(first.get(key, renderings[i].start), renderings[i].start)
        pieces[key].append(i)
    backbone = max(members, key=lambda i: (len(encoded[i]), -i))
    by_article: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key in sorted(words, key=lambda k: (-words[k], first[k])):
        by_article[key[0]].append(key)
    chosen: set[tuple[str, int]] = set()
    for keys in by_article.values():
        taken: list[tuple[int, int]] = []
        for key in keys:
            span = _span_in(pieces[key], backbone, encoded)
            if span is None:
                if not taken:
                    chosen.add(key)
                    taken.append((0, 0))
                continue
            lo, hi = span
            if all(min(hi, b) - max(lo, a) <= 0.5 * min(hi - lo, b - a) for a, b in taken):
                chosen.add(key)
                taken.append(span)
    return [i for i in members if (renderings[i].article_id, renderings[i].utterance) in chosen]


def _span_in(pieces: Sequence[int], backbone: int, encoded: Sequence[tuple[int, ...]]) -> tuple[int, int] | None:
    """The stretch of the backbone that an utterance's pieces cover (word positions), if they are found in it."""
    spans = []
    for i in pieces:
        if i == backbone:
            return (0, len(encoded[backbone]))
        located = locate_words(encoded[i], encoded[backbone])
        if located is not None:
            spans.append(located[1])
    if not spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


def _merge_same_article(group: list[Rendering]) -> list[Rendering]:
    by_article: dict[str, list[Rendering]] = defaultdict(list)
    for r in group:
        by_article[r.article_id].append(r)
    return [rs[0] if len(rs) == 1 else join_renderings(rs) for rs in by_article.values()]
