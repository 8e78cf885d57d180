"""Tokens, sentences and the closed word classes the attribution rules read text with.

No part-of-speech tagger: a few word lists (determiners, prepositions, auxiliaries, time words...) and the
speech-verb lexicon tell the rules in ``mentions`` and ``frames`` what a word is likely to be. Tokenising is
cached per line, so the many small windows the rules look at cost little.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from typing import NamedTuple

from quotediff.extract.lexicon import Lexicon, lexicon


class Tok(NamedTuple):
    """A word or punctuation mark of the (masked) article text, with its offsets (a tuple: an article makes
    hundreds of thousands, and a tuple is the cheapest to make)."""

    text: str
    start: int
    end: int


_TOKEN_RE = re.compile(r"\w+(?:[’'\-&.]\w+)*\.?|[^\w\s]")
# A capitalised compound whose second part is lower case describes the person, it is no first name ("Fed-up
# Brown"; "Jean-Luc", "Ocasio-Cortez" and "al-Assad" keep a capital after the hyphen).
DESCRIBING_COMPOUND = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)+")

_SENT_END_RE = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[\"“‘'(\[A-Z0-9])")

_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt adm maj rev st jr sr no vs etc inc corp ltd co"
    " u.s u.k u.n a.m p.m jan feb mar apr aug sept sep oct nov dec d.c".split()
)

LEADING_FUNCTION = frozenset(
    "but and or so yet then the a an in on at for after before while although though when if as because since"
    " this that these those however meanwhile still also even now here there later earlier asked speaking"
    " indeed instead again today yesterday tomorrow tonight last next by with from of to said says what did"
    " does rather moreover furthermore besides nonetheless nevertheless otherwise".split()
)

PARTICLES = frozenset("de del della da van von der den bin ibn al el la le di du dos das".split())

DETERMINERS = frozenset(
    "the a an one another two three four five several some many other his her their its our".split()
)

PREPOSITIONS = frozenset("at in on of for with from to by about into over under after before during".split())

ADVERBS = frozenset(
    "also later then again further once simply just only even still recently previously earlier famously"
    " repeatedly privately publicly flatly bluntly reportedly allegedly apparently purportedly supposedly"
    " quickly angrily calmly quietly loudly immediately subsequently initially originally first has had have"
    " was is were are will would could may might had been never once often frequently has not did does"
    " sarcastically jokingly proudly simply instead however meanwhile nonetheless nevertheless therefore thus"
    " likewise already always soon sometimes".split()
)

AUX = frozenset("is was are were has have had will would can could may might must should did does do".split())

WORD_RE = re.compile(r"[\w’'-]+")

QUOTE_MARKS = frozenset("\"“”„‟«»‹›‘’‚'")


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of text[start:end]; each line is tokenised once (cached) and sliced, so windows cost little."""
    seg_start = text.rfind("\n", 0, start) + 1
    seg_end = text.find("\n", start)
    if seg_end < 0:
        seg_end = len(text)
    if end > seg_end:
        return _tokenise(text, start, end)
    toks, starts, ends = _line_tokens(text, seg_start, seg_end)
    return toks[bisect.bisect_left(starts, start) : bisect.bisect_right(ends, end)]


@functools.lru_cache(maxsize=512)
def _line_tokens(text: str, start: int, end: int) -> tuple[list[Tok], list[int], list[int]]:
    toks = _tokenise(text, start, end)
    return toks, [t.start for t in toks], [t.end for t in toks]


def _tokenise(text: str, start: int, end: int) -> list[Tok]:
    """A final dot stays on abbreviations and initials only."""
    out: list[Tok] = []
    append, make = out.append, _new_tok
    for match in _TOKEN_RE.finditer(text, start, end):
        word = match.group()
        s, e = match.span()
        if word[-1] == "." and len(word) > 1:
            core = word[:-1]
            nxt = text[e : e + 2]
            inside = nxt[:1] in (",", ")") or (nxt[:1] == " " and nxt[1:2].islower())
            initial = len(core) == 1 and core.isupper() and core != "I"  # not "World War I. Trump asked"
            if not (core.lower() in _ABBREV or initial or "." in core or inside):
                append(make(Tok, (core, s, e - 1)))
                append(make(Tok, (".", e - 1, e)))
                continue
        append(make(Tok, (word, s, e)))
    return out


