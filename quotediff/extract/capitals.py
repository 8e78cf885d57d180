"""Which capitalised words name a speaker: words the article capitalises mid-sentence, and headlines, lines in
title case where capitals tell neither a name from a verb nor a quote from a title ("Vell Says Mayor ‘Will Not
Close The Port’", "Vell Shrugs Off Storm – “…”").

``attribute`` lower-cases a headline's speech verbs before its rules read the line, frames "Name: … ‘…’", and cuts
a headline's capitalised run to the words the article's prose also capitalises. A dateline ("WARSAW, Poland — ")
opens a paragraph and is blanked before the rules read it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from quotediff.extract.frames import Frame
from quotediff.extract.lexicon import Lexicon, outlet_like
from quotediff.extract.mentions import Mention
from quotediff.extract.tokens import LEADING_FUNCTION, WORD_RE, fold_accents, is_cap
from quotediff.model import Span


def in_headline(masked: str, pos: int) -> bool:
    """Whether ``pos`` sits in a title-case line ("Zelensky Rejects US Offer Saying “…”"), where every word is
    capitalised and neither a capital nor a quote's title case tells a name or a title."""
    line_start = masked.rfind("\n", 0, pos) + 1
    line_end = masked.find("\n", pos)
    return _title_case_line(masked, line_start, line_end if line_end >= 0 else len(masked))


@functools.lru_cache(maxsize=1024)
def _title_case_line(masked: str, line_start: int, line_end: int) -> bool:
    """(Asked again for every quote and name on the line: worked out once per line.)"""
    significant = 0
    for match in WORD_RE.finditer(masked, line_start, line_end):
        word = match.group()
        if len(word) > 3:
            if not is_cap(word):
                return False  # prose: most lines stop at their first long word
            significant += 1
    return significant >= 3


_CAPITAL_RE = re.compile(r"[A-Z](?<![\w’'][A-Z])[\w’'\-.]*")  # (the capital first: the regex engine skips to it)


def headline_verbs(masked: str, lex: Lexicon) -> str:
    """Speech verbs of title-case lines lower-cased (offsets unchanged), so the rules read "Hollande Says Trump
    ‘…’" as they read "Hollande says Trump"."""
    lines = masked.split("\n")
    changed = False
    for n, line in enumerate(lines):
        if not in_headline(line, 0):
            continue
        first = True
        parts = []
        for piece in re.split(r"(\W+)", line):
            if piece[:1].isupper() and not first and piece.lower() in lex.verbs:
                piece = piece.lower()
                changed = True
            if piece[:1].isalpha():
                first = False
            parts.append(piece)
        lines[n] = "".join(parts)
    return "\n".join(lines) if changed else masked


def body_capitals(masked: str, cache: list[frozenset[str]]) -> frozenset[str]:
    """Words capitalised mid-sentence outside title-case lines: the names the article's prose uses."""
    if not cache:
        lines = masked.split("\n")
        prose = " ".join(line for n, line in enumerate(lines) if not (in_headline(line, 0) or _heading(lines, n)))
        cache.append(frozenset(fold_accents(re.sub(r"[’']s$", "", w.rstrip("."))) for w in _CAPITAL_RE.findall(prose)))
    return cache[0]


def _heading(lines: list[str], n: int) -> bool:
    """A short line of its own ending without a full stop (see ``headline_line``), read from split lines."""
    if not _short_unstopped(lines[n], 0, len(lines[n])):
        return False
    return n == 0 or not lines[n - 1].strip() or n + 1 >= len(lines) or not lines[n + 1].strip()


_HEADLINE_NAME_RE = re.compile(r"[ \t]*((?:[A-Z][\w.’'\-]*[ \t]+){0,5}[A-Z][\w.’'\-]*)[ \t]*:")


# A headline's section label before a colon, not a speaker: "Report: Trump …", "WATCH: Fauci …".
_LABELS = frozenset(
    "report reports watch video exclusive breaking analysis opinion explainer live update updated".split()
)


def headline_colon(masked: str, text: str, pos: int) -> Frame | None:
    """A headline opened by a name and a colon: "Milbank: Republicans ‘Waving The Flag’ To Trump"."""
    match = _HEADLINE_NAME_RE.match(masked, masked.rfind("\n", 0, pos) + 1, pos)
    if match is None or match.group(1).lower() in _LABELS:
        return None
    s, e = match.span(1)
    return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "colon")


