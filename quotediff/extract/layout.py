"""The shape of an article's text before quotes are searched: paragraphs, hard line breaks, page noise, transcripts.

Real pages are not our tidy fixtures. Text copied from a PDF, an email or a cable breaks lines inside paragraphs;
mirrors and aggregators paste "[Related: …]" lines and reader comments into the article; transcripts label each
turn ("WALLACE: …") instead of quoting it. ``prepare`` turns an article into the *reading text* the quote finder
and the attribution rules read: as long as the article's text (offsets hold, quotes keep the original
characters), with metadata and noise blanked and the newlines inside a paragraph read as spaces, so a quote
or a sentence runs on across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotediff.model import Article

# Paragraph breaks: a blank line where the text has any, else every newline (unless the text is hard-wrapped).
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_NEWLINE_RE = re.compile(r"\n")

# A line that is an aggregator's or a mirror's link, not article text: "[Related: …]", "READ MORE: …".
_NOISE_LINE_RE = re.compile(
    r"^[ \t]*(?:\[\s*(?:related|read more|see also|also read|read also|more|watch|listen|recommended|advertisement)"
    r"\b[^\]\n]*\]|(?:related|read more|see also|also read|recommended)\s*:.{0,200}|advertisement)[ \t]*$",
    re.I | re.M,
)
_NOISE_WORDS = ("related", "read more", "see also", "also read", "read also", "recommended", "advertisement")
# A line that starts the readers' comments under an article: everything after it is not the article.
_COMMENTS_RE = re.compile(
    r"^[ \t]*(?:\d+\s+)?(?:reader\s+|readers['’]?\s+)?comments?(?:\s*\(\d+\))?\s*:?[ \t]*$"
    r"|^[ \t]*(?:leave a (?:comment|reply)|join the (?:discussion|conversation)|add a comment|show comments)\b.{0,40}$",
    re.I | re.M,
)

# A transcript turn: an upper-case speaker label and a colon opening the paragraph ("WALLACE: Do you …").
TRANSCRIPT_LABEL_RE = re.compile(r"[ \t]*([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):[ \t]+(?=\S)")
# Labels that head a paragraph without being anybody's turn.
_NOT_SPEAKERS = frozenset(
    "UPDATE UPDATED CORRECTION NOTE EDITOR'S NOTE EDITOR’S NOTE BYLINE EMAIL PHOTO PHOTOS VIDEO WATCH LOOK READ"
    " RELATED EXCLUSIVE BREAKING BUSTED BOOM SOURCE SOURCES Q A AP".split()
)
# A transcript announced: "Partial transcript as follows:", "Here is the exchange:".
_TRANSCRIPT_CUE_RE = re.compile(r"(?:transcript|exchange|as follows)[^\n]{0,40}:\s*$", re.I)

# Hard-wrapped text has most lines of nearly one width; a paragraph's last line is shorter.
_WRAP_MIN, _WRAP_MAX = 40, 100
_FULL_LINE = 0.75  # a line at least this share of the width is a wrapped line, not a paragraph's end


@dataclass(frozen=True, slots=True)
class Layout:
    """The reading text, its paragraphs, and the paragraphs that are transcript turns (with the label's span)."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    turns: dict[tuple[int, int], tuple[int, int]]


def prepare(article: Article) -> Layout:
    """The reading text of an article, as long as ``article.text``: front matter (metadata, never quotes,
    speakers or antecedents), noise lines and readers' comments blanked; newlines inside a paragraph spaces."""
    text = article.text
    blanks: list[tuple[int, int]] = [(0, article.body_start)] if article.body_start > 0 else []
    low = text.lower()  # cheap checks first: most articles have neither noise lines nor comments
    if "[" in low or any(word in low for word in _NOISE_WORDS):
        blanks.extend(match.span() for match in _NOISE_LINE_RE.finditer(text, article.body_start))
    comments = _COMMENTS_RE.search(text, article.body_start) if "comment" in low or "join the" in low else None
    if comments is not None and comments.start() > len(text) // 3:  # never the article's opening lines
        blanks.append((comments.start(), len(text)))
    blanked = _blank(text, blanks) if blanks else text
    paragraphs = _paragraphs(blanked)
    if not any("\n" in blanked[start:end] or "\r" in blanked[start:end] for start, end in paragraphs):
        return Layout(blanked, paragraphs, _turns(blanked, paragraphs))  # no line break inside a paragraph
    parts: list[str] = []
    pos = 0
    for start, end in paragraphs:
        parts.append(blanked[pos:start])
        parts.append(blanked[start:end].replace("\r", " ").replace("\n", " "))
        pos = end
    parts.append(blanked[pos:])
    reading = "".join(parts)
    return Layout(reading, paragraphs, _turns(reading, paragraphs))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span's characters but its newlines turned into spaces."""
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph. A hard-wrapped text (lines of one width) ends a paragraph at a short line;
    any other text at each line break, except where a line runs on into the next in lower case. Blank lines
    always separate paragraphs: a page's single line breaks part its headline, date line and captions."""
    lines = _split(text, _NEWLINE_RE)
    width = _wrap_width(text, lines)
    if not _BLANK_LINE_RE.search(text):
        spans = _unwrap(text, lines, width)
    else:
        spans = []
        for start, end in _split(text, _BLANK_LINE_RE):
            inner = [(start + s, start + e) for s, e in _split(text[start:end], _NEWLINE_RE)]
            spans.extend(_unwrap(text, inner, width))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def _split(text: str, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width a hard-wrapped text is wrapped at, or None when its lines are not of one width."""
    lengths = sorted(len(text[s:e].rstrip()) for s, e in lines if text[s:e].strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    full = sum(1 for n in lengths if n >= _FULL_LINE * width)
    if not _WRAP_MIN <= width <= _WRAP_MAX or full < 0.5 * len(lengths):
        return None
    return width


def _unwrap(text: str, lines: list[tuple[int, int]], width: int | None) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    start: int | None = None
    curly = straight = 0  # the marks of the paragraph so far, counted line by line (no rescans)
    for n, (s, e) in enumerate(lines):
        line = text[s:e].rstrip()
        if not line.strip():
            continue
        if start is None:
            start, curly, straight = s, 0, 0
        if width is not None:
            ends = len(line) < _FULL_LINE * width
        else:
            curly += line.count("“") - line.count("”")
            straight += line.count('"')
            following = text[lines[n + 1][0] : lines[n + 1][1]].lstrip() if n + 1 < len(lines) else ""
            # a quote still open goes on in the next line, unless that line opens anew: “…\n“… is a quote's
            # next paragraph
            still_open = curly > 0 or straight % 2 == 1
            ends = not _runs_on(line, following) and (following[:1] in "“\"‘«" or not still_open)
        if ends:
            joined.append((start, e))
            start = None
    if start is not None:
        joined.append((start, lines[-1][1]))
    return joined


def _runs_on(line: str, following: str) -> bool:
    """The line's sentence goes on in the next line: "the vote\nsucceeds", "As we know,\nThere are"; not a date
    line, a headline or a caption above the article's first words ("via Getty Images\nBiden said")."""
    if not following or not line[-1:].isalnum() and line[-1:] != ",":
        return False
    return line.endswith(",") or following[:1].islower()


def _turns(text: str, paragraphs: tuple[tuple[int, int], ...]) -> dict[tuple[int, int], tuple[int, int]]:
    """Transcript turns: paragraphs opening with a speaker label, where the article holds a transcript (two
    turns or more, or a cue such as "Partial transcript as follows:" before the first)."""
    found: dict[tuple[int, int], tuple[int, int]] = {}
    cued = False
    for index, (start, end) in enumerate(paragraphs):
        match = TRANSCRIPT_LABEL_RE.match(text, start, end)
        if match is not None and match.group(1).rstrip(".") not in _NOT_SPEAKERS:
            found[(start, end)] = match.span(1)
            if index > 0 and _TRANSCRIPT_CUE_RE.search(text, *paragraphs[index - 1]):
                cued = True
    return found if cued or len(found) >= 2 else {}
