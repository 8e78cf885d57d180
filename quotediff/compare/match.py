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
from itertools import pairwise

from quotediff.compare.locate import locate_words, plausible_change
from quotediff.compare.normalize import STOPWORDS, spelling_key, tokenize
from quotediff.compare.shifts import same_person
from quotediff.model import Quote, Token

# Everyday words that make up stock phrases ("as long as it takes", "at the end of the day", "make no mistake").
EVERYDAY = frozenset(
    """long take takes took taken time times way day days year years thing things make makes made going go goes
    get gets got know knows knew think thinks thought want wants need needs say says said people good new one two
    well back still now right work end look come came see lot much many never always every need let put keep""".split()
)


_COMMON_TRIGRAM = 64


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
    # Pieces of one utterance (a quote split around "he said", paragraphs of one quote) run on; quotes of their
    # own are apart in the article, so the words between them are marked as left out.
    parts = [ordered[0].text]
    for prev, r in pairwise(ordered):
        parts.append(("… " if r.utterance != prev.utterance else "") + r.text)
    text = _quoted_words(" ".join(parts))
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
    encoded = [ids.encode(r.word_norms) for r in renderings]
    links = _find_links(renderings, encoded, options)
    groups = []
    for part in _settle(list(range(len(renderings))), links, encoded, renderings, options):
        members = _statements_per_article(part, renderings, encoded)
        if len({renderings[i].article_id for i in members}) >= options.min_articles:
            groups.append([renderings[i] for i in members])
    groups.sort(key=lambda g: min((r.article_id, r.start) for r in g))
    return [_merge_same_article(g) for g in groups]


