"""Choosing the report: one call from a format name to the rendered string, and the ``--fail-on`` test."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import replace

from quotediff.compare import is_shift
from quotediff.model import Comparison
from quotediff.report.html_data import HtmlOptions


def use_color(flag: bool | None, output: str) -> bool:
    """Colour when asked; by default only on a terminal and when NO_COLOR is not set."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR") or output != "-":
        return False
    return sys.stdout.isatty()


def terminal_width() -> int:
    return max(80, shutil.get_terminal_size((120, 40)).columns)


def failed(comparison: Comparison, fail_on: str | None) -> bool:
    if fail_on is None:
        return False
    members = [m for g in comparison.groups for m in g.members if not m.is_reference]
    edits = [e for m in members for e in m.diff.edits]
    shifts = [c for m in members for c in m.attribution_changes if is_shift(c)]
    if fail_on == "any":
        return bool(edits or shifts)
    if fail_on == "wording":
        return any(e.severity != "cosmetic" for e in edits)
    if fail_on == "substantive":
        return any(e.severity == "substantive" for e in edits)
    if fail_on == "attribution":
        return bool(shifts)
    return any(e.critical for e in edits) or any(c.severity == "critical" for c in shifts)


def render(
    comparison: Comparison,
    fmt: str,
    *,
    tablefmt: str = "simple",
    color: bool = False,
    quotes_only: bool = False,
    html: HtmlOptions | None = None,
    width: int | None = None,
) -> str:
    if fmt == "json":
        from quotediff.report import render_json

        return render_json(comparison, include_groups=not quotes_only)
    if fmt == "html":
        from quotediff.report.html import render_html

        return render_html(comparison, replace(html or HtmlOptions(), quotes_open=quotes_only))
    if fmt == "csv":
        from quotediff.report import render_csv, render_quotes_csv

        return render_quotes_csv(comparison) if quotes_only else render_csv(comparison)
    from quotediff.report import TableOptions, render_quotes, render_table

    options = TableOptions(tablefmt=tablefmt, color=color, width=width or terminal_width(), markdown=fmt == "md")
    return render_quotes(comparison, options) if quotes_only else render_table(comparison, options)
