"""View data for the HTML report: a ``Comparison`` turned into plain strings and numbers, ready to render."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from quotediff import __version__
from quotediff.compare.normalize import tokenize
from quotediff.compare.shifts import is_shift, shift_count
from quotediff.model import (
    EDIT_SEVERITY,
    SEVERITIES,
    Article,
    Attribution,
    AttributionChange,
    Comparison,
    Edit,
    Member,
    Quote,
    QuoteGroup,
)
from quotediff.report.html_data import (
    ArticleQuotes,
    ArticleView,
    AttributionCell,
    Count,
    EditView,
    GroupView,
    HtmlOptions,
    LineageView,
    MatrixCell,
    MatrixRow,
    MemberView,
    QuoteRow,
    ReportView,
    TimelineEntry,
    UnmarkedView,
)
from quotediff.report.html_marks import mark_segments, piece_breaks, with_breaks
from quotediff.report.table import also_quoted_lines

# --- labels -------------------------------------------------------------------------------------------------

SEVERITY_SYMBOL = {"verbatim": "=", "cosmetic": "~", "editorial": "[…]", "substantive": "≠", "scope": "⊂"}
SEVERITY_EXPLAINED = {
    "cosmetic": "case, punctuation, quote marks, spelling, typography: the words are the same",
    "editorial": "a marked edit: ellipsis, [bracketed] words, (sic)",
    "substantive": "words substituted, inserted, omitted or reordered without a marker",
    "scope": "the rendering covers only part of the reference, or runs beyond it",
}
ATTRIBUTION_FIELDS = (
    ("speaker", "Speaker"),
    ("speaker_kind", "Speaker kind"),
    ("verb", "Verb"),
    ("hedges", "Hedges"),
    ("addressee", "Addressee"),
    ("sources", "Sources"),
)
_CHANGE_WORDS = {
    ("speaker", "anonymised"): "speaker anonymised",
    ("speaker", "named"): "speaker named",
    ("speaker", "misattributed"): "MISATTRIBUTED to a different speaker",
    ("speaker", "name_form"): "name form only",
    ("speaker", "changed"): "speaker changed",
    ("verb", "added"): "verb added",
    ("verb", "dropped"): "verb dropped",
    ("verb", "loaded"): "verb made loaded",
    ("verb", "neutralised"): "verb neutralised",
    ("verb", "changed"): "verb changed",
    ("hedges", "added"): "hedge added",
    ("hedges", "dropped"): "hedge dropped: now asserted as fact",
    ("hedges", "replaced"): "hedge replaced",
    ("sources", "added"): "source added",
    ("sources", "dropped"): "source dropped",
    ("sources", "replaced"): "source replaced",
    ("addressee", "added"): "addressee added",
    ("addressee", "dropped"): "addressee dropped",
    ("addressee", "changed"): "addressee changed",
}
_SHORT_WORDS = 7


def _kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def _quoted(text: str) -> str:
    return f"“{text}”"


def edit_label(edit: Edit) -> str:
    """One line saying what an edit did, for the tooltip, the change list and screen readers."""
    kind = _kind_label(edit.kind)
    critical = " (critical)" if edit.critical else ""
    if edit.kind == "truncation":
        body = f"{_quoted(edit.reference)} not quoted" if edit.reference else "goes beyond the reference"
    elif edit.reference and edit.variant:
        body = f"{_quoted(edit.reference)} → {_quoted(edit.variant)}"
    elif edit.reference:
        body = f"{_quoted(edit.reference)} left out"
    else:
        body = f"{_quoted(edit.variant)} added"
    return f"{kind}: {body}{critical}"


def change_description(change: AttributionChange) -> str:
    """Describe an attribution change the way an editor would say it ("hedge dropped", "misattributed")."""
    words = _CHANGE_WORDS.get((change.field, change.kind), f"{change.field} {_kind_label(change.kind)}")
    if (change.field, change.kind) == ("hedges", "dropped") and change.severity != "critical":
        words = "hedge dropped (a cited source still stands)"
    if change.reference and change.variant:
        return f"{words}: {_quoted(change.reference)} → {_quoted(change.variant)}"
    # Added or dropped: name what was added or dropped ("hedge added: “reportedly”"), never "“none” →".
    present = change.reference or change.variant
    return f"{words}: {_quoted(present)}" if present else words


def _flag(change: AttributionChange) -> str:
    """The short warning on a rendering's badge for a critical shift: "misattributed", "hedge dropped"."""
    if change.field == "speaker":
        return "speaker misattributed" if change.kind == "misattributed" else f"speaker {_kind_label(change.kind)}"
    return f"{change.field.rstrip('s')} {_kind_label(change.kind)}"


