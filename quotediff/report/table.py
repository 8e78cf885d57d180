"""Terminal tables and Markdown: one table per quotation, one row per outlet's rendering."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tabulate import tabulate, tabulate_formats

from quotediff.compare.shifts import is_shift, shift_count
from quotediff.model import Article, Attribution, AttributionChange, Comparison, Edit, Member, Quote, QuoteGroup

_ANSI = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35"}
_SEVERITY_COLOUR = {"cosmetic": "dim", "editorial": "blue", "substantive": "red", "scope": "yellow"}
_SHORT_KIND = {
    "substitution": "subst",
    "insertion": "ins",
    "omission": "omit",
    "punctuation": "punct",
    "quote_marks": "marks",
    "typography": "typo",
    "abbreviation": "abbr",
    "truncation": "fragment",
    "extension": "extended",
    "bracketed": "[ ]",
}


# tabulate's styles, less the two that pass cell text through unescaped (article text must never become markup).
TABLE_FORMATS = tuple(f for f in tabulate_formats if f not in ("unsafehtml", "latex_raw"))


@dataclass(frozen=True, slots=True)
class TableOptions:
    tablefmt: str = "simple"
    color: bool = False
    width: int = 120  # the terminal's width: long cells wrap to fit
    markdown: bool = False  # headings and tables for a Markdown document instead of a terminal


# Control characters from an article must not reach the terminal: an escape sequence in a quote could retitle the
# window, move the cursor or hide text, and bidi overrides reorder what is shown. They are printed as \x.. codes;
# only the colour codes this module writes itself (and only with colour on) pass.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_OURS = re.compile(
    r"\x1b(?!\[(?:0|1|2|3[1-5])m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str, *, keep_colour: bool = False) -> str:
    pattern = _UNSAFE_BUT_OURS if keep_colour else _UNSAFE
    return pattern.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def _style(text: str, style: str, options: TableOptions) -> str:
    if not options.color or not text:
        return text
    return f"\x1b[{_ANSI[style]}m{text}\x1b[0m"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def summarise_edits(edits: Sequence[Edit], limit: int = 4) -> str:
    """The changes in short: "subst: will→would; case: Prime→prime; +2 more"."""
    shown = [e for e in edits if e.kind != "quote_marks"]
    if edits and not shown:
        return "quote marks"  # a change, so never "none" beside "cosmetic changes only"
    parts = []
    for edit in shown[:limit]:
        kind = _SHORT_KIND.get(edit.kind, edit.kind)
        if edit.kind == "truncation":
            parts.append(f"{kind} (−{_clip(edit.reference, 24)})" if edit.reference else kind)
        elif edit.reference and edit.variant:
            parts.append(f"{kind}: {_clip(edit.reference, 18)}→{_clip(edit.variant, 18)}")
        elif edit.variant:
            parts.append(f"{kind}: +{_clip(edit.variant, 24)}")
        else:
            parts.append(f"{kind}: −{_clip(edit.reference, 24)}")
        if edit.critical:
            parts[-1] += " (!)"
    if len(shown) > limit:
        parts.append(f"+{len(shown) - limit} more")
    return "; ".join(parts) if parts else "none"


def _speaker(attribution: Attribution) -> str:
    mention = attribution.speaker.text if attribution.speaker else None
    resolved = attribution.speaker_resolved
    if mention and resolved and resolved.casefold() not in mention.casefold():
        return f"{mention} (= {resolved})"  # not "Environment Minister Helena Marsh (= Helena Marsh)"
    return mention or resolved or "—"


def _outlet_cell(member: Member, article: Article) -> str:
    cell = article.outlet
    if member.is_reference:
        cell += " *"
    if member.copy_of:
        cell += f" (copy of {member.copy_of})"
    return cell


def _worst(member: Member) -> str | None:
    order = ["cosmetic", "scope", "editorial", "substantive"]
    return max((e.severity for e in member.diff.edits), key=order.index, default=None)


def describe_shift(change: AttributionChange) -> str:
    """ "speaker anonymised: Donald Lu → a U.S. diplomat", "hedges dropped: reportedly"."""
    if change.reference and change.variant:
        detail = f"{change.reference} → {change.variant}"
    else:
        detail = change.reference or change.variant or ""
    return f"{change.field} {change.kind}: {detail}" if detail else f"{change.field} {change.kind}"


def _wording_row(member: Member, article: Article, options: TableOptions) -> list[str]:
    changes = summarise_edits(member.diff.edits)
    worst = _worst(member)
    if worst:
        changes = _style(changes, _SEVERITY_COLOUR[worst], options)
    verdict = member.diff.verdict
    if any(e.critical for e in member.diff.edits):
        verdict = _style(verdict, "red", options)
    return [
        _outlet_cell(member, article),
        article.published or "—",
        f"{member.diff.similarity:.2f}",
        f"{member.diff.fidelity:.2f}",
        verdict,
        changes,
    ]


def _attribution_row(member: Member, article: Article, options: TableOptions) -> list[str]:
    a = member.attribution
    # Info-level changes (name forms...) are no shifts: they stay in the JSON and HTML reports as notes.
    shown = [c for c in member.attribution_changes if is_shift(c)]
    shifts = "; ".join(describe_shift(c) for c in shown)
    if any(c.severity == "critical" for c in shown):
        shifts = _style(shifts, "red", options)
    return [
        article.outlet,
        _speaker(a),
        a.verb.text if a.verb else "—",
        ", ".join(h.text for h in a.hedges) or "—",
        "; ".join(s.text for s in a.sources) or "—",
        shifts or "—",
    ]


_WORDING_HEADERS = ["outlet", "date", "similarity", "fidelity", "verdict", "wording changes"]
_ATTRIBUTION_HEADERS = ["outlet", "speaker", "verb", "hedges", "source", "attribution shifts"]


def _colwidths(headers: Sequence[str], width: int) -> list[int | None]:
    # Leave short columns alone and share what is left of the terminal between the wordy ones; the quote itself
    # gets a double share.
    wordy = {
        "wording changes": 1,
        "speaker": 1,
        "source": 1,
        "attribution shifts": 1,
        "quote": 2,
        "hedges": 1,
        "verdict": 1,
        "sources": 1,
    }
    fixed = sum(min(12, len(h) + 2) for h in headers if h not in wordy) + 2 * len(headers)
    shares = sum(wordy.get(h, 0) for h in headers)
    share = max(10, (width - fixed) // max(1, shares))
    return [share * wordy[h] if h in wordy else None for h in headers]


def _table(rows: list[list[str]], headers: list[str], options: TableOptions) -> str:
    if options.markdown:
        return tabulate(
            [[_md_escape(c) for c in row] for row in rows], headers=headers, tablefmt="github", disable_numparse=True
        )
    return tabulate(
        rows,
        headers=headers,
        tablefmt=options.tablefmt,
        maxcolwidths=_colwidths(headers, options.width) if options.tablefmt != "tsv" else None,
        disable_numparse=True,
    )


def render_group(
    group: QuoteGroup, articles: dict[str, Article], options: TableOptions, quotes: dict[str, Quote] | None = None
) -> str:
    reference = next((m for m in group.members if m.is_reference), None)
    if reference is not None:
        ref_article = articles[reference.article_id]
        where = f"{ref_article.outlet}, {ref_article.published or 'undated'} ({ref_article.id})"
    else:
        where = "the primary source document"
        if group.reference_speaker:
            where += f", spoken by {group.reference_speaker}"
    quote = _clip(group.reference_text, max(40, options.width - 12))
    lines = []
    if options.markdown:
        lines.append(f"### {group.id}: “{_md_escape(quote)}”\n")
        lines.append(f"Reference: {_md_escape(where)}. {len(group.members)} renderings.\n")
    else:
        lines.append(_style(f"[{group.id}] “{quote}”", "bold", options))
        lines.append(f"reference: {where} — {len(group.members)} renderings")
    lines.append(
        _table([_wording_row(m, articles[m.article_id], options) for m in group.members], _WORDING_HEADERS, options)
    )
    lines.append("")
    lines.append(
        _table(
            [_attribution_row(m, articles[m.article_id], options) for m in group.members], _ATTRIBUTION_HEADERS, options
        )
    )
    carried = [e for e in group.lineage if e.followers]
    if carried:
        lines.append("")
        lines.append("lineage (change first printed by → later outlets with the same change):")
        if options.markdown:
            lines.append("")  # a list of its own, not one run-on paragraph
        bullet = "- " if options.markdown else "  "
        for e in carried:
            change = f"{e.edit_kind}: {_clip(e.reference, 30) or '∅'} → {_clip(e.variant, 30) or '∅'}"
            line = f"{bullet}{change}: {e.first_article} → {', '.join(e.followers)}"
            if e.independent:
                line += f" (also in {', '.join(e.independent)}, with no sign of copying)"
            lines.append(_md_escape(line) if options.markdown else line)
    also = also_quoted_lines(group, quotes or {}, articles)
    if also:
        lines.append("")
        lines.append("also quoted in part (phrases and repeats, not compared):")
        if options.markdown:
            lines.append("")
        lines.extend(f"- {_md_escape(line)}" if options.markdown else f"  {line}" for line in also)
    return "\n".join(lines)


def also_quoted_lines(group: QuoteGroup, quotes: dict[str, Quote], articles: dict[str, Article]) -> list[str]:
    """One line per phrase: “contained” — metro-wire (Governor Ilse Maren); plains-observer (Maren)."""
    by_text: dict[str, list[str]] = {}
    for quote_id in group.also_quoted:
        quote = quotes.get(quote_id)
        if quote is None:
            continue
        article = articles.get(quote.article_id)
        speaker = quote.attribution.speaker.text if quote.attribution.speaker else None
        where = (article.outlet if article else quote.article_id) + (f" ({speaker})" if speaker else "")
        key = " ".join(quote.text.split()).strip(" ,.;:")
        by_text.setdefault(key, []).append(where)
    return [f"“{_clip(text, 60)}” — {'; '.join(dict.fromkeys(where))}" for text, where in by_text.items()]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def summary_line(comparison: Comparison) -> str:
    counts = Counter(m.diff.verdict for g in comparison.groups for m in g.members if not m.is_reference)
    shifts = sum(shift_count(m.attribution_changes) for g in comparison.groups for m in g.members)
    parts = [
        _count(len(comparison.articles), "article"),
        _count(len(comparison.quotes), "quote"),
        _count(len(comparison.groups), "quotation") + " found in more than one place",
    ]
    if counts:
        # A verdict with a comma in it is quoted, so "1 fragment, altered" does not read as two counts.
        parts.append(
            ", ".join(
                f"{n} “{v}”" if "," in v else f"{n} {v}"
                for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            )
        )
    parts.append(_count(shifts, "attribution shift"))
    return "; ".join(parts)


def render_table(comparison: Comparison, options: TableOptions | None = None) -> str:
    options = options or TableOptions()
    articles = {a.id: a for a in comparison.articles}
    quotes = {q.id: q for q in comparison.quotes}
    out = []
    if options.markdown:
        out.append("# quotediff report\n")
    out.append(summary_line(comparison) + ".")
    if comparison.source is not None:
        out.append(f"Reference wording: the primary document {comparison.source.path}.")
    if not comparison.groups:
        out.append("No quotation was found in more than one article." if comparison.quotes else "No quotes found.")
    for group in comparison.groups:
        out.append("")
        out.append(render_group(group, articles, options, quotes))
    if comparison.copies:
        out.append("")
        out.append(
            "Copies (near-identical articles, counted once): " + "; ".join(" = ".join(c) for c in comparison.copies)
        )
    foreign = foreign_articles(comparison)
    if foreign:
        out.append("")
        line = (
            "In another language (its quotes are matched only with the same language's wording; a translation of a "
            "quotation is not recognised as a rendering of it): " + ", ".join(foreign)
        )
        out.append(_md_escape(line) if options.markdown else line)
    if comparison.unmarked:
        out.append("")
        out.append("Quoted words printed without quote marks:")
        if options.markdown:
            out.append("")
        bullet = "- " if options.markdown else "  "
        for u in comparison.unmarked:
            line = f"{bullet}{u.group_id} in {u.article_id} at {u.span.start}: “{_clip(u.span.text, 70)}”"
            out.append(_md_escape(line) if options.markdown else line)
    if comparison.skipped:
        out.append("")
        out.append("Skipped inputs:")
        for s in comparison.skipped:
            out.append(f"  {s.path}: {s.reason}")
    return printable("\n".join(out) + "\n", keep_colour=options.color)


_QUOTE_HEADERS = ["#", "kind", "quote", "speaker", "speaker kind", "verb", "hedges", "addressee", "sources"]


def quote_row(quote: Quote, width: int) -> list[str]:
    a = quote.attribution
    return [
        quote.id.rsplit(":q", 1)[-1],
        quote.kind,
        _clip(quote.text, max(60, width // 2)),
        _speaker(a) if quote.kind == "statement" else "—",
        a.speaker_kind,
        a.verb.text if a.verb else "—",
        ", ".join(h.text for h in a.hedges) or "—",
        a.addressee.text if a.addressee else "—",
        "; ".join(s.text for s in a.sources) or "—",
    ]


def render_quotes(comparison: Comparison, options: TableOptions | None = None) -> str:
    """Every quote of every article, with its attribution: what ``quotediff quotes`` prints."""
    options = options or TableOptions()
    out = []
    for article in comparison.articles:
        quotes = [q for q in comparison.quotes if q.article_id == article.id]
        heading = f"{article.outlet} — {article.title or article.path} ({article.published or 'undated'})"
        if options.markdown:
            out.append(f"## {_md_escape(heading)}\n")
        else:
            out.append(_style(heading, "bold", options))
        if not quotes:
            out.append("No quotes found.")
        else:
            out.append(_table([quote_row(q, options.width) for q in quotes], _QUOTE_HEADERS, options))
        out.append("")
    for s in comparison.skipped:
        out.append(f"skipped {s.path}: {s.reason}")
    return printable("\n".join(out).rstrip("\n") + "\n", keep_colour=options.color)


def foreign_articles(comparison: Comparison) -> list[str]:
    """ "Corriere (it)" for each article whose language is known and is not the one most articles are in."""
    languages = Counter(a.language for a in comparison.articles if a.language)
    if not languages:
        return []
    main = languages.most_common(1)[0][0]
    return [f"{a.outlet} ({a.language})" for a in comparison.articles if a.language and a.language != main]
