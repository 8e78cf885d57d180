"""Reading the noun phrase that names a speaker: a name, a pronoun, a description or an organisation.

``mention_before`` reads backwards from a token ("Lu said", "Caddell, a pollster, said"), ``clause_subject`` finds a
clause's subject; ``mentions_after`` reads forwards ("said Lu"). Each mention keeps
its offsets and its kind (named, pronoun, anonymous, organisation); which person it is is ``resolve``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotediff.extract.lexicon import Lexicon
from quotediff.extract.tokens import (
    ADVERBS,
    AUX,
    DESCRIBING_COMPOUND,
    DETERMINERS,
    LEADING_FUNCTION,
    MONTHS,
    PARTICLES,
    PREPOSITIONS,
    QUOTE_MARKS,
    SPAN_WORDS,
    SUBORDINATORS,
    TIME_WORDS,
    Tok,
    is_adverb,
    is_cap,
    looks_like_verb,
    printed_as_surname,
    word_key,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention as written, with its offsets and kind."""

    start: int
    end: int
    text: str
    kind: str  # named | pronoun | anonymous | organisation


def classify(words: list[str], lex: Lexicon) -> str:
    joined = " ".join(words).lower()
    bare = joined.removeprefix("the ")
    last = words[-1].lower().rstrip(".")
    if joined in lex.organisation_names or bare in lex.organisation_names:
        return "organisation"
    if all(is_cap(w) or w.lower() in PARTICLES for w in words) and words[0].lower() not in DETERMINERS:
        if last in lex.organisation_words and len(words) > 1:
            return "organisation"
        head = last in lex.anonymous_heads and last not in lex.organisation_words
        if len(words) == 1 and (head or last in SPAN_WORDS):
            return "anonymous"  # "Critics say", "Officials said", "Hours after": a sentence's first word, not a name
        return "named"
    if last in lex.organisation_words and last not in lex.anonymous_heads:
        return "organisation"
    return "anonymous"


# In a title-case headline every word is capitalised: a name ends at a connecting word or a present-tense speech
# verb ("UN Chief As Earth Nears…", "Zelensky Tells Biden…"), which no name holds after its first word.
_HEADLINE_BREAKS = frozenset(
    "as amid after while over before on in at for to with from against is are was were will has have not but"
    " says said tells warns urges slams calls claims insists vows rejects says into about by via despite than if"
    " when amid and or".split()
)


def name_span(toks: list[Tok], i: int) -> int:
    """End index (exclusive) of a chain of capitalised tokens starting at ``i``."""
    j = i
    while j < len(toks):
        word = toks[j].text
        if j > i and word.lower() in _HEADLINE_BREAKS:
            break
        if is_cap(word) and word != "I" and word[:1] not in QUOTE_MARKS:
            j += 1
        elif word.lower() in PARTICLES and j > i and j + 1 < len(toks) and is_cap(toks[j + 1].text):
            j += 1
        else:
            break
    return j


def _joined_name(toks: list[Tok], m: int, lex: Lexicon) -> int | None:
    """Where an organisation's name starts when the capitalised words from ``m`` end a longer one joined by "of",
    "and" or "for" after "the" ("the Alliance of Motion Picture and …"); not "Rep. Chip Roy of Texas"."""
    start = m
    while start >= 2 and toks[start - 1].text in ("of", "and", "for") and is_cap(toks[start - 2].text):
        start -= 2
        while start - 1 >= 0 and is_cap(toks[start - 1].text) and toks[start - 1].text[:1].isalnum():
            start -= 1
    if start == m or start == 0 or toks[start - 1].text.lower() != "the":
        return None
    if toks[start].text.lower() in LEADING_FUNCTION:
        return None
    return start


_WEEKDAYS_MONTHS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split()) | MONTHS
_HEADLINE_AUX = (AUX | ADVERBS) - {"may", "might", "must"}  # not "Theresa May"
_NO_HEAD = AUX | LEADING_FUNCTION  # words a description never ends with
_REFLEXIVES = frozenset("himself herself themselves itself".split())


