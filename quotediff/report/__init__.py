"""Reports: a ``Comparison`` in, a string out; one module per format."""

from quotediff.report.csv import render_csv, render_quotes_csv
from quotediff.report.html_data import HtmlOptions
from quotediff.report.json import render_json
from quotediff.report.table import TABLE_FORMATS, TableOptions, printable, render_quotes, render_table
from quotediff.report.write import write_report

__all__ = [
    "TABLE_FORMATS",
    "HtmlOptions",
    "TableOptions",
    "printable",
    "render_csv",
    "render_html",
    "render_json",
    "render_quotes",
    "render_quotes_csv",
    "render_table",
    "write_report",
]


def __getattr__(name: str) -> object:
    # The HTML writer (and Jinja2) is imported when a report needs it, not by every command that starts up.
    if name == "render_html":
        from quotediff.report.html import render_html

        return render_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