def _settle(
    items: list[int],
    links: Sequence[_Link],
    encoded: Sequence[tuple[int, ...]],
    renderings: Sequence[Rendering],
    options: MatchOptions,
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
        candidates = sorted(component, key=lambda i: (-len(encoded[i]), i))[:12]
        best: tuple[int, float, int, int] | None = None
        spans: dict[int, tuple[int, int]] = {}
        for candidate in candidates:
            found = {candidate: (0, len(encoded[candidate]))}
            fit = 0.0
            for i in component:
                if i == candidate:
                    continue
                if len(encoded[i]) <= len(encoded[candidate]):
                    link = _link(i, candidate, encoded, renderings, options)
                    if link is not None:
                        found[i] = link.longer_span
                        fit += link.containment
                elif len(encoded[candidate]) >= options.short_words:
                    # A longer rendering that carries most of the candidate extends the same quotation (a short
                    # fragment is no backbone: many different quotations can carry it).
                    link = _link(candidate, i, encoded, renderings, options)
                    if link is not None:
                        found[i] = link.shorter_span
                        fit += link.containment
            # Most members first; then the backbone they sit in most fully; then the longer one.
            score = (len(found), round(fit, 6), len(encoded[candidate]), -candidate)
            if best is None or score > best:
                best, spans = score, found
        backbone = -best[3] if best is not None else component[0]
        parts.extend(_split_by_span(backbone, spans, renderings))
        rest = [i for i in component if i not in spans]
        if rest:
            parts.extend(_settle(rest, links, encoded, renderings, options))
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
    clusters = _chain(covered, statements, list(covered))
    # Other renderings that, like the backbone, quote the stretches together glue them into one quotation, unless
    # they are the exception: when each stretch is quoted on its own by more articles than quote them together,
    # the stretches are separate statements and each wide rendering belongs to every one it covers.
    full = spans[backbone][1] - spans[backbone][0]
    wide = {key for key, (lo, hi) in covered.items() if hi - lo > 0.75 * full}
    if wide and len(clusters) <= 1:
        apart = _chain(covered, statements, [key for key in covered if key not in wide])
        alone = [len({renderings[i].article_id for i in members}) for _, members in apart]
        if len(apart) > 1 and min(alone) > len(wide) + 1:
            for key in wide:
                lo, hi = covered[key]
                for (clo, chi), members in apart:
                    if min(hi, chi) - max(lo, clo) >= 0.5 * (chi - clo):
                        members.extend(statements[key])
            clusters = apart
    if len(clusters) <= 1:
        return [sorted(spans)]
    return [sorted(members + [backbone]) for _, members in clusters]


def _chain(
    covered: dict[tuple[str, int], tuple[int, int]],
    statements: dict[tuple[str, int], list[int]],
    keys: list[tuple[str, int]],
) -> list[tuple[tuple[int, int], list[int]]]:
    """Statements chained into clusters while each overlaps the cluster so far by half of the shorter."""
    clusters: list[tuple[tuple[int, int], list[int]]] = []
    for key in sorted(keys, key=lambda k: covered[k]):
        lo, hi = covered[key]
        if clusters:
            (clo, chi), members = clusters[-1]
            overlap = min(hi, chi) - max(lo, clo)
            if overlap >= 0.5 * min(hi - lo, chi - clo):
                clusters[-1] = ((clo, max(chi, hi)), members + statements[key])
                continue
        clusters.append(((lo, hi), list(statements[key])))
    return clusters


class _WordIds:
    """Maps normalised words to small ints so rapidfuzz compares integer sequences."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def encode(self, words: Sequence[str]) -> tuple[int, ...]:
        return tuple(self._ids.setdefault(w, len(self._ids)) for w in words)


def _find_links(
    renderings: Sequence[Rendering], encoded: Sequence[tuple[int, ...]], options: MatchOptions
) -> list[_Link]:
    # Candidates share a word trigram; only those pairs are aligned.
    index: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, words in enumerate(encoded):
        if len(words) >= options.min_words:
            for gram in {words[k : k + 3] for k in range(len(words) - 2)}:
                index[gram].append(i)
    # A short rendering with one word changed ("the port would stay open") may share no trigram with the statement
    # it renders; its bigrams find the candidates. Only pairs with a short side are taken from bigrams, so the
    # candidate list stays as small as the trigram one for long quotations.
    for i, words in enumerate(encoded):
        if len(words) >= options.min_words:
            for gram in {words[k : k + 2] for k in range(len(words) - 1)}:
                index[gram].append(i)
    pairs: set[tuple[int, int]] = set()
    for gram, members in index.items():
        bigram = len(gram) == 2
        # A trigram that dozens of renderings share ("i don't think") is no evidence and would make the candidate
        # list quadratic; renderings of one quotation always share rarer trigrams too.
        if 1 < len(members) <= _COMMON_TRIGRAM:
            for a in members:
                for b in members:
                    if a < b and renderings[a].article_id != renderings[b].article_id:
                        if bigram and min(len(encoded[a]), len(encoded[b])) >= options.short_words:
                            continue
                        pairs.add((a, b))
    links = []
    for a, b in sorted(pairs):
        shorter, longer = (a, b) if len(encoded[a]) <= len(encoded[b]) else (b, a)
        link = _link(shorter, longer, encoded, renderings, options)
        if link is not None:
            links.append(link)
    return links


def _link(
    shorter: int,
    longer: int,
    encoded: Sequence[tuple[int, ...]],
    renderings: Sequence[Rendering],
    options: MatchOptions,
) -> _Link | None:
    s, hay = encoded[shorter], encoded[longer]
    located = locate_words(s, hay)
    if located is None:
        return None
    matched, (lo, hi), matched_positions = located
    containment = matched / len(s)
    needed = options.short_containment if len(s) < options.short_words else options.min_containment
    # A short fragment of a long statement with exactly one word changed, cut or moved is still that statement:
    # the change is what the reader wants to see. The words it keeps must still pass the rarity tests below.
    altered = len(s) < options.short_words <= len(hay) and matched == len(s) - 1 >= 3 and hi - lo >= len(s) - 1
    if containment < needed and not altered:
        return None
    found = (min(matched_positions), max(matched_positions) + 1) if matched_positions else (0, 0)
    # The same positions as word_norms, before stemming: rarity is judged on the word as printed.
    words = [t.norm for t in renderings[shorter].tokens if t.is_word and t.norm]
    distinctive = [words[k] for k in matched_positions if words[k] not in STOPWORDS]
    if containment < needed:
        # The words kept around the change carry the evidence: three that are not function words ("the port
        # would stay open"), or two in the mouth of the same named person. "expanded the Republican party" inside
        # a long quote shares a stock phrase, not the quotation.
        a, b = renderings[shorter].speaker, renderings[longer].speaker
        same_speaker = a is not None and b is not None and same_person(a, b)
        changed = next(k for k in range(len(s)) if k not in set(matched_positions))
        fragment, statement = renderings[shorter].word_norms, renderings[longer].word_norms
        moved = fragment[changed] in statement[max(0, lo - 2) : hi + 2]
        change = "moved" if moved else plausible_change(fragment, statement, changed, lo, hi)
        if change is None or hi - lo > len(s) + 1:
            return None
        # A moved word or another form of the same word ("ammo", "warns") is still the speaker's word.
        if change != "function" and words[changed] not in STOPWORDS:
            distinctive.append(words[changed])
        if len(distinctive) < (2 if same_speaker else 3):
            return None
    if len(s) >= options.short_words:
        return _Link(shorter, longer, containment, (lo, hi), found) if len(distinctive) >= 3 else None
    # A short rendering is only evidence when it carries words that everyday talk does not: "all will be
    # forgiven" does, the stock phrase "as long as it takes" does not. Rare enough: one word of six letters or
    # more (word length stands in for rarity), a number, or two words outside the everyday list.
    # A stock phrase still links when both articles put it in the mouth of the same named person.
    uncommon = [w for w in distinctive if w not in EVERYDAY]
    a, b = renderings[shorter].speaker, renderings[longer].speaker
    same_speaker = a is not None and b is not None and same_person(a, b)
    if not (any(len(w) >= 6 or w.isdigit() for w in uncommon) or len(uncommon) >= 2) and not same_speaker:
        return None
    # A phrase of a few words inside a long quote of somebody else ("unfit to be president", "boots on the
    # ground") is that person borrowing a phrase, not a rendering of the same quotation.
    borrowed = len(s) <= options.phrase_words and len(hay) > 1.5 * len(s)
    if borrowed and a is not None and b is not None and not same_speaker:
        return None
    return _Link(shorter, longer, containment, (lo, hi), found)


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