# Tokens are made by the hundred thousand: straight from the tuple, not through the named tuple's Python __new__.
_new_tok = tuple.__new__


def fold_accents(text: str) -> str:
    """Accents dropped: outlets print "António Guterres" and "Antonio Guterres" for one man."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_cap(word: str) -> bool:
    return word[:1].isupper()


_ACRONYM_WORDS = frozenset({"WHO", "US"})


def word_key(word: str) -> str:
    """The word lower-cased for lookups, except an acronym that spells a function word ("WHO Director General
    Tedros said"), which is a name, not the pronoun."""
    return word if word in _ACRONYM_WORDS else word.lower()


def _is_boundary(text: str, match: re.Match[str], lo: int) -> bool:
    word_start = text.rfind(" ", lo, match.start()) + 1
    word = text[word_start : match.start()].lower().lstrip('("“‘')
    return not (word in _ABBREV or (len(word) == 1 and word.isalpha() and word != "i"))  # "War I." ends one


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``lo``).

    Searches backwards from ``pos`` in a growing window, so the cost depends on the sentence, not on how long the
    paragraph is: a 5 MB single-line "paragraph" with thousands of quotes stays linear.
    """
    end = min(len(text), pos + 1)
    window = 512
    while True:
        a = max(lo, pos - window)
        start = None
        for match in _SENT_END_RE.finditer(text, a, end):
            if match.end() <= pos and _is_boundary(text, match, lo):
                start = match.end()
        if start is not None:
            return start
        if a == lo:
            return lo
        window *= 4


def sentence_end(text: str, pos: int, hi: int) -> int:
    for match in _SENT_END_RE.finditer(text, pos, hi):
        if _is_boundary(text, match, pos):
            return match.start() + 1
    return hi


SUBORDINATORS = frozenset(
    "as when while if although though because after before since once until unless speaking asked".split()
)

IRREGULAR = frozenset(
    "went came made took gave got put kept left held stood sat ran began brought thought felt saw found became"
    " sent spent struck shook wrote spoke told said knew grew drew threw won lost met paid led read heard let"
    " set cut hit quit meant sought fought taught caught bought tore broke chose drove flew swore woke froze fled"
    " hid hung withdrew forgot forgave built dealt sang rang sank laid sold stole rose fell slept swept wept lent"
    " understood undertook overtook mistook foresaw".split()
)


@functools.lru_cache(maxsize=256)
def printed_as_surname(word: str, text: str) -> bool:
    """A capitalised -ing word the page also prints after a first name ("Stephen Hawking"): a name, no participle."""
    return word[:1].isupper() and re.search(rf"\b[A-Z][a-z]+[ \u00a0]{re.escape(word)}\b", text) is not None


def looks_like_verb(word: str, lex: Lexicon) -> bool:
    """A finite verb after a subject, roughly: "rallied", "says", "has", "told" (no part-of-speech tagger)."""
    low = word.lower()
    if not word[:1].islower():
        return False
    return (
        low in AUX
        or low in IRREGULAR
        or low in lex.verbs
        or low.endswith("ing")
        and low not in ("during", "including", "regarding", "concerning", "according", "notwithstanding")
        or low in ADVERBS
        or (low.endswith("ed") and len(low) > 3)
        or (low.endswith("s") and not low.endswith(("ss", "’s", "'s")) and len(low) > 3)  # not "last month’s"
    )


def is_adverb(word: str) -> bool:
    """ "hardly", "cynically", "sharply": a lower-case -ly word that is not a noun of the lexicon."""
    lex = lexicon()
    return (
        len(word) > 4
        and word.endswith("ly")
        and word.islower()
        and word not in lex.anonymous_heads
        and word not in lex.organisation_words  # "family"
    )


MONTHS = frozenset("january february march april may june july august september october november december".split())

# Spans of time and counts that open a sentence capitalised ("Hours after Trump said", "Two months later"): no name.
SPAN_WORDS = frozenset("moments minutes hours days weeks months years decades two three four five six seven".split())
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight night morning afternoon"
    " evening week month year recently later earlier again last this on in".split()
)


def word_count(text: str) -> int:
    return len(text.split())
