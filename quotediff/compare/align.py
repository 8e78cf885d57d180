"""Word alignment of a variant to its reference: Levenshtein opcodes, with one-sided gaps slid into one."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

Op = tuple[str, int, int, int, int]


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
        if tag == "delete" and s <= min(4, i2 - i1) and rn[pi1:pi2] == rn[i2 - s : i2]:
            ops[k - 1 : k + 1] = [("delete", pi1, i2 - s, pj1, pj1), ("equal", i2 - s, i2, pj1, pj2)]
        elif tag == "insert" and s <= min(4, j2 - j1) and vn[pj1:pj2] == vn[j2 - s : j2]:
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
        if tag == "delete" and s <= min(4, i2 - i1) and rn[i1 : i1 + s] == rn[ni1:ni2]:
            ops[k : k + 2] = [("equal", i1, i1 + s, nj1, nj2), ("delete", i1 + s, ni2, nj2, nj2)]
        elif tag == "insert" and s <= min(4, j2 - j1) and vn[j1 : j1 + s] == vn[nj1:nj2]:
            ops[k : k + 2] = [("equal", ni1, ni2, j1, j1 + s), ("insert", ni2, ni2, j1 + s, nj2)]
    return ops


def align(rn: list[str], vn: list[str]) -> list[Op]:
    ops: list[Op] = Levenshtein.opcodes(rn, vn).as_list()  # type: ignore[assignment]  # plain tuples
    if len(ops) > 2:
        ops = _slide(ops, rn, vn)
    return ops
