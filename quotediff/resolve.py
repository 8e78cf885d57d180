"""Resolving a speaker mention to the person or body it names, within one article.

A name goes to the fullest form the article uses for the same surname ("Lu", "Mr Lu", "Assistant Secretary Lu"
-> "Donald Lu"); a pronoun to the last fitting person named before it (gender from titles, first names and
earlier pronouns); a role description ("the president") to the person the article gave that title.
"""

from __future__ import annotations

import bisect
import functools
import re

from quotediff.lexicon import Lexicon, lexicon
from quotediff.mentions import classify
from quotediff.tokens import LEADING_FUNCTION, PARTICLES

_NAME_WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr|Prof)\.|[A-Z][\w’'\-]*)"

_NAME_CHAIN_RE = re.compile(rf"\b{_NAME_WORD}(?:[ \u00a0]+(?:{_NAME_WORD}|(?:de|van|von|bin|al|la|le|di)\b))+")


@functools.cache
def _title_words() -> frozenset[str]:
    """Every word of every title ("assistant", "secretary", "state", "leader"...), lower-cased, without dots."""
    words = {w.lower().replace(".", "") for title in lexicon().titles for w in title.split()}
    return frozenset((words | lexicon().anonymous_heads) - {"of", "the", "and"})


def _strip_title(name: str) -> tuple[str, str | None]:
    """The name without the titles before it ("Treasury Secretary Janet Yellen" -> "Janet Yellen"), and the
    gender a title implies ("Mr" -> "m")."""
    words = name.split()
    titles = _title_words()
    cut = 0
    for index, word in enumerate(words[:-1]):
        if word.lower().replace(".", "") in titles:
            cut = index + 1
    gender = None
    for word in words[:cut]:
        gender = gender or lexicon().titles.get(word.replace(".", ""))
    return " ".join(words[cut:]), gender


class Resolver:
    """Names to the fullest form the article uses; pronouns to the last fitting person named before them."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.roles: dict[str, str] = {}
        self._things: set[str] = set()
        self._by_word: dict[str, set[str]] = {}
        self._full: dict[str, str] = {}
        self._gender: dict[str, str] = {}
        for match in _NAME_CHAIN_RE.finditer(text):
            words = match.group().split()
            while words and words[0].lower() in LEADING_FUNCTION:
                words = words[1:]
            if not words:
                continue
            while len(words) > 1 and words[0].endswith(("’s", "'s")):
                words = words[1:]  # "China's Xi Jinping"
            name, gender = _strip_title(" ".join(words))
            parts = name.replace("’s", "").replace("'s", "").split()
            if not parts:
                continue
            key = parts[-1].lower().rstrip(".")
            if gender:
                self._gender.setdefault(key, gender)
            if len(parts) < 2 or classify(parts, lex) != "named" or len(key) < 2 or key in lex.pronouns:
                continue
            if text[max(0, match.start() - 4) : match.start()].lower() == "the ":
                self._things.add(key)  # "the United States": a place or a body, never "he" or "she"
            if len(parts) > 3 and not any(p.lower() in PARTICLES for p in parts):
                # "Central Asia Donald Lu" (after "for South and"): a person's name is its last two words
                parts = parts[-3:] if parts[-2].endswith(".") else parts[-2:]
                name = " ".join(parts)
            if len(name) > len(self._full.get(key, "")):
                self._full[key] = " ".join(parts)
            first_gender = lex.first_names.get(parts[0])
            if first_gender and not gender:
                self._gender.setdefault(key, first_gender)  # "Janet Yellen" -> she
            for part in parts[:-1]:
                # "Xi" for "Xi Jinping", "Lula" for "Luiz Inácio Lula da Silva"
                if len(part) >= 2 and part[:1].isupper() and part.lower() not in PARTICLES:
                    self._by_word.setdefault(part.lower(), set()).add(" ".join(parts))
            # "President Joe Biden" lets "the president" stand for Joe Biden later on
            for title in words[: len(words) - len(parts)]:
                self.roles[title.lower().replace(".", "")] = " ".join(parts)
        self._text = text
        self._positions: list[int] | None = None
        self._people: list[str] = []

    def _occurrences(self) -> list[int]:
        """Offsets of every mention of a known person's surname (found on first use, in one regex pass)."""
        if self._positions is None:
            self._positions = []
            if self._full:
                pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in self._full) + r")\b", re.I)
                for match in pattern.finditer(self._text):
                    if match.group()[:1].isupper():
                        self._positions.append(match.start())
                        self._people.append(match.group().lower())
        return self._positions

    def role(self, mention: str) -> str | None:
        """The person a role description stands for: "the president" -> "Joe Biden" (from "President Joe Biden")."""
        words = mention.lower().split()
        if 2 <= len(words) <= 4 and words[0] == "the":
            return self.roles.get(words[-1])
        return None

    def name(self, mention: str) -> str:
        words = mention.split()
        while len(words) > 1 and words[0].endswith(("’s", "'s")):
            words = words[1:]
        bare, _ = _strip_title(" ".join(words).replace("’s", "").strip())
        parts = bare.split()
        if not parts:
            return mention
        full = self._full.get(parts[-1].lower())
        if full and full.endswith(bare) and len(full) > len(bare):
            return full
        options = self._by_word.get(parts[0].lower()) if len(parts) == 1 and full is None else None
        if options:
            longest = max(options, key=len)
            if all(option in longest for option in options):  # one person, not two sharing a first name
                return longest
        return bare

    def gender(self, name: str) -> str | None:
        parts = name.split()
        return self._gender.get(parts[-1].lower()) if parts else None

    def learn(self, name: str, pronoun: str) -> None:
        gender = lexicon().pronouns.get(pronoun.lower(), ("x", "s"))[0]
        parts = name.split()
        if parts and gender in ("m", "f"):
            self._gender.setdefault(parts[-1].lower(), gender)

    def pronoun(self, pronoun: str, pos: int) -> str | None:
        gender, number = lexicon().pronouns.get(pronoun.lower(), ("x", "s"))
        if number != "s" or gender not in ("m", "f"):
            return None
        index = bisect.bisect_left(self._occurrences(), pos)
        for k in range(index - 1, max(-1, index - 40), -1):
            key = self._people[k]
            if key in self._things:
                continue
            known = self._gender.get(key)
            if known is None or known == gender:
                return self._full[key]
        return None
