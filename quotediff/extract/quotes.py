"""Find every quotation in an article: marked quotes of every common style, plus ``<blockquote>`` paragraphs.

The scan is one pass over the quote-mark characters of each paragraph with a small stack, so an article costs
time linear in its length. A mark opens or closes according to its shape and its neighbours (a mark with a
space before and a letter after opens; the reverse closes), which keeps apostrophes (Pakistan’s, ’90s, rock
’n’ roll) out of the way. Quotes never cross a paragraph break, except that a paragraph which ends inside a
quote and is followed by a paragraph that re-opens it continues the same statement. So an unbalanced mark can
cost at most one paragraph, never the rest of the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from quotediff.extract.attribute import QuoteSite, attribute_sites
from quotediff.extract.languages import attribute_in_language
from quotediff.extract.lexicon import language_lexicon
from quotediff.load.language import detect_language
from quotediff.model import Article, Quote


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How eagerly to find quotes.

    ``min_words``: an unattributed quote shorter than this is taken for a scare quote, title or nickname.
    ``max_chars``: no quoted segment is longer; paragraphs bound quotes already, this guards texts without
    paragraph breaks.
    ``straight_single``: also read straight single quotes ('like this') as quote marks (conservatively).
    """

    min_words: int = 4
    max_chars: int = 5000
    straight_single: bool = True


_DEFAULT_OPTIONS = ExtractOptions()

# Two straight apostrophes stand for a double quote mark in some archives (''like this'').
_MARK_RE = re.compile("''|[\"“”„‟«»‹›‘’‚']")
# Paragraph breaks: a blank line where the text has any, else every newline.
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_NEWLINE_RE = re.compile(r"\n")
# After an opening single mark, these mean an elision, not a quote: ’90s, ’n’, ’em, ’til, ’cause, ’tis.
_ELISION_RE = re.compile(r"(?:\d\d?s?\b|\d0s|n[’'‘]|em\b|til\b|cause\b|tis\b|twas\b|bout\b|round\b)", re.I)

