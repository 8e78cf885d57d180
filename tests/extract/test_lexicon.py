"""The case-insensitive phrase patterns: the class of first letters they open with misses no character."""

from __future__ import annotations

import re
import string

import pytest

from quotediff.extract.lexicon import CASE_PARTNERS, phrase_re, word_alternation


def test_the_case_partners_are_every_character_case_insensitive_matching_takes_for_an_ascii_letter() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in string.ascii_lowercase:
        found = set(re.findall(letter, every, re.I))
        assert found == {letter, letter.upper(), *CASE_PARTNERS.get(letter, "")}, letter


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She ALLEGEDLY said", "ALLEGEDLY"),
        ("the \u212aey memo", "\u212aey memo"),
        ("\u017fources said", "\u017fources"),
        ("x-allegedly", "allegedly"),
        ("_allegedly", None),
        ("reallegedly", None),
    ],
)
def test_a_phrase_matches_in_any_case_on_word_boundaries(text: str, found: str | None) -> None:
    pattern = phrase_re(("allegedly", "key memo", "sources"))
    match = pattern.search(text)
    assert (match.group() if match else None) == found


@pytest.mark.parametrize("flags", [0, re.I])
def test_a_word_alternation_finds_what_the_plain_alternation_finds(flags: int) -> None:
    words = r"in|via|issuing|issued|As|as|use(?: of)?|cit(?:ed|ing)|the\s+(?:word|term|[|])"
    text = "In a statement, via his aide, issued late: as if; As ever. Bin aside, _in, 3as, ISSUING\nin use of the term"
    plain = re.compile(rf"\b(?:{words})\s*", flags)
    fast = re.compile(rf"{word_alternation(words, ignore_case=bool(flags))}\s*", flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in fast.finditer(text, 1, 40)] == [m.span() for m in plain.finditer(text, 1, 40)]


def test_a_word_alternation_needs_a_letter_opening_each_alternative() -> None:
    with pytest.raises(ValueError):
        word_alternation(r"on|[Tt]he")
