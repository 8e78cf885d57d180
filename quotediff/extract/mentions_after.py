"""Reading a speaker mention forwards from a token, as the words after a speech verb name it: "said Lu", "said a
State Department spokesperson", "Khan's lawyer, Tariq Mehmood Sial", "campaign manager Kellyanne Conway"."""

from __future__ import annotations

from quotediff.extract.lexicon import Lexicon
from quotediff.extract.mentions import Mention, a_role, classify, ends_with_a_name, name_span
from quotediff.extract.tokens import (
    AUX,
    DETERMINERS,
    LEADING_FUNCTION,
    MONTHS,
    PREPOSITIONS,
    SUBORDINATORS,
    TIME_WORDS,
    Tok,
    is_cap,
)


def mention_after(toks: list[Tok], i: int, text: str, lex: Lexicon, loose: bool = False) -> Mention | None:
    """The noun phrase starting at token ``i`` (speaker after the verb: "said Lu", "said the official")."""
    if i >= len(toks):
        return None
    first = toks[i].text
    low = first.lower()
    if low in TIME_WORDS or low in MONTHS or low in SUBORDINATORS:
        return None  # not "“…,” though voters are more likely to say": a new clause, no speaker
    if low in lex.pronouns:
        return Mention(toks[i].start, toks[i].end, first, "pronoun")
    if is_cap(first) and low not in DETERMINERS and low not in LEADING_FUNCTION:
        j = name_span(toks, i)
        if toks[j - 1].text.endswith(("’s", "'s")) and j < len(toks) and toks[j].text[:1].islower():
            # "Clinton's introducer", "Trump's campaign manager Paul Manafort"
            described = _description_after(toks, j, text, lex, loose=True, possessor=i)
            if described is not None:
                return described
        # "Texas delegate Bill Eastland", "Snyder spokesman Dave Murray": the name after the description
        k = j
        while k < len(toks) and k < j + 3 and toks[k].text[:1].islower() and toks[k].text.replace("-", "").isalpha():
            k += 1
        if k > j and k < len(toks) and is_cap(toks[k].text) and toks[k - 1].text.lower() in lex.anonymous_heads:
            m = name_span(toks, k)
            return Mention(toks[k].start, toks[m - 1].end, text[toks[k].start : toks[m - 1].end], "named")
        if j + 1 < len(toks) and toks[j].text == "of" and a_role(text[toks[i].start : toks[j - 1].end], lex):
            m = name_span(toks, j + 1)
            if m > j + 1 and ends_with_a_name(toks[j + 1 : m], lex):
                # "US Secretary of State Antony Blinken": a title's "of" and the name it ends with
                return Mention(toks[i].start, toks[m - 1].end, text[toks[i].start : toks[m - 1].end], "named")
        words = [t.text for t in toks[i:j]]
        kind = classify(words, lex)
        if kind != "named" and k > j:
            return _description_after(toks, i, text, lex) or Mention(
                toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], kind
            )
        return Mention(toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], kind)
    if low in DETERMINERS or first[:1].islower():
        described = _description_after(toks, i, text, lex, loose)
        if described is not None or not loose:
            return described
    if loose and low not in DETERMINERS and low not in PREPOSITIONS and first[:1].isalnum():
        # "retired Air Force general Lloyd Newton": a name after modifiers (not "warning to North Korea")
        for k in range(i + 1, min(len(toks), i + 6)):
            if not (toks[k].text[:1].isalnum() or toks[k].text in ("/", "-")):
                break
            if toks[k - 1].text.lower() in SUBORDINATORS:
                break  # "… as White House urges": a new clause, not a modifier of the name
            if is_cap(toks[k].text) and toks[k - 1].text[:1].islower():
                m = name_span(toks, k)
                ends = m >= len(toks) or not toks[m].text[:1].isalpha() or toks[m].text.lower() in lex.verbs
                if m - k >= 2 and ends:
                    return Mention(toks[k].start, toks[m - 1].end, text[toks[k].start : toks[m - 1].end], "named")
    return None


def _last_head(toks: list[Tok], j: int, lex: Lexicon) -> int:
    """The description's head when plain modifiers run past the first one: "chief human resources executive",
    or a role's "of" and its lower-case noun: "chief of staff", "secretary of state"."""
    if j + 2 < len(toks) and toks[j + 1].text == "of" and toks[j + 2].text.isalpha() and toks[j + 2].text.islower():
        after = toks[j + 3].text if j + 3 < len(toks) else ","
        low = toks[j + 2].text
        if low not in DETERMINERS and low not in LEADING_FUNCTION and (not after[:1].isalpha() or after in lex.verbs):
            return j + 2
    for m in range(j + 1, min(len(toks), j + 4)):
        low = toks[m].text.lower()
        if not toks[m].text.isalpha() or not toks[m].text.islower() or low in lex.verbs or low in LEADING_FUNCTION:
            return j
        if low in lex.anonymous_heads:
            return m
    return j


