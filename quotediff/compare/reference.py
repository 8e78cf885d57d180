"""Which renderings may serve as a group's reference: the wording the outlets agree on, not an accident of markup.

A quote mark that never closes, or closes a few sentences too late, makes one page's "rendering" run on into the
reporter's narration. That rendering is the longest of its group and, on undated pages, wins any
"earliest, ties: the longer" rule; every faithful rendering would then be reported as a fragment of it. Such a
rendering is recognisable from the group alone: it runs well past where every other long rendering stops, with
a stretch of words that nobody else prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotediff.compare.locate import locate_words
from quotediff.compare.match import Rendering

# Words beyond all other renderings that make a rendering suspect: a clause or two of narration, not the odd
# extra word an outlet kept. Measured against the rendering's length too, so a long speech quoted whole with a
# sentence more than the others is not suspect.
_SUSPECT_WORDS = 12
_SUSPECT_SHARE = 0.3
# Another rendering is "long" when it is no mere fragment: it shows where the statement itself ends.
_LONG_WORDS = 10


# Words that speech carries and narration rarely does: a run-on stretch without any of them is the reporter's.
_FIRST_AND_SECOND_PERSON = frozenset(
    "i me my mine we us our ours you your yours i'm we're we've we'll i've i'll you're you'll".split()
)


def first_agreed(ordered: Sequence[Rendering]) -> Rendering:
    """The first member, in the caller's order of preference, that does not run on past where another long one
    stops; the first member when every one looks suspect (or there are fewer than three).

    Only the preferred members are checked, usually just one: each check aligns the group's other members with
    it, so checking every member would cost the square of a large group.
    """
    if len(ordered) < 3:
        return ordered[0]
    ids: dict[str, int] = {}
    encoded = [tuple(ids.setdefault(w, len(ids)) for w in m.word_norms) for m in ordered]
    return next((m for k, m in enumerate(ordered) if not _runs_on(m, k, encoded)), ordered[0])


def _runs_on(rendering: Rendering, k: int, encoded: Sequence[tuple[int, ...]]) -> bool:
    """A stretch at the end that no other rendering prints, after a sentence end where a long one stops, with
    no "I", "we" or "you" in it."""
    own = encoded[k]
    covered = [False] * len(own)
    prefix_end = None  # where a long rendering that starts with this one's first words stops
    for j, other in enumerate(encoded):
        if j == k or not other:
            continue
        located = locate_words(other, own)
        if located is None or located[0] < 0.6 * len(other):
            continue
        lo, hi = located[1]
        for position in range(lo, hi):
            covered[position] = True
        if len(other) >= _LONG_WORDS and lo <= 2:
            prefix_end = hi if prefix_end is None else max(prefix_end, hi)
    if prefix_end is None:
        return False
    last = max((p for p, c in enumerate(covered) if c), default=-1)
    tail = len(own) - last - 1
    if last + 1 != prefix_end or tail < max(_SUSPECT_WORDS, _SUSPECT_SHARE * len(own)):
        return False
    words = [t for t in rendering.tokens if t.is_word and t.norm]
    before = rendering.text[: words[last + 1].start].rstrip()
    if not before.endswith((".", "!", "?", "…")):
        return False
    return not any(t.norm in _FIRST_AND_SECOND_PERSON for t in words[last + 1 :])
