"""Finding the attribution frame of one quote: its speech verb and speaker mention, and the addressee.

Each ``frame_*`` function tries one shape of news attribution in a window of the masked text (quotes blanked
out) and returns a ``Frame`` or None: before the opening mark (Lu told Majeed: “…”, according to Lu, “…”), a
possessive ("Lu's words were", "Trump's claim that"). ``attribute`` tries them in order, nearest first; the
frames after the closing mark and the colon frames are token patterns (``after``, ``patterns``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from quotediff.extract.lexicon import Lexicon, lexicon, phrase_re
from quotediff.extract.mentions import Mention, clause_subject, mention_after, mention_before
from quotediff.extract.tokens import (
    ADVERBS,
    DETERMINERS,
    LEADING_FUNCTION,
    QUOTE_MARKS,
    TIME_WORDS,
    WORD_RE,
    Tok,
    is_cap,
)
from quotediff.extract.window import Window, Words, words
from quotediff.model import Span


@dataclass(frozen=True, slots=True)
class Frame:
    """An attribution found in the text: speaker mention and verb (either may be missing)."""

    speaker: Mention | None
    verb: Span | None
    lemma: str | None
    tone: str | None
    addressee: Span | None = None
    how: str = ""  # which rule found it: after, colon, before, subject, previous, continued, floating, discussed
    sources: tuple[Span, ...] = ()  # sources the frame itself names: "The memo" in "The memo quotes Vell as saying"


_ADDRESSEE_VERBS = frozenset("tell inform assure reassure remind brief warn urge advise ask notify instruct".split())

_PARTICIPLES = frozenset(
    "saying telling adding noting writing explaining arguing insisting warning declaring asking calling"
    " stating claiming quoting describing tweeting".split()
)


def _verb_span(toks: list[Tok], i: int, used: int, text: str) -> Span:
    return Span(toks[i].start, toks[i + used - 1].end, text[toks[i].start : toks[i + used - 1].end])


_ADDRESSEE_WORDS = frozenset(
    "reporters journalists lawmakers supporters me us him her them colleagues voters listeners".split()
)


def addressee_at(toks: list[Tok], i: int, lemma: str, text: str, lex: Lexicon) -> Span | None:
    if i >= len(toks):
        return None
    k = i
    if lemma not in _ADDRESSEE_VERBS:
        if toks[k].text.lower() != "to" or lemma not in ("say", "write", "speak", "explain", "add", "reply"):
            return None
        k += 1
    if k < len(toks) and toks[k].text.lower() in _ADDRESSEE_WORDS:
        return Span(toks[k].start, toks[k].end, toks[k].text)
    mention = mention_after(toks, k, text, lex)
    if mention is None or mention.kind == "pronoun":
        return None
    return Span(mention.start, mention.end, mention.text)


NAMING_VERBS = frozenset("call dub label brand describe characterize characterise name term nickname".split())


_WORDS_WERE_RE = re.compile(
    r"(?<![\w’'])((?:[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s|\b(?:[Hh]is|[Hh]er|[Tt]heir))\s+"
    r"(?:(?:own|full|exact|actual|original|precise|famous|entire)\s+)?((?:words|response|reply|answer|message"
    r"|comment|comments|remarks?|verdict|statement|explanation|quotation|quote|line)"
    r"(?:\s+(?:was|were|is|are)(?:\s+as\s+follows)?\s*[:,]?|\s*:|(?<=words)\s*,?))\s*[“”\"‘'«„]?\s*$"
)

_CLAIM_RE = re.compile(
    r"(?<![\w’'])([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['’]s|\b(?:[Hh]is|[Hh]er|[Tt]heir))\s+(?:\w+\s+){0,2}?"
    r"(?:claim|claims|assertion|statement|remark|remarks|comment|comments|suggestion|promise|pledge|vow|warning"
    r"|insistence|argument|allegation|boast|description|prediction|contention|charge|accusation|quote|line|call"
    r"|characterization|characterisation"
    r"|declaration|plea|demand|threat|retort|quip|refrain|mantra|admission|assurance|reminder|rebuke)"
    r"(?:\s+(?:on|in|at|during|last|this|earlier)(?:\s+[\w-]+){1,2}?)?\s+(?:that|about|of)\b"
)


def _without_opener(text: str, s: int, e: int) -> int:
    """Where a possessive's name starts once a capitalised opener is skipped: "In Vell's words" names Vell."""
    while True:
        word = re.match(r"([A-Z][a-z]*)\s+", text[s:e])
        if word is None or word.group(1).lower() not in LEADING_FUNCTION:
            return s
        s += word.end()