def safe_href(url: str | None) -> str | None:
    """Return the URL only if it is a plain http(s) address; anything else (javascript:, data:) stays text."""
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _fidelity_band(percent: int, verbatim: bool, worst: str) -> str:
    """The colour band of a rendering, from the percentage shown (so colour and number never disagree).

    Bands chosen so that cosmetic-only renderings (95%+) read as faithful; a rendering with an unmarked
    substantive change is never shown in a faithful colour, however high its score.
    """
    if verbatim:
        return "exact"
    if percent >= 90 and worst != "substantive":
        return "high"
    if percent >= 70:
        return "medium"
    return "low"


def _worst_severity(edits: Iterable[Edit]) -> str:
    found = {edit.severity for edit in edits}
    for severity in ("substantive", "scope", "editorial", "cosmetic"):
        if severity in found:
            return severity
    return "verbatim"


def _first_words(text: str, count: int = _SHORT_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


# --- inline marking ---------------------------------------------------------------------------------------


def _edit_view(edit: Edit, anchor: str) -> EditView:
    show_reference = bool(edit.reference) and edit.severity == "substantive"
    marker = ""
    if not edit.variant:
        if edit.kind == "truncation":
            count = len(edit.reference.split())
            marker = f"⋯ {count} word{'s' if count != 1 else ''} not quoted"
        elif not show_reference:
            marker = "◦"  # something to hover and focus where only punctuation or a mark went away
    return EditView(
        anchor=anchor,
        kind=edit.kind,
        severity=edit.severity,
        critical=edit.critical,
        reference=edit.reference,
        variant=edit.variant,
        label=edit_label(edit),
        show_reference=show_reference,
        tag="ins" if edit.severity in ("substantive", "scope") else "mark",
        marker=marker,
    )


# --- building the view --------------------------------------------------------------------------------------


def _article_view(article: Article, anchor: str, copy_of: str) -> ArticleView:
    href = safe_href(article.url)
    return ArticleView(
        anchor=anchor,
        id=article.id,
        outlet=article.outlet,
        title=article.title or "",
        published=article.published or "",
        href=href,
        url_text="" if href else (article.url or ""),
        path=article.path,
        copy_of=copy_of,
    )


def _unknown_article(article_id: str) -> ArticleView:
    """A member whose article is not in the comparison still shows (under its id) rather than vanish."""
    return ArticleView("", article_id, article_id, "", "", None, "", "", "")


def _attribution_cells(attribution: Attribution, changes: Sequence[AttributionChange]) -> tuple[AttributionCell, ...]:
    speaker = attribution.speaker.text if attribution.speaker else ""
    resolved = attribution.speaker_resolved
    if resolved and resolved.casefold() not in speaker.casefold():
        speaker = f"{speaker} ({resolved})" if speaker else resolved
    verb = attribution.verb.text if attribution.verb else ""
    if verb and attribution.verb_tone == "loaded":
        verb += " (loaded)"
    values = {
        "speaker": speaker,
        "speaker_kind": attribution.speaker_kind,
        "verb": verb,
        "hedges": "; ".join(span.text for span in attribution.hedges),
        "addressee": attribution.addressee.text if attribution.addressee else "",
        "sources": "; ".join(span.text for span in attribution.sources),
    }
    cells = []
    for name, label in ATTRIBUTION_FIELDS:
        # A change of speaker also changes what kind of speaker it is; mark both cells.
        related = [
            c
            for c in changes
            if c.field == name
            or (name == "speaker_kind" and c.field == "speaker" and c.kind in ("anonymised", "named"))
        ]
        notes = tuple((change_description(c), c.severity) for c in related if c.field == name)
        significant = any(c.kind != "name_form" for c in related)  # a note in the cell, shift or not
        cells.append(AttributionCell(name, label, values[name], significant, notes))
    return tuple(cells)


def _member_view(member: Member, article: ArticleView, anchor: str, quotes: dict[str, Quote]) -> MemberView:
    diff = member.diff
    views = [_edit_view(edit, f"{anchor}-e{index}") for index, edit in enumerate(diff.edits, 1)]
    segments = mark_segments(member.text, tokenize(member.text), list(zip(diff.edits, views, strict=True)))
    segments = with_breaks(segments, piece_breaks(member, quotes))
    worst = _worst_severity(diff.edits)
    percent = round(diff.fidelity * 100)
    non_cosmetic = any(edit.severity != "cosmetic" for edit in diff.edits)
    wording = "verbatim" if not diff.edits else ("changed" if non_cosmetic else "cosmetic")
    significant_attribution = [c for c in member.attribution_changes if is_shift(c)]
    return MemberView(
        anchor=anchor,
        article=article,
        is_reference=member.is_reference,
        verdict="reference" if member.is_reference else diff.verdict,
        fidelity=f"{percent}%",
        fidelity_band=_fidelity_band(percent, not diff.edits, worst),
        symbol=SEVERITY_SYMBOL[worst],
        wording=wording,
        altered=non_cosmetic or bool(significant_attribution),
        segments=segments,
        edits=tuple(views),
        attribution=_attribution_cells(member.attribution, member.attribution_changes),
        attribution_notes=tuple((change_description(c), c.severity) for c in member.attribution_changes),
        attribution_shifts=shift_count(member.attribution_changes),
        attribution_flag=next((_flag(c) for c in member.attribution_changes if c.severity == "critical"), ""),
    )


def _group_view(
    group: QuoteGroup,
    number: int,
    articles: dict[str, ArticleView],
    source: ArticleView | None,
    comparison: Comparison,
) -> GroupView:
    anchor = f"q{number}"
    quotes = {q.id: q for q in comparison.quotes}
    members = tuple(
        _member_view(
            member,
            articles.get(member.article_id) or _unknown_article(member.article_id),
            f"{anchor}-m{index}",
            quotes,
        )
        for index, member in enumerate(group.members, 1)
    )
    undated = "9999"
    timeline = tuple(
        TimelineEntry(
            published=m.article.published,
            outlet=m.article.outlet,
            anchor=m.anchor,
            verdict=m.verdict,
            symbol=m.symbol,
            is_reference=m.is_reference,
            changes=len(m.edits),
            attribution_changes=m.attribution_shifts,
        )
        for m in sorted(members, key=lambda m: (m.article.published or undated, m.article.anchor))
    )

    def outlet(article_id: str) -> str:
        view = articles.get(article_id)
        return view.outlet if view else article_id

    lineage = tuple(
        LineageView(
            change=f"{_kind_label(entry.edit_kind)}: {_quoted(entry.reference)} → {_quoted(entry.variant)}",
            severity=EDIT_SEVERITY.get(entry.edit_kind, "substantive"),
            first=outlet(entry.first_article),
            first_date=articles[entry.first_article].published if entry.first_article in articles else "",
            followers=tuple(outlet(f) for f in entry.followers),
            independent=tuple(outlet(f) for f in entry.independent),
        )
        for entry in group.lineage
    )
    unmarked = tuple(
        UnmarkedView(outlet(u.article_id), u.span.text, f"{round(u.similarity * 100)}%")
        for u in comparison.unmarked
        if u.group_id == group.id
    )
    reference_source = articles.get(group.reference_article) if group.reference_article else source
    return GroupView(
        anchor=anchor,
        number=number,
        id=group.id,
        short=_first_words(group.reference_text),
        reference_text=group.reference_text,
        reference_source=reference_source,
        reference_is_document=group.reference_article is None,
        reference_speaker=group.reference_speaker or "",
        members=members,
        timeline=timeline,
        lineage=lineage,
        unmarked=unmarked,
        altered=sum(1 for m in members if m.altered and not m.is_reference),
        also_quoted=tuple(
            also_quoted_lines(group, {q.id: q for q in comparison.quotes}, {a.id: a for a in comparison.articles})
        ),
    )


def build_view(comparison: Comparison, options: HtmlOptions | None = None) -> ReportView:
    """Turn a comparison into the strings and numbers the template shows, in a stable order."""
    options = options or HtmlOptions()
    copy_of: dict[str, str] = {}
    for group in comparison.groups:
        for member in group.members:
            if member.copy_of:
                copy_of.setdefault(member.article_id, member.copy_of)
    outlets = {a.id: a.outlet for a in comparison.articles}
    articles = {
        a.id: _article_view(a, f"a{index}", outlets.get(copy_of.get(a.id, ""), copy_of.get(a.id, "")))
        for index, a in enumerate(comparison.articles, 1)
    }
    source = _article_view(comparison.source, "source", "") if comparison.source else None
    groups = tuple(
        _group_view(group, number, articles, source, comparison) for number, group in enumerate(comparison.groups, 1)
    )
    matrix = _matrix(tuple(articles.values()), groups)
    counts = _counts(comparison, groups)
    title = options.title or (
        f"quotediff: {len(groups)} quotation{'s' if len(groups) != 1 else ''} across "
        f"{len(comparison.articles)} article{'s' if len(comparison.articles) != 1 else ''}"
    )
    legend = tuple((sev, _kind_label(sev), SEVERITY_EXPLAINED[sev]) for sev in SEVERITIES)
    return ReportView(
        title=title,
        timestamp=options.timestamp or "",
        version=__version__,
        articles=tuple(articles.values()),
        source=source,
        skipped=tuple((s.path, s.reason) for s in comparison.skipped),
        counts=counts,
        copies=tuple(tuple(outlets.get(i, i) for i in cluster) for cluster in comparison.copies),
        groups=groups,
        matrix=matrix,
        legend=legend,
        quote_count=len(comparison.quotes),
        all_quotes=_all_quotes(comparison, articles),
        quotes_open=options.quotes_open,
    )


def _quote_row(quote: Quote) -> QuoteRow:
    a = quote.attribution
    speaker = a.speaker.text if a.speaker else ""
    if a.speaker_resolved and a.speaker_resolved.casefold() not in speaker.casefold():
        speaker = f"{speaker} (= {a.speaker_resolved})" if speaker else a.speaker_resolved
    return QuoteRow(
        id=quote.id,
        kind=quote.kind,
        text=quote.text,
        speaker=speaker,
        speaker_kind=a.speaker_kind,
        verb=a.verb.text if a.verb else "",
        hedges=", ".join(h.text for h in a.hedges),
        addressee=a.addressee.text if a.addressee else "",
        sources="; ".join(s.text for s in a.sources),
    )


def _all_quotes(comparison: Comparison, articles: dict[str, ArticleView]) -> tuple[ArticleQuotes, ...]:
    by_article: dict[str, list[QuoteRow]] = {a.id: [] for a in comparison.articles}
    for quote in comparison.quotes:
        by_article.setdefault(quote.article_id, []).append(_quote_row(quote))
    return tuple(
        ArticleQuotes(articles[article_id], tuple(rows))
        for article_id, rows in by_article.items()
        if article_id in articles
    )


def _matrix(articles: Sequence[ArticleView], groups: Sequence[GroupView]) -> tuple[MatrixRow, ...]:
    rows = []
    for article in articles:
        cells = []
        for group in groups:
            member = next((m for m in group.members if m.article.anchor == article.anchor), None)
            if member is None:
                cells.append(MatrixCell("", "—", "none", "", "not quoted"))
            elif member.is_reference:
                cells.append(MatrixCell(member.anchor, "ref", "reference", "◆", "reference"))
            else:
                cells.append(
                    MatrixCell(member.anchor, member.fidelity, member.fidelity_band, member.symbol, member.verdict)
                )
        if any(cell.href for cell in cells):
            rows.append(MatrixRow(article, tuple(cells)))
    return tuple(rows)


def _counts(comparison: Comparison, groups: Sequence[GroupView]) -> tuple[Count, ...]:
    members = [m for g in comparison.groups for m in g.members if not m.is_reference]
    edits = [e for m in members for e in m.diff.edits]
    changes = [c for m in members for c in m.attribution_changes if is_shift(c)]

    def of(severity: str) -> int:
        return sum(1 for e in edits if e.severity == severity)

    critical_edits = sum(1 for e in edits if e.critical)
    critical_changes = sum(1 for c in changes if c.severity == "critical")
    return (
        Count("quotations", len(groups), "groups"),
        Count("renderings compared", len(members), "renderings"),
        Count("verbatim renderings", sum(1 for m in members if not m.diff.edits), "verbatim"),
        Count("cosmetic changes", of("cosmetic"), "cosmetic"),
        Count("marked editorial changes", of("editorial"), "editorial"),
        Count(
            "substantive changes",
            of("substantive"),
            "substantive",
            f"{critical_edits} critical" if critical_edits else "",
        ),
        Count("scope changes", of("scope"), "scope"),
        Count(
            "attribution shifts",
            len(changes),
            "attribution",
            f"{critical_changes} critical" if critical_changes else "",
        ),
        Count("uses without quote marks", len(comparison.unmarked), "unmarked"),
    )
