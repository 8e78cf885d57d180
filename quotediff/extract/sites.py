"""Where each quote sits in an article, and what attribution found for it: the records the quote finder hands to
attribution and attribution hands back."""

from __future__ import annotations

from dataclasses import dataclass

from quotediff.model import Attribution


@dataclass(frozen=True, slots=True)
class QuoteSite:
    """Where a quote sits: its text, its marks and its paragraph (all offsets into the article text)."""

    start: int  # first character inside the marks
    end: int  # end of the text inside the marks
    open_start: int  # offset of the opening mark (== start for blockquotes)
    close_end: int  # offset just after the closing mark (== end when unclosed)
    para_start: int
    para_end: int
    marks: str
    continues: bool = False  # re-opens a quote left open at the end of the previous paragraph
    unclosed: bool = False  # opened and never closed: runs to the end of its paragraph or to the next quote


@dataclass(frozen=True, slots=True)
class SiteResult:
    attribution: Attribution
    kind: str  # "statement" | "scare"
    utterance: int
