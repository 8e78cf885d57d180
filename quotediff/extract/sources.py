"""Hedges and cited sources in a quote's sentence: the outlet's distance from the words and whose authority it
cites ("reportedly", "is alleged to have"; "according to the cable cited in The Intercept"), read with the
lexicon's hedge and source-cue lists over the masked text (quotes blanked), outside every quote.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from quotediff.extract.lexicon import Lexicon, lexicon, outlet_like, phrase_re, word_alternation
from quotediff.extract.tokens import AUX, MONTHS, TIME_WORDS
from quotediff.extract.window import Window
from quotediff.model import Attribution, Span


@functools.cache
def _hedge_re() -> re.Pattern[str]:
    return phrase_re(lexicon().hedges)


@functools.cache
def _distance_re() -> re.Pattern[str]:
    return phrase_re(lexicon().distance_hedges)


# Stems of the distance hedges: a sentence holding none of them needs no search for them.
_DISTANCE_STEMS = (
    "purport",
    "alleg",
    "leak",
    "unverif",
    "unauth",
    "authentic",
    "verif",
    "confirm",
    "reading from",
    "said to be",
    "claimed",
    "it was report",
    "it is report",
    "been report",
)
_DISTANCE_STEM_RE = re.compile("|".join(_DISTANCE_STEMS))  # one pass over the sentence, not one per stem


@functools.cache
def _source_re() -> re.Pattern[str]:
    return phrase_re(lexicon().source_cues)


# A comma inside a date: "May 3, 2024," (the day before it, the year after it).
_DATE_COMMA_RE = re.compile(r", \d{4},?")
_DAY_BEFORE_RE = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}$")
# After "and", more people or papers of one source: "one participant and people briefed on ...", "... and two
# officials", "... and documents seen by the paper"
_MORE_SOURCES_RE = re.compile(r"(?:people|others?|officials|sources|documents|several|two|three|four|many)\b")
_SOURCE_STOP = frozenset(',;.:!?"“”«»\n')


# A document or recording the words were read from, named as the occasion of the quote: "in a statement", "in
# the video", "in a leaked draft", "issuing a statement". Interviews, speeches and briefings are occasions, not
# sources one could cite.
_DOCUMENT_NOUNS = (
    "statement|video|letter|memo|memorandum|report|post|tweet|filing|draft|document|opinion|ruling|cable|email"
    "|e-mail|press release|transcript|recording|footage|minutes|complaint|lawsuit|indictment|affidavit|petition"
    "|motion|dissent|decision|court filing|court papers|court documents|court files|blog post|newsletter|op-ed"
    "|essay|book|memoir"
)
# The nouns' last words: a sentence holding none of them needs no search for a document (a substring test on the
# lower-cased sentence costs a tenth of the search, and of joining the window's tokens).
_DOCUMENT_STEMS = tuple(noun.split()[-1].split("-")[-1] for noun in _DOCUMENT_NOUNS.split("|"))
_DOCUMENT_STEM_RE = re.compile("|".join(sorted(set(_DOCUMENT_STEMS), key=len, reverse=True)))
# the document's recipients belong to it: "in his 1986 letter to shareholders", "in an email exchange with a reader"
_DOC_WORD = r"(?!(?:on|in|at|that|and|as|when|after|before|which|who|but|or|for|from|by)\b)[\w’'-]+"
_DOCUMENT_RE = re.compile(
    word_alternation("in|via|issuing|issued|releasing|released|posting|posted", ignore_case=True)
    + r"\s+(?:a|an|the|his|her|its|their)\s+"
    r"(?:[\w’'.-]+\s+){0,3}?(?:" + _DOCUMENT_NOUNS + r")s?\b"
    r"(?:\s+exchange\b)?(?:\s+(?:to|with)\s+(?:"
    + _DOC_WORD
    + r"\s+){0,2}"
    + _DOC_WORD
    + r"(?:\s+(?-i:[A-Z])[\w’'-]*)*)?",  # "to House Speaker Kevin McCarthy": a name runs to its end
    re.IGNORECASE,
)


def hedges_and_sources(win: Window, lo: int, hi: int) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Hedges and cited sources in the quote's sentence (``lo`` .. ``hi``: the window's, or one widened to reach
    the frame), outside every quote."""
    text, masked = win.text, win.masked
    spans = _matches(_hedge_re(), masked, lo, hi)
    sentence = masked[lo:hi].lower()
    if _DISTANCE_STEM_RE.search(sentence):
        more = [(m.start(), m.end()) for m in _distance_re().finditer(masked, lo, hi)]
        spans = sorted(set(spans) | {m for m in more if not any(a <= m[0] < b for a, b in spans)})
    # "he would have said" (reported speech carried over from another language), not "he would have won"
    spans = [(a, b) for a, b in spans if not masked.startswith("would", a) or _speech_verb_at(masked, b, win.lex)]
    hedges = tuple(Span(a, b, text[a:b]) for a, b in spans)
    sources: list[Span] = []
    for a, b in _matches(_source_re(), masked, lo, hi):
        stop = b
        limit = min(len(masked), b + 150)
        while stop < limit:
            if masked[stop] in _SOURCE_STOP:
                date = _DATE_COMMA_RE.match(masked, stop) if masked[stop] == "," else None
                if date is None or not _DAY_BEFORE_RE.search(masked, max(a, stop - 12), stop):
                    break
                stop = date.end()  # "According to the May 3, 2024, report": the date is inside the phrase
                continue
            joined = masked.startswith(" and ", stop)
            before = masked[masked.rfind(" ", a, stop) + 1 :][:1]
            if joined and masked[stop + 5 : stop + 6].isupper() and before.isupper():
                joined = False  # "according to Woodward and Costa": two names, one source
            if joined and _MORE_SOURCES_RE.match(masked, stop + 5):
                joined = False  # "according to one participant and people briefed on the meeting": one source
            if joined or masked[stop] == " " and _ends_phrase(masked, stop):
                break
            stop += 1
        phrase = text[a:stop].rstrip()
        if len(phrase) > b - a and not any(src.start <= a < src.end for src in sources):
            sources.append(Span(a, a + len(phrase), phrase))
    documents = _DOCUMENT_RE.finditer(masked, lo, hi) if _DOCUMENT_STEM_RE.search(sentence) else ()
    for match in documents:
        a, b = match.span()
        if not any(src.start < b and a < src.end for src in sources):
            sources.append(Span(a, b, text[a:b]))
    return hedges, tuple(sorted(sources, key=lambda span: span.start))