def mention_before(
    toks: list[Tok], j: int, text: str, lex: Lexicon, depth: int = 0, strict: bool = False
) -> Mention | None:
    """The noun phrase ending before token ``j`` (speaker before the verb: "Lu said", "the official said")."""
    found = _mention_before(toks, j, text, lex, depth, strict)
    if found is None or found.kind != "named" or " " not in found.text:
        return found
    first, rest = found.text.split(None, 1)
    described = DESCRIBING_COMPOUND.fullmatch(first) is not None  # "Fed-up Brown replied", "Red-faced Vell"
    if not (first.lower() in _WEEKDAYS_MONTHS or described) or not rest[:1].isupper():
        return found
    start = found.end - len(rest)  # "On Thursday Trump questioned": Trump, not "Thursday Trump"
    return Mention(start, found.end, text[start : found.end], "named")


def _mention_before(
    toks: list[Tok], j: int, text: str, lex: Lexicon, depth: int = 0, strict: bool = False
) -> Mention | None:
    k = j - 1
    while k >= 0 and (
        toks[k].text.lower() in ADVERBS
        and (toks[k].text[:1].islower() or k == 0 or toks[k].text.endswith("ly"))  # not "Mr May said"
        or toks[k].text.lower() in TIME_WORDS
        or toks[k].text.lower() in _REFLEXIVES  # "Johnson himself also said"
        or is_adverb(toks[k].text)
    ):
        k -= 1
    if k > 0 and toks[k].text.lower() == "ago":  # "The State Department less than two weeks ago said"
        k -= 1
        while k >= 0 and (toks[k].text.lower() in _AGO_WORDS or toks[k].text.isdigit()):
            k -= 1
    if k < 0:
        return None
    word = toks[k].text
    if word in QUOTE_MARKS and text[max(0, toks[k].start - 3) : toks[k].start].rstrip("'’\"”").endswith(","):
        word = ","  # "Amar, author of “America's Constitution,” put it": the apposition's comma is inside the marks
    low = word_key(word)
    if low in ("who", "which") and k > 0 and toks[k - 1].text == ",":
        # "Graves, who last Friday said": the antecedent before the comma
        return mention_before(toks, k - 1, text, lex, 2, strict)
    if low in ("who", "which", "that") and k > 0:
        # "a new ad that urges", "Mr. Lu, who told": the antecedent right before the pronoun
        return mention_before(toks, k, text, lex, 2, strict)
    if word == "," and k > 1 and toks[k - 1].text == ")":
        # "Gov. John Kasich (R-OH), said": the name before the brackets
        bracket = next((m for m in range(k - 2, max(-1, k - 12), -1) if toks[m].text == "("), None)
        if bracket is not None:
            return mention_before(toks, bracket, text, lex, depth + 1, strict)
    if low == "and" and depth == 0:
        return clause_subject(toks, 0, k, text, lex)
    if word in (",", ")") and depth < 2:
        # apposition: "Caddell, a longtime pollster, said" / "Lu (pictured) said" -> Caddell
        opener = "(" if word == ")" else ","
        m = k - 1
        while m >= 0 and m > k - 30 and toks[m].text != opener:
            if toks[m].text in (".", "!", "?", ";", ":"):
                return None
            m -= 1
        if m < 0 or m <= k - 30:
            return None
        outer = mention_before(toks, m, text, lex, depth + 1, strict)
        chunk = toks[m + 1 : k]
        if (
            word == ","
            and 2 <= len(chunk) <= 4
            and all(is_cap(t.text) and t.text[:1].isalpha() for t in chunk)
            and (outer is None or outer.kind != "named" or a_role(outer.text, lex))
        ):
            # "Khan's lawyer, Salman Akram, said": the name in the apposition is the speaker
            return Mention(chunk[0].start, chunk[-1].end, text[chunk[0].start : chunk[-1].end], "named")
        if (
            word == ","
            and 3 <= len(chunk) <= 10
            and chunk[0].text.lower() == "the"
            and all(is_cap(t.text) or t.text in ("of", "and", "for") for t in chunk[1:])
            and is_cap(chunk[-1].text)
            and (outer is None or outer.kind != "named")
        ):
            # "The studios' bargaining group, the Alliance of Motion Picture and Television Producers, said"
            return Mention(chunk[0].start, chunk[-1].end, text[chunk[0].start : chunk[-1].end], "organisation")
        return outer
    if low in lex.pronouns:
        if low == "it" and depth:
            return None
        return Mention(toks[k].start, toks[k].end, word, "pronoun")
    if word.endswith(("’s", "'s")):
        return None
    while k > 0 and is_cap(toks[k - 1].text) and (word.lower() in _HEADLINE_AUX or word.endswith(("n’t", "n't"))):
        k, word = k - 1, toks[k - 1].text  # a headline's "Trump Didn’t Call", "Joe Biden Just Called"
    if is_cap(word) and word != "I" and word[:1].isalnum():
        m = k
        while m - 1 >= 0 and (
            (is_cap(toks[m - 1].text) and toks[m - 1].text[:1].isalnum()) or toks[m - 1].text.lower() in PARTICLES
        ):
            m -= 1
        while m < k and (toks[m].text.lower() in LEADING_FUNCTION or toks[m].text.lower() in PARTICLES):
            m += 1
        words = [t.text for t in toks[m : k + 1]]
        if words[0].lower() in LEADING_FUNCTION:
            return None
        kind = classify(words, lex)
        joined = _joined_name(toks, m, lex)
        if joined is not None:
            m, kind = joined, "organisation"  # "the Writers Guild of America", "the Department of ... and Trade"
        start = toks[m].start
        first = m
        if m - 1 >= 0 and toks[m - 1].text.lower() == "the":
            start = toks[m - 1].start
            first = m - 1
            if kind == "named":
                kind = "organisation"
        if first >= 2 and toks[first - 1].text.lower() == "of" and toks[first - 2].text.lower() in lex.anonymous_heads:
            # "The head of the French Republic said", "the chief executive of Tesla said": the role, not the body
            role = _mention_before(toks, first - 1, text, lex, 1, strict)
            if role is not None and role.kind == "anonymous" and toks[first - 2].text.islower():
                return Mention(role.start, toks[k].end, text[role.start : toks[k].end], "anonymous")
        if first >= 2 and toks[first - 1].text.lower() == "of" and is_cap(toks[first - 2].text):
            # "Capt. Jamie Frederick of the First Coast Guard District", "Rep. Chip Roy of Texas": the person
            holder = mention_before(toks, first - 1, text, lex, depth, strict)
            if holder is not None and holder.kind == "named":
                if a_role(text[toks[first].start : toks[k].end], lex):
                    # "Port of Rotterdam CEO": a body's role, not a person of a place
                    return Mention(holder.start, toks[k].end, text[holder.start : toks[k].end], "anonymous")
                if a_role(holder.text, lex) and ends_with_a_name(toks[first : k + 1], lex):
                    # "US Secretary of State Antony Blinken": a title's "of" and the name it ends with
                    return Mention(holder.start, toks[k].end, text[holder.start : toks[k].end], "named")
                return holder
            if holder is not None and holder.text.lower().startswith("the "):
                # "The President of the United States said", "the University of Michigan said": the role or the
                # body, whole
                whole = text[holder.start : toks[k].end]
                if a_role(holder.text, lex):
                    return Mention(holder.start, toks[k].end, whole, "anonymous")
                if holder.text.split()[-1].lower() in lex.organisation_words:
                    return Mention(holder.start, toks[k].end, whole, "organisation")
        if depth == 0 and first >= 2 and toks[first - 1].text.lower() in PREPOSITIONS:
            # "Zelenskyy in response to the U.S. said": the object of a phrase after the subject is no subject
            holder = _subject_before_phrase(toks, first - 1, text, lex, strict)
            if holder is not None:
                return holder
            participle = first >= 3 and toks[first - 2].text.endswith("ing") and toks[first - 2].text.islower()
            if toks[first - 1].text.lower() in _PLACE_PREPOSITIONS or participle:
                # "A massive crowd in Chicago shouted", "a senator from Ohio said", "another source speaking to
                # Fox News said": the place or the one spoken to is no speaker
                described = _mention_before(toks, first - (2 if participle else 1), text, lex, 1, strict)
                if described is not None and described.kind == "anonymous":
                    return described
        return Mention(start, toks[k].end, text[start : toks[k].end], kind)
    of = k > 0 and toks[k - 1].text.lower() == "of"  # "the former secretary of state talked"
    if word[:1].islower() and word[:1].isalpha() and (of or low not in lex.verbs) and low not in _NO_HEAD:
        # a description: "the American official", "the committee chairmen", "a State Department spokesperson"
        m = k
        while m - 1 >= 0 and k - m < 9:
            prev = toks[m - 1].text
            if not (prev[:1].isalnum() or prev == "-"):
                break
            plow = prev.lower()
            if plow.endswith("ed") and "-" not in plow and _a_clause_verb(toks, m):
                break  # "the way the Clinton operation disparaged women who …": a clause, not "the retired general"
            if plow in AUX or (plow in lex.verbs and plow not in lex.anonymous_heads) or plow in LEADING_FUNCTION:
                if plow not in DETERMINERS and not (plow == "of" and m - 2 >= 0 and toks[m - 2].text[:1].isalnum()):
                    break
            m -= 1
            if plow in DETERMINERS:
                break
        opening = toks[m].text.lower()
        known_head = low in lex.anonymous_heads or low in lex.organisation_words
        if opening not in DETERMINERS and not known_head:
            return None
        if m - 1 >= 0 and toks[m - 1].text.lower() in PREPOSITIONS:
            # "at a conference said": no subject, but "Vell in response to the mayor said" has one before it
            return _subject_before_phrase(toks, m - 1, text, lex, strict) if depth == 0 else None
        if not known_head and (strict or m == k):
            return None
        words = [t.text for t in toks[m : k + 1]]
        kind = classify(words, lex)
        if kind == "named":
            kind = "anonymous"
        return Mention(toks[m].start, toks[k].end, text[toks[m].start : toks[k].end], kind)
    return None