def frame_claim(win: Window) -> Frame | None:
    """A possessive claim before the quote, with no speech verb after it: "Trump's claim that there were “…”"."""
    masked, text, lo, pos, lex = win.masked, win.text, win.s_start, win.open_start, win.lex
    matches = list(_CLAIM_RE.finditer(masked, lo, pos))
    match = matches[-1] if matches else None
    if match is None or has_speech_verb(masked, match.end(), pos, lex):
        return None
    s, e = match.span(1)
    s = _without_opener(text, s, e)
    if text[s:e].lower() in ("his", "her", "their"):  # "his call that Putin “…”": the person he stands for
        return Frame(Mention(s, e, text[s:e], "pronoun"), None, None, None, None, "colon")
    return Frame(Mention(s, e - 2, text[s : e - 2], "named"), None, None, None, None, "colon")


def frame_words_were(win: Window) -> Frame | None:
    """A possessive frame before the quote: "Lu's words were: “…”", "Rush's reply was “…”"."""
    masked, text, lo, pos = win.masked, win.text, win.s_start, win.open_start
    match = _WORDS_WERE_RE.search(masked, lo, pos + 1)
    if match is None:
        return None
    s, e = match.span(1)
    s = _without_opener(text, s, e)
    vs, ve = match.span(2)
    while ve > vs and (text[ve - 1] in ":," or text[ve - 1].isspace()):
        ve -= 1  # "Vell's words:": the colon is no part of the verb
    phrase = " ".join(text[vs:ve].split())
    verb = Span(vs, ve, text[vs:ve])
    if text[s:e].lower() in ("his", "her", "their"):  # "her words were:": the person she stands for
        return Frame(Mention(s, e, text[s:e], "pronoun"), verb, phrase.lower(), "neutral", None, "colon")
    e -= 2  # the name without its "'s"
    return Frame(Mention(s, e, text[s:e], "named"), verb, phrase.lower(), "neutral", None, "colon")


def frame_before(win: Window) -> Frame | None:
    """The attribution between the quote's sentence start and its opening mark."""
    return _before(win.before, win.masked, win.text, win.s_start, win.open_start, win.lex)


