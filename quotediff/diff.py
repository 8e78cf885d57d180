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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, filterfalse

from rapidfuzz.distance import Indel, Levenshtein

from quotediff.model import EDIT_SEVERITY, Edit, TextDiff, Token
from quotediff.normalize import NON_WORDS, Tokens, is_word_norm, raw_tokens, spelling_key

__all__ = ["DiffOptions", "apply_edits", "diff_text", "diff_tokens", "locate", "raw_tokens"]


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How edits are weighed into a fidelity score (0..1, 1.0 = verbatim).

    Each edit subtracts a penalty. The weights encode what a reader of a quotation should care about:

    * cosmetic edits (case, punctuation, spelling...) do not change what was said: a token penalty, so a
      quote with only cosmetic changes still scores ~0.99;
    * editorial edits are changes the outlet *marked*: the reader is told something was cut or supplied, so
      they cost a little, an ellipsis more the more words it hides;
    * substantive edits are unmarked changes to the words: a base cost plus a share proportional to the
      fraction of the quote's words touched; a critical one (negation or number changed) costs much more,
      because it can invert the meaning;
    * truncation costs nothing: quoting a faithful fragment is normal practice, and the verdict ("fragment")
      says so; an extension (words added beyond the reference's ends) costs a little, it may be context from
      a fuller source or words put in the speaker's mouth.
    """

    cosmetic: float = 0.005
    ellipsis: float = 0.02
    ellipsis_per_word: float = 0.3  # times the share of the reference's words the ellipsis hides
    bracketed: float = 0.03
    sic: float = 0.01
    substantive: float = 0.08
    substantive_per_word: float = 0.7  # times the share of words changed
    critical: float = 0.35
    extension: float = 0.02
    # Fold US/UK spelling ("colour"/"color") into a cosmetic "spelling" edit instead of a substitution.
    fold_spelling: bool = True


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


def _words(norms: Iterable[str]) -> list[str]:
    return list(filterfalse(NON_WORDS.__contains__, norms))


def _text(pieces: Sequence[str]) -> str:
    """An edit's text as written, runs of whitespace (line breaks in the source) collapsed to one space."""
    text = "".join(pieces).strip()
    return " ".join(text.split()) if "\n" in text or "  " in text or "\t" in text else text


# --- lexical tables -----------------------------------------------------------------------------------------

_NEGATIONS = frozenset(
    "not no never nothing nobody none neither nor nowhere cannot without noone no-one nevermore".split()
)
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update(
    {
        "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
        "ninety": "90", "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
        "dozen": "12", "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
        "half": "0.5",
        # plurals: "hundreds of thousands" for "tens of thousands" is a number change
        "tens": "10s", "dozens": "12s", "hundreds": "100s", "thousands": "1000s", "millions": "1e6s",
        "billions": "1e9s",
    }
)  # fmt: skip
# Unit suffixes: "$2bn" is "$2 billion".
_UNIT_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)(bn|m|k|tn)$")
_UNIT_WORDS = {"bn": "1000000000", "m": "1000000", "k": "1000", "tn": "1000000000000"}
# Multi-word and abbreviated forms that name the same thing; keys are word-key sequences, values one canonical
# key. Kept small on purpose: only forms outlets swap for house style, never near-synonyms ("Britain" is not
# "the United Kingdom" to a careful editor, so it is not here).
_ABBREVIATIONS: dict[tuple[str, ...], str] = {
    ("us",): "=us",
    ("united", "states"): "=us",
    ("usa",): "=us",
    ("united", "states", "of", "america"): "=us",
    ("uk",): "=uk",
    ("united", "kingdom"): "=uk",
    ("un",): "=un",
    ("united", "nations"): "=un",
    ("eu",): "=eu",
    ("european", "union"): "=eu",
    ("per", "cent"): "=pct",
    ("percent",): "=pct",
    ("%",): "=pct",
    ("pc",): "=pct",
    ("mr",): "=mr",
    ("mister",): "=mr",
    ("mrs",): "=mrs",
    ("dr",): "=dr",
    ("doctor",): "=dr",
    ("govt",): "=govt",
    ("government",): "=govt",
    ("&",): "=and",
    ("and",): "=and",
    ("pm",): "=pm",
    ("prime", "minister"): "=pm",
    ("ok",): "=ok",
    ("okay",): "=ok",
    ("tv",): "=tv",
    ("television",): "=tv",
    ("st",): "=st",
    ("saint",): "=st",
    ("aug",): "=aug",
    ("august",): "=aug",
    ("sept",): "=sep",
    ("sep",): "=sep",
    ("september",): "=sep",
    ("jan",): "=jan",
    ("january",): "=jan",
    ("feb",): "=feb",
    ("february",): "=feb",
    ("dec",): "=dec",
    ("december",): "=dec",
    ("nov",): "=nov",
    ("november",): "=nov",
    ("oct",): "=oct",
    ("october",): "=oct",
}
_ABBR_FIRST = {k[0] for k in _ABBREVIATIONS}
_MAX_ABBR = max(len(k) for k in _ABBREVIATIONS)


