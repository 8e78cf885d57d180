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

from quotediff.extract.lexicon import Lexicon, lexicon, outlet_like, phrase_re
from quotediff.extract.mentions import Mention, apposition_owner, clause_subject, mention_before, unclosed_apposition
from quotediff.extract.mentions_after import mention_after
from quotediff.extract.tokens import (
    ADVERBS,
    DETERMINERS,
    PREPOSITIONS,
    QUOTE_MARKS,
    TIME_WORDS,
    WORD_RE,
    Tok,
    is_adverb,
    is_cap,
    looks_like_verb,
    tokens,
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


def frame_before(win: Window) -> Frame | None:
    """The attribution between the quote's sentence start and its opening mark."""
    return _before(win.before, win.masked, win.text, win.s_start, win.open_start, win.lex)


def frame_before_in(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """``frame_before`` over masked[lo:pos], a sentence before the quote's own."""
    return _before(words(masked, lo, pos, lex), masked, text, lo, pos, lex)


def _before(w: Words, masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """The attribution in text[lo:pos] (one sentence): its last speech verb and its subject, unless an outer
    clause (``OUTER``) gives the speaker: "Lu told Majeed, according to the cable", "Rubio said that ... he has
    begun “…”"."""
    frame = _last_frame(w, len(w.toks), masked, text, lo, pos, lex)
    if frame is None or frame.verb is None:
        return frame
    for outer in OUTER:
        found = outer(w, frame, frame.verb, masked, text, lo, pos, lex)
        if found is not None:
            return found
    return frame


def _source_not_speaker(
    w: Words, frame: Frame, verb: Span, masked: str, text: str, lo: int, pos: int, lex: Lexicon
) -> Frame | None:
    """ "Lu then told Majeed, according to the cable: “…”": Lu speaks, the cable is the source."""
    if frame.lemma != "according to":
        return None
    toks = w.toks
    at = next((k for k, t in enumerate(toks) if t.start >= verb.start), len(toks))
    earlier = _last_frame(w, at, masked, text, lo, pos, lex)
    if earlier is not None and earlier.lemma != "according to" and earlier.speaker is not None:
        return earlier
    return None


def _reported_clause(
    w: Words, frame: Frame, verb: Span, masked: str, text: str, lo: int, pos: int, lex: Lexicon
) -> Frame | None:
    """An earlier verb reporting the whole clause that holds the frame: "Rubio said that ... he has begun “…”",
    "Lu said he told Majeed “…”"."""
    if frame.lemma == "according to":
        return None
    toks = w.toks
    first = next((k for k, t in enumerate(toks) if t.start >= verb.start), len(toks))
    speaker_at = first
    if frame.speaker is not None:
        speaker_at = next((k for k, t in enumerate(toks) if t.start >= frame.speaker.start), first)
    for j in range(min(first, speaker_at) - 1, -1, -1):
        if toks[j].text in (",", "—", "–", ";", ":", "(") or toks[j].text in QUOTE_MARKS:
            break
        pronoun_clause = (
            j == speaker_at - 1
            and frame.speaker is not None
            and (
                frame.speaker.kind == "pronoun"
                or frame.speaker.kind == "named"
                and introduces(frame, masked, pos, lex)
            )
            and w.verb(j) is not None
        )  # "Lu said he told Majeed “…”"; "The book says Vell told the general: “…”"
        opener = toks[j].text.lower() in ("that", "why", "whether")  # "Trump questions why the US is admitting …"
        if (not opener or j == 0) and not pronoun_clause:
            continue
        k = j if pronoun_clause else j - 1
        while k > 0 and (toks[k].text.lower() in ADVERBS or toks[k].text.lower() in TIME_WORDS):
            k -= 1
        found = w.verb(k)
        if found is not None and found[1] not in NAMING_VERBS:
            matrix = _last_frame(w, k + found[0], masked, text, lo, pos, lex)
            if matrix is not None and matrix.speaker is not None and matrix.verb is not None:
                named = frame.speaker is not None and frame.speaker.kind == "named"
                reported = named and introduces(frame, masked, pos, lex)
                if matrix.speaker.kind == "anonymous" and not _a_person(matrix.speaker.text, lex) and not reported:
                    return None  # "temperatures, which indicate that … he called “…”": no one reports it
                if reported:
                    # "The Post reported that Trump asked “…”": Trump's words, the reporting party their source
                    told = Span(matrix.speaker.start, matrix.speaker.end, matrix.speaker.text)
                    f = frame
                    return Frame(f.speaker, f.verb, f.lemma, f.tone, f.addressee, f.how, (*f.sources, told))
                return matrix
    return None


# The verbs that report words as said (not "threaten", "attack"): a named subject of one of these inside a reported
# clause is the quote's speaker.
_SAYING = frozenset(
    "say tell ask add write call describe declare state reply respond answer insist claim explain note remark tweet"
    " post quip joke warn urge vow promise admit argue suggest boast complain".split()
)


def introduces(frame: Frame, masked: str, pos: int, lex: Lexicon) -> bool:
    """The frame's verb of saying introduces the quote opening at ``pos``: no other verb stands between them
    ("Trump asked, “…”", not "statements by Trump calling for a ban make him “…”")."""
    if frame.verb is None or frame.lemma not in _SAYING | _NAMING:
        return False
    after = frame.addressee.end if frame.addressee is not None else frame.verb.end
    between = tokens(masked, after, pos) if after < pos else []
    if frame.lemma in _NAMING:  # "Trump described places like Haiti as “…”", "called them “…”"
        words = [t for t in between if t.text[:1].isalnum()]
        if frame.lemma == "call":
            return len(words) <= 16 and not (words and words[0].text.lower() in ("for", "on", "out", "up", "off", "in"))
        return len(words) <= 16 and bool(words) and words[-1].text.lower() == "as"  # "as" closes the object
    comma = max((n for n, t in enumerate(between) if t.text == ","), default=-1)  # past an aside: ", of the bill,"
    rest = [t for t in between[comma + 1 :] if t.text[:1].isalpha() and t.text != "that"]
    return len(rest) <= 3 and not any(looks_like_verb(t.text, lex) for t in rest)


_NAMING = frozenset("refer describe characterize characterise brand label dub call reject dismiss denounce".split())


def says_words(frame: Frame) -> bool:
    """The frame's verb reports words as said ("told a meeting:", not "threatened")."""
    return frame.verb is not None and frame.lemma in _SAYING


def _a_person(description: str, lex: Lexicon) -> bool:
    words = description.split()
    return bool(words) and words[-1].lower().strip(".,") in lex.anonymous_heads


# The clauses around a frame before the quote that name its speaker instead, tried in order.
def _reporting_outlet(
    w: Words, frame: Frame, verb: Span, masked: str, text: str, lo: int, pos: int, lex: Lexicon
) -> Frame | None:
    """ "The president asked if …, reports the New York Times, “…”": the president asks, the outlet is the source."""
    speaker = frame.speaker
    if frame.lemma != "report" or speaker is None or speaker.start < verb.end or not outlet_like(speaker.text, lex):
        return None
    at = next((k for k, t in enumerate(w.toks) if t.start >= verb.start), len(w.toks))
    if at == 0 or w.toks[at - 1].text != ",":
        return None
    earlier = _last_frame(w, at - 1, masked, text, lo, pos, lex)
    if earlier is None or earlier.speaker is None or earlier.lemma in ("according to", "report"):
        return None
    e, outlet = earlier, Span(speaker.start, speaker.end, speaker.text)
    return Frame(e.speaker, e.verb, e.lemma, e.tone, e.addressee, e.how, (*e.sources, outlet))


OUTER = (_source_not_speaker, _reporting_outlet, _reported_clause)


@dataclass(frozen=True, slots=True)
class _Verb:
    """A speech verb at token ``i`` of the stretch before a quote (masked[lo:pos]), as the BEFORE rules read it."""

    w: Words
    i: int
    used: int
    lemma: str
    tone: str
    span: Span
    addressee: Span | None
    masked: str
    text: str
    lo: int
    pos: int

    @property
    def toks(self) -> list[Tok]:
        return self.w.toks

    def frame(self, speaker: Mention, addressee: bool = True) -> Frame:
        return Frame(speaker, self.span, self.lemma, self.tone, self.addressee if addressee else None, "before")


def _last_frame(w: Words, upto: int, masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """The frame of the last speech verb among the first ``upto`` tokens that has a speaker: the first rule of
    ``BEFORE`` that names one for the verb."""
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
        if _not_a_verb(toks, i, lemma, lex):
            continue
        site = _Verb(w, i, used, lemma, tone, vs, addressee_at(toks, i + used, lemma, text, lex), masked, text, lo, pos)
        for rule in BEFORE:
            frame = rule(site)
            if frame is not None:
                return frame
    return None


_ONE = frozenset("a an one this each every another".split())


def _not_a_verb(toks: list[Tok], i: int, lemma: str, lex: Lexicon) -> bool:
    if is_cap(toks[i].text) and i > 0 and toks[i - 1].text not in (".", ":", "!", "?", "—"):
        return True  # "Said" inside a name or title, not a verb
    if i > 0 and toks[i - 1].text.lower() in ("most", "widely", "oft", "least") and i + 1 < len(toks):
        after = toks[i + 1].text.lower()
        if after == "," or after.isalpha() and after not in PREPOSITIONS and after not in ("as", "that", "saying"):
            return True  # "the most widely quoted denial", "the most cited line": an adjective
    form = toks[i].text.lower()
    if form == lemma and any(t.text.lower() in _ONE for t in toks[max(0, i - 2) : i]):
        return True  # "a newspaper report that he said": one newspaper would report*s*
    return (
        form in (lemma, lemma + "s", lemma + "es")
        and any(t.text.lower() in DETERMINERS for t in toks[max(0, i - 2) : i])
        and toks[i - 1].text.lower() not in lex.anonymous_heads
        and toks[i - 1].text.lower() not in lex.organisation_words
    )  # "his weekend message", "a few questions": a noun


def _for_saying(v: _Verb) -> Frame | None:
    """ "Romney took Obama to task for saying “…”", "critics mocked Vell for calling …": the object speaks."""
    toks, i, lex = v.toks, v.i, v.w.lex
    if not (toks[i].text.lower().endswith("ing") and i >= 2 and toks[i - 1].text.lower() == "for"):
        return None
    k = i - 1
    if k >= 2 and toks[k - 1].text.lower() == "task" and toks[k - 2].text.lower() == "to":
        k -= 2
    target = mention_before(toks, k, v.text, lex)
    return v.frame(target) if target is not None and target.kind == "named" else None


_CLAUSE_OPENERS = ("by", "after", "before", "while", "when", "as", "in", "without", "from")


def _participle_clause(v: _Verb) -> Frame | None:
    """ "Trump returned the compliment, telling Reuters, “…”": the subject of the main clause speaks."""
    toks, i = v.toks, v.i
    if not (
        toks[i].text.lower().endswith("ing")
        and i > 0
        and (toks[i - 1].text in (",", "—", "–") or toks[i - 1].text.lower() in _CLAUSE_OPENERS)
    ):
        return None
    subject = _nearest_subject(toks, i, v.text, v.w.lex)
    who = None
    if subject is None:
        who = next((k for k in range(i - 1, 1, -1) if toks[k].text.lower() == "who" and toks[k - 1].text == ","), None)
    if who is not None:
        # "President Ramaphosa, who opened the summit by declaring that “…”": the one the clause is about
        subject = mention_before(toks, who - 1, v.text, v.w.lex)
        subject = subject if subject is not None and subject.kind == "named" else None
    if subject is None and toks[i - 1].text == ",":
        # "Mr. Manafort, citing “…,” said": the name opening the sentence, with nothing else before the comma
        subject = mention_before(toks, i - 1, v.text, v.w.lex)
        subject = subject if subject is not None and subject.start == toks[0].start else None
    return v.frame(subject) if subject is not None else None


def _passive_agent(v: _Verb) -> Frame | None:
    """ "Sanders was asked by host Bill Maher, “…”": the agent speaks."""
    toks, i, used = v.toks, v.i, v.used
    if not (
        i > 0
        and toks[i - 1].text.lower() in ("was", "were", "is", "are", "been")
        and i + used < len(toks)
        and (toks[i + used].text.lower() == "by")
    ):
        return None
    agent = mention_after(toks, i + used + 1, v.text, v.w.lex, loose=True)
    return v.frame(agent, addressee=False) if agent is not None else None


def _subject(v: _Verb) -> Frame | None:
    """The mention right before the verb, past a hedge ("Lu is alleged to have told"), or the person an unclosed
    apposition describes ("Draghi, the president of the European Central bank told")."""
    toks, i, text, lex = v.toks, v.i, v.text, v.w.lex
    subject_end = i
    hedge = _hedge_before_re().search(v.masked, v.lo, toks[i].start)
    if hedge is not None:
        subject_end = next((k for k in range(i) if toks[k].start >= hedge.start()), i)
    mention = _agent_of(toks, subject_end, text, lex) or mention_before(toks, subject_end, text, lex)
    if mention is None or mention.kind in ("organisation", "anonymous"):
        of = next((k for k in range(subject_end - 1, max(0, subject_end - 8), -1) if toks[k].text == "of"), None)
        if of is not None and of + 1 < subject_end:
            tail = Mention(toks[of + 1].start, toks[subject_end - 1].end, "", "organisation")
            mention = apposition_owner(toks, tail, text, lex) or mention
        if not (i + v.used < len(toks) and toks[i + v.used].text == ","):  # not "Clinton, a top aide said, “…”"
            mention = unclosed_apposition(toks, subject_end, text, lex) or mention
    if mention is not None and toks[i].text.lower().endswith("ing") and subject_end == i:
        first = next((k for k in range(i) if toks[k].start >= mention.start), 0)
        before = toks[first - 1].text if first > 0 else ""
        if before.lower() in PREPOSITIONS or looks_like_verb(before, lex):
            # "posted a message on Twitter reading “…”", "emailed supporters saying": not the one who speaks
            return None
    return v.frame(mention) if mention is not None else None


# The people who speak for someone: "a spokesperson for", "an aide to" (not "a letter to", "an email to").
_AGENTS = frozenset(
    "spokesperson spokespeople spokesman spokesmen spokeswoman spokeswomen aide aides adviser advisers advisor"
    " advisors lawyer lawyers attorney attorneys representative representatives counsel friend friends ally allies"
    " official officials assistant assistants staffer staffers".split()
)


def _agent_of(toks: list[Tok], end: int, text: str, lex: Lexicon) -> Mention | None:
    """ "A spokesperson for Vell said", "a lawyer for the harbour board said": the one who speaks for them."""
    for k in range(end - 1, max(0, end - 8), -1):
        if toks[k].text in (",", ";", ":", "(", ")") or toks[k].text in QUOTE_MARKS:
            return None
        if toks[k].text.lower() not in ("for", "to") or toks[k - 1].text.lower() not in _AGENTS:
            continue
        d = k - 1
        while d > 0 and d > k - 4 and toks[d - 1].text.lower() not in DETERMINERS and toks[d - 1].text[:1].isalpha():
            d -= 1
        if d > 0 and toks[d - 1].text.lower() in DETERMINERS:
            start = toks[d - 1].start
            return Mention(start, toks[end - 1].end, text[start : toks[end - 1].end], "anonymous")
        return None
    return None


def _inverted(v: _Verb) -> Frame | None:
    """ "said Lu: “…”": the name after the verb, with nothing but an aside before the quote."""
    toks, i, lemma = v.toks, v.i, v.lemma
    if lemma in NAMING_VERBS or lemma in _ADDRESSEE_VERBS or toks[i].text.endswith("ing"):
        return None
    after = mention_after(toks, i + v.used, v.text, v.w.lex)
    if after is None or after.kind == "pronoun":
        return None
    rest = v.masked[after.end : v.pos].strip(" :\u00a0\n")
    if len(rest) < 3 or (rest.startswith(",") and rest.endswith(",") and len(rest) < 160):
        return v.frame(after, addressee=False)
    return None


def _participle_or_infinitive(v: _Verb) -> Frame | None:
    """ "..., saying “…”", "went on to say": the subject of the main clause."""
    toks, i, lex = v.toks, v.i, v.w.lex
    low = toks[i].text.lower()
    to = i - 1
    while to > 0 and (toks[to].text.lower() in ADVERBS or is_adverb(toks[to].text)):
        to -= 1  # "prompted Nixon to famously state"
    if to > 0 and toks[to].text.lower() == "to":
        # "prompted Nixon to state “…”", "asked Vell to say": the one right before "to" speaks
        told = mention_before(toks, to, v.text, lex)
        first = next((k for k in range(to) if toks[k].start >= told.start), 0) if told is not None else 0
        made = first > 0 and toks[first - 1].text.lower() in _CAUSING  # not "expects Obama to announce"
        if made and told is not None and told.kind in ("named", "pronoun") and told.text.lower() not in _SUBJECTS:
            return v.frame(told)
    if low in _PARTICIPLES or low.endswith("ing") or (i > 0 and toks[i - 1].text.lower() in ("to", "and")):
        subject = _nearest_subject(toks, i, v.text, lex)
        if subject is not None:
            return v.frame(subject)
    return None


def _nearest_subject(toks: list[Tok], i: int, text: str, lex: Lexicon) -> Mention | None:
    """The subject of the clause holding token ``i``: after a "but" or ";" that joins two clauses ("court dissents
    include the word, but Sotomayor signed off by writing: “…”"), else the sentence's."""
    but = next((k for k in range(i - 1, 0, -1) if toks[k].text.lower() in ("but", ";", "whereas")), 0)
    subject = clause_subject(toks, but + 1, i, text, lex) if but else None
    return subject or clause_subject(toks, 0, i, text, lex)


# Verbs that make their object speak: "prompted Nixon to state", "asked Vell to say" (not "expects", "wants").
_CAUSING = frozenset(
    "prompted prompting prompts led leading forced forcing caused causing asked asking invited inviting pushed"
    " pressed pressing inspired encouraged".split()
)
# Pronouns that are subjects: "he went on to say" reads "he" as the clause's subject, not an object before "to".
_SUBJECTS = frozenset("i he she we they it".split())


# "A recording captures Romney telling donors": a record that shows someone speaking
_SHOWING = frozenset("captures captured shows showed depicts depicted records recorded catches caught features".split())
_RECORDS = frozenset("recording recordings video videos footage clip clips tape tapes audio film".split())


def _shown_speaking(v: _Verb) -> Frame | None:
    """ "A hidden-camera recording obtained by Mother Jones captures Romney at a fundraiser telling donors “…”":
    the one shown speaks; the record showing him is the source."""
    toks, i = v.toks, v.i
    if not toks[i].text.lower().endswith("ing"):
        return None
    k = next((k for k in range(i - 1, 0, -1) if toks[k].text.lower() in _SHOWING), None)
    if k is None or any(t.text in ",;:" for t in toks[k:i]) or not any(t.text.lower() in _RECORDS for t in toks[:k]):
        return None
    shown = mention_after(toks, k + 1, v.text, v.w.lex)
    if shown is None or shown.kind not in ("named", "pronoun"):
        return None
    record = Span(toks[0].start, toks[k - 1].end, v.text[toks[0].start : toks[k - 1].end])
    frame = v.frame(shown, addressee=False)
    return Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, None, "before", (record,))


# The shapes a speech verb before a quote takes, tried in order for each verb, nearest verb first.
BEFORE = (
    _for_saying,
    _participle_clause,
    _passive_agent,
    _shown_speaking,
    _subject,
    _inverted,
    _participle_or_infinitive,
)


def has_speech_verb(masked: str, lo: int, hi: int, lex: Lexicon) -> bool:
    return any(w.lower() in lex.verbs for w in WORD_RE.findall(masked, lo, hi))


@functools.cache
def _hedge_before_re() -> re.Pattern[str]:
    """A passive or hedged frame right before a verb: "Lu is alleged to have told" -> "is alleged to have"."""
    return phrase_re(tuple(h for h in lexicon().hedges if " " in h), r"\s+$")
