"""--max-bytes measures what is parsed, not the file: a saved page that is mostly an inline image still loads,
while a separate cap on the raw file (5 x --max-bytes) keeps memory bounded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfmaker import make_pdf

from quotediff.cli import main
from quotediff.errors import NoArticlesError, UnusableInput
from quotediff.load import MB, LoadOptions, load_bytes, load_paths

ARTICLE = (
    "<html><head><title>Harbour closes</title></head><body><article><h1>Harbour closes</h1>"
    "<p>The port authority chief, Mara Lind, said on Tuesday: “We will close the harbour for 48 hours while the "
    "divers search for the leak.”</p><p>Fishermen said the closure came without warning.</p>"
    '<figure><img alt="the harbour" src="data:image/png;base64,{image}"></figure>'
    "<p>“We were told nothing until this morning,” said Tomas Vell, who has fished from the port for 30 years.</p>"
    "</article></body></html>"
)
OTHER = (
    "Harbour news\n\n“We will close the harbour for 48 hours while the divers search for the leak,” the port "
    "authority chief, Mara Lind, told reporters.\n"
)


def saved_page(image_bytes: int) -> bytes:
    # A saved page with its photo inlined: base64 text, most of the file.
    image = ("iVBORw0KGgoAAAANSUhEUgAA" + "A" * image_bytes)[:image_bytes]
    return ARTICLE.format(image=image).encode("utf-8")


def test_28_mb_page_that_is_mostly_an_inline_image_loads(tmp_path: Path) -> None:
    page = tmp_path / "harbour-times.html"
    page.write_bytes(saved_page(28 * MB))
    assert page.stat().st_size > 28 * MB
    [article] = load_paths([str(page)]).articles
    assert "We will close the harbour for 48 hours" in article.text
    assert "AAAA" not in article.text


def test_the_same_page_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "harbour-times.html").write_bytes(saved_page(28 * MB))
    (tmp_path / "harbour-news.txt").write_text(OTHER, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(tmp_path), "-f", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert len(json.loads(result.stdout)["groups"]) == 1


def test_markup_beyond_the_limit_is_still_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page was parsed")

    monkeypatch.setattr("quotediff.load.html.html_article", never)
    page = b"<html><body>" + b"<p>Filler paragraph of markup that would all be parsed.</p>" * 40_000 + b"</body></html>"
    with pytest.raises(UnusableInput) as caught:
        load_bytes(page, "big.html", LoadOptions(max_bytes=1 * MB))
    assert caught.value.reason == "2.25 MB of text to parse, larger than --max-bytes (1 MB)"


def test_raw_file_beyond_the_cap_is_skipped_before_it_is_read(tmp_path: Path) -> None:
    """A sparse file reads as NUL bytes: had it been read, the reason would be "binary", not its size."""
    sparse = tmp_path / "sparse.html"
    with open(sparse, "wb") as handle:
        handle.truncate(30 * MB)
    expected = "30 MB, larger than the cap on raw files (25 MB: 5 x --max-bytes)"
    with pytest.raises(NoArticlesError, match=re.escape(expected)):
        load_paths([str(sparse)], LoadOptions(max_bytes=5 * MB))


def test_pdf_text_is_what_counts() -> None:
    lines = ["“We will close the harbour for 48 hours,” Mara Lind said."] * 50
    pdf = make_pdf([lines])
    assert load_bytes(pdf, "a.pdf", LoadOptions(max_bytes=len(pdf) - 1)).format == "pdf"
    with pytest.raises(UnusableInput, match="of text to parse, larger than --max-bytes"):
        load_bytes(pdf, "a.pdf", LoadOptions(max_bytes=1000))


def test_a_text_file_is_its_own_text() -> None:
    with pytest.raises(UnusableInput) as caught:
        load_bytes(b"The minister said \"no\".\n" * 100, "a.txt", LoadOptions(max_bytes=1000))
    assert caught.value.reason == "2.34 kB of text to parse, larger than --max-bytes (1000 bytes)"
