"""The HTML report's view data: frozen records of strings and numbers, no article objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """What the caller may change about the page; everything else follows from the comparison."""

    title: str | None = None
    timestamp: str | None = None  # shown in the header when given; off by default so output is reproducible
    quotes_open: bool = False  # the list of every quote starts unfolded (``quotediff quotes -f html``)


@dataclass(frozen=True, slots=True)
class ArticleView:
    anchor: str  # "a1", "a2"... in comparison order
    id: str
    outlet: str
    title: str
    published: str  # "" when unknown
    href: str | None  # only http(s) URLs become links
    url_text: str  # the URL shown as text when it is not a safe link
    path: str
    copy_of: str  # outlet of the article this one copies, "" when independent


@dataclass(frozen=True, slots=True)
class EditView:
    anchor: str  # id of the change-list item that describes the inline mark
    kind: str
    severity: str
    critical: bool
    reference: str
    variant: str
    label: str  # "substitution: “will” → “would”"
    show_reference: bool  # struck-through reference words shown inline
    tag: str  # "ins" for changed words, "mark" for a changed form of the same words
    marker: str  # text shown when the rendering has no words at this place ("…12 words")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a rendering: plain text, or the variant words of one edit (``text`` may be empty)."""

    text: str
    edit: EditView | None = None
    piece_break: bool = False  # the outlet's quote is interrupted here ("…,” Marsh said. “…"): shown as " / "


@dataclass(frozen=True, slots=True)
class AttributionCell:
    field: str
    label: str
    value: str
    changed: bool
    notes: tuple[tuple[str, str], ...] = ()  # (description, severity) of each change to this field


@dataclass(frozen=True, slots=True)
class MemberView:
    anchor: str
    article: ArticleView
    is_reference: bool
    verdict: str
    fidelity: str  # "87%"
    fidelity_band: str  # "exact" | "high" | "medium" | "low"
    symbol: str  # marker of the worst change, shown beside colour
    wording: str  # "verbatim" | "cosmetic" | "changed"
    altered: bool  # wording beyond cosmetics, or the attribution, differs from the reference
    segments: tuple[Segment, ...]
    edits: tuple[EditView, ...]
    attribution: tuple[AttributionCell, ...]
    attribution_notes: tuple[tuple[str, str], ...]  # (description, severity), all fields
    attribution_shifts: int = 0  # notes that count as shifts (notable or critical), as in every report
    attribution_flag: str = ""  # a critical shift, named on the badge: "speaker misattributed"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    published: str
    outlet: str
    anchor: str
    verdict: str
    symbol: str
    is_reference: bool
    changes: int
    attribution_changes: int


@dataclass(frozen=True, slots=True)
class LineageView:
    change: str
    severity: str
    first: str
    first_date: str
    followers: tuple[str, ...]
    independent: tuple[str, ...] = ()  # the same change elsewhere with no sign of copying


@dataclass(frozen=True, slots=True)
class UnmarkedView:
    outlet: str
    text: str
    similarity: str


@dataclass(frozen=True, slots=True)
class GroupView:
    anchor: str
    number: int
    id: str
    short: str  # the first words of the reference, for navigation and the matrix header
    reference_text: str
    reference_source: ArticleView | None
    reference_is_document: bool
    reference_speaker: str  # who says the words in the primary document ("" without one)
    members: tuple[MemberView, ...]
    timeline: tuple[TimelineEntry, ...]
    lineage: tuple[LineageView, ...]
    unmarked: tuple[UnmarkedView, ...]
    altered: int
    also_quoted: tuple[str, ...] = ()  # "“contained” — Metro Wire (Governor Ilse Maren)", one line per phrase


@dataclass(frozen=True, slots=True)
class MatrixCell:
    href: str  # "" when the outlet does not carry the quotation
    text: str
    band: str
    symbol: str
    verdict: str


@dataclass(frozen=True, slots=True)
class MatrixRow:
    article: ArticleView
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class Count:
    label: str
    value: int
    css: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: str
    kind: str
    text: str
    speaker: str
    speaker_kind: str
    verb: str
    hedges: str
    addressee: str
    sources: str


@dataclass(frozen=True, slots=True)
class ArticleQuotes:
    article: ArticleView
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    title: str
    timestamp: str
    version: str
    articles: tuple[ArticleView, ...]
    source: ArticleView | None
    skipped: tuple[tuple[str, str], ...]
    counts: tuple[Count, ...]
    copies: tuple[tuple[str, ...], ...]
    groups: tuple[GroupView, ...]
    matrix: tuple[MatrixRow, ...]
    legend: tuple[tuple[str, str, str], ...]  # (severity, sample label, explanation)
    quote_count: int
    all_quotes: tuple[ArticleQuotes, ...] = ()
    quotes_open: bool = False
