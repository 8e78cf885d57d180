"""Data passed between the stages: load -> extract -> match -> diff -> report.

Every object keeps the original text and character offsets into it, so that each figure in a report can be traced
back to a span of an input file. Normalised text exists only inside matching and diffing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- articles ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, decoded, with the text quotes are searched in.

    For plain text and Markdown, ``text`` is the whole decoded file (front matter included) so offsets are offsets
    into the file. For HTML and PDF it is the extracted main text: paragraphs separated by blank lines.
    """

    id: str  # stable, unique within a run, derived from the file name ("dawn-ledger")
    path: str  # as given on the command line; "-" for stdin
    text: str
    format: str  # "html" | "text" | "markdown" | "pdf"
    outlet: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date, "2023-08-10"
    author: str | None = None
    body_start: int = 0  # offset where the article body begins (after front matter)
    # Spans of text that the page set apart as quotations without quote marks (<blockquote>).
    blockquotes: tuple[tuple[int, int], ...] = ()
    encoding: str = "utf-8"
    # "en", "fr", "de"... told from the commonest words (load.language); None when too short or unclear.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not used, and why (shown in every report)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadResult:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()


# --- quotes and attribution -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article's text: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said a quote, how, and on whose authority, as the article frames it."""

    speaker: Span | None = None  # the mention as written: "Lu", "he", "a U.S. diplomat"
    speaker_resolved: str | None = None  # the fullest name the article gives that person: "Donald Lu"
    # "named" | "pronoun" | "anonymous" (a description) | "organisation" | "none" (scare quote, title) | "unknown"
    speaker_kind: str = "unknown"
    verb: Span | None = None  # "said", "is alleged to have told", "according to"
    verb_lemma: str | None = None  # "say", "tell", "allege"
    verb_tone: str | None = None  # "neutral" | "loaded" (warned, admitted, claimed...) from the lexicon
    hedges: tuple[Span, ...] = ()  # "reportedly", "is alleged to have"
    addressee: Span | None = None  # "Majeed" in "told Majeed"
    sources: tuple[Span, ...] = ()  # "according to the cable cited in The Intercept"


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted segment in one article. ``text == article.text[start:end]`` (the marks are outside)."""

    id: str  # "<article id>:q<n>", n counting from 1 in text order
    article_id: str
    text: str
    start: int
    end: int
    marks: str  # the opening and closing marks: "“”", '""', "«»", "„“", "‘’", "''"; "blockquote" for <blockquote>
    attribution: Attribution = field(default_factory=Attribution)
    # Quotes with the same utterance number in one article are pieces of one statement: a quote split around
    # "he said", or a quote running over several paragraphs (each re-opened).
    utterance: int = 0
    # "statement" for reported speech; "scare" for scare quotes, titles and nicknames (kept, not attributed).
    kind: str = "statement"
    # Opened and never closed (cut text, a lost mark): the quote runs to the end of its paragraph, or to where
    # the next quote opens. A quote over several paragraphs that re-opens each is not unclosed.
    unclosed: bool = False

    @property
    def inside(self) -> str | None:
        """The id of the quote this one is nested in (“'Bring 'em on' is the classic example”), or None."""
        head, sep, number = self.id.rpartition(":q")
        return f"{head}{sep}{number.split('.')[0]}" if sep and "." in number else None


# --- diffs ------------------------------------------------------------------------------------------------------

# Edit kinds and the severity each carries. Substantive edits that change a negation or a number are also
# flagged ``critical``.
EDIT_SEVERITY: dict[str, str] = {
    "case": "cosmetic",
    "punctuation": "cosmetic",
    "quote_marks": "cosmetic",
    "typography": "cosmetic",  # apostrophes, dashes
    "spacing": "cosmetic",
    "spelling": "cosmetic",  # US/UK spelling
    "abbreviation": "cosmetic",  # "U.S." / "US" / "United States", number style
    "ellipsis": "editorial",  # "…" standing for omitted words
    "bracketed": "editorial",  # "[T]he", "Don[ald Lu]"
    "sic": "editorial",
    "substitution": "substantive",
    "insertion": "substantive",
    "omission": "substantive",
    "reorder": "substantive",
    "truncation": "scope",  # the member covers only part of the reference
    "extension": "scope",  # the member adds words beyond the reference's ends
}
SEVERITIES = ("cosmetic", "editorial", "substantive", "scope")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offsets in the text it came from, and its matching key."""

    text: str
    start: int
    end: int
    norm: str  # case-folded, typography-folded key; "" for tokens that never count (quote marks)
    is_word: bool


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between a reference and a variant, as token ranges in both.

    Replacing ``reference_tokens[ref_start:ref_end]`` by ``variant_tokens[var_start:var_end]`` for every edit
    (from last to first) turns the reference tokens into the variant tokens.
    """

    kind: str
    severity: str
    reference: str  # the reference's words ("" for an insertion)
    variant: str  # the variant's words ("" for an omission)
    ref_start: int
    ref_end: int
    var_start: int
    var_end: int
    critical: bool = False  # a negation or a number changed


@dataclass(frozen=True, slots=True)
class TextDiff:
    """How a variant's wording differs from a reference's."""

    edits: tuple[Edit, ...]
    similarity: float  # 0..1 over normalised words
    fidelity: float  # 0..1, weighing edits by severity (cosmetic barely counts)
    verdict: str  # "verbatim", "cosmetic changes only", "shortened with ellipsis", "fragment", "altered", ...


@dataclass(frozen=True, slots=True)
class AttributionChange:
    """A shift in how a member frames who said the quote, compared with the reference."""

    field: str  # "speaker" | "verb" | "hedges" | "sources" | "addressee"
    # speaker: "anonymised" | "named" | "misattributed" | "name_form"; verb: "loaded" | "neutralised" | "changed";
    # hedges/sources: "added" | "dropped" | "replaced"; addressee: "added" | "dropped" | "changed"
    kind: str
    reference: str | None
    variant: str | None
    severity: str = "notable"  # "info" | "notable" | "critical" (misattribution, hedge dropped)


# --- groups and the whole comparison ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    """One article's rendering of a grouped quotation, compared with the group's reference."""

    quote_ids: tuple[str, ...]  # one quote, or the pieces of a split quote in text order
    article_id: str
    text: str  # the rendering's words (pieces joined by " … " when split)
    diff: TextDiff
    attribution: Attribution
    attribution_changes: tuple[AttributionChange, ...] = ()
    is_reference: bool = False
    copy_of: str | None = None  # article id this article appears to be copied from (syndication)


@dataclass(frozen=True, slots=True)
class LineageEntry:
    """A wording change, the outlet that printed it first, and the later outlets carrying the same change."""

    edit_kind: str
    reference: str
    variant: str
    first_article: str
    followers: tuple[str, ...]  # later outlets, or ones sharing the text around the quotation: likely copied
    independent: tuple[str, ...] = ()  # the same change with no sign of copying (same day, own words around it)


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    id: str  # "g1", "g2"... in order of first appearance
    reference_quote_ids: tuple[str, ...]
    reference_text: str
    reference_article: str | None  # None when the reference is a --source document
    members: tuple[Member, ...]  # the reference first, then by publication date, then article id
    lineage: tuple[LineageEntry, ...] = ()
    # Quotes outside the members that quote part of this quotation: a phrase of one to three words, a repeat of
    # a line the article already rendered, a headline fragment (ids, in article and text order).
    also_quoted: tuple[str, ...] = ()
    # With a primary document as reference: who says the words there (its speaker label, else the speaker most
    # outlets name); the members' speaker shifts are measured against it.
    reference_speaker: str | None = None


@dataclass(frozen=True, slots=True)
class UnmarkedReuse:
    """A quotation's words found in an article without quote marks."""

    group_id: str
    article_id: str
    span: Span
    similarity: float


@dataclass(frozen=True, slots=True)
class Comparison:
    articles: tuple[Article, ...]
    quotes: tuple[Quote, ...]
    groups: tuple[QuoteGroup, ...]
    skipped: tuple[Skipped, ...] = ()
    unmarked: tuple[UnmarkedReuse, ...] = ()
    copies: tuple[tuple[str, ...], ...] = ()  # clusters of article ids that are near-complete copies
    source: Article | None = None  # the primary document, when --source was given
