"""The HTML report: one self-contained page a fact-checker can attach to a story.

Made in two stages, as coverage.py does: ``build_view`` turns a ``Comparison`` into plain view data
(strings and numbers only), then a Jinja2 template with autoescaping renders it. Article text never meets
HTML except through the template's escaping, and the page forbids itself every network request with a
Content-Security-Policy whose script and style hashes admit only our own inlined code: even a quote that
slipped past escaping could not run. The output is deterministic (stable ids and ordering, no date unless
asked) so gold files need no scrubbing.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

import jinja2
from markupsafe import Markup

from quotediff.model import Comparison
from quotediff.report.html_data import HtmlOptions
from quotediff.report.html_view import ATTRIBUTION_FIELDS, build_view

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("quotediff.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def _bdi(value: object) -> Markup:
    """Article text isolated from what stands around it: an outlet name in Arabic script must not pull the
    neighbouring date into right-to-left order ("2024-03-05" shown as "05-03-2024")."""
    text = "" if value is None else str(value)
    return Markup("<bdi>%s</bdi>") % text if text else Markup("")


_ENV.filters["bdi"] = _bdi


def _asset(name: str) -> str:
    text = resources.files("quotediff.report").joinpath("templates").joinpath(name).read_text(encoding="utf-8")
    # Our own files are inlined unescaped, so they must not be able to close their element early or switch
    # the HTML parser into its comment-like script states.
    for forbidden in ("</", "<!--"):
        if forbidden in text:
            raise ValueError(f"templates/{name} must not contain {forbidden!r}")
    return text


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_html(comparison: Comparison, options: HtmlOptions | None = None) -> str:
    """Render the comparison as one self-contained HTML5 document (no network requests, deterministic)."""
    view = build_view(comparison, options)
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; "
        f"style-src '{_csp_hash(css)}'; "
        f"script-src '{_csp_hash(js)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    template = _ENV.get_template("report.html")
    return template.render(view=view, fields=ATTRIBUTION_FIELDS, css=Markup(css), js=Markup(js), csp=csp)
