"""Where one rendering's words sit inside another: the alignment every link between renderings rests on."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import LCSseq

from quotediff.compare.normalize import STOPWORDS


def plausible_change(words: Sequence[str], hay: Sequence[str], k: int, lo: int, hi: int) -> str | None:
    """Whether the one word of a short fragment missing from the statement is how outlets alter a quotation.

    They swap function words ("would" for "will", "to" for "will", "a" for "the"), inflect a word ("warns" for
    "warned") or clip it ("ammo" for "ammunition"); a different content word in a few-word fragment is more
    likely another sentence that shares a stock phrase. Returns "function" or "form" for the kind of change,
    None when it is neither.
    """
    word, n = words[k], len(words)
    if hi - lo == n:
        counterpart = hay[lo + k]
    elif hi - lo == n - 1 and k == 0 and lo > 0:
        counterpart = hay[lo - 1]
    elif hi - lo == n - 1 and k == n - 1 and hi < len(hay):
        counterpart = hay[hi]
    else:
        return None
    if word in STOPWORDS and counterpart in STOPWORDS:
        return "function"
    if min(len(word), len(counterpart)) >= 4 and word[:4] == counterpart[:4]:
        return "form"
    # A clipped form: "ammo" for "ammunition", "info" for "information", "gov" for "government".
    short, long_ = sorted((word, counterpart), key=len)
    stem = short.rstrip("o") if len(short) > 3 else short
    return "form" if len(stem) >= 3 and long_.startswith(stem) and len(long_) >= len(short) + 3 else None


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
    # The anchor's words may occur more than once ("the era of global warming has ended, the era of global
    # boiling has arrived"): the alignment takes the first, which can leave the rest of the needle out of reach.
    # Every occurrence is tried (a handful at most) and the one that places the most words wins.
    run = tuple(needle[anchor.a : anchor.a + anchor.size])
    starts = [anchor.b] + [
        k
        for k in range(len(haystack) - anchor.size + 1)
        if k != anchor.b and haystack[k] == run[0] and tuple(haystack[k : k + anchor.size]) == run
    ][:7]
    best = None
    for start in starts:
        found = _locate_at(needle, haystack, anchor.a, start, anchor.size)
        if best is None or (found[0], -(found[1][1] - found[1][0])) > (best[0], -(best[1][1] - best[1][0])):
            best = found
    return best


def _locate_at(
    needle: Sequence[int], haystack: Sequence[int], anchor_a: int, anchor_b: int, size: int
) -> tuple[int, tuple[int, int], list[int]]:
    # An ellipsis or an unmarked cut can hide a clause: look that far beyond the anchor.
    slack = max(6, len(needle) // 2)
    before, after = anchor_a, len(needle) - anchor_a - size
    left_start = max(0, anchor_b - before - slack)
    right_end = min(len(haystack), anchor_b + size + after + slack)
    kept: list[tuple[int, int, int]] = []
    if before:
        for b in LCSseq.editops(needle[:anchor_a], haystack[left_start:anchor_b]).as_matching_blocks():
            if b.size:
                kept.append((b.a, left_start + b.b, b.size))
    if before >= _CUT_RUN and 2 * sum(n for _, _, n in kept) < before:
        kept = _beyond_cut(needle[:anchor_a], haystack, 0, left_start, last=True) or kept
    kept.append((anchor_a, anchor_b, size))
    if after:
        offset_a, offset_b = anchor_a + size, anchor_b + size
        right = LCSseq.editops(needle[offset_a:], haystack[offset_b:right_end]).as_matching_blocks()
        found = [(offset_a + b.a, offset_b + b.b, b.size) for b in right if b.size]
        if after >= _CUT_RUN and 2 * sum(n for _, _, n in found) < after:
            beyond = _beyond_cut(needle[offset_a:], haystack, right_end, None)
            found = [(offset_a + a, b, n) for a, b, n in beyond] or found
        kept.extend(found)
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
        counted = set(range(len(kept)))
    else:
        center = kept.index((anchor_a, anchor_b, size))
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
    lo, hi = _window(kept, min(counted), max(counted))
    return len(matched_positions), (kept[lo][1], kept[hi][1] + kept[hi][2]), matched_positions


# The words a cut (an ellipsis) leaves on the far side of the anchor are looked for anywhere on that side when
# there are this many of them and none sits near the anchor: "The leak has polluted the harbour … Families in
# Kessel were kept in the dark" skips a whole sentence of the statement.
_CUT_RUN = 4


def _beyond_cut(
    part: Sequence[int], haystack: Sequence[int], lo: int, hi: int | None, *, last: bool = False
) -> list[tuple[int, int, int]]:
    """The whole of ``part``, verbatim, in ``haystack[lo:hi]`` (the occurrence nearest the anchor), as one run."""
    end = len(haystack) if hi is None else hi
    n = len(part)
    starts = [k for k in range(lo, end - n + 1) if tuple(haystack[k : k + n]) == tuple(part)]
    if not starts:
        return []
    return [(0, starts[-1] if last else starts[0], n)]


def _window(kept: Sequence[tuple[int, int, int]], lo: int, hi: int) -> tuple[int, int]:
    """The first and last runs of the window: the counted ones, widened by the runs next to them that sit about
    as far away in the haystack as in the needle ("House Democrats did our part" for "… will do our part").

    A stray word matched far before the anchor (the "you" of an earlier sentence, for a refrain quoted ahead of
    the next statement) would stretch the window over a statement the needle does not quote.
    """
    while lo > 0 and _near(kept[lo - 1], kept[lo]):
        lo -= 1
    while hi < len(kept) - 1 and _near(kept[hi], kept[hi + 1]):
        hi += 1
    return lo, hi


def _near(first: tuple[int, int, int], second: tuple[int, int, int]) -> bool:
    gap_a, gap_b = second[0] - (first[0] + first[2]), second[1] - (first[1] + first[2])
    return gap_b <= gap_a + 2


# Negations are matched as a kind, not as words: "I don't need a lift" keeps the "not" of "not a lift".
_NEGATIONS = frozenset({"not", "no", "never", "nor", "cannot"})


def is_negation(word: str) -> bool:
    return word in _NEGATIONS or word.endswith(("n't", "n’t"))


def reordered_window(words: Sequence[str], rarity: bytes, hay: Sequence[str]) -> tuple[int, int] | None:
    """The stretch of ``hay`` that holds every content word of a short rendering in another order, if any.

    Outlets turn a line around: "I don't need a lift, I need ammunition" for "I need ammunition, not a lift". In
    order, only half the words align, yet every word that carries the statement is there, side by side. So a
    short rendering matches a stretch of the statement no longer than itself that holds each of its content words
    in another order, with a negation where it has one (and none where it has none), when those words are
    evidence: three different ones at least, two of them uncommon and one rare (``rarity`` as the matcher
    grades words: 0 function word, 1 everyday, 2 other, 3 rare).
    """
    content = {w for w, r in zip(words, rarity, strict=True) if r >= 1 and not is_negation(w)}
    grades = {w: r for w, r in zip(words, rarity, strict=True) if w in content}
    if len(content) < 3 or sum(1 for r in grades.values() if r >= 2) < 2 or 3 not in grades.values():
        return None
    negated = any(is_negation(w) for w in words)
    best: tuple[int, int] | None = None
    # The shortest stretch holding every content word: a sliding window over the hay's positions.
    counts: dict[str, int] = {}
    lo = 0
    for hi, word in enumerate(hay):
        if word in content:
            counts[word] = counts.get(word, 0) + 1
        while len(counts) == len(content):
            if best is None or hi + 1 - lo < best[1] - best[0]:
                best = (lo, hi + 1)
            left = hay[lo]
            if left in counts:
                counts[left] -= 1
                if not counts[left]:
                    del counts[left]
            lo += 1
    if best is None or best[1] - best[0] > len(words):
        return None
    # Only a real turn counts: words found in their own order were already aligned in order, and fell short.
    if _first_seen(words, content) == _first_seen(hay[best[0] : best[1]], content):
        return None
    # The window widened by two words each side: "not" may stand before the stretch ("don't need a lift").
    around = hay[max(0, best[0] - 2) : best[1] + 2]
    return best if any(is_negation(w) for w in around) == negated else None


def _first_seen(words: Sequence[str], wanted: set[str]) -> list[str]:
    """The wanted words in the order they first occur."""
    seen: list[str] = []
    for word in words:
        if word in wanted and word not in seen:
            seen.append(word)
    return seen