# Words that start a new clause after a source's phrase: "a recording obtained by Mother Jones captures Romney …"
_CLAUSE_WORDS = frozenset(
    "while when because captures captured shows showed reveals revealed depicts said says"
    " told tells wrote writes".split()
)
_WORD_AFTER_RE = re.compile(r" ([a-z]+)\b")


def _ends_phrase(masked: str, pos: int) -> bool:
    """A source's phrase ends before a clause of its own: a relative or a finite verb ("… obtained by Mother
    Jones captures Romney telling donors that"), not at a participle ("the cable cited in The Intercept")."""
    word = _WORD_AFTER_RE.match(masked, pos)
    if word is None:
        return False
    low = word.group(1)
    relative = masked[max(0, pos - 6) : pos].split()[-1:] in (["that"], ["which"], ["who"])
    return low in _CLAUSE_WORDS or low in AUX and not relative  # not "a lawsuit that was later settled"


def _speech_verb_at(masked: str, pos: int, lex: Lexicon) -> bool:
    word = re.match(r"\s*([\w’'-]+)", masked[pos : pos + 40])
    return word is not None and word.group(1).lower() in lex.verbs


def _matches(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Matches of a lexicon pattern in text[lo:hi]; each line is searched once (cached)."""
    seg_start = text.rfind("\n", 0, lo) + 1
    seg_end = text.find("\n", lo)
    if seg_end < 0:
        seg_end = len(text)
    if hi > seg_end:
        return [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
    return [(a, b) for a, b in _line_matches(pattern, text, seg_start, seg_end) if a >= lo and b <= hi]


@functools.lru_cache(maxsize=512)
def _line_matches(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in pattern.finditer(text, start, end))


# "said Wednesday on MSNBC", "during an appearance on CBS’ Face the Nation", "in an interview with MSNBC’s Chuck
# Todd", "speaking to ABC News": the programme or outlet the words were said on
_VENUE_RE = re.compile(
    word_alternation("on|to|with|told")
    + r"\s+(?:the\s+)?([A-Z][\w.&-]*(?:\s+(?:the\s+|of\s+)?[A-Z][\w.&-]*){0,4})"
)
_VENUE_CUE_RE = re.compile(
    word_alternation("interview|appearance|speaking|spoke|said|told|talking|talked|appeared|remarks", ignore_case=True)
    + r"\b",
    re.IGNORECASE,
)


def outlet_venues(masked: str, text: str, lo: int, hi: int, lex: Lexicon) -> tuple[Span, ...]:
    """Outlets the sentence says the words were said on or to, outside every quote: sources one could cite."""
    found: list[Span] = []
    for match in _VENUE_RE.finditer(masked, lo, hi):
        if not _VENUE_CUE_RE.search(masked, max(lo, match.start() - 60), match.start() + 4):
            continue
        s, e = match.span(1)
        end = s
        words_in = list(re.finditer(r"\S+", text[s:e]))
        for n, word in enumerate(words_in):
            printed = word.group()
            # "St. Paul Pioneer Press": a short abbreviation inside the name (not "the BBC." ending the sentence)
            inside = n + 1 < len(words_in)
            abbreviation = inside and printed.endswith(".") and len(printed) <= 4 and printed[:1].isupper()
            bare = printed if abbreviation else re.sub(r"(?:['’]s|['’]|[.,])$", "", printed)
            if bare.lower() in TIME_WORDS or bare.lower() in MONTHS:
                break  # "on MSNBC Wednesday"
            end = s + word.start() + len(bare)
            if bare != printed:
                break  # "MSNBC’s Chuck Todd": the outlet, not its host
        name = text[s:end]
        words = name.lower().split()
        if name and (outlet_like(name, lex) or any(w in lex.outlet_words or w in lex.outlet_names for w in words)):
            if text[max(0, s - 4) : s].lower() == "the ":
                s -= 4  # "told the BBC"
            found.append(Span(s, end, text[s:end]))
    return tuple(found)


_NAME_RUN = r"(?:[Tt]he\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*){0,4}"
_TELLING = r"(?:reported|reports|wrote|writes|noted|notes|revealed|reveals|claimed|claims|alleged|alleges|said|says)"
_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|night|yesterday|today"
_WHEN = rf"(?:\s+(?:late|early|on|last|this)?\s*(?:{_DAYS}))?"
# "…, the Washington Post reported." / "…, Dominic Cummings has claimed." / "…, reports The Telegraph." closing
# the quote's sentence: whoever the clause names told of the words the sentence gives someone else.
_TAIL_RE = re.compile(
    rf"(?:,|(?<=[”\"’»]))\s+(?:(?P<name>{_NAME_RUN}(?:['’]s\s+{_NAME_RUN})?)(?:['’]s\s+[a-z]+)?\s+(?:has\s+|had\s+)?{_TELLING}{_WHEN}"
    rf"|{_TELLING}\s+(?P<after>{_NAME_RUN}))(?:,\s+(?:citing|according to)\b[^.!?]*)?\s*[.!:]?\s*$"
)
# "Johnson has denied reports he was prepared to …", "denied a newspaper report that he said …": the report the
# sentence names as telling of the words
_REPORTS_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|rejected|confirmed|confirms|about|amid|after|following|over)\s+"
    r"(?P<report>(?:(?:a|the|damning|media|newspaper|press|new|several|numerous|multiple)\s+){0,3}"
    r"(?:reports?|claims?|allegations?)(?:\s+(?:in|by|from)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?)"
    r"(?=\s+(?:that\s+)?(?:he|she|they|[A-Z]\w+)\s)"
    # "has been told by two separate sources that Johnson said", "Two witnesses who claim Johnson did say"
    r"|\btold\s+by\s+(?P<told>(?:[\w’'-]+\s+){0,3}?(?:sources?|witnesses|insiders|officials|aides|people|allies))"
    r"(?=\s+(?:who|that|familiar|close|with|in|at|present)\b)"
    r"|(?P<claimants>\b(?:[A-Z]?[\w’'-]+\s+){0,2}?(?:[Ss]ources|[Ww]itnesses|[Ii]nsiders|[Aa]ides|[Oo]fficials))"
    r"\s+(?:who|that)\s+(?:claim|claimed|say|said|allege|alleged|insist|insisted)\s+(?=(?:that\s+)?(?:he|she|[A-Z]\w+)\s)"
    # "As Mother Jones reported, Romney …", "as first reported by the Post"
    r"|\b[Aa]s\s+(?:first\s+)?(?:reported\s+by\s+)?(?P<as>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
    r"(?:\s+(?:first\s+)?(?:reported|revealed|wrote|noted))?\s*,"
    # "Romney can be heard on the video saying", "Fauci also said in the MSNBC interview" (not "in a 2021 interview")
    r"|\b(?:on|in)\s+(?P<venue>(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:video|recording|footage|tape|clip)"
    r"|(?:the|a|an)\s+(?:[\w-]+\s+)?[A-Z][\w’'-]*\s+(?:interview|broadcast))\b"
)


def reporting_tail(masked: str, text: str, lo: int, hi: int, lex: Lexicon) -> Span | None:
    """The party a clause closing the quote's sentence names as telling of the words: a cited source."""
    match = _TAIL_RE.search(masked, max(lo, hi - 240), hi)
    if match is None:
        return None
    group = "name" if match.group("name") else "after"
    s, e = match.span(group)
    name = text[s:e]
    if name.endswith(".") and "." not in name.split()[-1][:-1]:
        name, e = name[:-1], e - 1  # the sentence's full stop, not "U.S."
    if name.split()[0].lower() in ("he", "she", "they", "it", "i", "we", "you"):
        return None
    if not (outlet_like(name, lex) or name[:1].isupper()):
        return None
    return Span(s, e, name)


_LEAD_RE = re.compile(rf"(?P<name>{_NAME_RUN})\s+(?:has\s+|had\s+)?{_TELLING}(?:\s+that)?\s*:\s*$")


# A line handing the next paragraph to its source: "From ThinkProgress:", "Per the WP:", "Excerpt from Wikipedia:",
# "The New York Times covered it this way:"
_FROM_LINE_RE = re.compile(
    rf"[ \t]*(?:(?:(?:An?\s+)?[Ee]xcerpts?\s+from|[Ff]rom|[Pp]er|[Vv]ia)\s+(?P<name>{_NAME_RUN})"
    rf"|(?P<covered>{_NAME_RUN})\s+(?:covered|put|described|summed\s+up|transcribed)\s+(?:it|this|the\s+\w+)"
    rf"(?:\s+\w+){{0,3}})\s*$"
)


_OPENING_MARKS = frozenset("“\"‘«„")


def lead_in_reporter(masked: str, text: str, para_start: int, lex: Lexicon) -> Span | None:
    """The party a colon paragraph hands the next paragraph to ("…, noted The Atlantic:", "The Post reported:"):
    the paragraph after is its account, and it is the source of the words quoted there."""
    end = len(masked[:para_start].rstrip())
    for _ in range(4):
        # "Breitbart reports:\n\n“…”\n\n“…”": past the quote paragraphs the lead hands on
        line_start = masked.rfind("\n", 0, end) + 1
        if end == 0 or masked[end - 1] == ":" or masked[line_start:end].lstrip()[:1] not in _OPENING_MARKS:
            break
        end = len(masked[:line_start].rstrip())
    if end == 0 or masked[end - 1] != ":":
        return None
    start = max(masked.rfind("\n", 0, end) + 1, end - 160)
    found = reporting_tail(masked, text, start, end, lex)
    if found is not None:
        return found
    line_start = masked.rfind("\n", 0, end) + 1
    label = _FROM_LINE_RE.match(masked, line_start, end - 1)  # the line without its colon
    if label is not None:
        a, b = label.span("name" if label.group("name") else "covered")
        if outlet_like(text[a:b], lex):
            return Span(a, b, text[a:b])
    match = _LEAD_RE.search(masked, start, end)
    if match is None or masked[line_start : match.start()].strip(" ."):
        return None  # the reporter must open its sentence: "The Atlantic reported:"
    s, e = match.span("name")
    return Span(s, e, text[s:e]) if outlet_like(text[s:e], lex) else None


# Words one of _REPORTS_RE's alternatives needs (lower-cased), and its "As Mother Jones reported," opening
_REPORT_CUES = (
    "report", "claim", "allegation", "told", "sources", "witnesses", "insiders", "aides", "officials", "video",
    "recording", "footage", "tape", "clip", "interview", "broadcast",
)  # fmt: skip
_AS_CUE_RE = re.compile(word_alternation("As|as") + r"\s")


def reports_before(masked: str, text: str, lo: int, hi: int) -> Span | None:
    """A report or claim the quote's sentence says it is from, before the words ("denied reports he said …")."""
    window = masked[lo:hi]
    low = window.lower()
    if not _AS_CUE_RE.search(window) and not any(cue in low for cue in _REPORT_CUES):
        return None  # (a substring test first: most sentences name no report, and the full pattern is slow)
    found = next(reversed(list(_REPORTS_RE.finditer(masked, lo, hi))), None)
    if found is None:
        return None
    group = next(g for g in ("report", "as", "venue", "told", "claimants") if found.group(g))
    s, e = found.span(group)
    return Span(s, e, text[s:e])


# A wire story reprinted ("WASHINGTON (AP) —", "(Reuters) -", a line "CNN Thursday, July 3, 2003"): the agency is
# the source of the quotes after its line.
_DATELINE_RE = re.compile(
    r"\((AP|Reuters|AFP|UPI|Bloomberg|CNN|dpa|Xinhua)\)\s*[-—–]"
    r"|^(CNN|AP|Reuters|AFP)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.M,
)


def wire_source(text: str) -> Span | None:
    """The agency a reprinted wire story's dateline names, if any."""
    match = _DATELINE_RE.search(text)
    if match is None:
        return None
    s, e = match.span(1 if match.group(1) else 2)
    return Span(s, e, text[s:e])


def with_wire(attribution: Attribution, wire: Span | None, start: int, kind: str) -> Attribution:
    """A statement after the dateline, with the agency among its sources."""
    if wire is None or kind != "statement" or start < wire.end or wire in attribution.sources:
        return attribution
    return replace(attribution, sources=(*attribution.sources, wire))
