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

from quotediff.model import Token

# Token classes (small ints: the diff keeps them in parallel lists for speed).
WORD, NUMBER, ABBREV, ELLIPSIS, QUOTE, BRACKET, DASH, PUNCT = range(8)
WORD_KINDS = frozenset((WORD, NUMBER, ABBREV))

_W = r"[^\W_]"  # a letter or digit (\w without the underscore)
_WM = r"[^\W_]|[\u0300-\u036f]"  # ... or a combining accent, so decomposed "é" stays inside its word

# Order matters: ellipsis before punctuation, abbreviations ("U.S.") before words, numbers before words.
_TOKEN_RE = re.compile(
    rf"""
    (?P<ell>\.[ \u00a0]?\.[ \u00a0]?\.|…)
   |(?P<abbr>(?:[^\W\d_]\.){{2,}})
   |(?P<num>\d+(?:[.,:]\d+)*(?:[^\W\d_]+)?(?![\-‐‑'’]?(?:{_W})))
   |(?P<word>(?:{_WM})+(?:[\-‐‑'’](?:{_WM})+)*)
   |(?P<quote>["“”„‟«»‹›‘’‚‛'`´])
   |(?P<bracket>[\[\]\(\)\{{\}}])
   |(?P<dash>[\-‐‑‒–—―−]+)
   |(?P<punct>[^\s\w]|_)
    """,
    re.VERBOSE,
)
_GROUP_KIND = {
    "ell": ELLIPSIS,
    "abbr": ABBREV,
    "num": NUMBER,
    "word": WORD,
    "quote": QUOTE,
    "bracket": BRACKET,
    "dash": DASH,
    "punct": PUNCT,
}

# One-to-one character folds, so the folded text keeps the original's offsets.
_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "´": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
    }
)


def _norm(kind: int, folded: str) -> str:
    """The matching key of one token, given its case- and typography-folded text."""
    if kind == WORD:
        return folded
    if kind == NUMBER:
        return folded.replace(",", "") if "," in folded else folded
    if kind == ABBREV:
        return folded.replace(".", "")
    if kind == ELLIPSIS:
        return "..."
    if kind == QUOTE:
        return ""
    if kind == DASH:
        return "-"
    return folded


def scan(text: str) -> tuple[list[str], list[int], list[int], list[str], list[int]]:
    """Tokenise into parallel lists (texts, starts, ends, norms, kinds) without building Token objects.

    The diff's hot path uses this directly: building ~50 frozen dataclasses per quote costs more than
    aligning them.
    """
    folded = text.casefold().translate(_FOLD)
    same_offsets = len(folded) == len(text)
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    kinds: list[int] = []
    gk = _GROUP_KIND
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        kind = gk[m.lastgroup]  # type: ignore[index]
        texts.append(m.group())
        starts.append(s)
        ends.append(e)
        if same_offsets:
            f = folded[s:e]
        else:  # casefold changed the length ("ß" -> "ss"): fold this token alone
            f = m.group().casefold().translate(_FOLD)
        norms.append(f if kind == WORD else _norm(kind, f))
        kinds.append(kind)
    return texts, starts, ends, norms, kinds


def tokenize(text: str) -> tuple[Token, ...]:
    """Split a quote into tokens with offsets into ``text`` and matching keys."""
    texts, starts, ends, norms, kinds = scan(text)
    wk = WORD_KINDS
    return tuple(
        Token(t, s, e, n, k in wk) for t, s, e, n, k in zip(texts, starts, ends, norms, kinds, strict=True)
    )


def token_kind(text: str) -> int:
    """The token class of one token's text (for tokens that come in as :class:`Token` objects)."""
    kind = _KIND_CACHE.get(text)
    if kind is None:
        m = _TOKEN_RE.match(text)
        kind = _GROUP_KIND[m.lastgroup] if m and m.end() == len(text) else PUNCT  # type: ignore[index]
        if len(_KIND_CACHE) < 100_000:
            _KIND_CACHE[text] = kind
    return kind


_KIND_CACHE: dict[str, int] = {}


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
    _, _, _, norms, kinds = scan(text)
    wk = WORD_KINDS
    return " ".join(n for n, k in zip(norms, kinds, strict=True) if k in wk)


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
