"""Quotes inside quotes: “'Bring 'em on' is the classic example,” Mr Bush said.

An outlet quoting someone who quotes a line (their own motto, another person's words, a slogan) prints the line
in the other marks inside the quote. The line is a quotation of its own, and often the one that travels: it is
read from the outer quote's words alone, as if they were the article, and takes the outer quote's speaker when
nothing inside names another ("He said there were, quote, ‘very fine people’" names "he").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from quotediff.model import Article, Quote, Span

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


def _gap(n: int) -> str:
    """What stands for the text between two quotes' words: a paragraph break, unless the quotes touch (“A” “B”)."""
    return " " * n if n < 4 else "\n\n"


@dataclass(frozen=True, slots=True)
class _Words:
    """The outer quotes' words alone, as an article of their own, and where each piece came from: read short, the
    nested quotes cost what their outer quotes' words cost, not what the whole article does."""

    article: Article
    starts: tuple[int, ...]  # where each piece starts in the short text
    origins: tuple[int, ...]  # and in the article

    def place(self, offset: int) -> int:
        k = max(0, bisect_right(self.starts, offset) - 1)
        return self.origins[k] + offset - self.starts[k]

    def span(self, span: Span | None) -> Span | None:
        return None if span is None else Span(self.place(span.start), self.place(span.end), span.text)

    def quote(self, quote: Quote) -> Quote:
        a = quote.attribution
        attribution = replace(
            a,
            speaker=self.span(a.speaker),
            verb=self.span(a.verb),
            addressee=self.span(a.addressee),
            hedges=tuple(Span(self.place(h.start), self.place(h.end), h.text) for h in a.hedges),
            sources=tuple(Span(self.place(s.start), self.place(s.end), s.text) for s in a.sources),
        )
        return replace(quote, start=self.place(quote.start), end=self.place(quote.end), attribution=attribution)


def _words_alone(article: Article, quotes: Sequence[Quote]) -> _Words:
    """The words of ``quotes`` without their marks, each a paragraph: read as narration, the quotes nested in them
    are found and attributed as if each quote stood alone."""
    text = article.text
    pieces: list[str] = ["\n\n"]
    starts: list[int] = []
    origins: list[int] = []
    length, pos = 2, 0
    for start, end in sorted((q.start, q.end) for q in quotes):
        if end <= pos:
            continue
        start = max(start, pos)
        if starts:
            gap = _gap(start - pos)
            pieces.append(gap)
            length += len(gap)
        starts.append(length)
        origins.append(start)
        pieces.append(text[start:end])
        length += end - start
        pos = end
    pieces.append("\n\n")
    short = replace(article, text="".join(pieces), blockquotes=(), body_start=0)
    return _Words(short, tuple(starts), tuple(origins))


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
    words = _words_alone(article, outers)
    for found in map(words.quote, extract(words.article)):
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
