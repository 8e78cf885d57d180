"""Tokens and matching keys: the only place quote text is normalised.

One compiled regex pass splits a quote into words, numbers, abbreviations, ellipses, brackets, quote
marks, dashes and other punctuation, each with offsets into the original text and a matching key
(``norm``). Keys fold what outlets change without changing what was said: case, curly/straight
apostrophes, dash style, "U.S."/"US", "3,000"/"3000", "..."/"…". Diacritics are kept ("café" and "cafe"
differ): outlets rarely drop them, and folding them would merge different words in names. US/UK spelling
is a separate, looser key (:func:`spelling_key`) used only when two differing words are compared, never
for alignment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import filterfalse

from quotediff.model import Token

# One token with the whitespace before it. Every non-space character falls in some alternative, so the pieces
# tile the text: offsets are running sums of lengths, and "".join(pieces) is the text without trailing space.
# Order matters: abbreviations ("U.S.") and numbers ("3,000", "2.5") before words; spaced ellipses before dots.
_W = r"[\w\u0300-\u036f]"  # a word character, or a combining accent so a decomposed "é" stays in its word
_PIECE_RE = re.compile(
    rf"""\s*(?:
        (?:[^\W\d_]\.){{2,}}
       |\d+(?:[.,:]\d+)*(?:[^\W\d_]+)?(?![\-‐‑'’]?{_W})
       |{_W}+(?:[\-‐‑'’]{_W}+)*
       |\.[ \u00a0]?\.[ \u00a0]?\.
       |[\-‐‑‒–—―−]+
       |[^\s\w]
    )""",
    re.VERBOSE,
)

# One-to-one character folds (apostrophes, hyphens); dashes between words get one key by class below.
_FOLD = str.maketrans({"’": "'", "‘": "'", "‛": "'", "´": "'", "`": "'", "‐": "-", "‑": "-", "\u00a0": " "})
_DASHES = frozenset("-‐‑‒–—―−")
QUOTE_MARKS = frozenset("\"“”„‟«»‹›‘’‚‛'`´")
_NUM_RE = re.compile(r"\d+(?:[.,:]\d+)*(?:[^\W\d_]+)?")


def is_word_norm(norm: str) -> bool:
    """Whether a key belongs to a word (letters, digits), not punctuation, a quote mark or an ellipsis."""
    first = norm[:1]
    return first.isalnum() or first == "_" or "\u0300" <= first <= "\u036f"


def _make_norm(piece: str) -> str:
    """The matching key of one token (given with or without its leading whitespace)."""
    t = piece.lstrip()
    if t in QUOTE_MARKS:
        return ""
    if t == "…" or (len(t) > 1 and t[0] == "."):
        return "..."
    if t[0] in _DASHES and all(c in _DASHES for c in t):
        return "-"
    f = t.casefold().translate(_FOLD)
    if len(t) > 2 and t[-1] == "." and t[0].isalpha():  # "U.S." -> "us", so "US" matches it
        return f.replace(".", "")
    if t[0].isdigit() and "," in t and _NUM_RE.fullmatch(t):  # "3,000" -> "3000"
        return f.replace(",", "")
    return f


# Caches shared by every call: quotes reuse a small vocabulary, so most keys are one dict lookup away.
_NORMS: dict[str, str] = {}
# Keys of non-word tokens seen so far; the diff filters words with this set (a lookup in C) instead of testing
# each key's first character in Python.
NON_WORDS: set[str] = {"", "...", "-", ",", ".", ";", ":", "!", "?", "(", ")", "[", "]", "%", "&", "/"}


def _cache_norm(piece: str) -> str:
    norm = _make_norm(piece)
    if len(_NORMS) < 200_000:
        _NORMS[piece] = norm
    if not is_word_norm(norm):
        NON_WORDS.add(norm)
    return norm


_SENTENCE_PUNCT = frozenset(",.;:!?")


def _split_pieces(text: str) -> list[str]:
    """The regex's pieces, mostly without the regex: most space-separated chunks are one word, or a word and a
    comma or full stop, and str methods check that faster than the regex engine matches it (~10 vs ~13 us for
    a 40-word quote). A property test checks that the result equals the regex's."""
    findall = _PIECE_RE.findall
    if ". ." in text:  # a spaced ellipsis spans chunks
        return findall(text)
    pieces: list[str] = []
    append = pieces.append
    punct = _SENTENCE_PUNCT
    for chunk in text.split(" "):  # every piece gets its space back; the first one's is removed at the end
        if chunk.isalnum():
            append(" " + chunk)
        elif not chunk or chunk[-1].isspace():
            return findall(text)  # runs of spaces, trailing newlines: let the regex keep every character
        elif chunk[-1] in punct and chunk[:-1].isalnum():
            append(" " + chunk[:-1])
            append(chunk[-1])
        else:
            sub = findall(chunk)
            sub[0] = " " + sub[0]
            pieces += sub
    pieces[0] = pieces[0][1:]
    return pieces


def raw_tokens(text: str) -> tuple[list[str], list[str]]:
    """Tokens with their leading whitespace, and their keys: the form the diff works on.

    Building ~50 frozen Token dataclasses per quote costs more than aligning two quotes, so the diff's hot
    path stays with these two plain lists; :func:`tokenize` builds Tokens from the same pieces.
    """
    pieces = _split_pieces(text)
    norms: list[str] = list(map(_NORMS.get, pieces))  # type: ignore[arg-type]
    if None in norms:  # pieces not seen before
        norms = [_cache_norm(p) if n is None else n for p, n in zip(pieces, norms, strict=True)]
    return pieces, norms


class Tokens(tuple[Token, ...]):
    """The tokens of one text: a plain tuple of :class:`Token` that also keeps the pieces and keys it was built
    from, so diffing the same quote against many others does not rebuild them (slices are plain tuples)."""

    pieces: list[str]
    norms: list[str]


def tokenize(text: str) -> tuple[Token, ...]:
    """Split a quote into tokens with offsets into ``text`` and matching keys."""
    pieces, norms = raw_tokens(text)
    out = []
    pos = 0
    for piece, norm in zip(pieces, norms, strict=True):
        end = pos + len(piece)
        word = piece.lstrip()
        out.append(Token(word, end - len(word), end, norm, is_word_norm(norm)))
        pos = end
    tokens = Tokens(out)
    tokens.pieces = pieces
    tokens.norms = norms
    return tokens


def word_norms(tokens: Sequence[Token]) -> tuple[str, ...]:
    """The matching keys of the word tokens, in order (punctuation and quote marks dropped)."""
    return tuple(t.norm for t in tokens if t.is_word)


_SIC_RE = re.compile(r"[\[(]\s*sic\s*[\])]", re.IGNORECASE)


def match_key(text: str) -> str:
    """The normalised words joined by single spaces: equal keys mean the same wording, for grouping.

    Square brackets are dropped first so an editor's "[T]he" or "Don[ald Lu]" reads as the words it stands
    for, and "[sic]" / "(sic)" marks are removed: neither is the speaker's wording.
    """
    if "[" in text or "(" in text:
        text = _SIC_RE.sub(" ", text).replace("[", "").replace("]", "")
    _, norms = raw_tokens(text)
    return " ".join(filterfalse(NON_WORDS.__contains__, norms))


# --- US/UK spelling -----------------------------------------------------------------------------------------

# Whole-word pairs the suffix rules below do not cover. Keys are UK forms, values US forms.
_SPELLING_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "judgement": "judgment",
    "judgements": "judgments",
    "grey": "gray",
    "aluminium": "aluminum",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "ageing": "aging",
    "plough": "plow",
    "cheque": "check",
    "cheques": "checks",
    "tyre": "tire",
    "tyres": "tires",
    "kerb": "curb",
    "pyjamas": "pajamas",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "skilful": "skillful",
    "wilful": "willful",
    "acknowledgement": "acknowledgment",
    "mould": "mold",
    "moult": "molt",
    "smoulder": "smolder",
    "storey": "story",
    "draught": "draft",
    "jewellery": "jewelry",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "learnt": "learned",
    "spelt": "spelled",
    "dreamt": "dreamed",
    "licence": "license",
    "practise": "practice",
    "practised": "practiced",
}

# Suffix rules, each applied once, UK -> US. The stem must be long enough that short words never fold into
# other words ("four" must not become "for", "rise" must not become "rize").
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\w*[^aeiou\W])(?:ae|oe)(\w{2,})$"), r"\1e\2"),
    (re.compile(r"^(\w{3,})is(ation|ations|e|es|ed|ing|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{2,})our(s|ed|ing|ful|able|ably|ite|ites|er|ers|ism|ist|less)?$"), r"\1or\2"),
    (re.compile(r"^(\w{2,}[^aeiou\W])re(s)?$"), r"\1er\2"),
    (re.compile(r"^(\w{2,}[aeiou])ll(ed|ing|er|ers|ation)$"), r"\1l\2"),
    (re.compile(r"^(\w{2,})ence(s)?$"), r"\1ense\2"),
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),
)


def spelling_key(norm: str) -> str:
    """A key that folds British and American spellings of one word together ("colour" and "color").

    Only used to compare two words that already differ, so an over-eager fold can at worst call a substitution
    a spelling change between two spellings; the stems are long enough that common words stay apart.
    """
    key = _SPELLING_WORDS.get(norm)
    if key is not None:
        return key
    for pattern, repl in _SPELLING_RULES:
        new = pattern.sub(repl, norm)
        if new != norm:
            norm = new
    return norm


# Words too common to make a short fragment distinctive on their own: "I think it will be" is no quotation.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with as is are was were be been being it its this that
    these those there here i we you he she they me us him her them my our your his their not no so do does did
    have has had will would can could should may might must shall what which who whom whose when where why how
    all any some such than then too very just also only even about into over out up down again more most""".split()
)
