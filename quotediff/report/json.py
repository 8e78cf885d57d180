"""JSON for machines. ``meta.format`` changes only when a field is removed or changes meaning."""

from __future__ import annotations

import json
from typing import Any

from quotediff import __version__
from quotediff.compare.shifts import is_shift, shift_count
from quotediff.model import Article, Attribution, Comparison, Edit, Member, Quote, QuoteGroup, Span

FORMAT_VERSION = 1


def render_json(comparison: Comparison, *, include_groups: bool = True) -> str:
    return json.dumps(comparison_data(comparison, include_groups=include_groups), ensure_ascii=False, indent=2) + "\n"


def comparison_data(comparison: Comparison, *, include_groups: bool = True) -> dict[str, Any]:
    groups = comparison.groups if include_groups else ()
    data: dict[str, Any] = {
        "meta": {"format": FORMAT_VERSION, "tool": "quotediff", "version": __version__},
        "articles": [article_data(a) for a in comparison.articles],
        "quotes": [quote_data(q) for q in comparison.quotes],
        "groups": [group_data(g) for g in groups],
        "summary": {
            "attribution_shifts": sum(shift_count(m.attribution_changes) for g in groups for m in g.members),
        },
        "skipped": [{"path": s.path, "reason": s.reason} for s in comparison.skipped],
    }
    if include_groups:
        data["copies"] = [list(c) for c in comparison.copies]
        data["unmarked"] = [
            {
                "group": u.group_id,
                "article": u.article_id,
                "text": u.span.text,
                "start": u.span.start,
                "end": u.span.end,
                "similarity": u.similarity,
            }
            for u in comparison.unmarked
        ]
        if comparison.source is not None:
            data["source"] = article_data(comparison.source)
    return data


def article_data(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "format": article.format,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "encoding": article.encoding,
        "language": article.language,
    }


def _span_text(span: Span | None) -> str | None:
    return span.text if span is not None else None


def attribution_data(attribution: Attribution) -> dict[str, Any]:
    speaker, verb, addressee = attribution.speaker, attribution.verb, attribution.addressee
    return {
        "speaker": _span_text(speaker),
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_resolved": attribution.speaker_resolved,
        "speaker_kind": attribution.speaker_kind,
        "verb": _span_text(verb),
        "verb_start": verb.start if verb else None,
        "verb_end": verb.end if verb else None,
        "verb_lemma": attribution.verb_lemma,
        "verb_tone": attribution.verb_tone,
        "hedges": [h.text for h in attribution.hedges],
        "hedge_spans": [[h.start, h.end] for h in attribution.hedges],
        "addressee": _span_text(addressee),
        "addressee_start": addressee.start if addressee else None,
        "addressee_end": addressee.end if addressee else None,
        "sources": [s.text for s in attribution.sources],
        "source_spans": [[s.start, s.end] for s in attribution.sources],
    }


def quote_data(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "article": quote.article_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "marks": quote.marks,
        "unclosed": quote.unclosed,
        "kind": quote.kind,
        "utterance": quote.utterance,
        "inside": quote.inside,
        **attribution_data(quote.attribution),
    }


def edit_data(edit: Edit) -> dict[str, Any]:
    return {
        "kind": edit.kind,
        "severity": edit.severity,
        "critical": edit.critical,
        "reference": edit.reference,
        "variant": edit.variant,
        "reference_tokens": [edit.ref_start, edit.ref_end],
        "variant_tokens": [edit.var_start, edit.var_end],
    }


def member_data(member: Member) -> dict[str, Any]:
    return {
        "quote": member.quote_ids[0],
        "quotes": list(member.quote_ids),
        "article": member.article_id,
        "text": member.text,
        "is_reference": member.is_reference,
        "similarity": round(member.diff.similarity, 4),
        "fidelity": round(member.diff.fidelity, 4),
        "verdict": member.diff.verdict,
        "copy_of": member.copy_of,
        "edits": [edit_data(e) for e in member.diff.edits],
        "attribution_shifts": shift_count(member.attribution_changes),
        "attribution_changes": [
            {
                "field": c.field,
                "kind": c.kind,
                "severity": c.severity,
                "shift": is_shift(c),
                "reference": c.reference,
                "variant": c.variant,
            }
            for c in member.attribution_changes
        ],
    }


def group_data(group: QuoteGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "reference": group.reference_quote_ids[0] if group.reference_quote_ids else None,
        "reference_quotes": list(group.reference_quote_ids),
        "reference_article": group.reference_article,
        "reference_text": group.reference_text,
        "reference_speaker": group.reference_speaker,
        "members": [member_data(m) for m in group.members],
        "lineage": [
            {
                "kind": e.edit_kind,
                "reference": e.reference,
                "variant": e.variant,
                "first": e.first_article,
                "followers": list(e.followers),
                "independent": list(e.independent),
            }
            for e in group.lineage
        ],
        "also_quoted": list(group.also_quoted),
    }
