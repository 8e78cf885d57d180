"""PDF documents (a cable, a court ruling, a transcript) as articles, through pypdf.

A PDF has no paragraphs, only lines placed on a page. The text is rebuilt from where each line sits: lines at the
document's usual spacing are one paragraph (joined with a space, and "gov-" + "ernment" rejoined), a gap clearly
wider than usual ends it, and paragraphs are separated by blank lines as in an HTML article. A page break ends a
paragraph only after a sentence end, so a quotation running onto the next page stays whole. A PDF without a text
layer (a scan) is skipped with a reason rather than read as empty.

``Article.text`` is the rebuilt text, so a quote's offsets index that text, not the file.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from dataclasses import dataclass, field
from typing import Any

from quotediff.errors import UnusableInput
from quotediff.load.text import slugify
from quotediff.model import Article

# pypdf reports recoverable damage through logging; without a handler Python would print it on stderr, where
# each problem must be one line of ours. What matters reaches the user as the skip reason instead.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False

# A gap this much wider than the usual line spacing ends a paragraph. Single-spaced text with 0.5-1 line of space
# between paragraphs measures 1.4-2x; a line pushed down by a larger capital or a subscript stays under 1.3x.
PARAGRAPH_GAP = 1.3
# The usual spacing is a low percentile of the gaps, not the median: in a document of short paragraphs most gaps
# may be paragraph gaps, and the median would hide them.
USUAL_PERCENTILE = 0.25
MAX_PAGES = 2000  # a court ruling runs to a few hundred; beyond this a "PDF" is more likely a trap than a source

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_HYPHENATED = re.compile(r"[^\W\d_]-$")  # a letter, then a hyphen
_DASH_END = re.compile(r"\S[-\u2010\u2011\u2013\u2014]$")  # a hyphen or dash straight after a word
_SENTENCE_END = re.compile(r"[.!?:;\u201d\"')\]]$")


@dataclass(slots=True)
class _Line:
    parts: list[str] = field(default_factory=list)
    y: float | None = None  # baseline in page space (PDF points, either direction)

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(self.parts)).strip()


def pdf_article(data: bytes, *, path: str, stem: str) -> Article:
    """The text PDF ``data`` as an Article; raise UnusableInput for a scan, an encrypted or a broken file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader, info = _open(data, path)
        try:
            pages = [_page_lines(page) for page in reader.pages[:MAX_PAGES]]
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
            raise UnusableInput(path, f"unreadable PDF ({_reason(exc)})") from None
    text = _paragraphs(pages)
    if not any(char.isalnum() for char in text):
        raise UnusableInput(path, "no text layer (scanned PDF?)")
    return Article(
        id=slugify(stem),
        path=path,
        text=text,
        format="pdf",
        outlet=stem,  # a PDF names its producer (a word processor), not its publisher: the file name is better
        title=_field(info, "/Title"),
        # No date: /CreationDate is when someone saved or printed the file, not when it was published, and taking
        # it for one would make a printout the "earliest" rendering.
        author=_field(info, "/Author"),
        encoding="pdf",
    )


def _open(data: bytes, path: str) -> tuple[Any, dict[str, Any]]:
    from pypdf import PdfReader  # imported when a PDF is met, so text-only runs skip it

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnusableInput(path, "encrypted PDF (needs a password)")
        info = dict(reader.metadata or {})
    except UnusableInput:
        raise
    except Exception as exc:  # noqa: BLE001
        if "crypt" in str(exc).lower() or "AES" in str(exc):
            raise UnusableInput(path, "encrypted PDF") from None
        raise UnusableInput(path, f"unreadable PDF ({_reason(exc)})") from None
    return reader, info


def _reason(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:80]


def _page_lines(page: Any) -> list[_Line]:
    """The page's lines in reading order, each with its baseline, as pypdf's text visitor reports them."""
    lines = [_Line()]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        for number, piece in enumerate(text.split("\n")):
            if number:
                lines.append(_Line())
            if piece.strip() and lines[-1].y is None:
                # The baseline in page space: the text matrix's origin carried through the current transform.
                lines[-1].y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines[-1].parts.append(piece)

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text]


def _paragraphs(pages: list[list[_Line]]) -> str:
    gaps = [
        abs(b.y - a.y)
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if a.y is not None and b.y is not None and abs(b.y - a.y) > 0.5
    ]
    usual = statistics.quantiles(gaps, n=100)[int(USUAL_PERCENTILE * 100) - 1] if len(gaps) >= 2 else None
    paragraphs: list[list[str]] = []
    for page_number, lines in enumerate(pages):
        for number, line in enumerate(lines):
            if number == 0:
                new = page_number == 0 or not paragraphs or bool(_SENTENCE_END.search(paragraphs[-1][-1]))
            else:
                new = _wide_gap(lines[number - 1], line, usual)
            if new or not paragraphs:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
    return "\n\n".join(_join_lines(p) for p in paragraphs).translate(_LIGATURES)


def _wide_gap(before: _Line, after: _Line, usual: float | None) -> bool:
    if usual is None or before.y is None or after.y is None:
        return False
    return abs(after.y - before.y) > PARAGRAPH_GAP * usual


def _join_lines(lines: list[str]) -> str:
    """One paragraph's lines as one line, a space between them, except after a hyphen or dash at the line end:
    "gov-" + "ernment" is "government" (a letter, then a lower-case letter), "Russia-" + "Ukraine" keeps its
    hyphen, "--" + "source" stays "--source". (A line-end "well-" + "known" becomes "wellknown": with no
    dictionary, the common case wins.)"""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("\u00ad"):  # a soft hyphen: only ever a line-break hyphen
            out = out[:-1] + line
        elif _HYPHENATED.search(out) and line[:1].islower():
            out = out[:-1] + line
        elif _DASH_END.search(out):
            out += line
        else:
            out += " " + line
    return out


def _field(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    text = str(value).strip() if value is not None else ""
    return text or None
