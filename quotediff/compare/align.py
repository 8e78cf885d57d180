"""Word alignment of a variant to its reference: Levenshtein opcodes, with one-sided gaps slid into one."""

from __future__ import annotations

from rapidfuzz.distance import LCSseq, Levenshtein

Op = tuple[str, int, int, int, int]
# Longest equal run (in tokens, marks included) a gap slides across: a refrain with its mark ("How dare you!
# You") that opens both the statement and the passage printed before it is five tokens.
_SLIDE = 8


def _slide(ops: list[Op], rn: list[str], vn: list[str]) -> list[Op]:
    """Move one-sided gaps across a short equal run when that joins them to another gap or a quote's end.

    Levenshtein has many optimal alignments when words repeat: the "the" of a fragment may be matched to an
    early "the" of the reference, splitting one cut into two and leaving a stray match. Shifting a deletion
    (insertion) across an equal run whose keys repeat at the gap's far end gives an alignment of the same
    cost with one gap.
    """
    for k in range(1, len(ops)):  # leftwards, towards the start or the previous gap
        tag, i1, i2, j1, j2 = ops[k]
        if tag not in ("delete", "insert") or ops[k - 1][0] != "equal":
            continue
        if k > 1 and ops[k - 2][0] == "equal":
            continue
        _, pi1, pi2, pj1, pj2 = ops[k - 1]
        s = pi2 - pi1
        if tag == "delete" and s <= min(_SLIDE, i2 - i1) and rn[pi1:pi2] == rn[i2 - s : i2]:
            ops[k - 1 : k + 1] = [("delete", pi1, i2 - s, pj1, pj1), ("equal", i2 - s, i2, pj1, pj2)]
        elif tag == "insert" and s <= min(_SLIDE, j2 - j1) and vn[pj1:pj2] == vn[j2 - s : j2]:
            ops[k - 1 : k + 1] = [("insert", pi1, pi1, pj1, j2 - s), ("equal", pi1, pi2, j2 - s, j2)]
    last = len(ops) - 1
    for k in range(last - 1, -1, -1):  # rightwards, towards the end or the next gap
        tag, i1, i2, j1, j2 = ops[k]
        if tag not in ("delete", "insert") or ops[k + 1][0] != "equal":
            continue
        if k + 1 < last and ops[k + 2][0] == "equal":
            continue
        if k > 0 and ops[k - 1][0] != "equal":
            continue  # already joined to the gap before it
        _, ni1, ni2, nj1, nj2 = ops[k + 1]
        s = ni2 - ni1
        if tag == "delete" and s <= min(_SLIDE, i2 - i1) and rn[i1 : i1 + s] == rn[ni1:ni2]:
            ops[k : k + 2] = [("equal", i1, i1 + s, nj1, nj2), ("delete", i1 + s, ni2, nj2, nj2)]
        elif tag == "insert" and s <= min(_SLIDE, j2 - j1) and vn[j1 : j1 + s] == vn[nj1:nj2]:
            ops[k : k + 2] = [("equal", ni1, ni2, j1, j1 + s), ("insert", ni2, ni2, j1 + s, nj2)]
    return ops


def align(rn: list[str], vn: list[str]) -> list[Op]:
    ops: list[Op] = Levenshtein.opcodes(rn, vn).as_list()  # type: ignore[assignment]  # plain tuples
    if len(ops) > 2:
        ops = _slide(ops, rn, vn)
    return ops


def _opcodes(rn: list[str], vn: list[str], i0: int, j0: int) -> list[Op]:
    return [
        (op.tag, i0 + op.src_start, i0 + op.src_end, j0 + op.dest_start, j0 + op.dest_end)
        for op in Levenshtein.opcodes(rn, vn)
    ]


def _anchored_blocks(needle: list[str], hay: list[str]) -> list[tuple[int, int, int]]:
    """Matching runs of ``needle`` in ``hay`` that are evidence of where it sits: runs of two words or more
    (a lone "the" far away is a stray), or every run when the needle is that short."""
    blocks = [(b.a, b.b, b.size) for b in LCSseq.editops(needle, hay).as_matching_blocks() if b.size]
    least = min(2, len(needle))
    return [b for b in blocks if b[2] >= least]


def align_cut(rn: list[str], vn: list[str]) -> list[Op] | None:
    """Alignment of a variant to a reference that marks a cut with an ellipsis ("…") the variant fills.

    Each side of the ellipsis is aligned on its own, so the variant's words in its place line up with the
    ellipsis instead of being scattered over the reference's words after it. A side the variant barely carries
    (under half its words) is left unmatched: the variant did not quote it. None when the reference has no
    single ellipsis or the variant has its own.
    """
    cuts = [i for i, n in enumerate(rn) if n == "..."]
    if len(cuts) != 1 or "..." in vn:
        return None
    k = cuts[0]
    before, after = rn[:k], rn[k + 1 :]
    ops: list[Op] = []
    end1, head = 0, False
    if before:
        blocks = _anchored_blocks(before, vn)
        if sum(size for _, _, size in blocks) * 2 >= len(before):
            end1, head = max(b + size for _, b, size in blocks), True
            ops.extend(_opcodes(before, vn[:end1], 0, 0))
        else:
            ops.append(("delete", 0, k, 0, 0))
    start2, tail = len(vn), False
    if after:
        blocks = _anchored_blocks(after, vn[end1:])
        if sum(size for _, _, size in blocks) * 2 >= len(after):
            start2, tail = end1 + min(b for _, b, _ in blocks), True
    if not tail and not head:
        return None  # the variant carries neither side: nothing to anchor the ellipsis on
    ops.append(("replace" if start2 > end1 else "delete", k, k + 1, end1, start2))
    if tail:
        ops.extend(_opcodes(after, vn[start2:], k + 1, start2))
    elif after:
        ops.append(("delete", k + 1, len(rn), len(vn), len(vn)))
    return [op for op in ops if op[1] != op[2] or op[3] != op[4]]
