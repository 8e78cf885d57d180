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
from dataclasses import dataclass, replace

from quotediff.extract.attribute import attribute_sites
from quotediff.extract.discussed import owned_speech
from quotediff.extract.languages import attribute_in_language
from quotediff.extract.layout import Layout, prepare
from quotediff.extract.lexicon import is_outlet, language_lexicon, lexicon
from quotediff.extract.nested import nested_quotes
from quotediff.extract.sites import QuoteSite, SiteResult
from quotediff.extract.sources import wire_source, with_wire
from quotediff.extract.titles import names_a_work
from quotediff.extract.tokens import fold_accents
from quotediff.load.language import detect_language
from quotediff.model import Article, Attribution, Quote, Span


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
# (a class first, the second apostrophe after it: the regex engine skips from mark to mark)
_MARK_RE = re.compile("[\"“”„‟«»‹›‘’‚'](?:(?<=')')?")
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


# Invisible format characters (bidi marks, zero-width spaces) that pages leave around marks read as spaces.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff")


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _glued_opener(mark: str, before: str, after: str) -> bool:
    """A double mark typed without its space (``said,“Look``, ``Clinton:"We``, ``here."We``) opens a quote when no
    quote is open: nothing is left for it to close."""
    if mark not in '"“':
        return False
    return (before in ",:;" and after.isalnum()) or (before in ".!?" and after.isupper())


def _scan_paragraph(
    text: str, start: int, end: int, options: ExtractOptions, after_open: bool = False
) -> tuple[list[tuple[int, int, int, int, str]], _Open | None, list[tuple[int, int, int, int, str]]]:
    """Closed top-level quotes in one paragraph as (open, close offset, marks); the quote left open; the quotes
    closed directly inside it. ``after_open``: the paragraph before left a quote open (its closer may be here)."""
    found: list[tuple[int, int, int, int, str]] = []
    stack: list[_Open] = []
    # quotes closed directly inside the bottom open quote: if that one is dropped as an apostrophe at the end
    # (Sophie in 't Veld said "It's a risk"), they are top-level quotes after all
    children: list[tuple[int, int, int, int, str]] = []
    for match in _MARK_RE.finditer(text, start, end):
        i = match.start()
        mark = '"' if match.end() - i == 2 else text[i]
        before = text[i - 1] if i > start else " "
        after = text[match.end()] if match.end() < end else " "
        before = " " if before in _INVISIBLE else before
        after = " " if after in _INVISIBLE else after
        if mark in "’'" and before.isalnum() and after.isalpha():
            continue  # an apostrophe inside a word: Pakistan’s, don't
        # a mark before "<" or ">" belongs to markup left in the text (tweet-date="…">), never opens a quote
        left = not _is_space(after) and after not in "<>" and (_is_space(before) or before in _OPEN_BEFORE)
        left = left or (not stack and _glued_opener(mark, before, after))
        right = not _is_space(before) and (_is_space(after) or after in _CLOSE_AFTER)
        lost = not stack and not found and not after_open and mark in '”"' and right and not left
        if lost and _unopened(text, start, i):
            # "NATO remains a cornerstone of our security,” Merkel told reporters.": the opening mark was lost;
            # the quote runs from the paragraph's start
            found.append((start, start, i, match.end(), match.group()))
            continue
        if stack and (right or not left or mark in "»›”"):
            depth = _closing_depth(stack, mark, right)
            if depth is None and mark == "”" and right and len(stack) == 1 and stack[0].mark == "'":
                depth = 0  # 'forgotten” people: a page's mixed pair, one copy-and-paste away from “forgotten”
            if depth is not None:
                opened = stack[depth]
                del stack[depth:]
                if len(stack) <= 1:
                    quote = (opened.pos, opened.end, i, match.end(), text[opened.pos : opened.end] + match.group())
                    (children if stack else found).append(quote)
                continue
        if mark == "'" and not options.straight_single:
            continue
        if mark in _SINGLE and (not left or _ELISION_RE.match(text, i + 1, end)):
            continue
        if mark == "’":
            continue  # a right single mark never opens
        # a mark with spaces on both sides after a colon opens a quote: her words were: ” We will not …”
        padded = mark in '"“”' and _is_space(after) and not right and _after_colon(text, start, i)
        # “ I Have a Dream ”: a curly pair padded with spaces inside, as some sites print titles
        padded = padded or (mark == "“" and _is_space(after) and _is_space(before) and _padded_close(text, i, end))
        if left or padded or (mark in _ALWAYS_OPEN and not right) or (mark in "«»" and _is_space(after) and not right):
            if mark in "»”" and stack and not padded:
                continue
            if stack and stack[-1].end == i and stack[-1].mark == mark and mark in '"“':
                stack[-1].end = match.end()  # a doubled opener (platform: ““Radical …”) is one mark
                continue
            if (
                len(stack) == 1
                and _same_kind(stack[0].mark, mark)
                and (
                    _after_sentence(text, start, i)
                    or (_new_clause(text, start, i) and len(text[stack[0].end : i].split()) >= _SPLIT_WORDS)
                )
            ):
                # “First quote. “Second quote…” / said “we cannot rule it out —She then added that “frankly…”:
                # the first was never closed; end it before the second instead of swallowing both
                opened = stack.pop()
                close = _clause_start(text, opened.end, i)
                while close > opened.end and text[close - 1].isspace():
                    close -= 1
                found.append((opened.pos, opened.end, close, close, text[opened.pos : opened.end]))
            if len(stack) < 4:
                if not stack:
                    children = []
                stack.append(_Open(mark, i, match.end()))
    return found, (stack[0] if stack else None), (children if stack else [])