def frame_before_in(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """``frame_before`` over masked[lo:pos], a sentence before the quote's own."""
    return _before(words(masked, lo, pos, lex), masked, text, lo, pos, lex)


def _before(w: Words, masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """The attribution in text[lo:pos] (one sentence): its last speech verb and its subject, or an earlier verb
    that reports the whole clause holding the quote ("Rubio said that ... he has begun “…”")."""
    toks = w.toks
    frame = _last_frame(w, len(toks), masked, text, lo, pos, lex)
    if frame is None or frame.verb is None:
        return frame
    if frame.lemma == "according to":
        # "Lu then told Majeed, according to the cable: “…”": Lu speaks, the cable is the source
        at = next((k for k, t in enumerate(toks) if t.start >= frame.verb.start), len(toks))
        earlier = _last_frame(w, at, masked, text, lo, pos, lex)
        if earlier is not None and earlier.lemma != "according to" and earlier.speaker is not None:
            return earlier
        return frame
    first = next((k for k, t in enumerate(toks) if t.start >= frame.verb.start), len(toks))
    speaker_at = first
    if frame.speaker is not None:
        speaker_at = next((k for k, t in enumerate(toks) if t.start >= frame.speaker.start), first)
    for j in range(min(first, speaker_at) - 1, -1, -1):
        if toks[j].text in (",", "—", "–", ";", ":", "(") or toks[j].text in QUOTE_MARKS:
            break
        pronoun_clause = (
            j == speaker_at - 1
            and frame.speaker is not None
            and frame.speaker.kind == "pronoun"
            and w.verb(j) is not None
        )
        if (toks[j].text.lower() != "that" or j == 0) and not pronoun_clause:
            continue
        k = j if pronoun_clause else j - 1
        while k > 0 and (toks[k].text.lower() in ADVERBS or toks[k].text.lower() in TIME_WORDS):
            k -= 1
        verb = w.verb(k)
        if verb is not None and verb[1] not in NAMING_VERBS:
            matrix = _last_frame(w, k + verb[0], masked, text, lo, pos, lex)
            if matrix is not None and matrix.speaker is not None and matrix.verb is not None:
                return matrix
    return frame


def _last_frame(w: Words, upto: int, masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """The frame of the last speech verb among the first ``upto`` tokens that has a speaker."""
    toks = w.toks
    for i in range(upto - 1, -1, -1):
        verb = w.verb(i)
        if verb is None:
            continue
        used, lemma, tone = verb
        vs = _verb_span(toks, i, used, text)
        if lemma == "according to":
            mention = mention_after(toks, i + used, text, lex)
            if mention is not None:
                return Frame(mention, vs, lemma, tone, None, "before")
            continue
        if is_cap(toks[i].text) and i > 0 and toks[i - 1].text not in (".", ":", "!", "?", "—"):
            continue  # "Said" inside a name or title, not a verb
        form = toks[i].text.lower()
        if (
            form in (lemma, lemma + "s", lemma + "es")
            and any(t.text.lower() in DETERMINERS for t in toks[max(0, i - 2) : i])
            and toks[i - 1].text.lower() not in lex.anonymous_heads
            and toks[i - 1].text.lower() not in lex.organisation_words
        ):
            continue  # "his weekend message", "a few questions": a noun
        addressee = addressee_at(toks, i + used, lemma, text, lex)
        low = toks[i].text.lower()
        if low.endswith("ing") and i >= 2 and toks[i - 1].text.lower() == "for":
            # "Romney took Obama to task for saying “…”", "critics mocked Vell for calling …": the object speaks
            k = i - 1
            if k >= 2 and toks[k - 1].text.lower() == "task" and toks[k - 2].text.lower() == "to":
                k -= 2
            target = mention_before(toks, k, text, lex)
            if target is not None and target.kind == "named":
                return Frame(target, vs, lemma, tone, addressee, "before")
        if (
            low.endswith("ing")
            and i > 0
            and (
                toks[i - 1].text in (",", "—", "–")
                or toks[i - 1].text.lower() in ("by", "after", "before", "while", "when", "as", "in", "without", "from")
            )
        ):
            # "Trump returned the compliment, telling Reuters, “…”": the subject of the main clause speaks
            subject = clause_subject(toks, 0, i, text, lex)
            if subject is not None:
                return Frame(subject, vs, lemma, tone, addressee, "before")
        if (
            i > 0
            and toks[i - 1].text.lower() in ("was", "were", "is", "are", "been")
            and i + used < len(toks)
            and (toks[i + used].text.lower() == "by")
        ):
            # "Sanders was asked by host Bill Maher, “…”": the agent speaks
            agent = mention_after(toks, i + used + 1, text, lex, loose=True)
            if agent is not None:
                return Frame(agent, vs, lemma, tone, None, "before")
        subject_end = i
        hedge = _hedge_before_re().search(masked, lo, toks[i].start)
        if hedge is not None:
            subject_end = next((k for k in range(i) if toks[k].start >= hedge.start()), i)
        mention = mention_before(toks, subject_end, text, lex)
        if mention is None or mention.kind in ("organisation", "anonymous"):
            of = next((k for k in range(subject_end - 1, max(0, subject_end - 8), -1) if toks[k].text == "of"), None)
            if of is not None and of + 1 < subject_end:  # "Draghi, the president of the European Central bank told"
                tail = Mention(toks[of + 1].start, toks[subject_end - 1].end, "", "organisation")
                mention = _apposition_owner(toks, tail, text, lex) or mention
        if mention is not None:
            return Frame(mention, vs, lemma, tone, addressee, "before")
        # inverted: said Lu: “…”
        inverts = lemma not in NAMING_VERBS and lemma not in _ADDRESSEE_VERBS and not toks[i].text.endswith("ing")
        after = mention_after(toks, i + used, text, lex) if inverts else None
        if after is not None and after.kind != "pronoun":
            rest = masked[after.end : pos].strip(" :\u00a0\n")
            if len(rest) < 3 or (rest.startswith(",") and rest.endswith(",") and len(rest) < 160):
                return Frame(after, vs, lemma, tone, None, "before")
        # participle or infinitive ("..., saying “…”", "went on to say"): the subject of the main clause
        low = toks[i].text.lower()
        if low in _PARTICIPLES or low.endswith("ing") or (i > 0 and toks[i - 1].text.lower() in ("to", "and")):
            subject = clause_subject(toks, 0, i, text, lex)
            if subject is not None:
                return Frame(subject, vs, lemma, tone, addressee, "before")
    return None


def _apposition_owner(toks: list[Tok], mention: Mention, text: str, lex: Lexicon) -> Mention | None:
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


def has_speech_verb(masked: str, lo: int, hi: int, lex: Lexicon) -> bool:
    return any(w.lower() in lex.verbs for w in WORD_RE.findall(masked, lo, hi))


@functools.cache
def _hedge_before_re() -> re.Pattern[str]:
    """A passive or hedged frame right before a verb: "Lu is alleged to have told" -> "is alleged to have"."""
    return phrase_re(tuple(h for h in lexicon().hedges if " " in h), r"\s+$")
