"""A run of capitalised words read as a person's name: titles and a leading "the" set apart, a generational suffix
kept, a photo credit's name left out. The resolver reads every run of an article this way."""

from __future__ import annotations

import functools
import re

from quotediff.extract.lexicon import lexicon
from quotediff.extract.tokens import DESCRIBING_COMPOUND, LEADING_FUNCTION, PARTICLES

_TITLES = "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr|Prof".split("|")
_NAME_WORD = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.|(?:{'|'.join(_TITLES)})\.|[A-Z][\w’'\-]*)"
# The same word with its capital already read (a title's first letter is checked behind): a pattern that opens with
# a character class lets the regex engine skip from capital to capital instead of trying every position.
_NAME_WORD_AFTER_CAPITAL = (
    rf"(?:\.(?:[A-Z]\.)+|\.|(?:{'|'.join(f'(?<={t[0]}){t[1:]}' for t in _TITLES)})\.|[\w’'\-]*)"
)

_WHEN = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august"
    " september october november december".split()
)
# A photo credit or caption byline before a name: "Photo: ", "Photograph by ", "Credit: ", "(Photo by ".
_CREDIT_RE = re.compile(r"(?:\b(?:[Pp]hoto(?:graph)?s?|[Cc]redit|[Ii]mage)\s*(?::|by\b)|/\s*$)[^\n.]{0,40}$")
# A credit after a name: "Alex Vell/Getty Images", "(Gabriella Vell for NPR)".
_CREDITED_RE = re.compile(r"\s*(?:/\s*[A-Z]|for [A-Z][\w ]{0,30}\))")
# (a capital with no word character before it: the name starts at a word's start)
NAME_CHAIN_RE = re.compile(
    rf"[A-Z](?<!\w[A-Z]){_NAME_WORD_AFTER_CAPITAL}"
    rf"(?:[ \u00a0]+(?:{_NAME_WORD}|(?:{'|'.join(sorted(PARTICLES))})\b(?=[ \u00a0]+[A-Z])))+"
)


@functools.cache
def title_words() -> frozenset[str]:
    """Every word of every title ("assistant", "secretary", "state", "leader"...), lower-cased, without dots."""
    words = {w.lower().replace(".", "") for title in lexicon().titles for w in title.split()}
    return frozenset((words | lexicon().anonymous_heads) - {"of", "the", "and"})


_SUFFIXES = frozenset("jr sr ii iii iv".split())


def is_suffix(word: str) -> bool:
    """A generational suffix ("Jr.", "III"): part of a name, never its surname."""
    return word.lower().rstrip(".,") in _SUFFIXES


def strip_title(name: str) -> tuple[str, str | None]:
    """The name without the titles before it ("Treasury Secretary Janet Yellen" -> "Janet Yellen"), and the
    gender a title implies ("Mr" -> "m")."""
    words = name.split()
    titles = title_words()
    cut = 0
    # "Martin Luther King Jr.": the surname before a generational suffix is no title ("King Charles")
    last = len(words) - 2 if len(words) > 2 and is_suffix(words[-1]) else len(words) - 1
    for index, word in enumerate(words[:last]):
        key = word.lower().replace(".", "")
        # "Secretary-General", "Vice-President": a hyphenated title is one of titles' words on each side.
        if key in titles or ("-" in key and all(part in titles for part in key.split("-") if part)):
            cut = index + 1
    gender = None
    for word in words[:cut]:
        gender = gender or lexicon().titles.get(word.replace(".", ""))
    return " ".join(words[cut:]), gender


# Auxiliaries that open a question before a name, never a name's first word (unlike "Will" or "May").
_QUESTION_AUX = frozenset("was is are were has have had did does do would could should".split())


@functools.lru_cache(maxsize=8192)  # the same names recur within an article and across a corpus
def chain_name(chain: str) -> tuple[bool, int, str, str | None, tuple[str, ...], tuple[str, ...]] | None:
    """A run of capitalised words as a name: whether "the" led it, how many of its words are the name's, the name
    without titles, the gender a title gives, the name's parts and a generational suffix (tuples: the answer is
    shared by every caller); None when nothing of a name is left."""
    words = chain.split()
    leading_the = False
    while words and (words[0].lower() in LEADING_FUNCTION or words[0].lower() in _QUESTION_AUX):
        leading_the = leading_the or words[0].lower() == "the"  # "The U.S. Coast Guard said"
        words = words[1:]  # and a question's "Was George Washington a slave owner?"
    if not words:
        return None
    while len(words) > 1 and (words[0].endswith(("’s", "'s")) or DESCRIBING_COMPOUND.fullmatch(words[0])):
        words = words[1:]  # "China's Xi Jinping", "Born-again Brown"
    while words and words[-1].lower().rstrip(".,") in _WHEN:
        words = words[:-1]  # "on Twitter Tuesday": a day is no part of a name
    if not words:
        return None
    name, gender = strip_title(" ".join(words))
    parts = name.replace("’s", "").replace("'s", "").split()
    suffix = parts[-1:] if len(parts) > 2 and is_suffix(parts[-1]) else []
    parts = parts[: len(parts) - len(suffix)]  # "Martin Luther King Jr." is King
    return leading_the, len(words), name, gender, tuple(parts), tuple(suffix)


def in_credit(text: str, start: int, end: int) -> bool:
    """A name in a photo credit, before or after it (a cheap test for "photo", "credit", "image" or "/" in the
    60 characters before it first: most names are in no credit)."""
    lo = max(0, start - 60)
    if _CREDIT_CUE_RE.search(text, lo, start) and _CREDIT_RE.search(text[lo:start]):
        return True
    after = text[end : end + 5]
    return ("/" in after or "for " in after) and _CREDITED_RE.match(text, end) is not None


# (one class of the first letters, each word's checked behind it: the regex engine skips to them)
_CREDIT_CUE_RE = re.compile(r"[PpCcIi/](?:(?<=[Pp])hoto|(?<=[Cc])redit|(?<=[Ii])mage|(?<=/))")