_SPELLING_CACHE: dict[str, str] = {}


def _spelling(word: str) -> str:
    key = _SPELLING_CACHE.get(word)
    if key is None:
        key = spelling_key(word)
        if len(_SPELLING_CACHE) < 100_000:
            _SPELLING_CACHE[word] = key
    return key


def _canon(norms: Sequence[str], fold_spelling: bool) -> list[str]:
    """Word keys with contractions expanded and abbreviations, number words and (optionally) US/UK
    spelling folded: two sides with equal canonical keys say the same thing."""
    words: list[str] = []
    for key in norms:
        if "'" in key:
            expanded = _expand_contraction(key)
            if expanded is not None:
                words.extend(expanded)
                continue
        if key[:1].isdigit() and key[-1:].isalpha():
            unit = _UNIT_SUFFIX.match(key)
            if unit is not None:
                words.extend((unit.group(1), _UNIT_WORDS[unit.group(2)]))
                continue
        if key == "%" or key == "&" or _is_word(key):
            words.append(key)
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w in _ABBR_FIRST:
            for size in range(min(_MAX_ABBR, n - i), 0, -1):
                canon = _ABBREVIATIONS.get(tuple(words[i : i + size]))
                if canon is not None:
                    out.append(canon)
                    i += size
                    break
            else:
                out.append(_spelling(w) if fold_spelling else w)
                i += 1
            continue
        num = _NUMBER_WORDS.get(w)
        if num is not None:
            out.append(num)
        elif fold_spelling:
            out.append(_spelling(w))
        else:
            out.append(w)
        i += 1
    return out


# Contractions outlets expand or contract for house style ("didn't"/"did not"). "'s" after a pronoun can be
# "is" or "has", so it becomes a wildcard key that _canon_equal matches with either.
_CONTRACTION_SUFFIXES = (
    ("n't", "not"),
    ("'m", "am"),
    ("'re", "are"),
    ("'ll", "will"),
    ("'ve", "have"),
    ("'d", "would"),
    ("'s", "=is|has"),
)
_IRREGULAR_NEGATIVES = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "cannot": ("can", "not"),
}
_S_PRONOUNS = frozenset("it he she that there what who here where how".split())


def _expand_contraction(word: str) -> tuple[str, ...] | None:
    irregular = _IRREGULAR_NEGATIVES.get(word)
    if irregular is not None:
        return irregular
    for suffix, full in _CONTRACTION_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            if suffix == "'s" and stem not in _S_PRONOUNS:
                return None  # a possessive ("Khan's")
            return stem, full
    return None


def _canon_equal(x: list[str], y: list[str]) -> bool:
    if x == y:
        return True
    if len(x) != len(y):
        return False
    for a, b in zip(x, y, strict=True):
        if a != b and not (a == "=is|has" and b in ("is", "has")) and not (b == "=is|has" and a in ("is", "has")):
            return False
    return True