def headline_speaker(frame: Frame, body: frozenset[str], text: str) -> Frame:
    """A headline's capitalised run cut to the words the prose also capitalises: "Zelenskyy Shrugs Off Rescue –
    “…”" names Zelenskyy."""
    speaker = frame.speaker
    if speaker is None or speaker.kind != "named":
        return frame
    words = list(re.finditer(r"\S+", text[speaker.start : speaker.end]))
    keep = 0
    while (
        keep < len(words)
        and fold_accents(words[keep].group().replace("’s", "").replace("'s", "").strip(",").rstrip(".")) in body
    ):
        keep += 1
    if keep in (0, len(words)):
        return frame
    end = speaker.start + words[keep - 1].end()
    cut = Mention(speaker.start, end, text[speaker.start : end], "named")
    return Frame(cut, frame.verb, frame.lemma, frame.tone, frame.addressee, frame.how, frame.sources)


# "WARSAW, Poland — ", "WASHINGTON (Reuters) - ": a dateline opens a paragraph and names no speaker.
_DATELINE_RE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'’\-]{2,}(?:[ ][A-Z][A-Z.'’\-]+)*(?:,[ ]+[A-Z][\w.]+(?:[ ][A-Z][\w.]+)*)?[ ]*"
    r"(?:\([^)\n]{1,40}\)[ ]*)?"
    # "Berlin (AFP) - ": a city in title case takes the agency in brackets
    r"|[A-Z][\w.'’\-]+(?:[ ][A-Z][\w.'’\-]+){0,2}(?:,[ ]+[A-Z][\w.]+)?[ ]*\([A-Z][^)\n]{0,39}\)[ ]*)"
    r"(?:—|–|-{1,2})[ ]",
    re.M,
)


def blank_datelines(masked: str) -> str:
    """The masked text with each paragraph-opening dateline blanked (offsets unchanged)."""
    return _DATELINE_RE.sub(lambda m: " " * len(m.group()), masked)


# (the capital first, what stands before it checked behind: the regex engine skips from capital to capital)
_MID_SENTENCE_CAP_RE = re.compile(r"[A-Z](?<=[A-Za-z,;”\")] [A-Z])[\w’'\-]*")