def _unopened(text: str, start: int, i: int) -> bool:
    """A closing mark with no opener before it in its paragraph, after a clause that ends as quotes end (a comma
    or a stop) and holds four words or more: the quote's opening mark was lost."""
    head = text[start:i]
    return head[-1:] in ",.!?…" and len(head.split()) >= 4 and not any(m in head for m in '“”"«»„')


def _padded_close(text: str, i: int, end: int) -> bool:
    """A closing “ ” with a space before it within a short stretch after the opener at ``i``, on its line."""
    close = text.find(" ”", i + 2, min(end, i + 120))
    return close > 0 and "\n" not in text[i:close] and "“" not in text[i + 1 : close]


def _same_kind(opened: str, mark: str) -> bool:
    """Two double openers of one style: a second one cannot nest in the first, so the first was left open."""
    # a straight mark and a curly one differ: "outer “inner” outer" is nesting in two styles, not a lost closer
    return opened == mark and mark in '"“«„'


# Narration glued to a quote left open: "we cannot rule it out —She then added", "out. She then added".
_NARRATION_RE = re.compile(r"(?:\s*[—–]\s*|(?<=[.!?])\s+)(?=[A-Z][a-z]*\s+(?:then\s+)?[a-z]+ed\b|(?:She|He|They)\b)")


def _clause_start(text: str, lo: int, i: int) -> int:
    """Where the narration before a second opener begins, when a dash or a sentence end marks it."""
    starts = [match.start() for match in _NARRATION_RE.finditer(text, lo, i)]
    return starts[-1] if starts else i


def _after_colon(text: str, start: int, i: int) -> bool:
    j = i - 1
    while j > start and text[j].isspace():
        j -= 1
    return j >= start and text[j] in ":,"


# A quote left open must hold this many words before a new clause and a second opener end it (“He said “…).
_SPLIT_WORDS = 5
# Words that start a new reporting clause: the second opener after them begins a new quote.
_NEW_CLAUSE_RE = re.compile(r"(?:\b(?:that|added|said|says|adding|saying|then)|[—–:])\s*$", re.I)


def _new_clause(text: str, start: int, i: int) -> bool:
    """Whether the mark at ``i`` follows a new reporting clause ("She then added that “…")."""
    return _NEW_CLAUSE_RE.search(text, max(start, i - 20), i) is not None


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