_ACRONYM_SKIP = frozenset(("of", "the", "and", "for", "&"))


def _is_acronym(short: list[str], long: list[str]) -> bool:
    """ "NHS" for "National Health Service": one token of letters, the initials of the other side's words."""
    if len(short) != 1 or len(long) < 2 or not short[0].isalpha():
        return False
    initials = "".join(w[0] for w in long)
    return short[0] == initials or short[0] == "".join(w[0] for w in long if w not in _ACRONYM_SKIP)


def _negations(words: Sequence[str]) -> list[str]:
    return sorted(w for w in words if w in _NEGATIONS or w.endswith("n't"))


def _numbers(words: Sequence[str]) -> list[str]:
    return sorted(_NUMBER_WORDS.get(w, w) for w in words if w[:1].isdigit() or w in _NUMBER_WORDS)


_CRITICAL_WORDS = _NEGATIONS | frozenset(_NUMBER_WORDS)
_WEAK_NUMBERS = frozenset(("one", "half", "first", "second"))


def _critical(ref_words: Sequence[str], var_words: Sequence[str]) -> bool:
    """A negation was added or removed, or a number changed, between the two sides of a change.

    Counting negations (not comparing them) keeps "will not" -> "will never" non-critical: the polarity holds.
    """
    if not any(w in _CRITICAL_WORDS or w[:1].isdigit() or w.endswith("n't") for w in chain(ref_words, var_words)):
        return False  # the common case: nothing that could be critical on either side
    if len(_negations(ref_words)) != len(_negations(var_words)):
        return True
    ref_numbers, var_numbers = _numbers(ref_words), _numbers(var_words)
    if ref_numbers == var_numbers:
        return False
    # "one", "half", "first", "second" are numbers only sometimes ("no one", "cut in half"): their coming or
    # going alone is not a number change; a changed number on both sides is.
    if ref_numbers and var_numbers:
        return True
    strong_ref = _numbers([w for w in ref_words if w not in _WEAK_NUMBERS])
    return strong_ref != _numbers([w for w in var_words if w not in _WEAK_NUMBERS])


# --- the diff -----------------------------------------------------------------------------------------------

_Op = tuple[str, int, int, int, int]


