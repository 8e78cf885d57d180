"""Edits from an alignment: each run of unequal words classified once (editorial, cosmetic, scope, substantive)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import filterfalse

from quotediff.compare.normalize import NON_WORDS, is_word_norm
from quotediff.compare.weights import DiffOptions
from quotediff.compare.wording import (
    ABBREVIATION_FIRST_WORDS,
    NUMBER_WORDS,
    canonical_equal,
    canonical_words,
    is_acronym,
    is_critical_change,
    spelling_of,
)
from quotediff.model import EDIT_SEVERITY, Edit


class EditBuilder:
    """Collects edits for one pair; holds the token lists so helpers need few arguments."""

    __slots__ = ("rr", "rn", "vr", "vn", "opts", "edits", "first_r", "last_r", "first_v", "last_v")

    def __init__(self, rr: list[str], rn: list[str], vr: list[str], vn: list[str], opts: DiffOptions) -> None:
        self.rr, self.rn, self.vr, self.vn, self.opts = rr, rn, vr, vn, opts
        self.edits: list[Edit] = []
        # First and last word positions: a change before the first or after the last word is at an edge.
        # Only needed for a few regions, so computed on first use (-2: not yet).
        self.first_r = self.last_r = self.first_v = self.last_v = -2

    def _ends(self) -> None:
        self.first_r, self.last_r = _first_word(self.rn), _last_word(self.rn)
        self.first_v, self.last_v = _first_word(self.vn), _last_word(self.vn)

    def at_edge(self, a: int, b: int, c: int, d: int) -> bool:
        """The change lies before the first word or after the last word of both quotes."""
        if self.first_r == -2:
            self._ends()
        return (a <= self.first_r and c <= self.first_v) or (b > self.last_r and d > self.last_v)

    def add(self, kind: str, a: int, b: int, c: int, d: int, critical: bool = False) -> None:
        self.edits.append(
            Edit(kind, EDIT_SEVERITY[kind], joined(self.rr[a:b]), joined(self.vr[c:d]), a, b, c, d, critical)
        )

    # equal keys, different text
    def surface(self, i1: int, i2: int, j1: int, j2: int) -> None:
        rr, vr, rn = self.rr, self.vr, self.rn
        pending: tuple[str, int, int] | None = None  # kind, start offset, end offset (relative)
        for k in range(i2 - i1):
            a = rr[i1 + k].lstrip()
            b = vr[j1 + k].lstrip()
            if a == b:
                continue
            kind = _surface_kind(a, b, rn[i1 + k])
            if pending is not None and pending[0] == kind and pending[2] == k:
                pending = (kind, pending[1], k + 1)
                continue
            if pending is not None:
                self.add(pending[0], i1 + pending[1], i1 + pending[2], j1 + pending[1], j1 + pending[2])
            pending = (kind, k, k + 1)
        if pending is not None:
            self.add(pending[0], i1 + pending[1], i1 + pending[2], j1 + pending[1], j1 + pending[2])

    # a run of non-equal opcodes
    def region(self, a: int, b: int, c: int, d: int) -> None:
        vn = self.vn
        if _MARKERS.isdisjoint(vn[c:d]):
            ref_marks = _MARKERS.intersection(self.rn[a:b])
            if ref_marks == {"..."}:
                self.cut_reference(a, b, c, d)
                return
            if ref_marks:
                # The reference carries the marker (an edited reference) and the variant the fuller wording:
                # the difference is still the editor's mark, not the speaker's words.
                self.add("sic" if "sic" in ref_marks else "bracketed", a, b, c, d)
                return
            self.plain(a, b, c, d)
            return
        markers = [k for k in range(c, d) if vn[k] in _MARKERS]
        if _MARKERS.isdisjoint(self.rn[a:b]):
            self.marked(a, b, c, d, markers)
        else:
            self.plain(a, b, c, d)

    def cut_reference(self, a: int, b: int, c: int, d: int) -> None:
        """The reference has an ellipsis where the variant has words: seen from the reader of the reference, the
        variant carries more of the statement (an extension of scope), not a cut of its own. Reference words
        beside the ellipsis are paired with the variant's words at the same end; at an end of both quotes and
        with no word in common they were simply not quoted by the variant (a truncation)."""
        rn = self.rn
        k = next(i for i in range(a, b) if rn[i] == "...")
        k1, k2 = k, k + 1
        # Punctuation next to the ellipsis belongs to the cut (", …").
        while k1 > a and not is_word_norm(rn[k1 - 1]):
            k1 -= 1
        while k2 < b and not is_word_norm(rn[k2]):
            k2 += 1
        if self.first_r == -2:
            self._ends()
        shared = set(words_of(self.vn[c:d]))

        def unquoted(x: int, y: int) -> bool:  # under half of these reference words appear in the variant
            words = set(words_of(rn[x:y]))
            return 2 * len(words & shared) < len(words)

        lo, hi = c, d
        if k1 > a:
            if a <= self.first_r and c <= self.first_v and unquoted(a, k1):
                self.add("truncation", a, k1, c, c)
            else:
                take = min(k1 - a, hi - lo)
                self.plain(a, k1, lo, lo + take)
                lo += take
        tail: tuple[int, int, int, int] | None = None  # reference words after the ellipsis and their pair
        if k2 < b:
            if b > self.last_r and d > self.last_v and unquoted(k2, b):
                tail = (k2, b, hi, hi)
            else:
                take = min(b - k2, hi - lo)
                tail = (k2, b, hi - take, hi)
                hi -= take
        # Nothing in place of the ellipsis: the variant joins the same words without the mark.
        self.add("extension" if lo < hi else "ellipsis", k1, k2, lo, hi)
        if tail is not None and tail[2] == tail[3]:
            self.add("truncation", *tail)
        elif tail is not None:
            self.plain(*tail)

    def marked(self, a: int, b: int, c: int, d: int, markers: list[int]) -> None:
        """A region holding an ellipsis, brackets or "sic": the marked part is editorial; words outside the
        marked part are paired with the reference's words at the same end and classified as plain changes."""
        vn, vr = self.vn, self.vr
        m1, m2 = markers[0], markers[-1] + 1
        # A bracket group takes the word fragments glued to it: "[T]he", "Don[ald Lu]".
        while m1 > c and is_word_norm(vn[m1 - 1]) and not vr[m1][:1].isspace() and vn[m1] == "[":
            m1 -= 1
        while m2 < d and is_word_norm(vn[m2]) and not vr[m2][:1].isspace() and vn[m2 - 1] == "]":
            m2 += 1
        # "(sic)" and "[sic]" take their brackets.
        if vn[m1] == "sic" and m1 > c and vn[m1 - 1] in ("(", "[") and m2 < d and vn[m2] in (")", "]"):
            m1, m2 = m1 - 1, m2 + 1
        # Punctuation next to an ellipsis belongs to the cut (", …").
        while m1 > c and not is_word_norm(vn[m1 - 1]) and vn[m1] == "...":
            m1 -= 1
        while m2 < d and not is_word_norm(vn[m2]) and vn[m2 - 1] == "...":
            m2 += 1
        pre = m1 - c
        post = d - m2
        ref_len = b - a
        take_pre = min(pre, ref_len)
        take_post = min(post, ref_len - take_pre)
        if pre:
            self.plain(a, a + take_pre, c, m1)
        marked = vn[m1:m2]
        if "..." in marked:
            kind = "ellipsis"
        elif "sic" in marked and all(n in _SIC_TOKENS for n in marked):
            kind = "sic"
        else:
            kind = "bracketed"
        ma, mb = a + take_pre, b - take_post
        glued = vn[m1] != "[" or vn[m2 - 1] != "]"  # word letters outside the brackets: "[I]f", "Don[ald]"
        if kind == "bracketed" and glued and not pre and not post:
            if self.first_r == -2:
                self._ends()
            # "[I]f the vote..." for "I think if the vote...": the group renders one or two words;
            # reference words beyond those, at an end of the quote, were cut, not replaced.
            rendered = len("".join(vr[m1:m2]).split())
            ref_words = [k for k in range(ma, mb) if is_word_norm(self.rn[k])]
            if len(ref_words) > rendered:
                if ma <= self.first_r and m1 <= self.first_v:
                    cut = ref_words[len(ref_words) - rendered]
                    self.add("truncation", ma, cut, m1, m1)
                    ma = cut
                elif mb > self.last_r and m2 > self.last_v:
                    cut = ref_words[rendered - 1] + 1
                    self.add(kind, ma, cut, m1, m2)
                    self.add("truncation", cut, mb, m2, m2)
                    return
        self.add(kind, ma, mb, m1, m2)
        if post:
            self.plain(b - take_post, b, m2, d)

    def plain(self, a: int, b: int, c: int, d: int) -> None:
        """An unmarked change: cosmetic if the words agree under folding, scope at the edges, else
        substantive."""
        if a == b and c == d:
            return
        rn, vn = self.rn, self.vn
        rw = words_of(rn[a:b])
        vw = words_of(vn[c:d])
        if rw == vw:
            self.add(_punct_kind(rn[a:b], vn[c:d]), a, b, c, d)
            return
        fold = self.opts.fold_spelling
        # A side without words can still be cosmetic: "and" -> "&", "per cent" -> "%".
        if len(rw) == 1 and len(vw) == 1 and not (_may_fold(rw[0]) or _may_fold(vw[0])):
            rc = [] if not fold or spelling_of(rw[0]) != spelling_of(vw[0]) else [spelling_of(rw[0])]
            if rc:
                self.add("spelling", a, b, c, d)
                return
        elif (rw and vw) or "%" in vn[c:d] or "&" in vn[c:d] or "%" in rn[a:b] or "&" in rn[a:b]:
            rc = canonical_words(rn[a:b], fold)
        else:
            rc = []
        if rc and canonical_equal(rc, canonical_words(vn[c:d], fold)):
            # equal without spelling folding too: the difference was an abbreviation, number or contraction
            same = not fold or canonical_equal(canonical_words(rn[a:b], False), canonical_words(vn[c:d], False))
            self.add("abbreviation" if same else "spelling", a, b, c, d)
            return
        if not vw:
            if self.at_edge(a, b, c, d) and self.first_v >= 0:
                self.add("truncation", a, b, c, d)
            else:
                self.add("omission", a, b, c, d, is_critical_change(rw, vw))
            return
        if not rw:
            if self.at_edge(a, b, c, d) and self.first_r >= 0:
                self.add("extension", a, b, c, d)
            else:
                self.add("insertion", a, b, c, d, is_critical_change(rw, vw))
            return
        if "".join(rw).replace("-", "") == "".join(vw).replace("-", ""):
            self.add("spacing", a, b, c, d)
            return
        if is_acronym(vw, rw) or is_acronym(rw, vw):
            self.add("abbreviation", a, b, c, d)
            return
        if len(rw) == 1 and len(vw) == 1:
            # "working" -> "hard-working": a word added to (or cut from) a compound, not a new word
            if "-" in vw[0] and rw[0] in vw[0].split("-"):
                self.add("insertion", a, b, c, d, is_critical_change(rw, vw))
                return
            if "-" in rw[0] and vw[0] in rw[0].split("-"):
                self.add("omission", a, b, c, d, is_critical_change(rw, vw))
                return
        # Three words or more beyond the paired ones: a cut or an extension, not a rewording ("No one" for "Nobody").
        if abs(len(rw) - len(vw)) >= 3 and self.at_edge(a, b, c, d):
            self._edge_split(a, b, c, d, len(rw), len(vw))
            return
        if b - a == d - c and b - a > 1:
            self.pairwise(a, b, c, d)
            return
        if len(rw) > 1 and sorted(rw) == sorted(vw):
            self.add("reorder", a, b, c, d)
            return
        self.add("substitution", a, b, c, d, is_critical_change(rw, vw))

    def pairwise(self, a: int, b: int, c: int, d: int) -> None:
        """Same number of tokens on both sides: classify each pair, so "colour will" -> "color would" is a
        spelling change and a substitution, not one substitution of two words."""
        start = -1  # start offset of the current run of substantive pairs
        for k in range(b - a + 1):
            cosmetic = False
            if k < b - a:
                x, y = self.rn[a + k], self.vn[c + k]
                wx, wy = is_word_norm(x), is_word_norm(y)
                cosmetic = x == y or (not wx and not wy) or (wx and wy and self._fold_equal(x, y))
            if not cosmetic or k == b - a:
                if k < b - a and start < 0:
                    start = k
                if k < b - a:
                    continue
            if start >= 0:
                self.plain_single(a + start, a + k, c + start, c + k)
                start = -1
            if k < b - a:
                self.plain(a + k, a + k + 1, c + k, c + k + 1)

    def _edge_split(self, a: int, b: int, c: int, d: int, ref_words: int, var_words: int) -> None:
        """A fragment whose first (last) word is changed: "would stay where they are" for "... rates will stay
        where they are". Only the words next to the kept part are replaced; the rest of the longer side was cut
        (or added), which is scope, not a substitution of five words by one."""
        leading = a <= self.first_r and c <= self.first_v
        if ref_words > var_words:
            idx = [k for k in range(a, b) if is_word_norm(self.rn[k])]
            if leading:
                split = idx[ref_words - var_words]
                self.add("truncation", a, split, c, c)
                self.plain(split, b, c, d)
            else:
                split = idx[var_words - 1] + 1
                self.plain(a, split, c, d)
                self.add("truncation", split, b, d, d)
            return
        idx = [k for k in range(c, d) if is_word_norm(self.vn[k])]
        if leading:
            split = idx[var_words - ref_words]
            self.add("extension", a, a, c, split)
            self.plain(a, b, split, d)
        else:
            split = idx[ref_words - 1] + 1
            self.plain(a, b, c, split)
            self.add("extension", b, b, split, d)

    def plain_single(self, a: int, b: int, c: int, d: int) -> None:
        rw = words_of(self.rn[a:b])
        vw = words_of(self.vn[c:d])
        if len(rw) > 1 and sorted(rw) == sorted(vw):
            self.add("reorder", a, b, c, d)
        elif not rw or not vw:
            self.plain(a, b, c, d)
        else:
            self.add("substitution", a, b, c, d, is_critical_change(rw, vw))

    def _fold_equal(self, x: str, y: str) -> bool:
        if self.opts.fold_spelling and spelling_of(x) == spelling_of(y):
            return True
        if not (_may_fold(x) or _may_fold(y)):
            return False  # the common case, two plain different words: skip the full canonical form
        return canonical_equal(
            canonical_words([x], self.opts.fold_spelling), canonical_words([y], self.opts.fold_spelling)
        )