def _find_sites(layout: Layout, blockquotes: tuple[tuple[int, int], ...], options: ExtractOptions) -> list[QuoteSite]:
    text, paragraphs = layout.text, layout.paragraphs
    block_paras = _blockquote_paragraphs(blockquotes, paragraphs)
    sites: list[QuoteSite] = []
    carried: _Open | None = None  # a quote left open at the end of the previous paragraph, re-opened here
    open_before = False  # the previous paragraph left a quote open, re-opened or not
    for index, (p_start, p_end) in enumerate(paragraphs):
        if (p_start, p_end) in block_paras and not _fully_marked(text, p_start, p_end):
            s, e = _trim(text, p_start, p_end)
            sites.append(QuoteSite(s, e, s, e, p_start, p_end, "blockquote", continues=False))
            carried, open_before = None, False
            continue
        turn = layout.turns.get((p_start, p_end))
        if turn is not None and not _MARK_RE.search(text, turn[1], p_end):
            # a transcript turn ("WALLACE: Do you …"): the words after the label are the speaker's
            s, e = _trim(text, text.index(":", turn[1]) + 1, p_end)
            sites.append(QuoteSite(s, e, s, e, p_start, p_end, "transcript", continues=False))
            carried, open_before = None, False
            continue
        closed, left_open, inside = _scan_paragraph(text, p_start, p_end, options, open_before)
        open_before = left_open is not None
        sites.extend(_closed_sites(text, (p_start, p_end), closed, carried is not None, options))
        if closed:
            carried = None
        if left_open is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            reopened = nxt is not None and _reopens(text, nxt, left_open)
            # a quote that opens and never closes (cut text, a lost mark) runs to the end of its paragraph; a
            # single mark left open is more often an apostrophe than a quote, so it counts only at the start
            double = left_open.mark not in _SINGLE
            if reopened or double or left_open.pos == p_start and left_open.mark not in "'‘":
                s, e = _trim(text, left_open.end, p_end)
                glued = None if reopened else _GLUED_ATTRIBUTION_RE.search(text, s, e)
                if glued is not None:  # “The fight is here; I need ammunition, not a ride, according to the AP
                    e = glued.start()
                if s < e and e - s <= options.max_chars:
                    cont = carried is not None and left_open.pos == p_start
                    marks = text[left_open.pos : left_open.end]
                    sites.append(QuoteSite(s, e, left_open.pos, e, p_start, p_end, marks, cont, not reopened))
            else:
                sites.extend(_closed_sites(text, (p_start, p_end), inside, False, options))
            carried = left_open if reopened else None
        else:
            carried = None
    return sites


# An attribution glued to a quote whose closing mark was lost: the words end before it.
_GLUED_ATTRIBUTION_RE = re.compile(r",\s+(?:according to\b|(?:he|she|they)\s+(?:said|says|added|told)\b|said\s+[A-Z])")


def _closed_sites(
    text: str,
    para: tuple[int, int],
    closed: list[tuple[int, int, int, int, str]],
    carried: bool,
    options: ExtractOptions,
) -> list[QuoteSite]:
    """Sites for the closed quotes of one paragraph; the first continues a carried quote when it opens the
    paragraph."""
    sites: list[QuoteSite] = []
    for open_pos, open_end, close_pos, close_end, marks in closed:
        cont = carried and open_pos == para[0]
        carried = False
        if close_pos - open_end > options.max_chars:
            continue
        # the padding inside « … » (French spacing, often a no-break space) is no part of the quote
        s, e = _trim(text, open_end, close_pos)
        if s == e:
            s, e = open_end, close_pos
        unclosed = close_end == close_pos  # ended where the next quote opens
        if not text[para[0] : open_pos].strip() and not text[close_end : para[1]].strip():
            credit = _CREDIT_RE.search(text, s, e)
            if credit is not None and _is_credit(text, credit.start(), credit.group(1)):
                # the quote's speaker inside its marks, as a pull quote credits it: "… it. Bill Clinton."
                e = close_end = _trim(text, s, credit.start())[1]
        sites.append(QuoteSite(s, e, open_pos, close_end, para[0], para[1], marks, cont, unclosed))
    return sites


