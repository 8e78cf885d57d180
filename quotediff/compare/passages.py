"""One statement or several: the stretches of a long rendering that other outlets quote apart.

An outlet that prints two sentences of a speech or an answer as one quote links the groups of both; whether they
are one statement (an answer quoted in pieces) or two (speech lines quoted on their own) is read from how the
other outlets quote them, since the text never says which.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from quotediff.compare.renderings import Rendering


def split_by_span(
    backbone: int,
    spans: dict[int, tuple[int, int]],
    renderings: Sequence[Rendering],
    passage_words: int = 60,
    phrase_words: int = 6,
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
    # Other renderings that, like the backbone, quote the stretches together glue them into one quotation, unless
    # they are the exception: when each stretch is quoted on its own by more articles than quote them together,
    # the stretches are separate statements and each wide rendering belongs to every one it covers. A passage of
    # a speech printed whole (more than ``passage_words``) glues nothing: outlets print speeches whole.
    full = spans[backbone][1] - spans[backbone][0]
    by_start = sorted((a, b, key) for key, (a, b) in covered.items())
    starts = [a for a, _, _ in by_start]
    wide = {
        key for key, (lo, hi) in covered.items() if hi - lo > 0.75 * full or _spans_two(key, lo, hi, by_start, starts)
    }
    together = {key[0] for key in wide if covered[key][1] - covered[key][0] <= passage_words}
    if full <= passage_words:
        together.add(renderings[backbone].article_id)
    # a phrase lifted from a stretch several outlets print with the rest ("binders full of women") is no statement
    # of its own, however many print it alone
    phrases = {key for key in covered if key not in wide and covered[key][1] - covered[key][0] < phrase_words}
    lines = [key for key in covered if key not in wide and key not in phrases]
    if not lines or len(together) < 2:
        lines, phrases = lines + sorted(phrases), set()
    apart = _chain(covered, statements, lines)
    bridged = len(_chain(covered, statements, list(covered))) <= 1
    clusters = _join_parts(apart, renderings, together, bridged=bridged)
    if len(clusters) <= 1:
        return [sorted(spans)]
    for key in wide:
        lo, hi = covered[key]
        for (clo, chi), members in clusters:
            if min(hi, chi) - max(lo, clo) >= 0.5 * (chi - clo):
                members.extend(statements[key])
    for key in sorted(phrases, key=lambda k: covered[k]):
        lo, hi = covered[key]
        home = [members for (clo, chi), members in clusters if min(hi, chi) - max(lo, clo) >= 0.5 * (hi - lo)]
        if home:
            home[0].extend(statements[key])
        else:
            clusters.append(((lo, hi), list(statements[key])))
    return [sorted(members + [backbone]) for _, members in clusters]


def _spans_two(key: tuple[str, int], lo: int, hi: int, by_start: list[tuple[int, int, Any]], starts: list[int]) -> bool:
    """A rendering that holds two stretches others quote apart, each whole: a passage of both statements.
    ``by_start``: the stretches ordered by where they start (``starts``), so only those starting inside are read."""
    inside = [
        (a, b)
        for a, b, k in by_start[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
        if k != key and b <= hi and b - a < hi - lo
    ]
    if len(inside) < 2:
        return False
    # the stretch that ends first, and any other starting at or after its end
    first = min(range(len(inside)), key=lambda n: (inside[n][1], inside[n][0]))
    end = inside[first][1]
    return any(a >= end for n, (a, _) in enumerate(inside) if n != first)


def _join_parts(
    clusters: list[tuple[tuple[int, int], list[int]]],
    renderings: Sequence[Rendering],
    together: set[str],
    *,
    bridged: bool,
) -> list[tuple[tuple[int, int], list[int]]]:
    """Neighbouring stretches joined when one is only ever quoted as a part of the other's statement.

    Two stretches that other renderings quote together (``bridged``) are parts of one statement when each is
    quoted on its own by fewer articles than quote them together (``together``): the outlets mostly print them
    as one. When one of them is quoted alone as often as the passage or more, it is a statement of its own, and
    so is the rest of the passage ("Today, we are not merely transferring power …" quoted alone by one outlet,
    "For too long, a small group …" by three, both by two). A stretch that no more articles quote on its own than
    quote it with the rest is also a part when only articles that also quote the neighbouring stretch quote it
    ("Otherwise, I think it will be tough going ahead" in a second paragraph after the first sentence).
    Stretches that several outlets quote apart ("Climate change is here. It is terrifying." and "The era of
    global boiling has arrived") stay apart.
    """
    joined: list[tuple[tuple[int, int], list[int]]] = []
    for span, members in clusters:
        if joined:
            (lo, hi), previous = joined[-1]
            before = {renderings[i].article_id for i in previous}
            here = {renderings[i].article_id for i in members}
            if _part_of(here, before, together, bridged) or _part_of(before, here, together, bridged):
                joined[-1] = ((lo, max(hi, span[1])), previous + members)
                continue
        joined.append((span, list(members)))
    return joined


def _part_of(part: set[str], whole: set[str], together: set[str], bridged: bool) -> bool:
    if bridged and len(part) < len(together) and len(whole) < len(together):
        return True
    return len(part) <= len(together) and part - together <= whole


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
