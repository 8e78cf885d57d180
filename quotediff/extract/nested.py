"""Quotes inside quotes: “'Bring 'em on' is the classic example,” Mr Bush said.

An outlet quoting someone who quotes a line (their own motto, another person's words, a slogan) prints the line
in the other marks inside the quote. The line is a quotation of its own, and often the one that travels: it is
read from the outer quote's words alone, as if they were the article, and takes the outer quote's speaker when
nothing inside names another ("He said there were, quote, ‘very fine people’" names "he").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from quotediff.model import Article, Quote

# An opening mark of any style inside a quote's words: without one there is nothing nested to look for.
_OPENERS = "‘“\"«‹„‚"
# a straight single mark opening a word ("from 'Move fast"), not an apostrophe inside one ("don't")
_STRAIGHT_OPENER_RE = re.compile(r"(?:^|[\s(\[—–-])'(?=\w)")
_FIRST_PERSON = frozenset("i we me us my our".split())


def _a_line(text: str) -> bool:
    """Three words or more, not all capitalised: a line quoted, not a title or a name."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and not all(w[:1].isupper() for w in words)


def may_nest(quote: Quote) -> bool:
    """Whether a quote's words may hold a quote of their own (a cheap test before reading them again)."""
    if quote.kind != "statement" or quote.marks == "blockquote":
        return False
    text = quote.text
    return any(mark in text for mark in _OPENERS) or _STRAIGHT_OPENER_RE.search(text) is not None


def _blank(n: int) -> str:
    """Blank text that ends and starts a paragraph: no sentence of the quote runs back into it."""
    return " " * n if n < 4 else "\n\n" + " " * (n - 4) + "\n\n"


def _unmarked(article: Article, quotes: Sequence[Quote]) -> Article:
    """The article with the marks of ``quotes`` blanked: their words read as narration, so the quotes nested in them
    are found and attributed as if the quote stood alone. Everything else becomes blank lines, so the quote's words
    are a paragraph of their own (offsets hold)."""
    text = article.text
    pieces: list[str] = []
    pos = 0
    for start, end in sorted((q.start, q.end) for q in quotes):
        if start > pos:
            pieces.append(_blank(start - pos))
        if end > pos:
            pieces.append(text[max(pos, start) : end])
            pos = end
    pieces.append(_blank(len(text) - pos))
    chars = list("".join(pieces))
    for quote in quotes:
        opening, closing = quote.marks[0], quote.marks[-1]
        k = quote.start - 1
        while k >= 0 and chars[k] in " \t":
            k -= 1
        if k >= 0 and chars[k] == opening:
            chars[k] = " "
        k = quote.end
        while k < len(chars) and chars[k] in " \t":
            k += 1
        if not quote.unclosed and k < len(chars) and chars[k] == closing:
            chars[k] = " "
    return replace(article, text="".join(chars), blockquotes=())


def nested_quotes(
    article: Article,
    quotes: Sequence[Quote],
    extract: Callable[[Article], Sequence[Quote]],
) -> tuple[Quote, ...]:
    """The quotes with the quotes nested in each placed right after it, ids ``<outer id>.<k>``."""
    outers = [q for q in quotes if may_nest(q)]
    if not outers:
        return tuple(quotes)
    found_in: dict[str, list[Quote]] = {}
    for found in extract(_unmarked(article, outers)):
        outer = next((q for q in outers if q.start <= found.start and found.end <= q.end), None)
        if outer is not None and (found.start, found.end) != (outer.start, outer.end):
            found_in.setdefault(outer.id, []).append(found)
    out: list[Quote] = []
    utterance = max((q.utterance for q in quotes), default=0)
    for quote in quotes:
        out.append(quote)
        for k, found in enumerate(found_in.get(quote.id, ()), start=1):
            utterance += 1
            kind, attribution = found.kind, found.attribution
            speaker = attribution.speaker.text.lower() if attribution.speaker else None
            if kind == "scare" and _a_line(found.text):
                kind = "statement"  # “'Bring 'em on' is the classic example”: a line, no scare quote
            if kind == "statement" and (speaker is None or speaker in _FIRST_PERSON):
                attribution = quote.attribution  # the outer quote's speaker quotes the line ("our motto ‘…’")
            elif attribution.speaker_kind == "pronoun":
                # "He said there were ‘…’" inside someone's words: whom the speaker means is not read from narration
                attribution = replace(attribution, speaker_resolved=None)
            out.append(replace(found, id=f"{quote.id}.{k}", attribution=attribution, kind=kind, utterance=utterance))
    return tuple(out)