def _a_clause_verb(toks: list[Tok], m: int) -> bool:
    """Token m-1 (a past form) is a clause's verb: after a noun, before its object ("operation disparaged women"),
    not an adjective ("the retired general") or a participle before a preposition ("a memo circulated among")."""
    before, after = toks[m - 2].text.lower() if m >= 2 else "", toks[m].text.lower()
    return bool(before) and before not in _MODIFIER_BEFORE and after not in _POST_PREPOSITIONS


_AGO_WORDS = frozenset(
    "less more than about nearly almost just only some a an one two three four five six seven eight nine ten few"
    " several couple of minute minutes hour hours day days week weeks month months year years decade decades".split()
)
_PLACE_PREPOSITIONS = frozenset("in at from outside inside near".split())
_POST_PREPOSITIONS = PREPOSITIONS | frozenset("among across through between around within against toward".split())
_MODIFIER_BEFORE = DETERMINERS | ADVERBS | PREPOSITIONS


def a_role(words: str, lex: Lexicon) -> bool:
    """A capitalised run that ends with a title or a role: "US Secretary", "JPMorgan Chase CEO"."""
    last = words.split()[-1].rstrip(".,") if words.split() else ""
    return last in lex.titles or last.lower() in lex.anonymous_heads


def ends_with_a_name(run: list[Tok], lex: Lexicon) -> bool:
    """ "State Antony Blinken" (a department, then a person), not "the European Central Bank"."""
    if any(t.text in lex.first_names for t in run):
        return True
    return len(run) >= 3 and run[0].text.lower() != "the" and run[-1].text.lower() not in lex.organisation_words