# The last sentence of a paragraph-long quote that is its speaker's name (and role), with the closing mark after
# it: a pull quote whose credit line ran into the quote ("… the bomb. Donald Trump." / "… tax cuts. Dean Baker,
# Center for Economic and Policy Research.").
_CREDIT_RE = re.compile(r"(?<=[.”\"])\s+([A-Z][^.!?”\"]*(?:\.[^\s.!?”\"][^.!?”\"]*)*)\.?$")
# A stop after one of these is an abbreviation, not a sentence end: "Sen. Ted Cruz", "St. Anselm's", "U.S. Army".
_ABBREVIATION_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|[A-Z]\.[A-Z]|\b[a-z])\.$")
_PRONOUNS = frozenset("i we you he she they it me us him her them".split())
_CREDIT_WORD_RE = re.compile(r"[\w'’.&-]+")
# Lower-case words a credit's head may hold before the name or as its role: "Former NAACP president Ben Jealous".
_CREDIT_ROLES = frozenset(
    "president member official aide spokesman spokeswoman spokesperson strategist adviser advisor director chair"
    " chairman chairwoman senator secretary of for the and at".split()
)


def _credited(text: str, site: QuoteSite, result: SiteResult) -> SiteResult:
    """A quote cut before its credit line ("… it. Bill Clinton.") has the credited name for its speaker."""
    if site.unclosed or site.close_end != site.end or site.marks in ("blockquote", "transcript"):
        return result
    match = _CREDIT_HEAD_RE.match(text, site.end, site.para_end)
    if match is None:
        return result
    head = Span(match.start(1), match.end(1), match.group(1))
    role = match.group(1).split()[-1].lower() in _CREDIT_ROLES  # "Republican National Committee member"
    attribution = replace(
        result.attribution, speaker=head, speaker_resolved=head.text, speaker_kind="anonymous" if role else "named"
    )
    return SiteResult(attribution, result.kind, result.utterance)


_CREDIT_HEAD_RE = re.compile(r"\s+([^,\n\"”]*[^,.\s\"”])")


def _is_credit(text: str, start: int, tail: str) -> bool:
    if _ABBREVIATION_RE.search(text, max(0, start - 5), start):
        return False
    head, _, role = tail.partition(",")
    words = _CREDIT_WORD_RE.findall(head)
    role_words = _CREDIT_WORD_RE.findall(role)
    if not 2 <= len(words) <= 7 or len(role_words) > 8 or any(w.lower() in _PRONOUNS for w in words + role_words):
        return False
    if any(not word[:1].isupper() and word.lower() not in _CREDIT_ROLES for word in words):
        return False
    # a name (two capitalised words in a row) or a role at the end: "… Republican National Committee member"
    pairs = any(a[:1].isupper() and b[:1].isupper() for a, b in zip(words, words[1:], strict=False))
    return pairs or words[-1].lower() in _CREDIT_ROLES


def _fully_marked(text: str, start: int, end: int) -> bool:
    s, e = _trim(text, start, end)
    return e - s >= 2 and text[s] in "\"“„«»‘'" and text[e - 1] in "\"”“»«’'"


