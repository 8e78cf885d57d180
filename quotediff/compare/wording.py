"""When two different words say the same, and when a change is critical.

Spelling variants, abbreviations and contractions fold to one key so that they count as cosmetic; a changed
negation or number is what makes a substitution critical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

from quotediff.compare.normalize import is_word_norm, spelling_key

_NEGATIONS = frozenset(
    "not no never nothing nobody none neither nor nowhere cannot without noone no-one nevermore".split()
)


NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}


NUMBER_WORDS.update(
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


ABBREVIATION_FIRST_WORDS = {k[0] for k in _ABBREVIATIONS}


_MAX_ABBR = max(len(k) for k in _ABBREVIATIONS)


_SPELLING_CACHE: dict[str, str] = {}


def spelling_of(word: str) -> str:
    key = _SPELLING_CACHE.get(word)
    if key is None:
        key = spelling_key(word)
        if len(_SPELLING_CACHE) < 100_000:
            _SPELLING_CACHE[word] = key
    return key


def canonical_words(norms: Sequence[str], fold_spelling: bool) -> list[str]:
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
        if key == "%" or key == "&" or is_word_norm(key):
            words.append(key)
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w in ABBREVIATION_FIRST_WORDS:
            for size in range(min(_MAX_ABBR, n - i), 0, -1):
                canon = _ABBREVIATIONS.get(tuple(words[i : i + size]))
                if canon is not None:
                    out.append(canon)
                    i += size
                    break
            else:
                out.append(spelling_of(w) if fold_spelling else w)
                i += 1
            continue
        num = NUMBER_WORDS.get(w)
        if num is not None:
            out.append(num)
        elif fold_spelling:
            out.append(spelling_of(w))
        else:
            out.append(w)
        i += 1
    return out


# Contractions outlets expand or contract for house style ("didn't"/"did not"). "'s" after a pronoun can be
# "is" or "has", so it becomes a wildcard key that canonical_equal matches with either.
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


def canonical_equal(x: list[str], y: list[str]) -> bool:
    if x == y:
        return True
    if len(x) != len(y):
        return False
    for a, b in zip(x, y, strict=True):
        if a != b and not (a == "=is|has" and b in ("is", "has")) and not (b == "=is|has" and a in ("is", "has")):
            return False
    return True


_ACRONYM_SKIP = frozenset(("of", "the", "and", "for", "&"))


def is_acronym(short: list[str], long: list[str]) -> bool:
    """ "NHS" for "National Health Service": one token of letters, the initials of the other side's words."""
    if len(short) != 1 or len(long) < 2 or not short[0].isalpha():
        return False
    initials = "".join(w[0] for w in long)
    return short[0] == initials or short[0] == "".join(w[0] for w in long if w not in _ACRONYM_SKIP)


def _negations(words: Sequence[str]) -> list[str]:
    return sorted(w for w in words if w in _NEGATIONS or w.endswith("n't"))


def _numbers(words: Sequence[str]) -> list[str]:
    return sorted(NUMBER_WORDS.get(w, w) for w in words if w[:1].isdigit() or w in NUMBER_WORDS)


_CRITICAL_WORDS = _NEGATIONS | frozenset(NUMBER_WORDS)


_WEAK_NUMBERS = frozenset(("one", "half", "first", "second"))


def is_critical_change(ref_words: Sequence[str], var_words: Sequence[str]) -> bool:
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