def _subject_before_phrase(toks: list[Tok], p: int, text: str, lex: Lexicon, strict: bool) -> Mention | None:
    """The named person right before a short verbless phrase holding toks[p] ("Lu in a letter to the Senate"),
    if the name opens its clause ("some Catholics in public office" is no subject)."""
    j = p
    while j > 0 and p - j < 6:
        prev = toks[j - 1].text
        if is_cap(prev) and prev[:1].isalpha() and toks[j].text.lower() in PREPOSITIONS:
            holder = mention_before(toks, j, text, lex, 1, strict)
            if holder is None or holder.kind != "named" or len(holder.text.split()) == 1 and a_role(holder.text, lex):
                return None  # "Attorneys for Clinton": a description, read as it is
            before = next((k for k in range(j - 1, -1, -1) if toks[k].start < holder.start), None)
            opens = before is None or toks[before].text in (",", ";", ":", "—", "–", "(", "and", "but")
            return holder if opens else None
        low = prev.lower()
        if not prev[:1].isalpha() or low in AUX or (low in lex.verbs and low not in lex.anonymous_heads):
            return None
        j -= 1
    return None


def clause_subject(toks: list[Tok], lo: int, hi: int, text: str, lex: Lexicon) -> Mention | None:
    """The subject of the sentence in toks[lo:hi]: the first mention directly followed by a finite verb, outside
    a leading subordinate clause ("As the race turned south, Clinton said ...") and relative clauses."""
    found: Mention | None = None
    opener = toks[lo].text.lower() if lo < hi else ""
    participle = opener.endswith("ing") and opener not in lex.pronouns and not printed_as_surname(toks[lo].text, text)
    # "Hours later, Trump returned …", "Two days ago, Vell said": a time phrase before the subject
    timed = any(toks[k].text.lower() in _LATER and toks[k + 1].text == "," for k in range(lo + 1, min(hi - 1, lo + 3)))
    if opener in SUBORDINATORS or opener in PREPOSITIONS or participle or timed:
        # "Following remarks on his budget Monday, Biden was pressed …": the subject comes after the phrase
        comma = next((k for k in range(lo + 1, min(hi, lo + 20)) if toks[k].text == ","), None)
        if comma is not None:
            lo = comma + 1
    for j in range(lo + 1, hi):
        if not looks_like_verb(toks[j].text, lex):
            continue
        low = toks[j].text.lower()
        if toks[j - 1].text in ADVERBS or word_key(toks[j - 1].text) in ("which", "who", "that"):  # not "May has"
            continue
        if low.endswith("s") and not low.endswith("ss") and j + 1 < hi and toks[j + 1].text in (",", ".", ";"):
            continue  # "Democratic electorates, ...": a plural noun, not a verb
        mention = mention_before(toks, j, text, lex, strict=True)
        if mention is not None and mention.start >= toks[lo].start:
            before = next((t.text.lower() for t in reversed(toks[lo:j]) if t.end <= mention.start), "")
            if before in _OBJECT_PREPOSITIONS:
                continue  # "said of the Charlottesville protests that": a preposition's object is no subject
            found = mention
            break
    return found