class _Builder:
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
            Edit(kind, EDIT_SEVERITY[kind], _text(self.rr[a:b]), _text(self.vr[c:d]), a, b, c, d, critical)
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
            if ref_marks:
                # The reference carries the marker (a shortened or edited reference) and the variant the
                # fuller wording: the difference is still the editor's mark, not the speaker's words.
                kind = "ellipsis" if "..." in ref_marks else "sic" if "sic" in ref_marks else "bracketed"
                self.add(kind, a, b, c, d)
                return
            self.plain(a, b, c, d)
            return
        markers = [k for k in range(c, d) if vn[k] in _MARKERS]
        if _MARKERS.isdisjoint(self.rn[a:b]):
            self.marked(a, b, c, d, markers)
        else:
            self.plain(a, b, c, d)

    def marked(self, a: int, b: int, c: int, d: int, markers: list[int]) -> None:
        """A region holding an ellipsis, brackets or "sic": the marked part is editorial; words outside the
        marked part are paired with the reference's words at the same end and classified as plain changes."""
        vn, vr = self.vn, self.vr
        m1, m2 = markers[0], markers[-1] + 1
        # A bracket group takes the word fragments glued to it: "[T]he", "Don[ald Lu]".
        while m1 > c and _is_word(vn[m1 - 1]) and not vr[m1][:1].isspace() and vn[m1] == "[":
            m1 -= 1
        while m2 < d and _is_word(vn[m2]) and not vr[m2][:1].isspace() and vn[m2 - 1] == "]":
            m2 += 1
        # "(sic)" and "[sic]" take their brackets.
        if vn[m1] == "sic" and m1 > c and vn[m1 - 1] in ("(", "[") and m2 < d and vn[m2] in (")", "]"):
            m1, m2 = m1 - 1, m2 + 1
        # Punctuation next to an ellipsis belongs to the cut (", …").
        while m1 > c and not _is_word(vn[m1 - 1]) and vn[m1] == "...":
            m1 -= 1
        while m2 < d and not _is_word(vn[m2]) and vn[m2 - 1] == "...":
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
            ref_words = [k for k in range(ma, mb) if _is_word(self.rn[k])]
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
        rw = _words(rn[a:b])
        vw = _words(vn[c:d])
        if rw == vw:
            self.add(_punct_kind(rn[a:b], vn[c:d]), a, b, c, d)
            return
        fold = self.opts.fold_spelling
        # A side without words can still be cosmetic: "and" -> "&", "per cent" -> "%".
        if len(rw) == 1 and len(vw) == 1 and not (_may_fold(rw[0]) or _may_fold(vw[0])):
            rc = [] if not fold or _spelling(rw[0]) != _spelling(vw[0]) else [_spelling(rw[0])]
            if rc:
                self.add("spelling", a, b, c, d)
                return
        elif (rw and vw) or "%" in vn[c:d] or "&" in vn[c:d] or "%" in rn[a:b] or "&" in rn[a:b]:
            rc = _canon(rn[a:b], fold)
        else:
            rc = []
        if rc and _canon_equal(rc, _canon(vn[c:d], fold)):
            # equal without spelling folding too: the difference was an abbreviation, number or contraction
            same = not fold or _canon_equal(_canon(rn[a:b], False), _canon(vn[c:d], False))
            self.add("abbreviation" if same else "spelling", a, b, c, d)
            return
        if not vw:
            if self.at_edge(a, b, c, d) and self.first_v >= 0:
                self.add("truncation", a, b, c, d)
            else:
                self.add("omission", a, b, c, d, _critical(rw, vw))
            return
        if not rw:
            if self.at_edge(a, b, c, d) and self.first_r >= 0:
                self.add("extension", a, b, c, d)
            else:
                self.add("insertion", a, b, c, d, _critical(rw, vw))
            return
        if "".join(rw).replace("-", "") == "".join(vw).replace("-", ""):
            self.add("spacing", a, b, c, d)
            return
        if _is_acronym(vw, rw) or _is_acronym(rw, vw):
            self.add("abbreviation", a, b, c, d)
            return
        if len(rw) == 1 and len(vw) == 1:
            # "working" -> "hard-working": a word added to (or cut from) a compound, not a new word
            if "-" in vw[0] and rw[0] in vw[0].split("-"):
                self.add("insertion", a, b, c, d, _critical(rw, vw))
                return
            if "-" in rw[0] and vw[0] in rw[0].split("-"):
                self.add("omission", a, b, c, d, _critical(rw, vw))
                return
        if b - a == d - c and b - a > 1:
            self.pairwise(a, b, c, d)
            return
        if len(rw) > 1 and sorted(rw) == sorted(vw):
            self.add("reorder", a, b, c, d)
            return
        self.add("substitution", a, b, c, d, _critical(rw, vw))

    def pairwise(self, a: int, b: int, c: int, d: int) -> None:
        """Same number of tokens on both sides: classify each pair, so "colour will" -> "color would" is a
        spelling change and a substitution, not one substitution of two words."""
        start = -1  # start offset of the current run of substantive pairs
        for k in range(b - a + 1):
            cosmetic = False
            if k < b - a:
                x, y = self.rn[a + k], self.vn[c + k]
                wx, wy = _is_word(x), _is_word(y)
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

    def plain_single(self, a: int, b: int, c: int, d: int) -> None:
        rw = _words(self.rn[a:b])
        vw = _words(self.vn[c:d])
        if len(rw) > 1 and sorted(rw) == sorted(vw):
            self.add("reorder", a, b, c, d)
        elif not rw or not vw:
            self.plain(a, b, c, d)
        else:
            self.add("substitution", a, b, c, d, _critical(rw, vw))

    def _fold_equal(self, x: str, y: str) -> bool:
        if self.opts.fold_spelling and _spelling(x) == _spelling(y):
            return True
        if not (_may_fold(x) or _may_fold(y)):
            return False  # the common case, two plain different words: skip the full canonical form
        return _canon_equal(_canon([x], self.opts.fold_spelling), _canon([y], self.opts.fold_spelling))


