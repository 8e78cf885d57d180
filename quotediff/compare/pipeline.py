"""The whole pipeline: articles in, a Comparison out (quotes, groups with diffs, shifts, lineage, copies)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO

from quotediff.compare.diff import clear_critical, diff_tokens
from quotediff.compare.match import (
    MatchOptions,
    Rendering,
    group_renderings,
    locate_words,
    matching_words,
    renderings_of,
)
from quotediff.compare.normalize import tokenize
from quotediff.compare.phrases import attach_phrases, find_phrase_quotations, find_refrains
from quotediff.compare.reference import first_agreed
from quotediff.compare.renderings import rendering_of
from quotediff.compare.reuse import date_key, find_copies, find_unmarked, lineage
from quotediff.compare.shifts import attribution_changes
from quotediff.compare.source import source_speaker, source_window
from quotediff.errors import OptionError
from quotediff.load import LoadOptions, RecordOptions, load_file, load_paths
from quotediff.model import (
    Article,
    Attribution,
    AttributionChange,
    Comparison,
    Member,
    Quote,
    QuoteGroup,
    TextDiff,
    Token,
)

if TYPE_CHECKING:  # extraction is imported when compare() runs: an index query never needs it
    from quotediff.extract import ExtractOptions

REFERENCE_CHOICES = ("earliest", "longest")


@dataclass(frozen=True, slots=True)
class CompareOptions:
    # "earliest" (published first; ties: the longer rendering), "longest", or an article (id, file name or outlet).
    reference: str = "earliest"
    quote: str | None = None  # track only this quotation (or fragment)
    match: MatchOptions = field(default_factory=MatchOptions)
    extract: ExtractOptions | None = None
    load: LoadOptions = field(default_factory=LoadOptions)
    # Shortest run of a quotation's words, outside quote marks, reported as unmarked reuse.
    unmarked_min_words: int = 8
    # Share of word 5-grams two articles must share to count as copies of one another (syndication, wire copy).
    copy_threshold: float = 0.6


def compare_paths(
    paths: Sequence[str],
    options: CompareOptions | None = None,
    *,
    source: str | None = None,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    records: RecordOptions | None = None,
) -> Comparison:
    """Load the inputs (and the primary ``source`` document, if any) and compare them.

    ``records`` names the fields of record files (JSON Lines, CSV) when they are not ours.
    """
    options = options or CompareOptions()
    loaded = load_paths(paths, options.load, stdin=stdin, progress=progress, records=records)
    primary = load_file(source, options.load) if source else None
    comparison = compare(loaded.articles, options, source=primary)
    return replace(comparison, skipped=loaded.skipped)


def compare(
    articles: Sequence[Article], options: CompareOptions | None = None, *, source: Article | None = None
) -> Comparison:
    options = options or CompareOptions()
    articles = tuple(sorted(articles, key=lambda a: a.id))
    _check_reference(options.reference, articles)
    from quotediff.extract import extract_all

    quotes = extract_all(articles, options.extract)
    match_options = options.match
    if options.quote or source is not None:
        # A single article's rendering is worth showing next to the primary document or the tracked quotation.
        match_options = replace(match_options, min_articles=1)
    renderings = renderings_of(quotes, {a.id: a.text for a in articles}, match_options)
    grouped = group_renderings(renderings, match_options)
    copies = find_copies(articles, options.copy_threshold)
    return assemble(articles, quotes, grouped, copies, options, source=source)


def assemble(
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    grouped: Sequence[Sequence[Rendering]],
    copies: tuple[tuple[str, ...], ...],
    options: CompareOptions,
    *,
    source: Article | None = None,
) -> Comparison:
    """What ``compare`` does once renderings are grouped: references, diffs, shifts, lineage, copies, reuse.

    A corpus index groups renderings once and stores them; it calls this to build the same Comparison.
    """
    articles = tuple(sorted(articles, key=lambda a: a.id))
    by_id = {a.id: a for a in articles}
    quote_by_id = {q.id: q for q in quotes}
    match_options = options.match
    if options.quote or source is not None:
        match_options = replace(match_options, min_articles=1)
    # A refrain quoted alone by several outlets ("I have a dream") is a quotation of its own (phrases.py).
    least = match_options.min_articles
    refrains = find_refrains(grouped, quotes, min_words=match_options.min_words, min_articles=least)
    if refrains:
        grouped = sorted(
            [*grouped, *([rendering_of(q) for q in found] for found in refrains)],
            key=lambda g: min((r.article_id, r.start) for r in g),
        )
    # Phrases several outlets print of a statement none prints whole ("drastic words") are a quotation too.
    copy_of = {aid: cluster[0] for cluster in copies for aid in cluster[1:]}
    attached = attach_phrases(grouped, quotes)
    lifted = find_phrase_quotations(grouped, quotes, attached, min_articles=least, copy_of=copy_of)
    if lifted:
        grouped = sorted(
            [*grouped, *([rendering_of(q) for q in found] for found in lifted)],
            key=lambda g: min((r.article_id, r.start) for r in g),
        )
    if options.quote:
        grouped = [g for g in grouped if _mentions(g, options.quote, match_options)]
    source_tokens = tokenize(source.text) if source is not None else ()
    # the phrases found above hold unless the groups changed since
    phrases = attach_phrases(grouped, quotes) if lifted or options.quote else attached
    # A rendering in several groups quotes several statements together (a passage printed whole): it is a member
    # of each, but no statement's reference while another member renders that statement alone.
    memberships = Counter(r.quote_ids for members in grouped for r in members)
    passages = {ids for ids, count in memberships.items() if count > 1}
    groups: list[QuoteGroup] = []
    for members, also in zip(grouped, phrases, strict=True):
        group = _build_group(
            f"g{len(groups) + 1}", members, by_id, quote_by_id, options, source, source_tokens, copy_of, passages
        )
        if group is not None:
            groups.append(replace(group, also_quoted=also))
    unmarked = find_unmarked(groups, articles, quotes, options.unmarked_min_words)
    return Comparison(
        articles=articles,
        quotes=tuple(quotes),
        groups=tuple(groups),
        unmarked=unmarked,
        copies=copies,
        source=source,
    )


def _check_reference(reference: str, articles: Sequence[Article]) -> None:
    if reference in REFERENCE_CHOICES or _find_article(reference, articles) is not None:
        return
    names = ", ".join(a.id for a in articles[:8])
    raise OptionError(f"--reference {reference!r} is neither earliest, longest nor an input article ({names})")


def _find_article(name: str, articles: Sequence[Article]) -> Article | None:
    wanted = name.casefold()
    for article in articles:
        candidates = {article.id, article.path, PurePath(article.path).name, PurePath(article.path).stem}
        if wanted in {c.casefold() for c in candidates} or wanted == article.outlet.casefold():
            return article
    return None


def _word_count(r: Rendering) -> int:
    return len(r.word_norms)


def _pick_reference(
    members: Sequence[Rendering], by_id: dict[str, Article], reference: str, passages: set[tuple[str, ...]]
) -> Rendering:
    # A passage that quotes several statements together is no statement's reference while another member
    # renders the statement alone.
    alone = [r for r in members if r.quote_ids not in passages]
    candidates = alone if alone and reference in REFERENCE_CHOICES else list(members)
    # Among renderings of one date (or none: many pages carry no date), the wording most outlets print whole,
    # verbatim or inside a longer quote, if it is about as long as the longest, goes before a longer one a single
    # outlet printed ("this man (Putin) cannot remain in power"): the reference should be the wording the
    # outlets agree on.
    full = 0.75 * max(_word_count(r) for r in candidates)
    support = _printed_whole({r.word_norms for r in candidates if _word_count(r) >= full}, members)

    def agreed(r: Rendering) -> int:
        return support.get(r.word_norms, 0)

    def earliest(r: Rendering) -> tuple[str, int, int, str]:
        return date_key(by_id[r.article_id]), -agreed(r), -_word_count(r), r.article_id

    def longest(r: Rendering) -> tuple[int, str, str]:
        return -_word_count(r), date_key(by_id[r.article_id]), r.article_id

    if reference in REFERENCE_CHOICES:
        # the preferred rendering that did not run on into the reporter's narration (reference.py)
        return first_agreed(sorted(candidates, key=longest if reference == "longest" else earliest))
    chosen = _find_article(reference, list(by_id.values()))
    for r in members:
        if chosen is not None and r.article_id == chosen.id:
            return r
    return min(members, key=earliest)


def _printed_whole(wordings: set[tuple[str, ...]], members: Sequence[Rendering]) -> dict[tuple[str, ...], int]:
    """For each wording, how many members print it whole: verbatim, or every word in order inside a longer one.

    Distinct wordings are aligned once each (a line five hundred outlets print verbatim is one wording).
    """
    counts = Counter(r.word_norms for r in members)
    ids: dict[str, int] = {}
    encoded = {w: [ids.setdefault(x, len(ids)) for x in w] for w in set(counts) | wordings}
    found = {}
    for wording in wordings:
        total = counts[wording]
        for other, count in counts.items():
            if len(other) > len(wording):
                located = locate_words(encoded[wording], encoded[other])
                if located is not None and located[0] == len(wording):
                    total += count
        found[wording] = total
    return found


def _attribution_of(rendering: Rendering, quote_by_id: dict[str, Quote]) -> Attribution:
    """The attribution of a rendering: of the first piece that names a speaker, else the first piece."""
    pieces = [quote_by_id[q] for q in rendering.quote_ids]
    for piece in pieces:
        if piece.attribution.speaker is not None:
            return piece.attribution
    return pieces[0].attribution


def _build_group(
    group_id: str,
    members: Sequence[Rendering],
    by_id: dict[str, Article],
    quote_by_id: dict[str, Quote],
    options: CompareOptions,
    source: Article | None,
    source_tokens: Sequence[Token],
    copy_of: dict[str, str],
    passages: set[tuple[str, ...]],
) -> QuoteGroup | None:
    window = source_window(members, source, source_tokens) if source is not None else None
    if source is not None and window is None and len(members) < 2:
        return None
    reference_rendering: Rendering | None = None
    if window is not None and source is not None:
        reference_text = source.text[window[0] : window[1]]
        reference_tokens = tokenize(reference_text)
        # Who says the words there: the document's speaker label, else the speaker most outlets name. A
        # transcript frames nothing else (no verb, hedge or cited source), so only the speaker is compared.
        reference_attribution = source_speaker(source, window, [_attribution_of(r, quote_by_id) for r in members])
        reference_ids: tuple[str, ...] = ()
        reference_article = None
    else:
        reference_rendering = _pick_reference(members, by_id, options.reference, passages)
        reference_text = reference_rendering.text
        reference_tokens = reference_rendering.tokens
        reference_attribution = _attribution_of(reference_rendering, quote_by_id)
        reference_ids = reference_rendering.quote_ids
        reference_article = reference_rendering.article_id
    # A reference the user chose may itself be a paraphrase or a cut: a negation or number it changed is not the
    # other renderings' doing (checked against the other renderings in _diff).
    chosen = reference_rendering is not None and options.reference not in REFERENCE_CHOICES
    others = list(members) if chosen else []
    ordered = sorted(
        members,
        key=lambda r: (r is not reference_rendering, date_key(by_id[r.article_id]), r.article_id),
    )
    built = []
    for r in ordered:
        attribution = _attribution_of(r, quote_by_id)
        is_reference = r is reference_rendering
        built.append(
            Member(
                quote_ids=r.quote_ids,
                article_id=r.article_id,
                text=r.text,
                diff=_diff(reference_tokens, r, [o for o in others if o is not r and o is not reference_rendering]),
                attribution=attribution,
                attribution_changes=()
                if is_reference
                else _shifts(reference_attribution, attribution, speaker_only=reference_rendering is None),
                is_reference=is_reference,
                copy_of=copy_of.get(r.article_id),
            )
        )
    return QuoteGroup(
        id=group_id,
        reference_quote_ids=reference_ids,
        reference_text=reference_text,
        reference_article=reference_article,
        members=tuple(built),
        reference_speaker=reference_attribution.speaker_resolved if reference_rendering is None else None,
        lineage=lineage(built, by_id, quote_by_id),
    )


def _diff(reference: Sequence[Token], rendering: Rendering, others: Sequence[Rendering]) -> TextDiff:
    """The rendering's diff; critical flags cleared when most fuller renderings (as long or longer) agree with it
    on every negation and number: then the chosen reference is the one that changed them."""
    diff = diff_tokens(reference, rendering.tokens)
    fuller = [o for o in others if len(o.word_norms) >= len(rendering.word_norms)]
    if fuller and any(e.critical for e in diff.edits):
        agree = sum(1 for o in fuller if not any(e.critical for e in diff_tokens(o.tokens, rendering.tokens).edits))
        if 2 * agree > len(fuller):
            return clear_critical(reference, rendering.tokens, diff)
    return diff


def _shifts(reference: Attribution, variant: Attribution, *, speaker_only: bool) -> tuple[AttributionChange, ...]:
    changes = attribution_changes(reference, variant)
    return tuple(c for c in changes if c.field == "speaker") if speaker_only else changes


def _mentions(group: Sequence[Rendering], text: str, options: MatchOptions) -> bool:
    query = matching_words(tokenize(text))
    if not query:
        return False
    ids: dict[str, int] = {}
    needle = [ids.setdefault(w, len(ids)) for w in query]
    for r in group:
        hay = [ids.get(w, -1 - k) for k, w in enumerate(r.word_norms)]
        # The query may be a fragment of a rendering or a rendering a fragment of the query.
        for a, b in ((needle, hay), (hay, needle)):
            located = locate_words(a, b)
            needed = options.short_containment if len(a) < options.short_words else options.min_containment
            if located is not None and located[0] >= needed * len(a):
                return True
    return False
