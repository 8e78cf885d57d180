"""Resolving a speaker mention to the person or body it names, within one article.

A name goes to the fullest form the article uses for the same surname ("Lu", "Mr Lu", "Assistant Secretary Lu"
-> "Donald Lu"); a pronoun to the last fitting person named before it (gender from titles, first names and
earlier pronouns, or the organisation or description that is the subject before it); a role description ("the
union president", "Disney's chief executive") to the person the article gave that role; an organisation to its
name without "the", an acronym or a bare noun ("the AMPTP", "the guild") to the name the article spelled out.
"""

from __future__ import annotations

import bisect
import re

from quotediff.extract.descriptions import (
    DEFINITE,
    INDEFINITE,
    ROLE_STOP,
    WORD_TOKEN_RE,
    company_words,
    earlier_description,
    post_modifier,
    stem,
)
from quotediff.extract.lexicon import Lexicon, lexicon
from quotediff.extract.mentions import classify
from quotediff.extract.names import NAME_CHAIN_RE, chain_name, in_credit, is_suffix, strip_title, title_words
from quotediff.extract.tokens import AUX, LEADING_FUNCTION, PARTICLES, PREPOSITIONS


class Resolver:
    """Names to the fullest form the article uses; pronouns to the last fitting person named before them."""

    def __init__(self, text: str, lex: Lexicon, masked: str | None = None) -> None:
        self._masked = masked  # the text with quotes blanked: a name inside a quote is no pronoun's antecedent
        self._things: set[str] = set()
        self._by_word: dict[str, set[str]] = {}
        self._full: dict[str, str] = {}
        self._gender: dict[str, str] = {}
        for match in NAME_CHAIN_RE.finditer(text):
            chain = chain_name(match.group())
            if chain is None or in_credit(text, match.start(), match.end()):
                continue  # "Photo: Gabriella Vell/Getty Images": a photographer is nobody the article quotes
            leading_the, count, name, gender, parts, suffix = chain
            after_the = leading_the or text[max(0, match.start() - 4) : match.start()].lower() == "the "
            if not parts:
                continue
            key = parts[-1].lower().rstrip(".")
            if gender:
                self._gender.setdefault(key, gender)
            if len(parts) < 2 or classify(list(parts), lex) != "named" or len(key) < 2 or key in lex.pronouns:
                continue
            if after_the:
                self._things.add(key)  # "the United States": a place or a body, never "he" or "she"
            untitled = len(name.split()) == count  # "Secretary of State Antony Blinken" is a person
            if untitled and _INSIDE_NAME_RE.search(text, max(0, match.start() - 40), match.start()):
                self._things.add(key)  # "... Picture and Television Producers", "South and Central Asia"
            if untitled and _OWNER_RE.match(text, match.end()) and not lex.first_names.get(parts[0]):
                self._things.add(key)  # "South Africa's foreign minister": a country or body that has officials
            if len(parts) > 3 and not any(p.lower() in PARTICLES for p in parts):
                # "Central Asia Donald Lu" (after "for South and"): a person's name is its last two words
                parts = parts[-3:] if parts[-2].endswith(".") else parts[-2:]
                name = " ".join(parts)
            current = self._full.get(key, "")
            # "Crooked Hillary Clinton" is no fuller name than "Hillary Clinton": a name that starts with a known
            # first name keeps it
            starts_right = bool(current) and current.split()[0] in lex.first_names
            if len(name) > len(current) and not (starts_right and parts[0] not in lex.first_names):
                self._full[key] = " ".join(parts + suffix)
            first_gender = lex.first_names.get(parts[0])
            if first_gender and not gender:
                self._gender.setdefault(key, first_gender)  # "Janet Yellen" -> she
            for part in parts[:-1]:
                # "Xi" for "Xi Jinping", "Lula" for "Luiz Inácio Lula da Silva"
                if len(part) >= 2 and part[:1].isupper() and part.lower() not in PARTICLES:
                    self._by_word.setdefault(part.lower(), set()).add(" ".join(parts))
        self._text = text
        self._positions: list[int] | None = None
        self._people: list[str] = []
        self._chains: list[tuple[int, str]] | None = None
        self._roles: dict[int, tuple[str, frozenset[str], frozenset[str]] | None] = {}
        self._lower: str | None = None
        self._companies: set[str] | None = None

    def _occurrences(self) -> list[int]:
        """Offsets of every mention of a known person by surname or another word of the name (found on first use)."""
        if self._positions is None:
            self._positions = []
            keys = {key: key for key in self._full}
            surnames = {full: key for key, full in self._full.items()}
            for word, names in self._by_word.items():
                # "Lula" for "Luiz Inácio Lula da Silva": a name's inner words count when they name one person (not
                # its first word: "Pakistan" of "Pakistan Tehreek-e-Insaf" is no mention of the party)
                full = next(iter(names))
                if len(names) == 1 and word not in keys and len(word) >= 3 and not full.lower().startswith(word):
                    key = surnames.get(full)
                    if key is not None:
                        keys[word] = key
            if keys:
                # one precompiled scan over capitalised words, looked up (cheaper than compiling the names)
                for match in _CAPITALISED_RE.finditer(self._text):
                    key = keys.get(match.group().lower())
                    if key is not None:
                        self._positions.append(match.start())
                        self._people.append(key)
        return self._positions

    def name(self, mention: str) -> str:
        words = mention.split()
        while len(words) > 1 and words[0].endswith(("’s", "'s")):
            words = words[1:]
        bare, _ = strip_title(" ".join(words).replace("’s", "").strip())
        parts = bare.split()
        parts = parts[:-1] if len(parts) > 2 and is_suffix(parts[-1]) else parts
        if not parts:
            return mention
        bare = " ".join(parts)
        full = self._full.get(parts[-1].lower())
        core = full.rsplit(" ", 1)[0] if full and is_suffix(full.split()[-1]) else full
        if full and core and core.endswith(bare) and len(full) > len(bare):
            return full
        options = self._by_word.get(parts[0].lower()) if len(parts) == 1 and full is None else None
        if options:
            longest = max(options, key=len)
            if all(option in longest for option in options):  # one person, not two sharing a first name
                return longest
        return bare

    def is_person(self, name: str) -> bool:
        """Whether the article names a person so: a known full name that is no place or body."""
        parts = name.split()
        key = parts[-1].lower() if parts else ""
        return key in self._full and key not in self._things

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
        positions = self._occurrences()
        index = bisect.bisect_left(positions, pos)
        for k in range(index - 1, max(-1, index - 40), -1):
            key = self._people[k]
            if key in self._things or self._after_preposition(positions[k], key) or self._quoted(positions[k]):
                continue
            known = self._gender.get(key)
            if known is None or known == gender:
                return self._full[key]
        return None

    def names_between(self, start: int, end: int) -> bool:
        """Whether a known person is named in text[start:end]."""
        positions = self._occurrences()
        index = bisect.bisect_left(positions, start)
        return index < len(positions) and positions[index] < end

    def _quoted(self, pos: int) -> bool:
        """Whether the name at ``pos`` is inside a quote ("“Was George Washington a slave owner?” he asked")."""
        return self._masked is not None and self._masked[pos] == " " and self._text[pos] != " "

    def _after_preposition(self, pos: int, key: str) -> bool:
        """Whether the name at ``pos`` follows a preposition ("in Los Angeles", "at Halden Capital", "by Westcoast
        Wire"): a place, an employer or a source, seldom what a later "he" or "she" stands for."""
        name_words = {w.lower() for w in self._full[key].split()}
        words = self._text[max(0, pos - 60) : pos].split()
        while words and words[-1].lower() in name_words:
            words.pop()
        return bool(words) and words[-1] in _PLACE_PREPOSITIONS

    # organisations ---------------------------------------------------------------------------------------

    def _org_chains(self) -> list[tuple[int, str]]:
        """Every capitalised name in the text, "of"/"and" inside allowed, with its offset (found on first use)."""
        if self._chains is None:
            self._chains = []
            for match in _ORG_CHAIN_RE.finditer(self._text):
                words = match.group().split()
                start = match.start()
                while words and words[0].lower() in LEADING_FUNCTION:
                    start = self._text.find(words[1], start) if len(words) > 1 else start
                    words = words[1:]
                if words:
                    self._chains.append((start, " ".join(words).removesuffix("’s").removesuffix("'s")))
        return self._chains

    def organisation(self, mention: str, pos: int) -> str | None:
        """The name an organisation goes by, without "the": "the State Department" -> "State Department"; an
        acronym to its spelled-out name ("the AMPTP" -> "Alliance of Motion Picture and Television Producers");
        a common noun to the last organisation named before whose name holds it ("the guild" -> "Writers Guild
        of America", "the budget office" -> "Congressional Budget Office"). None when nothing fits."""
        bare = _without_article(" ".join(mention.split()))
        words = bare.split()
        if not words:
            return None
        if _ACRONYM_RE.fullmatch(bare):
            for _, name in self._org_chains():
                if len(name.split()) > 2 and len(bare) >= 3 and _initials(name).startswith(bare):
                    return _without_article(name)
            return bare
        if not words[-1].islower():
            return bare
        head = words[-1].lower()
        mods = {stem(w) for w in words[:-1] if not w.endswith(("’", "'", "’s", "'s")) and w.lower() not in DEFINITE}
        for start, name in reversed(self._org_chains()):
            if start >= pos:
                continue
            lowered = name.lower().split()
            stems = {stem(w) for w in lowered}
            if head in lowered and len(lowered) > 1 and mods <= stems:
                return _without_article(name)
        if len(words) == 1:
            return self._named_as(head, pos)
        return None

    def _named_as(self, head: str, pos: int) -> str | None:
        """The name the article last gave a bare noun before ``pos``: "the French research institute Ifremer",
        "SAG-AFTRA, the actors' union", or for "the company" the company named last ("co-founded OceanGate")."""
        window_start = max(0, pos - 3000)
        window = self._text[window_start:pos]
        name = r"([A-Z][\w\-]*(?:[ \u00a0][A-Z][\w\-]*)*)"
        noun = re.escape(head)
        pattern = re.compile(
            rf"\b[Tt]he (?:[\w\-]+ ){{0,3}}?{noun} {name}|{name}(?:['’]s)?, (?:the|an?) (?:[\w\-’']+ ){{0,3}}?{noun}\b"
        )
        best: tuple[int, str] | None = None
        for match in pattern.finditer(window):
            found = match.group(1) or match.group(2)
            if found.lower() not in LEADING_FUNCTION:
                best = (match.start(), found)
        if head in _COMPANY_NOUNS:
            for word in self._company_words():
                starts = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", window)]
                if starts and (best is None or starts[-1] > best[0]):
                    best = (starts[-1], word)
        return _without_article(best[1]) if best is not None else None

    def _company_words(self) -> set[str]:
        if self._companies is None:
            self._companies = company_words(self._text)
        return self._companies

    def is_company(self, name: str) -> bool:
        """Whether a name is a company or body by what the article says of one of its words: "OceanGate, the
        company", "the OceanGate chief executive", "co-founded OceanGate", "Disney's CEO"."""
        words = name.split()
        if not words or words[-1].lower() in self._gender or words[0] in lexicon().first_names:
            return False  # a person: "he" or "she" was said of them, or a first name
        companies = self._company_words()
        return any(word in companies for word in words)

    # role descriptions -----------------------------------------------------------------------------------

    def _role_at(self, index: int) -> tuple[str, frozenset[str], frozenset[str]] | None:
        """(person, the role's words, their stems) when the article gives the person named at occurrence
        ``index`` a title or role: "SAG-AFTRA President Fran Drescher", "Disney chief executive Bob Iger",
        "Hakeem Jeffries, the House Democratic leader", "Khan's lawyer, Tariq Mehmood Sial"."""
        if index in self._roles:
            return self._roles[index]
        self._roles[index] = None
        lex = lexicon()
        heads = title_words()
        pos, key = self._occurrences()[index], self._people[index]
        if key in self._things:
            return None
        person = self._full[key]
        name_words = {w.lower() for w in person.split()}
        # the name may start before the surname: walk back over its other words
        first = pos
        before = WORD_TOKEN_RE.findall(self._text[max(0, pos - 120) : pos])
        # "Rear Adm. John Mauger": the dot of an abbreviated title is no punctuation
        before = [w for k, w in enumerate(before) if not (w == "." and k and before[k - 1].lower() in _ABBREVIATED)]
        while before and before[-1].lower() in name_words:
            first -= len(before[-1]) + 1
            before.pop()
        after = WORD_TOKEN_RE.findall(self._text[pos : pos + 160])
        k = 1
        while k < len(after) and after[k].lower() in name_words:
            k += 1
        if before and before[-1] == ",":
            # "Khan's lawyer, Tariq Mehmood Sial.": a role before the comma, the name closing the phrase
            closes = k >= len(after) or after[k] in (",", ".", ")", ";")
            before.pop()
            if not closes or not before or _plain(before[-1]) not in heads:
                before = []
        if len(after) > 1 and after[1].lower() in name_words:
            return None  # a later word of the same name reads the role
        role = _role_words(before, lex, backwards=True)
        if role and _abbreviated(role[0]) not in heads:
            role = []  # the word next to the name must be a title or role: "chief executive Bob Iger"
        if (
            role
            and len(role) < len(before)
            and before[-1 - len(role)].lower() in PREPOSITIONS
            and "," in self._text[first - 3 : first]
        ):
            role = []  # "According to the same official, Xi Jinping ...": no apposition
        if k < len(after) and after[k] == ",":
            apposition = _role_words(after[k + 1 :], lex, backwards=False)
            if apposition and _abbreviated(apposition[-1]) in heads:
                role = role + apposition  # "Hakeem Jeffries, the House Democratic leader,"
        full = frozenset(_abbreviated(w) for w in role)
        if full & heads:
            self._roles[index] = (person, full, frozenset(stem(w) for w in full))
        return self._roles[index]

    def _roles_with(self, head: str) -> list[tuple[int, str, frozenset[str], frozenset[str]]]:
        """(offset, person, role words, stems) of every role holding ``head``; only names with the head
        nearby are read."""
        if self._lower is None:
            self._lower = self._text.lower()
        found: list[tuple[int, str, frozenset[str], frozenset[str]]] = []
        keys = [head] + [short for short, full in _ABBREVIATED.items() if full == head]  # "adm" for "admiral"
        near: list[int] = []  # where the head (or its abbreviation) occurs, in order
        for key in keys:
            at = self._lower.find(key)
            while at >= 0:
                near.append(at)
                at = self._lower.find(key, at + 1)
        near.sort()
        if not near:
            return found
        for index, pos in enumerate(self._occurrences()):
            k = bisect.bisect_left(near, max(0, pos - 120))
            if k == len(near) or near[k] > pos + 160 - len(head):
                continue
            role = self._role_at(index)
            if role is not None and head in role[1]:
                found.append((pos, *role))
        return found

    def person_for(self, description: str, pos: int) -> tuple[str, int] | None:
        """The named person a definite or possessive role description stands for: "the union president" ->
        "Fran Drescher", "Disney's chief executive" -> "Bob Iger". The candidate whose role shares most of the
        description's words wins, the nearest before the mention on a tie; None when two people fit as well."""
        words = description.split()
        if len(words) < 2 or not (words[0].lower() in DEFINITE or words[0].endswith(("’s", "'s"))):
            return None
        content = [w for w in words if w.lower() not in DEFINITE]
        if not content:
            return None
        head = _plain(content[-1])
        mods = {stem(w) for w in content[:-1]}
        found = [
            (len(mods & stems), p < pos, -abs(p - pos), person, p) for p, person, words, stems in self._roles_with(head)
        ]
        if not found:
            return None
        best = max(found)
        if best[0] == len(mods) and (best[1] or len({f[3] for f in found if f[0] == best[0]}) == 1):
            return best[3], best[4]
        if len({f[3] for f in found}) == 1:
            return best[3], best[4]  # the only person the article gives that role
        return None

    def earlier_description(self, mention: str, start: int) -> tuple[str, int] | None:
        return earlier_description(self._text, mention, start)

    def post_modifier(self, end: int) -> str:
        return post_modifier(self._text, end)