class KnownCapitals:
    """Words the article capitalises in mid-sentence: names, not just sentence-initial words ("Unless"). Read
    from the text the first time a word is asked about: most quotes' frames never ask."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            words = _MID_SENTENCE_CAP_RE.findall(self._text)
            self._words = frozenset(words) | {w[:-2] for w in words if w.endswith(("’s", "'s"))}  # "Obama’s": "Obama"
        return word in self._words


def plausible(frame: Frame | None, known: KnownCapitals, text: str) -> Frame | None:
    """Drop a frame whose "name" is one capitalised word the article never capitalises mid-sentence ("Unless",
    "Fundraising"), unless a speech verb follows it directly ("Lu told")."""
    if frame is None or frame.speaker is None or frame.speaker.kind != "named" or frame.how == "after":
        return frame
    words = frame.speaker.text.split()
    between = "" if frame.verb is None else text[frame.speaker.end : frame.verb.start]
    adjacent = (
        frame.verb is not None
        and frame.verb.start >= frame.speaker.end
        and len(between) < 40
        and not any(ch in between for ch in ',.;:“”"')
    ) or re.match(r",\s*who\b", text[frame.speaker.end : frame.speaker.end + 8]) is not None  # "Greta, who …"
    if len(words) == 1 and words[0].endswith("ing") and len(words[0]) >= 6 and words[0] not in known:
        return None  # "Following remarks on his budget, …": a participle opening the sentence (not "Hawking")
    if len(words) == 1 and not adjacent:
        word = words[0].replace("’s", "").replace("'s", "")
        if word not in known and word.upper() != word:
            return None
    if len(words) >= 3 and frame.how == "discussed" and words[0] not in known:
        # "Count Mitt Romney’s “…” in that category": the sentence's first word, when the article names the
        # person elsewhere without it
        s = frame.speaker.start + len(words[0]) + 1
        while s < frame.speaker.end and text[s].isspace():
            s += 1
        name = text[s : frame.speaker.end].removesuffix("’s").removesuffix("'s")
        if text.count(name) <= text.count(text[frame.speaker.start : s] + name):
            return frame
        speaker = Mention(s, frame.speaker.end, text[s : frame.speaker.end], "named")
        return Frame(speaker, frame.verb, frame.lemma, frame.tone, frame.addressee, frame.how, frame.sources)
    return frame


# A headline is a short line of its own that ends without a full stop.
_HEADLINE_MAX_WORDS = 20
_RUN_WORD = r"[A-Z][\w.’'\-]*"
# A capitalised run (a name or a body, perhaps with titles: "Securities and Exchange Commission").
_RUN = rf"({_RUN_WORD}(?:[ \t]+(?:(?:of|and|for|de|van|von|al|bin)[ \t]+)?{_RUN_WORD}){{0,6}})"
_LEAD_RUN_RE = re.compile(rf"[ \t]*{_RUN}")  # at the line's start: "Thunberg to world leaders: ‘…’"
_AFTER_RUN_RE = re.compile(rf"[ \t]*(?:[:,]|[–—-])?[ \t]*{_RUN}")  # after the quote: "‘…’: Ardern responds"
_ROLE_AFTER_RE = re.compile(r"[ \t]+([a-z]+)(?:['’]s)?\b")


def headline_line(masked: str, pos: int) -> tuple[int, int] | None:
    """The bounds of the line holding ``pos`` when it reads as a headline: a short line of its own, set apart by
    blank lines (or the text's start), that ends without a full stop."""
    start = masked.rfind("\n", 0, pos) + 1
    end = masked.find("\n", pos)
    end = len(masked) if end < 0 else end
    if not _short_unstopped(masked, start, end):
        return None
    apart_before = start == 0 or masked[: start - 1].endswith("\n") or not masked[: start - 1].strip()
    apart_after = end >= len(masked) or masked.startswith("\n\n", end) or not masked[end:].strip()
    return (start, end) if apart_before or apart_after else None


def _short_unstopped(text: str, start: int, end: int) -> bool:
    """text[start:end] holds words, no more than a headline's (counted no further than needed: a paragraph can
    be long), and does not end with a full stop."""
    line_end = start + len(text[start:end].rstrip())
    if line_end == start or _full_stop(text, line_end):
        return False
    for n, _ in enumerate(WORD_RE.finditer(text, start, end)):
        if n >= _HEADLINE_MAX_WORDS:
            return False
    return True


def _full_stop(masked: str, end: int) -> bool:
    """The line ends with a full stop, perhaps inside its last quote ("… is suffering “brain death.”")."""
    while end > 0 and masked[end - 1] in "\"”’'»":
        end -= 1
    while end > 0 and masked[end - 1] == " ":  # a quote's inside is blanked: its last character is kept
        end -= 1
    return end > 0 and masked[end - 1] == "."


def headline_frame(
    masked: str,
    text: str,
    bounds: tuple[int, int],
    span: tuple[int, int],
    prose: Callable[[], frozenset[str]],
    lex: Lexicon,
) -> Frame | None:
    """The person a headline puts the quote in the mouth of: "‘How dare you?’ Thunberg asks leaders", "‘They are
    us’: Ardern’s call for solidarity", "Thunberg to world leaders: ‘…’", "Trump promises to end ‘…’".

    The name must be one the article's prose capitalises: a headline's other capitals are its topic."""
    start, end = bounds
    open_start, close_end = span  # the quote's marks
    if not masked[start:open_start].strip():
        match = _AFTER_RUN_RE.match(masked, close_end, end)
    else:
        match = _LEAD_RUN_RE.match(masked, start, open_start)
        if match is not None and _possessive_before(masked, open_start, match.end(1)):
            return None  # "Merkel rejects Macron’s ‘brain death’ claim": the quote is the possessor's
    if match is None:
        return None
    s, e = match.span(1)
    role = _ROLE_AFTER_RE.match(text, e, end)
    if role is not None and role.group(1).lower() in lex.anonymous_heads:
        e = role.end(1)  # a sentence-case headline's role after the body: "WHO chief’s message", "UN chief warns"
    possessive = re.search(r"['’]s\b", text[s:e])
    if possessive is not None:  # "Ardern’s call for solidarity": the possessor
        e = s + possessive.start()
    words = [(s + w.start(), _bare(w.group())) for w in re.finditer(r"\S+", text[s:e])]
    if not words or words[0][1].lower() in LEADING_FUNCTION:
        return None
    body = prose()  # the prose's capitals, read once per article and only when a headline has a name run
    if " ".join(n for _, n in words).lower() in lex.organisation_names:  # "‘…’: WHO calls for more tests"
        return Frame(Mention(s, e, text[s:e], "organisation"), None, None, None, None, "colon")
    if not any(n in body for _, n in words):
        # no name the prose uses, but perhaps a role: "Ukrainian President Refuses to Evacuate, …"
        roles = [k for k, (_, n) in enumerate(words) if n in lex.titles or n.lower() in lex.anonymous_heads]
        if not roles:
            return None
        e = words[roles[-1]][0] + len(words[roles[-1]][1])
        return Frame(Mention(s, e, text[s:e], "anonymous"), None, None, None, None, "colon")
    while len(words) > 1 and words[0][1] not in body and words[0][1] not in lex.titles:
        words.pop(0)  # "Fiery Trump vows …": a headline's adjective before the name
    s = words[0][0]
    names = [n for _, n in words]
    last = names[-1].lower()
    # a role or a body only when the words before its head are the prose's ("UN Chief"), not the headline's
    # verb and object ("Trump Takes Office")
    whole = all(n in body or n in lex.titles for n in names[:-1])
    if whole and names[-1] in lex.titles:  # "Ukrainian President refuses …": a role, not a name
        return Frame(Mention(s, e, text[s:e], "anonymous"), None, None, None, None, "colon")
    if whole and (last in lex.anonymous_heads or last in lex.organisation_words):
        # "UN Chief warns", "SEC sues": a role or a body, whole (its capitals are the headline's)
        kind = "anonymous" if last in lex.anonymous_heads else "organisation"
        return Frame(Mention(s, e, text[s:e], kind), None, None, None, None, "colon")
    frame = Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "colon")
    return headline_speaker(frame, body, text)