def _may_fold(word: str) -> bool:
    """Whether a word could have another form under abbreviation, number or contraction folding."""
    return "'" in word or word in ABBREVIATION_FIRST_WORDS or word in NUMBER_WORDS or word[:1].isdigit()


_MARKERS = frozenset(("...", "[", "]", "sic"))


_SIC_TOKENS = frozenset(("sic", "[", "]", "(", ")", ".", "!"))


def _first_word(norms: Sequence[str]) -> int:
    for i, n in enumerate(norms):
        if is_word_norm(n):
            return i
    return -1


def _last_word(norms: Sequence[str]) -> int:
    for i in range(len(norms) - 1, -1, -1):
        if is_word_norm(norms[i]):
            return i
    return -1


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "´": "'", "`": "'", "‐": "-", "‑": "-"})


def _surface_kind(a: str, b: str, norm: str) -> str:
    """The cosmetic kind of two texts with the same key."""
    if norm == "":
        return "quote_marks"
    if norm == "..." or norm == "-":
        return "typography"
    if ("." in a) != ("." in b) or ("," in a) != ("," in b):
        return "abbreviation"  # "U.S."/"US", "3,000"/"3000"
    if a.translate(_APOSTROPHES) == b.translate(_APOSTROPHES):
        return "typography"
    return "case"


def _punct_kind(rn: Sequence[str], vn: Sequence[str]) -> str:
    """A change that touches no word: quote marks, dashes, or other punctuation."""
    rp = [n for n in rn if not is_word_norm(n)]
    vp = [n for n in vn if not is_word_norm(n)]
    if all(n == "" for n in rp) and all(n == "" for n in vp):
        return "quote_marks"
    if rp == vp:  # same keys, different tokenisation or spacing ("..." vs ". . .", "--" vs "—")
        return "typography"
    if len(rn) == len(vn) and all(x == y or not x or not y for x, y in zip(rn, vn, strict=True)):
        return "quote_marks"
    return "punctuation"


def words_of(norms: Iterable[str]) -> list[str]:
    return list(filterfalse(NON_WORDS.__contains__, norms))


def joined(pieces: Sequence[str]) -> str:
    """An edit's text as written, runs of whitespace (line breaks in the source) collapsed to one space."""
    text = "".join(pieces).strip()
    return " ".join(text.split()) if "\n" in text or "  " in text or "\t" in text else text