# --- organisations and descriptions -------------------------------------------------------------------------

# A capitalised name that may hold "of", "and", "for": "Alliance of Motion Picture and Television Producers".
_ORG_CHAIN_RE = re.compile(
    r"\b[A-Z][\w’'&.\-]*(?:(?:[ \u00a0]+(?:of|and|for|on)(?:[ \u00a0]+the)?)?[ \u00a0]+[A-Z][\w’'&.\-]*)*"
)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z&\-]{1,7}")
_COMPANY_NOUNS = frozenset("company firm startup operator corporation".split())
# (the capital first, then what stands before it: the regex engine skips from capital to capital)
_CAPITALISED_RE = re.compile(r"[A-Z](?<![\w’'\-][A-Z])[\w]*(?:['’\-][A-Z][\w]*)*(?![\w\-])")
# A name followed by a possessive and a role or body: "South Africa's foreign minister", "Russia's delegation".
_OWNER_RE = re.compile(
    r"['’]s (?:[a-z\-]+ ){0,2}?(?:minister|ministry|president|government|foreign|delegation|embassy"
    r"|army|military|navy|parliament|central bank|economy|capital|people|leader|officials?)\b"
)
# A chain right after "X of" or "X and" (X capitalised) is the tail of a longer name, not a person.
_INSIDE_NAME_RE = re.compile(r"[A-Z][\w’'\-]*[ \u00a0]+(?:of|and)[ \u00a0]+$")
_PLACE_PREPOSITIONS = frozenset("in at from by near outside inside across into of on for with about against".split())


