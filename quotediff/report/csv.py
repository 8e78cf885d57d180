"""CSV for spreadsheets: one row per rendering (``compare``) or per quote (``quotes``)."""

from __future__ import annotations

import csv
import io

from quotediff.compare.shifts import is_shift, shift_count
from quotediff.model import AttributionChange, Comparison

_MEMBER_COLUMNS = [
    "group",
    "reference_text",
    "article",
    "outlet",
    "published",
    "url",
    "is_reference",
    "text",
    "similarity",
    "fidelity",
    "verdict",
    "edits",
    "speaker",
    "speaker_resolved",
    "speaker_kind",
    "verb",
    "hedges",
    "addressee",
    "sources",
    "attribution_shifts",
    "attribution_changes",
    "copy_of",
]
_QUOTE_COLUMNS = [
    "id",
    "article",
    "outlet",
    "start",
    "end",
    "kind",
    "text",
    "speaker",
    "speaker_resolved",
    "speaker_kind",
    "verb",
    "verb_lemma",
    "hedges",
    "addressee",
    "sources",
]


def _safe(value: object) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs: article text must stay text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _change(change: AttributionChange) -> str:
    """ "speaker anonymised: Lu→a U.S. diplomat"; info-level changes, which are no shifts, say so."""
    if change.reference and change.variant:
        detail = f"{change.reference}→{change.variant}"
    else:
        detail = change.reference or change.variant or ""  # "addressee dropped: reporters", never "→None"
    text = f"{change.field} {change.kind}: {detail}" if detail else f"{change.field} {change.kind}"
    return text if is_shift(change) else text + " (info)"


def render_csv(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_MEMBER_COLUMNS)
    articles = {a.id: a for a in comparison.articles}
    for group in comparison.groups:
        for m in group.members:
            article, a = articles[m.article_id], m.attribution
            row = [
                group.id,
                group.reference_text,
                m.article_id,
                article.outlet,
                article.published,
                article.url,
                "yes" if m.is_reference else "",
                m.text,
                f"{m.diff.similarity:.3f}",
                f"{m.diff.fidelity:.3f}",
                m.diff.verdict,
                "; ".join(f"{e.kind}:{e.reference}→{e.variant}" for e in m.diff.edits),
                a.speaker.text if a.speaker else None,
                a.speaker_resolved,
                a.speaker_kind,
                a.verb.text if a.verb else None,
                "; ".join(h.text for h in a.hedges),
                a.addressee.text if a.addressee else None,
                "; ".join(s.text for s in a.sources),
                shift_count(m.attribution_changes),
                "; ".join(_change(c) for c in m.attribution_changes),
                m.copy_of,
            ]
            writer.writerow([_safe(v) for v in row])
    return out.getvalue()


def render_quotes_csv(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_QUOTE_COLUMNS)
    outlets = {a.id: a.outlet for a in comparison.articles}
    for q in comparison.quotes:
        a = q.attribution
        row = [
            q.id,
            q.article_id,
            outlets[q.article_id],
            q.start,
            q.end,
            q.kind,
            q.text,
            a.speaker.text if a.speaker else None,
            a.speaker_resolved,
            a.speaker_kind,
            a.verb.text if a.verb else None,
            a.verb_lemma,
            "; ".join(h.text for h in a.hedges),
            a.addressee.text if a.addressee else None,
            "; ".join(s.text for s in a.sources),
        ]
        writer.writerow([_safe(v) for v in row])
    return out.getvalue()
