"""Word-level diff of a quote against its reference, with every difference classified.

The variant is aligned to the reference on token keys (``Token.norm``) with rapidfuzz's Levenshtein opcodes,
which run in C and are ~30x faster than difflib. Two kinds of difference come out of the alignment:

* tokens whose keys are equal but whose text differs: case, typography, quote marks, "U.S."/"US" (cosmetic);
* runs of non-equal opcodes ("regions"), each classified once: marker regions (an ellipsis, a [bracketed]
  insertion, "[sic]") are editorial; regions whose words are equal under spelling and abbreviation folding
  are cosmetic; regions before the first or after the last word of both quotes are scope (truncation,
  extension); the rest are substantive (substitution, insertion, omission, reorder), flagged critical when a
  negation or a number changes.

Every edit covers token ranges in both sequences; applying all edits to the reference tokens rebuilds the
variant tokens exactly (:func:`apply_edits`), which the tests check as a property.

Speed matters (a run diffs every member of every group): :func:`diff_text` works on plain lists from one
regex pass and never builds :class:`Token` objects; equal runs are compared as list slices in C.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Indel

from quotediff.compare.align import Op, align, align_cut
from quotediff.compare.classify import EditBuilder, joined, words_of
from quotediff.compare.normalize import NON_WORDS, Tokens, is_word_norm, raw_tokens
from quotediff.compare.weights import DiffOptions
from quotediff.model import Edit, TextDiff, Token

__all__ = ["DiffOptions", "apply_edits", "clear_critical", "diff_text", "diff_tokens", "locate", "raw_tokens"]


_DEFAULT = DiffOptions()

# --- tokens as plain lists ----------------------------------------------------------------------------------


def _from_tokens(tokens: Sequence[Token]) -> tuple[list[str], list[str]]:
    if isinstance(tokens, Tokens):  # straight from tokenize(): reuse its lists
        return tokens.pieces, tokens.norms
    raws: list[str] = []
    prev_end = None
    for t in tokens:
        raws.append(t.text if prev_end is None or prev_end == t.start else " " + t.text)
        prev_end = t.end
    norms = [t.norm for t in tokens]
    for t in tokens:
        if not t.is_word:
            NON_WORDS.add(t.norm)
    return raws, norms


_is_word = is_word_norm


_VERBATIM = TextDiff(edits=(), similarity=1.0, fidelity=1.0, verdict="verbatim")


def _diff(rr: list[str], rn: list[str], vr: list[str], vn: list[str], opts: DiffOptions) -> TextDiff:
    if rn == vn:
        if rr == vr:
            return _VERBATIM
        ops: list[Op] = [("equal", 0, len(rn), 0, len(vn))]
    else:
        ops = (align_cut(rn, vn) if "..." in rn else None) or align(rn, vn)
    b = EditBuilder(rr, rn, vr, vn, opts)
    start: Op | None = None  # first op of the pending region
    end: Op | None = None
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if tag == "equal":
            if start is not None and end is not None and _open_bracket(vn, start[3], end[4]):
                end = op  # "[" ... "]" split by an aligned word: keep the bracket group in one region
                continue
            if start is not None and end is not None:
                b.region(start[1], end[2], start[3], end[4])
                start = end = None
            if i1 != i2 and rr[i1:i2] != vr[j1:j2]:
                b.surface(i1, i2, j1, j2)
        else:
            if start is None:
                start = op
            end = op
    if start is not None and end is not None:
        b.region(start[1], end[2], start[3], end[4])
    edits = _reorders(b.edits, rr, rn, vr, vn)
    if not edits:
        return _VERBATIM
    return _score(edits, rn, vn, opts)


def _open_bracket(vn: Sequence[str], c: int, d: int) -> bool:
    depth = 0
    for n in vn[c:d]:
        if n == "[":
            depth += 1
        elif n == "]":
            depth -= 1
    return depth > 0


def _reorders(
    edits: list[Edit], rr: Sequence[str], rn: Sequence[str], vr: Sequence[str], vn: Sequence[str]
) -> list[Edit]:
    """An omission and an insertion of the same words elsewhere are one move: both become "reorder"."""
    gone = [k for k, e in enumerate(edits) if e.kind in ("omission", "truncation")]
    added = [k for k, e in enumerate(edits) if e.kind in ("insertion", "extension")]
    if not gone or not added:
        return edits
    out = list(edits)
    for g in gone:
        gw = sorted(words_of(rn[out[g].ref_start : out[g].ref_end]))
        for a in added:
            if out[a].kind == "reorder":
                continue
            aw = sorted(words_of(vn[out[a].var_start : out[a].var_end]))
            if gw == aw and (len(gw) > 1 or (gw and len(gw[0]) > 3)):
                for k in (g, a):
                    e = out[k]
                    out[k] = Edit(
                        "reorder",
                        "substantive",
                        e.reference,
                        e.variant,
                        e.ref_start,
                        e.ref_end,
                        e.var_start,
                        e.var_end,
                        False,
                    )
                break
    # A swap of neighbours ("have never" -> "never have") is one move: join the two halves across the short
    # equal run between them.
    k = 0
    while k + 1 < len(out):
        x, y = out[k], out[k + 1]
        if (
            x.kind == "reorder"
            and y.kind == "reorder"
            and y.ref_start - x.ref_end <= 3
            and y.var_start - x.var_end <= 3
            and (x.ref_start == x.ref_end) != (y.ref_start == y.ref_end)
        ):
            out[k : k + 2] = [
                Edit(
                    "reorder",
                    "substantive",
                    joined(rr[x.ref_start : y.ref_end]),
                    joined(vr[x.var_start : y.var_end]),
                    x.ref_start,
                    y.ref_end,
                    x.var_start,
                    y.var_end,
                    False,
                )
            ]
        k += 1
    return out


def _score(edits: list[Edit], rn: Sequence[str], vn: Sequence[str], opts: DiffOptions) -> TextDiff:
    """Similarity, fidelity and verdict from the classified edits."""
    lo, hi, vlo, vhi = 0, len(rn), 0, len(vn)  # the covered span: truncated and extended ends left out
    penalty = 0.0
    critical = substantive = editorial = fragment = extended = False
    marked_only_ellipsis = True
    spans: list[Edit] = []  # edits whose size enters the penalty, scored once the span is known
    inner: list[tuple[int, int]] = []  # extensions inside the covered span: not part of the similarity
    for e in edits:
        kind = e.kind
        sev = e.severity
        if sev == "cosmetic":
            penalty += opts.cosmetic
        elif kind == "truncation":
            fragment = True
            if e.ref_start <= lo or not words_of(rn[lo : e.ref_start]):
                lo = max(lo, e.ref_end)
            else:
                hi = min(hi, e.ref_start)
        elif kind == "extension":
            extended = True
            penalty += opts.extension
            if e.var_start <= vlo or not words_of(vn[vlo : e.var_start]):
                vlo = max(vlo, e.var_end)
            elif not words_of(vn[e.var_end : vhi]):
                vhi = min(vhi, e.var_start)
            else:
                inner.append((e.var_start, e.var_end))  # words in place of the reference's ellipsis
        elif sev == "editorial":
            editorial = True
            if kind == "ellipsis":
                spans.append(e)
            else:
                marked_only_ellipsis = False
                penalty += opts.bracketed if kind == "bracketed" else opts.sic
        else:
            substantive = True
            spans.append(e)
            if e.critical:
                penalty += opts.critical
                critical = True
    rw = words_of(rn[lo:hi])
    vw = words_of(vn[vlo:vhi])
    if inner:
        vw = words_of(n for k, n in enumerate(vn[vlo:vhi], vlo) if not any(x <= k < y for x, y in inner))
    similarity = Indel.normalized_similarity(rw, vw) if rw or vw else 1.0
    span = max(len(rw), 1)
    for e in spans:
        if e.kind == "ellipsis":
            penalty += opts.ellipsis + opts.ellipsis_per_word * len(words_of(rn[e.ref_start : e.ref_end])) / span
        else:
            touched = max(len(words_of(rn[e.ref_start : e.ref_end])), len(words_of(vn[e.var_start : e.var_end])))
            penalty += opts.substantive + opts.substantive_per_word * touched / span
    if substantive:
        verdict = "altered (critical)" if critical else "altered"
        if fragment:
            verdict = "fragment, " + verdict
    elif fragment:
        verdict = "fragment"
    elif extended:
        verdict = "extended"
    elif editorial:
        verdict = "shortened with ellipsis" if marked_only_ellipsis else "marked editorial changes"
    else:
        verdict = "cosmetic changes only"
    return TextDiff(tuple(edits), round(similarity, 4), round(max(0.0, 1.0 - penalty), 4), verdict)


# --- public API ---------------------------------------------------------------------------------------------


def diff_text(reference: str, variant: str, options: DiffOptions | None = None) -> TextDiff:
    """Align a variant rendering to a reference rendering and classify every difference."""
    rr, rn = raw_tokens(reference)
    vr, vn = raw_tokens(variant)
    return _diff(rr, rn, vr, vn, options or _DEFAULT)


def diff_tokens(ref: Sequence[Token], var: Sequence[Token], options: DiffOptions | None = None) -> TextDiff:
    """Like :func:`diff_text` on already tokenised quotes (from normalize.tokenize); edit offsets index
    them."""
    rr, rn = _from_tokens(ref)
    vr, vn = _from_tokens(var)
    return _diff(rr, rn, vr, vn, options or _DEFAULT)


def clear_critical(
    ref: Sequence[Token], var: Sequence[Token], diff: TextDiff, options: DiffOptions | None = None
) -> TextDiff:
    """The same diff with no edit flagged critical, scored again: for a variant whose negations and numbers
    agree with the fuller wording when the reference (an outlet's paraphrase) is the one that changed them."""
    if not any(e.critical for e in diff.edits):
        return diff
    _, rn = _from_tokens(ref)
    _, vn = _from_tokens(var)
    edits = [replace(e, critical=False) if e.critical else e for e in diff.edits]
    return _score(edits, rn, vn, options or _DEFAULT)


def apply_edits(ref_tokens: Sequence[Token], var_tokens: Sequence[Token], edits: Sequence[Edit]) -> list[str]:
    """Rebuild the variant's token texts from the reference's tokens and the edits (the diff's invariant)."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.ref_start, e.ref_end, e.var_start)):
        out.extend(t.text for t in ref_tokens[pos : e.ref_start])
        out.extend(t.text for t in var_tokens[e.var_start : e.var_end])
        pos = e.ref_end
    out.extend(t.text for t in ref_tokens[pos:])
    return out


def locate(
    needle: Sequence[Token], haystack: Sequence[Token], *, min_score: float = 0.5
) -> tuple[int, int, float] | None:
    """The haystack token range that best renders the needle, and a 0..1 score; None below ``min_score``.

    For placing a fragment ("all will be forgiven") inside a longer rendering. Candidate positions come from
    diagonal voting (each shared word votes for an offset), so the cost is linear in the haystack; the best
    window is then aligned exactly and trimmed to its first and last matched word.
    """
    n_pos = [i for i, t in enumerate(needle) if t.is_word]
    h_pos = [j for j, t in enumerate(haystack) if t.is_word]
    if not n_pos or not h_pos:
        return None
    nk = [needle[i].norm for i in n_pos]
    hk = [haystack[j].norm for j in h_pos]
    w0, w1 = 0, len(hk)
    if len(hk) > len(nk) + 4:
        where: dict[str, list[int]] = {}
        for j, key in enumerate(hk):
            where.setdefault(key, []).append(j)
        votes: dict[int, float] = {}
        for i, key in enumerate(nk):
            hits = where.get(key)
            if hits:
                weight = 1.0 / len(hits)  # a word that occurs once in the haystack is a strong anchor
                for j in hits:
                    votes[j - i] = votes.get(j - i, 0.0) + weight
        if not votes:
            return None
        # Insertions and omissions shift the diagonal: score each offset with its neighbours.
        best = max(votes, key=lambda o: (sum(votes.get(o + s, 0.0) for s in range(-2, 3)), -abs(o)))
        slack = len(nk) // 2 + 2
        w0, w1 = max(0, best - slack), min(len(hk), best + len(nk) + slack)
    ops = align(nk, hk[w0:w1])
    matched = [(j1, j2) for tag, _, _, j1, j2 in ops if tag == "equal"]
    if not matched:
        return None
    # A lone matched word far from the others is a stray ("the"), not part of the rendering.
    while len(matched) > 1 and matched[0][1] - matched[0][0] == 1 and matched[1][0] - matched[0][1] > 2:
        matched.pop(0)
    while len(matched) > 1 and matched[-1][1] - matched[-1][0] == 1 and matched[-1][0] - matched[-2][1] > 2:
        matched.pop()
    first, last = w0 + matched[0][0], w0 + matched[-1][1]
    found = sum(j2 - j1 for j1, j2 in matched)
    score = 2.0 * found / (len(nk) + last - first)
    if score < min_score:
        return None
    return h_pos[first], h_pos[last - 1] + 1, round(score, 4)