def _without_article(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[0].lower() == "the":
        return " ".join(words[1:])
    return name


def _plain(word: str) -> str:
    return word.lower().replace("’s", "").replace("'s", "").rstrip(".")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")


# Abbreviated titles and the word they stand for, so "the admiral" finds "Rear Adm. John Mauger".
_ABBREVIATED = {
    "adm": "admiral",
    "gen": "general",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "prof": "professor",
    "dr": "doctor",
    "rev": "reverend",
    "pres": "president",
    "sec": "secretary",
    "amb": "ambassador",
}


def _abbreviated(word: str) -> str:
    """A role word in plain form, abbreviations spelled out: "Adm." -> "admiral", "Disney's" -> "disney"."""
    plain = _plain(word)
    return _ABBREVIATED.get(plain, plain)


def _role_words(toks: list[str], lex: Lexicon, *, backwards: bool) -> list[str]:
    """The words of a role next to a name, read away from it until a determiner, preposition or punctuation:
    "Disney chief executive" before "Bob Iger", "the House Democratic leader" after "Hakeem Jeffries,"."""
    words: list[str] = []
    seq = reversed(toks) if backwards else iter(toks)
    for word in seq:
        low = word.lower()
        if low in DEFINITE or low in INDEFINITE:
            if backwards:
                break
            continue
        if not (word[:1].isalnum()) or low in PREPOSITIONS or low in ROLE_STOP or low in AUX:
            break
        if low in lex.verbs and low not in lex.anonymous_heads:
            break
        if len(words) >= 6:
            break
        words.append(word)
    return words