def headline_trimmed(frame: Frame, found: Mention) -> Frame:
    """A frame's speaker cut to the headline's name when that name ends it: "Fiery Trump" -> "Trump"."""
    speaker = frame.speaker
    if speaker is None or found.kind != "named":
        return frame
    # the line's own subject over an acronym later in it ("Zelensky declines US offer to evacuate: ‘…’")
    acronym = speaker.text.replace(".", "").isupper() and len(speaker.text.replace(".", "")) <= 4
    if acronym and found.start < speaker.start:
        return Frame(found, None, None, None, None, "colon")
    if found.end != speaker.end or found.start <= speaker.start:
        return frame
    return Frame(found, frame.verb, frame.lemma, frame.tone, frame.addressee, frame.how, frame.sources)


def _possessive_before(masked: str, open_start: int, floor: int) -> bool:
    return re.search(r"[A-Z][\w.\-]*['’]s[ \t]*$", masked[floor:open_start]) is not None


def _bare(word: str) -> str:
    return fold_accents(word.replace("’s", "").replace("'s", "").strip(",:").rstrip("."))


def title_case(inner: str) -> bool:
    """A title or name in quotes: “The Art of the Deal”, “Make America Great Again” (not a sentence)."""
    words = WORD_RE.findall(inner)
    if len(words) < 2 or len(words) > 12 or inner.rstrip()[-1:] in ("!", "?") or ". " in inner:
        return False
    if any(w.islower() and w not in _TITLE_SMALL_WORDS for w in words[1:]):
        return False  # "This is all me.": a sentence of short words, not a title
    significant = [w for w in words if len(w) > 3]
    return bool(significant) and all(is_cap(w) or w[:1].isdigit() for w in significant)


# The small words a title leaves in lower case: "The Art of the Deal", "Planet of the Apes".
_TITLE_SMALL_WORDS = frozenset("a an the of and or for to in on at by with from as but nor vs via per".split())