# For each opening mark: its usual closer first, then closers that sloppy or foreign typography also uses.
_CLOSERS: dict[str, str] = {
    '"': '"”“',
    "“": '”"“',
    "”": '”"“',  # a ” used as an opener (sloppy typography)
    "„": '“”"',
    "‟": '”"',
    "«": "»",
    "»": "«",  # »German« style
    "‹": "›",
    "›": "‹",
    "‘": "’‘'",
    "‚": "‘’",
    "'": "'’",
}
_SINGLE = frozenset("‘’‚'‹›")
_ALWAYS_OPEN = frozenset("«„‹‚‟")
_OPEN_BEFORE = frozenset("([{—–-/") | frozenset(_CLOSERS) | frozenset("”’")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…/*") | frozenset(_CLOSERS) | frozenset("”’")


@dataclass(slots=True)
class _Open:
    mark: str  # the mark's role ('"' for a doubled apostrophe)
    pos: int  # offset of the opening mark
    end: int  # offset after it


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; blank lines separate paragraphs when the text has any."""
    splitter = _BLANK_LINE_RE if _BLANK_LINE_RE.search(text) else _NEWLINE_RE
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _scan_paragraph(
    text: str, start: int, end: int, options: ExtractOptions
) -> tuple[list[tuple[int, int, int, int, str]], _Open | None]:
    """Closed top-level quotes in one paragraph as (open, close offset, marks); the quote left open."""
    found: list[tuple[int, int, int, int, str]] = []
    stack: list[_Open] = []
    for match in _MARK_RE.finditer(text, start, end):
        i = match.start()
        mark = '"' if match.end() - i == 2 else text[i]
        before = text[i - 1] if i > start else " "
        after = text[match.end()] if match.end() < end else " "
        if mark in "’'" and before.isalnum() and after.isalpha():
            continue  # an apostrophe inside a word: Pakistan’s, don't
        left = not _is_space(after) and (_is_space(before) or before in _OPEN_BEFORE)
        right = not _is_space(before) and (_is_space(after) or after in _CLOSE_AFTER)
        if stack and (right or not left or mark in "»›”"):
            depth = _closing_depth(stack, mark, right)
            if depth is not None:
                opened = stack[depth]
                del stack[depth:]
                if not stack:
                    found.append(
                        (
                            opened.pos,
                            opened.end,
                            i,
                            match.end(),
                            text[opened.pos : opened.end] + match.group(),
                        )
                    )
                continue
        if mark == "'" and not options.straight_single:
            continue
        if mark in _SINGLE and (not left or _ELISION_RE.match(text, i + 1, end)):
            continue
        if mark == "’":
            continue  # a right single mark never opens
        if left or (mark in _ALWAYS_OPEN and not right) or (mark in "«»" and _is_space(after) and not right):
            if mark in "»”" and stack:
                continue
            if len(stack) == 1 and stack[0].mark == mark and mark in "“«„" and _after_sentence(text, start, i):
                # “First quote. “Second quote…” — the first was never closed: end it at its sentence
                opened = stack.pop()
                close = i
                while close > opened.end and text[close - 1].isspace():
                    close -= 1
                found.append((opened.pos, opened.end, close, close, text[opened.pos : opened.end]))
            if len(stack) < 4:
                stack.append(_Open(mark, i, match.end()))
    return found, (stack[0] if stack else None)


def _after_sentence(text: str, start: int, i: int) -> bool:
    """Whether the mark at ``i`` follows the end of a sentence (". “")."""
    j = i - 1
    while j > start and text[j].isspace():
        j -= 1
    return j < i - 1 and text[j] in ".!?…"


def _closing_depth(stack: list[_Open], mark: str, right: bool) -> int | None:
    """Index of the open quote this mark closes: its usual closer first, then a looser match, top down."""
    for index in range(len(stack) - 1, -1, -1):
        if _CLOSERS[stack[index].mark][0] == mark:
            if mark in "“‘" and stack[index].mark not in "„‚" and not right:
                return None
            return index
    for index in range(len(stack) - 1, -1, -1):
        if mark in _CLOSERS[stack[index].mark] and (right or mark in "»”’"):
            return index
    return None


def _reopens(text: str, para: tuple[int, int], opened: _Open) -> bool:
    """Whether a paragraph re-opens a quote the previous one left open (a multi-paragraph quote)."""
    first = text[para[0] : para[0] + 2]
    if first == "''":
        return opened.mark == '"'
    first = first[:1]
    if not first:
        return False
    if opened.mark in _SINGLE:
        return first in "‘'‚"
    return first in '"“„«»‟”'


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _find_sites(text: str, blockquotes: tuple[tuple[int, int], ...], options: ExtractOptions) -> list[QuoteSite]:
    paragraphs = _paragraphs(text)
    block_paras = _blockquote_paragraphs(blockquotes, paragraphs)
    sites: list[QuoteSite] = []
    carried: _Open | None = None  # a quote left open at the end of the previous paragraph, re-opened here
    for index, (p_start, p_end) in enumerate(paragraphs):
        if (p_start, p_end) in block_paras and not _fully_marked(text, p_start, p_end):
            s, e = _trim(text, p_start, p_end)
            sites.append(QuoteSite(s, e, s, e, p_start, p_end, "blockquote", continues=False))
            carried = None
            continue
        closed, left_open = _scan_paragraph(text, p_start, p_end, options)
        for open_pos, open_end, close_pos, close_end, marks in closed:
            cont = carried is not None and open_pos == p_start
            if close_pos - open_end > options.max_chars:
                continue
            # the padding inside « … » (French spacing, often a no-break space) is no part of the quote
            s, e = _trim(text, open_end, close_pos)
            if s == e:
                s, e = open_end, close_pos
            sites.append(QuoteSite(s, e, open_pos, close_end, p_start, p_end, marks, cont))
            carried = None
        if left_open is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            reopened = nxt is not None and _reopens(text, nxt, left_open)
            at_start = left_open.pos == p_start
            if reopened or (at_start and left_open.mark not in "'‘"):
                s, e = _trim(text, left_open.end, p_end)
                if s < e and e - s <= options.max_chars:
                    cont = carried is not None and left_open.pos == p_start
                    marks = text[left_open.pos : left_open.end]
                    sites.append(QuoteSite(s, e, left_open.pos, e, p_start, p_end, marks, cont))
            carried = left_open if reopened else None
        else:
            carried = None
    return sites


def _fully_marked(text: str, start: int, end: int) -> bool:
    s, e = _trim(text, start, end)
    return e - s >= 2 and text[s] in "\"“„«»‘'" and text[e - 1] in "\"”“»«’'"


def _blockquote_paragraphs(
    blockquotes: tuple[tuple[int, int], ...], paragraphs: list[tuple[int, int]]
) -> set[tuple[int, int]]:
    if not blockquotes:
        return set()
    inside: set[tuple[int, int]] = set()
    for b_start, b_end in blockquotes:
        for para in paragraphs:
            if (
                para[0] >= b_start
                and para[1] <= b_end
                or (para[0] < b_end and para[1] > b_start and b_start <= para[0] + 2 and para[1] - 2 <= b_end)
            ):
                inside.add(para)
    return inside


def _reading_text(article: Article) -> str:
    """The text quotes are searched and attributed in, as long as ``article.text`` so offsets hold: front matter
    blanked, because it is metadata (a quoted headline there is no quote, an author there no antecedent)."""
    text = article.text
    if article.body_start <= 0:
        return text
    return re.sub(r"[^\n]", " ", text[: article.body_start]) + text[article.body_start :]


def extract_quotes(article: Article, options: ExtractOptions | None = None) -> tuple[Quote, ...]:
    """Every quote in ``article.text`` in text order, attributed, with ids ``<article id>:q<n>`` from 1."""
    opts = options or _DEFAULT_OPTIONS
    reading = _reading_text(article)
    sites = _find_sites(reading, article.blockquotes, opts)
    language = article.language or detect_language(reading[article.body_start :])
    if language in (None, "en"):
        results = attribute_sites(reading, sites, min_words=opts.min_words)
    else:
        # another language: its own frames when the package has its lexicon, else speakers stay unknown
        results = attribute_in_language(reading, sites, language_lexicon(language), min_words=opts.min_words)
    quotes: list[Quote] = []
    for n, (site, result) in enumerate(zip(sites, results, strict=True), start=1):
        quotes.append(
            Quote(
                id=f"{article.id}:q{n}",
                article_id=article.id,
                text=article.text[site.start : site.end],
                start=site.start,
                end=site.end,
                marks=site.marks,
                attribution=result.attribution,
                utterance=result.utterance,
                kind=result.kind,
            )
        )
    return tuple(quotes)


def extract_all(articles: Iterable[Article], options: ExtractOptions | None = None) -> tuple[Quote, ...]:
    return tuple(q for article in articles for q in extract_quotes(article, options))