def _may_fold(word: str) -> bool:
    """Whether a word could have another form under abbreviation, number or contraction folding."""
    return "'" in word or word in _ABBR_FIRST or word in _NUMBER_WORDS or word[:1].isdigit()


_MARKERS = frozenset(("...", "[", "]", "sic"))
_SIC_TOKENS = frozenset(("sic", "[", "]", "(", ")", ".", "!"))


def _first_word(norms: Sequence[str]) -> int:
    for i, n in enumerate(norms):
        if _is_word(n):
            return i
    return -1


def _last_word(norms: Sequence[str]) -> int:
    for i in range(len(norms) - 1, -1, -1):
        if _is_word(norms[i]):
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
    rp = [n for n in rn if not _is_word(n)]
    vp = [n for n in vn if not _is_word(n)]
    if all(n == "" for n in rp) and all(n == "" for n in vp):
        return "quote_marks"
    if rp == vp:  # same keys, different tokenisation or spacing ("..." vs ". . .", "--" vs "—")
        return "typography"
    if len(rn) == len(vn) and all(x == y or not x or not y for x, y in zip(rn, vn, strict=True)):
        return "quote_marks"
    return "punctuation"


def _slide(ops: list[_Op], rn: list[str], vn: list[str]) -> list[_Op]:
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


def _align(rn: list[str], vn: list[str]) -> list[_Op]:
    ops: list[_Op] = Levenshtein.opcodes(rn, vn).as_list()  # type: ignore[assignment]  # plain tuples
    if len(ops) > 2:
        ops = _slide(ops, rn, vn)
    return ops


_VERBATIM = TextDiff(edits=(), similarity=1.0, fidelity=1.0, verdict="verbatim")


def _diff(rr: list[str], rn: list[str], vr: list[str], vn: list[str], opts: DiffOptions) -> TextDiff:
    if rn == vn:
        if rr == vr:
            return _VERBATIM
        ops: list[_Op] = [("equal", 0, len(rn), 0, len(vn))]
    else:
        ops = _align(rn, vn)
    b = _Builder(rr, rn, vr, vn, opts)
    start: _Op | None = None  # first op of the pending region
    end: _Op | None = None
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
        gw = sorted(_words(rn[out[g].ref_start : out[g].ref_end]))
        for a in added:
            if out[a].kind == "reorder":
                continue
            aw = sorted(_words(vn[out[a].var_start : out[a].var_end]))
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
                    _text(rr[x.ref_start : y.ref_end]),
                    _text(vr[x.var_start : y.var_end]),
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
    for e in edits:
        kind = e.kind
        sev = e.severity
        if sev == "cosmetic":
            penalty += opts.cosmetic
        elif kind == "truncation":
            fragment = True
            if e.ref_start <= lo or not _words(rn[lo : e.ref_start]):
                lo = max(lo, e.ref_end)
            else:
                hi = min(hi, e.ref_start)
        elif kind == "extension":
            extended = True
            penalty += opts.extension
            if e.var_start <= vlo or not _words(vn[vlo : e.var_start]):
                vlo = max(vlo, e.var_end)
            else:
                vhi = min(vhi, e.var_start)
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
    rw = _words(rn[lo:hi])
    vw = _words(vn[vlo:vhi])
    similarity = Indel.normalized_similarity(rw, vw) if rw or vw else 1.0
    span = max(len(rw), 1)
    for e in spans:
        if e.kind == "ellipsis":
            penalty += opts.ellipsis + opts.ellipsis_per_word * len(_words(rn[e.ref_start : e.ref_end])) / span
        else:
            touched = max(len(_words(rn[e.ref_start : e.ref_end])), len(_words(vn[e.var_start : e.var_end])))
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
    ops = _align(nk, hk[w0:w1])
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