class Headlines:
    """The headline reading of one article's quotes, with the checks each line needs done once per line."""

    def __init__(self, masked: str, text: str, lex: Lexicon) -> None:
        self.masked, self.text, self.lex = masked, text, lex
        self._title_case: dict[int, bool] = {}  # by line start
        self._bounds: dict[int, tuple[int, int] | None] = {}  # by line start: the bounds of a headline line
        self._body: list[frozenset[str]] = []

    def _prose(self) -> frozenset[str]:
        return body_capitals(self.masked, self._body)

    def frame(self, frame: Frame | None, open_start: int, close_end: int) -> tuple[Frame | None, bool]:
        """The frame a headline gives the quote (or the one found, trimmed to the headline's name), and whether
        the quote sits in a title-case line."""
        masked, text = self.masked, self.text
        line_start = masked.rfind("\n", 0, open_start) + 1
        label = _outlet_label(masked, text, line_start, open_start, self.lex)  # "Reuters: ‘…’: WHO chief’s …"
        section = _section_label(masked, line_start, open_start)  # "Report: Trump Upset That ‘…’"
        headline = self._title_case.get(line_start)
        if headline is None:
            headline = self._title_case[line_start] = in_headline(masked, open_start)
        speaker = frame.speaker if frame is not None else None
        if label is not None and speaker is not None and label.start <= speaker.start < label.end:
            frame = None  # the outlet that printed the headline did not say the words
        if section is not None and speaker is not None and speaker.start < section:
            frame = None  # nor did the page's section
        if headline and label is None:
            frame = frame or headline_colon(masked, text, open_start)
            if frame is not None:
                frame = headline_speaker(frame, self._prose(), text)
        if line_start not in self._bounds:
            self._bounds[line_start] = headline_line(masked, open_start)
        bounds = self._bounds[line_start]
        if bounds is not None:  # "‘How dare you?’ Thunberg asks leaders": the headline's person, over a guess
            if label is not None:
                bounds = (label.end + 1, bounds[1])
            elif section is not None:
                bounds = (section, bounds[1])
            found = headline_frame(masked, text, bounds, (open_start, close_end), self._prose, self.lex)
            if found is None and frame is None:
                found = headline_owner(masked, text, bounds, (open_start, close_end), self._prose(), self.lex)
            if frame is None or frame.verb is None:
                if found is not None and not _credit_holds(frame, found):
                    frame, headline = found, True
            elif found is not None and found.speaker is not None and frame.speaker is not None:
                # "Fiery Trump vows …": Trump vows; "Zelensky declines US offer …: ‘…’": not the US
                frame = headline_trimmed(frame, found.speaker)
        if label is not None and frame is not None:
            sources = (*frame.sources, Span(label.start, label.end, label.text))
            frame = Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, frame.addressee, frame.how, sources)
        return frame, headline


def _credit_holds(frame: Frame | None, found: Frame | None) -> bool:
    """ "“…” – Dr. Ngozi Ezike": a dash credit already holds the whole name the line's capitals begin."""
    if frame is None or found is None or frame.how != "after" or frame.speaker is None or found.speaker is None:
        return False
    return frame.speaker.start <= found.speaker.start < frame.speaker.end


# "‘Basket of Deplorables’ Comment", "with infamous ‘funding secured’ claim": the quote names someone's remark
_REMARK_AFTER_RE = re.compile(
    r"[’'”\"]?\s*(?:[\w-]+\s+)?(?:comments?|claims?|remarks?|statements?|tweets?|jibes?|slurs?|gaffes?|quips?|line)\b",
    re.IGNORECASE,
)
_PERSON_RUN_RE = re.compile(r"[A-Z](?<![\w’'][A-Z])[\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")


def headline_owner(
    masked: str, text: str, bounds: tuple[int, int], span: tuple[int, int], prose: frozenset[str], lex: Lexicon
) -> Frame | None:
    """The one person a headline names when its quote is that person's remark ("With ‘Basket of Deplorables’
    Comment, Has Hillary Clinton …"): a name the prose also uses, and no second one."""
    open_start, close_end = span
    if _REMARK_AFTER_RE.match(masked, close_end, bounds[1]) is None:
        return None
    people: dict[str, Mention] = {}
    for lo, hi in ((bounds[0], open_start), (close_end, bounds[1])):
        for run in _PERSON_RUN_RE.finditer(masked, lo, hi):
            words = [re.sub(r"[’']s$", "", w) for w in run.group().split()]
            names = [w for w in words if w in prose and w.lower() not in LEADING_FUNCTION and w not in lex.titles]
            if not names or any(w.lower() in lex.organisation_words or w.lower() in lex.outlet_words for w in words):
                continue
            last = names[-1]
            at = run.start() + run.group().rfind(last)
            first = run.start() + run.group().find(names[0])
            people.setdefault(last, Mention(first, at + len(last), text[first : at + len(last)], "named"))
    if len(people) != 1:
        return None
    return Frame(next(iter(people.values())), None, None, None, None, "discussed")


def _section_label(masked: str, line_start: int, pos: int) -> int | None:
    """Where the headline starts after a section label and its colon ("Report: …", "WATCH: …"), or None."""
    match = re.match(r"[ \t]*([A-Za-z]+)[ \t]*:[ \t]*", masked[line_start:pos])
    if match is None or match.group(1).lower() not in _LABELS:
        return None
    return line_start + match.end()


def _outlet_label(masked: str, text: str, line_start: int, pos: int, lex: Lexicon) -> Mention | None:
    """An outlet's name opening the line with a colon, as digests print another outlet's headline: "CNBC: …"."""
    match = _HEADLINE_NAME_RE.match(masked, line_start, pos)
    if match is None or not outlet_like(text[match.start(1) : match.end(1)], lex):
        return None
    s, e = match.span(1)
    return Mention(s, e, text[s:e], "organisation")
