"""The case-insensitive phrase patterns: the class of first letters they open with misses no character."""

from __future__ import annotations

import re
import string

import pytest

from quotediff.extract.lexicon import CASE_PARTNERS, phrase_re


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