def _description_after(
    toks: list[Tok], i: int, text: str, lex: Lexicon, loose: bool = False, possessor: int | None = None
) -> Mention | None:
    """A description ("the American official", "a State Department spokesperson") from ``i``."""
    for j in range(i, min(len(toks), i + 8)):
        word = toks[j].text
        low = word.lower()
        if not word[:1].isalnum():
            break
        if low in lex.anonymous_heads or (low in lex.organisation_words and j > i):
            while j + 1 < len(toks) and (
                (nxt := toks[j + 1].text.lower()) in lex.anonymous_heads
                or nxt in lex.organisation_words
                or nxt == "and" and j + 3 < len(toks) and toks[j + 2].text in lex.titles and is_cap(toks[j + 3].text)
            ):
                j += 1  # "a Trump campaign source", "a State Department spokesperson", "founder and CEO"
            j = _last_head(toks, j, lex)  # "Google's chief human resources executive"
            k = j + 1
            # "campaign manager Kellyanne Conway": a name right after the description is the speaker
            m = name_span(toks, k)
            if m > k and toks[k].text.lower() not in lex.pronouns:
                return Mention(toks[k].start, toks[m - 1].end, text[toks[k].start : toks[m - 1].end], "named")
            if k + 1 < len(toks) and toks[k].text == "," and is_cap(toks[k + 1].text):
                # "said Khan's lawyer, Tariq Mehmood Sial.": the name in apposition is the speaker
                m = name_span(toks, k + 1)
                closes = (
                    m >= len(toks)
                    or toks[m].text in (".", ";", ")")
                    or (toks[m].text == "," and not (m + 1 < len(toks) and toks[m + 1].text.lower() in lex.verbs))
                )  # not "the White House spokesman, Josh Earnest, said": the verb follows, the frame reads it
                if 2 <= m - k - 1 <= 4 and closes and classify([t.text for t in toks[k + 1 : m]], lex) == "named":
                    return Mention(
                        toks[k + 1].start, toks[m - 1].end, text[toks[k + 1].start : toks[m - 1].end], "named"
                    )
            if (
                k + 1 < len(toks)
                and toks[k].text.lower() in ("for", "of", "at", "with", "in")
                and is_cap(toks[k + 1].text)
            ):
                m = name_span(toks, k + 1)
                named_body = is_cap(toks[j].text) and toks[j].text.lower() in lex.organisation_words
                j = m - 1
                while (
                    named_body
                    and m + 1 < len(toks)
                    and toks[m].text in ("of", "and", "for")
                    and is_cap(toks[m + 1].text)
                ):
                    m = name_span(toks, m + 1)  # "the Alliance of Motion Picture and Television Producers"
                    j = m - 1
            role = j + 1 < len(toks) and toks[j + 1].text.islower() and toks[j + 1].text in lex.anonymous_heads
            if role:
                j += 1  # "the National Institute of Allergy and Infectious Diseases director": its head
            words = [t.text for t in toks[i : j + 1]]
            kind = classify(words, lex)
            if kind == "named":
                kind = "anonymous"
            if any(is_cap(w) and w.lower() in lex.organisation_words for w in words) and words[0].lower() == "the":
                kind = "anonymous" if role else "organisation"  # "the Writers Guild of America", "the Alliance of"
            first = toks[possessor if possessor is not None else i].start
            return Mention(first, toks[j].end, text[first : toks[j].end], kind)
        if j > i and word[:1].islower() and (low in lex.verbs or low in AUX):
            break
        if low in PREPOSITIONS or low in ("and", "but", "or", "that", "which", "who", "while", "whether"):
            if toks[i].text.lower() in DETERMINERS and j > i + 1:
                break  # "a narrator in the Clinton ad": the phrase ends before the preposition
            return None  # "but in the course of their report", "to use private email": no noun phrase
    # no known head: "said the 46-year-old.", "the businessman replied": up to the verb or the clause end
    if loose and (toks[i].text.lower() in DETERMINERS or possessor is not None):
        j = i + 1 if possessor is None else i
        while j < len(toks) and j < i + 6 and (toks[j].text[:1].isalnum() or toks[j].text == "-"):
            if is_cap(toks[j].text) and possessor is None and j > i + 1:
                m = name_span(toks, j)  # "an angry Hollande": the name after the modifiers
                return Mention(toks[j].start, toks[m - 1].end, text[toks[j].start : toks[m - 1].end], "named")
            low = toks[j].text.lower()
            if low in lex.verbs or low in AUX or low in PREPOSITIONS or low in ("who", "that", "which"):
                break
            j += 1
        end_ok = (
            j >= len(toks)
            or not toks[j].text[:1].isalnum()
            or toks[j].text.lower() in lex.verbs or toks[j].text.lower() in ("has", "have", "had")  # "… has told"
            or toks[j].text.lower() in PREPOSITIONS
            or toks[j].text.lower() in ("who", "which", "that")
        )
        if j > i + (1 if possessor is None else 0) and end_ok:
            first = toks[possessor if possessor is not None else i].start
            return Mention(first, toks[j - 1].end, text[first : toks[j - 1].end], "anonymous")
    return None