def _blockquote_paragraphs(
    blockquotes: tuple[tuple[int, int], ...], paragraphs: tuple[tuple[int, int], ...]
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


def extract_quotes(
    article: Article, options: ExtractOptions | None = None, *, nested: bool = True
) -> tuple[Quote, ...]:
    """Every quote in ``article.text`` in text order, attributed, with ids ``<article id>:q<n>`` from 1; a quote
    nested in one follows it, ``<article id>:q<n>.<k>``."""
    opts = options or _DEFAULT_OPTIONS
    layout = prepare(article)
    reading = layout.text
    sites = _find_sites(layout, article.blockquotes, opts)
    language = article.language or detect_language(reading[article.body_start :])
    if language in (None, "en"):
        results = attribute_sites(reading, sites, min_words=opts.min_words)
    else:
        # another language: its own frames when the package has its lexicon, else speakers stay unknown
        results = attribute_in_language(reading, sites, language_lexicon(language), min_words=opts.min_words)
    shared = _shared_utterances(results)
    wire = wire_source(article.text)
    quotes: list[Quote] = []
    for n, (site, result) in enumerate(zip(sites, results, strict=True), start=1):
        if result.kind == "statement" and result.utterance not in shared and names_a_work(reading, site):
            # a title; "his “I Have a Dream” speech" names the speech by its owner's words: who owns it stays
            owned = owned_speech(reading, site.open_start, site.close_end)
            attribution = result.attribution if owned else Attribution(speaker_kind="none")
            result = SiteResult(attribution, "scare", result.utterance)
        elif result.attribution.speaker is None and result.kind == "statement":
            result = _credited(reading, site, result)
        quotes.append(
            Quote(
                id=f"{article.id}:q{n}",
                article_id=article.id,
                text=article.text[site.start : site.end],
                start=site.start,
                end=site.end,
                marks=site.marks,
                attribution=_not_own_outlet(
                    with_wire(_original(result.attribution, article.text, reading), wire, site.start, result.kind),
                    article.outlet,
                ),
                utterance=result.utterance,
                kind=result.kind,
                unclosed=site.unclosed,
            )
        )
    if not nested:
        return tuple(quotes)
    known = replace(article, language=language or "en")  # read again in the language found once
    return nested_quotes(known, quotes, lambda a: extract_quotes(a, opts, nested=False))


def _shared_utterances(results: list[SiteResult]) -> set[int]:
    seen: set[int] = set()
    shared: set[int] = set()
    for result in results:
        (shared if result.utterance in seen else seen).add(result.utterance)
    return shared


def _not_own_outlet(attribution: Attribution, outlet: str) -> Attribution:
    """An outlet the speaker talked to is a cited source ("told CNN", "said on MSNBC"), but not the article's own
    ("told the Gazette" in the Harbour Gazette): that is the article's own reporting."""
    if not attribution.sources:
        return attribution  # most quotes: nothing to check
    own = re.findall(r"\w+", fold_accents(re.sub(r"<[^>]*>", " ", outlet)).lower().replace("_", " "))
    if not own:
        return attribution

    def is_own(span: Span) -> bool:
        named = fold_accents(span.text).lower().removeprefix("the ").split()
        outlet_named = span == attribution.addressee or is_outlet(span.text, lexicon())
        return named == own or (bool(named) and named[-1] == own[-1] and outlet_named)

    kept = tuple(s for s in attribution.sources if not is_own(s))
    return attribution if len(kept) == len(attribution.sources) else replace(attribution, sources=kept)


def _original(attribution: Attribution, text: str, reading: str) -> Attribution:
    """The attribution with every span's text taken from the article, not from the reading text (a speaker
    across a hard line break reads "Tomas Vell" in the rules and keeps its newline in the output)."""
    if text is reading:
        return attribution
    spans = (attribution.speaker, attribution.verb, attribution.addressee, *attribution.hedges, *attribution.sources)
    if all(span is None or "\n" not in text[span.start : span.end] for span in spans):
        return attribution  # the reading text differs from the article's only in newlines

    def own(span: Span) -> Span:
        return (
            span
            if text[span.start : span.end] == span.text
            else Span(span.start, span.end, text[span.start : span.end])
        )

    def own_or_none(span: Span | None) -> Span | None:
        return None if span is None else own(span)

    return replace(
        attribution,
        speaker=own_or_none(attribution.speaker),
        verb=own_or_none(attribution.verb),
        addressee=own_or_none(attribution.addressee),
        hedges=tuple(own(h) for h in attribution.hedges),
        sources=tuple(own(s) for s in attribution.sources),
    )


def extract_all(articles: Iterable[Article], options: ExtractOptions | None = None) -> tuple[Quote, ...]:
    return tuple(q for article in articles for q in extract_quotes(article, options))
