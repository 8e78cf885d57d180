"""The word lists attribution relies on, read once from plain data files in ``quotediff/lexicon/``.

The lists are data, not code, so that a linguist can extend them without touching the rules: speech verbs with
their lemma and tone, hedges, source cues, heads of anonymous descriptions, organisation cues, pronouns and
titles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Verb:
    form: str  # lower-cased written form: "warned"
    lemma: str  # "warn"
    tone: str  # "neutral" | "loaded"


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: Mapping[str, Verb]  # keyed by lower-cased form
    hedges: tuple[str, ...]  # lower-cased, longest first
    distance_hedges: tuple[str, ...]  # on a document, kept anywhere in the sentence: "purported", "leaked"
    source_cues: tuple[str, ...]  # lower-cased, longest first
    anonymous_heads: frozenset[str]  # lower-cased head nouns
    organisation_words: frozenset[str]  # lower-cased last words of organisation names
    organisation_names: frozenset[str]  # lower-cased whole mentions ("white house")
    pronouns: Mapping[str, tuple[str, str]]  # "he" -> ("m", "s")
    titles: Mapping[str, str | None]  # "Mr" -> "m", "Senator" -> None (as written, without dots)
    first_names: Mapping[str, str]  # "Janet" -> "f" (as written)
    outlet_words: frozenset[str] = frozenset()  # lower-cased last words of news outlets ("times", "press")
    outlet_names: frozenset[str] = frozenset()  # lower-cased whole outlet names ("cnn", "meet the press")


def _lines(name: str) -> Iterator[list[str]]:
    """Yield the tab-separated fields of each non-comment, non-blank line of a lexicon file."""
    text = resources.files("quotediff.extract").joinpath("lexicon").joinpath(name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield [field.strip() for field in line.split("\t")]


def _phrases(name: str) -> tuple[str, ...]:
    found = {fields[0].lower() for fields in _lines(name)}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, read from the package data on first use."""
    verbs: dict[str, Verb] = {}
    for fields in _lines("speech_verbs.tsv"):
        form = fields[0].lower()
        verbs.setdefault(form, Verb(form, fields[1], fields[2] if len(fields) > 2 else "neutral"))
    org_words: set[str] = set()
    org_names: set[str] = set()
    for fields in _lines("organisation_cues.txt"):
        if fields[0].startswith("="):
            org_names.add(fields[0][1:].lower())
        else:
            org_words.add(fields[0].lower())
    pronouns = {f[0].lower(): (f[1], f[2]) for f in _lines("pronouns.tsv")}
    titles: dict[str, str | None] = {}
    for fields in _lines("titles.txt"):
        titles[fields[0].replace(".", "")] = fields[1] if len(fields) > 1 and fields[1] else None
    return Lexicon(
        verbs=MappingProxyType(verbs),
        hedges=_phrases("hedges.txt"),
        distance_hedges=_phrases("distance_hedges.txt"),
        source_cues=_phrases("source_cues.txt"),
        anonymous_heads=frozenset(f[0].lower() for f in _lines("anonymous_heads.txt")),
        organisation_words=frozenset(org_words),
        organisation_names=frozenset(org_names),
        pronouns=MappingProxyType(pronouns),
        titles=MappingProxyType(titles),
        first_names=MappingProxyType({f[0]: f[1] for f in _lines("first_names.tsv")}),
        outlet_words=frozenset(f[0].lower() for f in _lines("news_outlets.txt") if not f[0].startswith("=")),
        outlet_names=frozenset(f[0][1:].lower() for f in _lines("news_outlets.txt") if f[0].startswith("=")),
    )


def is_outlet(name: str, lex: Lexicon) -> bool:
    """A news outlet or programme, named as one: "CNN", "the Associated Press" (not "a news conference")."""
    written = name.strip(" ,.:;")
    written = written[4:] if written.lower().startswith("the ") else written
    if not written[:1].isupper():
        return False
    bare = written.lower()
    words = bare.split()
    return bool(words) and (bare in lex.outlet_names or words[-1] in lex.outlet_words or words[-1] in lex.outlet_names)


def outlet_like(name: str, lex: Lexicon) -> bool:
    """An outlet's name, or one that opens with an outlet word: "Radio Harbour", "Television Vell"."""
    words = name.lower().removeprefix("the ").split()
    return is_outlet(name, lex) or (bool(words) and name[:1].isupper() and words[0] in lex.outlet_words)


def phrase_re(phrases: tuple[str, ...], suffix: str = "") -> re.Pattern[str]:
    """A case-insensitive pattern for any of the phrases on word boundaries, any run of spaces between words.

    The phrases are merged into a trie ("report", "reported", "reportedly" share one branch): a flat alternation
    of sixty phrases is tried phrase by phrase at every position of every sentence, four times slower. The pattern
    opens with a case-sensitive class of the letters a phrase can start with, which lets the regex engine skip to
    them; each branch checks its first letter again behind it, as the case-insensitive trie would."""
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie or "" in trie or not all(ch.isascii() and not ch.isspace() for ch in trie):
        return re.compile(rf"\b(?:{_branch(trie)})\b{suffix}", re.I)
    branches = [(ch, _branch(child)) for ch, child in sorted(trie.items())]
    return re.compile(rf"{word_start_branches(branches, ignore_case=True)}\b{suffix}", re.I)


