"""What a pronoun stands for when no named person fits: the noun phrase opening its sentence, or the one before.

"The House Freedom Caucus has pushed him. In a statement, they said" makes "they" the caucus; "A former Indian high
commissioner ... said ... “…,” he said" makes "he" the commissioner; "Lu told Majeed: “…” He warned" keeps Lu.
``opening_subject`` reads the sentence's opening noun phrase and its head noun; ``subject_before`` decides.
"""

from __future__ import annotations

from quotediff.extract.lexicon import Lexicon
from quotediff.extract.mentions import Mention, classify
from quotediff.extract.resolve import Resolver
from quotediff.extract.tokens import (
    ADVERBS,
    AUX,
    DETERMINERS,
    IRREGULAR,
    MONTHS,
    PREPOSITIONS,
    QUOTE_MARKS,
    SUBORDINATORS,
    TIME_WORDS,
    Tok,
    is_adverb,
    sentence_start,
    tokens,
)

# Singular nouns for a group that "they" can stand for: "a group of background actors ... they said".
_GROUP_HEADS = frozenset("group family delegation team caucus board panel committee crowd coalition".split())
# Anonymous heads that name documents, not people: "he" or "she" never stands for them.
DOCUMENT_HEADS = frozenset(
    "cable cables document documents memo report letter statement transcript email emails filing complaint"
    " indictment lawsuit poll survey study brief motion ruling ad ads advertisement spot clip video tweet tweets"
    " post message release announcement note piece op-ed column editorial article book speech website sign banner"
    " poster platform resolution".split()
)


def subject_before(speaker: Mention, masked: str, text: str, resolver: Resolver, lex: Lexicon) -> str | None:
    """What a pronoun stands for when the subject of its own or the previous sentence is no named person: "they"
    and "it" an organisation ("The House Freedom Caucus has pushed him. In a statement, they said") or "they" a
    plural description; "he" and "she" a singular description no name follows ("A former Indian high
    commissioner ... said ... “…,” he said"). None leaves the pronoun to the name-based rule."""
    low = speaker.text.lower()
    gender, number = lex.pronouns.get(low, ("x", "s"))
    end = speaker.start
    for _ in range(2):
        line_start = masked.rfind("\n", 0, end) + 1
        start = sentence_start(masked, line_start, max(line_start, end - 1))
        toks = tokens(masked, start, end)
        found = opening_subject(toks, text, lex) if toks else None
        subject, head = found if found is not None else (None, "")
        if subject is not None and subject.end <= speaker.start:
            plural = head.endswith("s") and not head.endswith("ss") or head in _GROUP_HEADS
            if subject.kind == "organisation" and (low == "it" or number == "p"):
                return resolver.organisation(subject.text, subject.start) or subject.text
            if subject.kind == "anonymous" and number == "p" and plural and head not in DOCUMENT_HEADS:
                return subject.text
            if (
                subject.kind == "anonymous"
                and gender in ("m", "f")
                and not plural
                and head in lex.anonymous_heads
                and head not in DOCUMENT_HEADS
                and not resolver.names_between(subject.end, speaker.start)
            ):
                person = resolver.person_for(subject.text, subject.start)  # "the company's chief executive"
                return person[0] if person is not None else subject.text
            if subject.kind == "named" and gender in ("m", "f") and not resolver.is_company(subject.text):
                name = resolver.name(subject.text)
                if (
                    resolver.gender(name) in (None, gender)
                    and resolver.is_person(name)
                    and not resolver.is_company(name)
                ):
                    return name  # "Lu told Majeed: “…” He warned: “…”": the subject goes on speaking
            if subject.kind in ("named", "pronoun", "organisation", "anonymous"):
                return None  # the nearest subject is someone else: the name-based rule decides
        if start <= line_start:
            end = len(masked[:line_start].rstrip())  # the previous paragraph's last sentence
            if end <= 0:
                return None
        else:
            end = start
    return None


_SUBJECT_STOP = frozenset("who which that whose whom where when while as".split())


def opening_subject(toks: list[Tok], text: str, lex: Lexicon) -> tuple[Mention, str] | None:
    """The noun phrase opening a sentence, after a leading phrase closed by a comma ("In a statement, ..."), with
    its head noun: "A former Indian high commissioner to Pakistan" (head "commissioner"), "The House Freedom
    Caucus", "A group of background actors" (head "group"). Read up to the verb, a comma or a relative pronoun."""
    i = 0
    while i < len(toks) and toks[i].text in QUOTE_MARKS:
        i += 1
    opener = toks[i].text.lower() if i < len(toks) else ""
    if opener in PREPOSITIONS or opener in SUBORDINATORS or opener == "according":
        comma = next((k for k in range(i + 1, min(len(toks), i + 14)) if toks[k].text == ","), None)
        if comma is None:
            return None
        i = comma + 1
    j = i
    core_end: int | None = None
    while j < len(toks) and j < i + 10:
        word = toks[j].text
        low = word.lower()
        if not (word[:1].isalnum() or word in ("-", "’", "'")) or low in _SUBJECT_STOP or low in AUX:
            break
        if word.islower() and j > i:
            if low in lex.verbs and low not in lex.anonymous_heads:
                break
            if low.endswith("ed") and len(low) > 4 and low not in lex.anonymous_heads:
                break  # "Administration officials briefed"
            if low in ADVERBS or is_adverb(word):
                break  # "Assistant Secretary Lu then told"
        if word.islower() and j > i and (low in IRREGULAR or low in TIME_WORDS and low not in PREPOSITIONS):
            break  # "The United Nations Security Council yesterday made ..."
        if low in PREPOSITIONS and j + 1 < len(toks) and toks[j + 1].text.lower() in TIME_WORDS | MONTHS:
            break  # "... on Friday"
        if low in PREPOSITIONS and core_end is None and j > i:
            core_end = j
        j += 1
    if j == i or j >= len(toks):
        return None
    core = toks[i : core_end if core_end is not None else j]
    words = [t.text for t in core]
    if words[0].lower() in lex.pronouns:
        return None
    kind = classify(words, lex)
    if kind == "named" and words[0].lower() == "the":
        kind = "organisation"
    end = toks[j - 1].end
    while j - 1 > i and toks[j - 1].text.lower() in PREPOSITIONS | DETERMINERS:
        j -= 1
        end = toks[j - 1].end
    return Mention(toks[i].start, end, text[toks[i].start : end], kind), words[-1].lower()