_LATER = frozenset("later earlier ago afterwards afterward".split())
# Prepositions whose object is never the clause's subject (not a passive's "by", "with Trump yelling", "Attorneys
# for Clinton", "From Andrea Peyser writing at …")
_OBJECT_PREPOSITIONS = PREPOSITIONS - {"by", "with", "for", "from"}


_RELATIVES = frozenset("who whom whose which that".split())


def unclosed_apposition(toks: list[Tok], end: int, text: str, lex: Lexicon) -> Mention | None:
    """ "Stephen Hawking, one of the world’s most renowned scientists has said": the named person opening the
    sentence whose apposition is never closed by a second comma."""
    comma = next((k for k in range(end - 1, max(0, end - 12), -1) if toks[k].text == ","), None)
    if comma is None or comma + 1 >= end or toks[comma + 1].text.lower() not in ("one", "a", "an", "the"):
        return None
    words = [t.text.lower() for t in toks[comma + 1 : end]]
    if any(w in (",", ";", ":") or w in lex.verbs or w in _RELATIVES for w in words):
        return None  # "Vell, a pilot who said …", "Vell, a pilot; the mayor said": not one unclosed apposition
    opener = toks[0].text.lower()
    if opener in LEADING_FUNCTION or opener == "according" or is_adverb(opener):  # "Separately, the RCMP said"
        return None  # "According to the cable, the American official then threatened": no name opens it
    owner = mention_before(toks, comma, text, lex)
    return owner if owner is not None and owner.kind == "named" and owner.start == toks[0].start else None


def apposition_owner(toks: list[Tok], mention: Mention, text: str, lex: Lexicon) -> Mention | None:
    """The person an unclosed apposition describes: "Mario Draghi, the president of the European Central Bank
    told …" reads "the European Central Bank" before the verb; Draghi speaks."""
    first = next((k for k, t in enumerate(toks) if t.start >= mention.start), None)
    if first is None or first < 4 or toks[first - 1].text.lower() != "of":
        return None
    k = first - 2
    while k > 0 and k > first - 6 and toks[k].text != "," and toks[k].text[:1].isalpha():
        k -= 1
    if toks[k].text != "," or toks[k + 1].text.lower() not in ("the", "a", "an"):
        return None
    owner = mention_before(toks, k, text, lex)
    return owner if owner is not None and owner.kind == "named" else None