def word_alternation(alternation: str, *, ignore_case: bool = False, word_start: bool = True) -> str:
    """The pattern ``\\b(?:<alternation>)`` (without ``\\b`` when not ``word_start``) for an alternation whose
    every alternative opens with an ASCII letter ("on|to|with", "use(?: of)?|coined"), written for fast searching,
    as ``word_start_branches``."""
    alternatives = _alternatives(alternation)
    if not all(a[:1].isascii() and a[:1].isalpha() for a in alternatives):
        raise ValueError(f"an alternative opens with no letter: {alternation}")
    branches = [(a[0], a[1:]) for a in alternatives]
    return word_start_branches(branches, ignore_case=ignore_case, word_start=word_start)


def word_start_branches(branches: list[tuple[str, str]], *, ignore_case: bool = False, word_start: bool = True) -> str:
    """The pattern ``\\b(?:<first><rest>|...)`` for (first ASCII character, rest of the pattern) branches, written
    to open with a case-sensitive class of the first characters: the regex engine skips to them instead of trying
    every branch at every position. The branches are grouped by their first character, which each group checks
    again behind it (as the pattern compiled, case-insensitive or not, reads it); branches of different groups
    never match at one position, so the order within a group is all that counts."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for ch, rest in branches:
        groups.setdefault(ch.lower() if ignore_case else ch, []).append((ch, rest))
    starts = {form for ch, _ in branches for form in (_case_forms(ch) if ignore_case else ch)}
    heads = "|".join(
        f"(?<={re.escape(group[0][0])})" + (group[0][1] if len(group) == 1 else f"(?:{'|'.join(r for _, r in group)})")
        for group in groups.values()
    )
    boundary = r"(?<=\b[\s\S])" if word_start else ""
    return rf"(?-i:[{re.escape(''.join(sorted(starts)))}]){boundary}(?:{heads})"


def _alternatives(alternation: str) -> list[str]:
    """The top-level alternatives of a pattern: "a|b(?:c|d)" -> ["a", "b(?:c|d)"]."""
    parts: list[str] = []
    depth, start, k, in_class = 0, 0, 0, False
    while k < len(alternation):
        ch = alternation[k]
        if ch == "\\":
            k += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            k += alternation[k + 1 : k + 2] == "]"  # "[]...]": a bracket first is a member
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(alternation[start:k])
            start = k + 1
        k += 1
    return [*parts, alternation[start:]]


# The characters Python's case-insensitive matching takes for an ASCII letter besides its own two cases (the
# Kelvin sign, the long s, the dotted and the dotless I); a test checks the table against every character.
CASE_PARTNERS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _case_forms(ch: str) -> str:
    """Every character a case-insensitive pattern matches for the ASCII character ``ch``."""
    return ch.lower() + ch.upper() + CASE_PARTNERS.get(ch.lower(), "")


_Trie = dict[str, "_Trie"]


def _branch(node: _Trie) -> str:
    alternatives = [
        (r"\s+" if ch == " " else re.escape(ch)) + _branch(child) for ch, child in sorted(node.items()) if ch
    ]
    if not alternatives:
        return ""
    group = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{group})?" if "" in node else group


@dataclass(frozen=True, slots=True)
class LanguageLexicon:
    """The word lists the attribution frames of an article in another language read (``speech_verbs.<code>.tsv``
    and ``language.<code>.tsv``)."""

    code: str
    verbs: Mapping[str, Verb]  # finite forms and past participles, lower-cased
    auxiliaries: frozenset[str]  # "a" + "déclaré", "hat" + "gesagt"
    pronouns: frozenset[str]
    determiners: frozenset[str]
    time_words: frozenset[str]  # weekdays, months, "hier", "am": never a speaker, skipped around the verb
    prepositions: frozenset[str]
    titles: tuple[str, ...]  # "ministre", "ministerin": matched as word endings ("Umweltministerin")


@functools.cache
def language_lexicon(code: str) -> LanguageLexicon | None:
    """The lexicon of a language other than English, or None when the package has no speech verbs for it."""
    folder = resources.files("quotediff.extract").joinpath("lexicon")
    if not code.isalpha() or not folder.joinpath(f"speech_verbs.{code}.tsv").is_file():
        return None
    verbs: dict[str, Verb] = {}
    for fields in _lines(f"speech_verbs.{code}.tsv"):
        form = fields[0].lower()
        verbs.setdefault(form, Verb(form, fields[1], fields[2] if len(fields) > 2 else "neutral"))
    classes = {fields[0]: frozenset(fields[1].lower().split()) for fields in _lines(f"language.{code}.tsv")}
    empty: frozenset[str] = frozenset()
    return LanguageLexicon(
        code=code,
        verbs=MappingProxyType(verbs),
        auxiliaries=classes.get("auxiliaries", empty),
        pronouns=classes.get("pronouns", empty),
        determiners=classes.get("determiners", empty),
        time_words=classes.get("time", empty),
        prepositions=classes.get("prepositions", empty),
        titles=tuple(sorted(classes.get("titles", empty))),
    )
