"""PDFs as articles and as --source: text rebuilt into paragraphs, scans and broken files skipped with a reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pdfmaker import make_pdf

from quotediff.cli import main
from quotediff.errors import UnusableInput
from quotediff.load import load_bytes, load_paths

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "fixtures" / "sources"
FORGIVEN = ROOT / "fixtures" / "forgiven"

RULING = [
    "The court heard that the minister told the chamber: “The water from the Harlow reservoir is safe to",
    "drink, and the gov-",
    "ernment will not close the treatment plant,” according to the transcript.",
    "",
    "The ruling was handed down on Friday.",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_lines_are_joined_into_paragraphs() -> None:
    article = load_bytes(make_pdf([RULING], title="Harlow ruling"), "ruling.pdf")
    assert article.format == "pdf"
    assert article.title == "Harlow ruling"
    assert article.outlet == "ruling"
    assert article.text == (
        "The court heard that the minister told the chamber: “The water from the Harlow reservoir is safe to drink, "
        "and the government will not close the treatment plant,” according to the transcript.\n\n"
        "The ruling was handed down on Friday."
    )


def test_hyphen_before_a_capital_or_after_a_dash_is_kept() -> None:
    article = load_bytes(make_pdf([["the Russia-", "Ukraine crisis and the --", "source option"]]), "a.pdf")
    assert article.text == "the Russia-Ukraine crisis and the --source option"


def test_double_spaced_lines_stay_one_paragraph() -> None:
    # Court filings are often double-spaced: the usual gap is the document's, not a fixed multiple of the font.
    lines = RULING[:3]
    article = load_bytes(make_pdf([lines], leading=26), "filing.pdf")
    assert "\n" not in article.text


def test_page_break_inside_a_sentence_joins_it() -> None:
    pages = [["“We will not hesitate to close", "the port for 48 hours"], ["if the leak is not found,” she said.", "Next."]]
    text = load_bytes(make_pdf(pages), "a.pdf").text
    assert text.startswith("“We will not hesitate to close the port for 48 hours if the leak is not found,” she said.")
    pages = [["The hearing ended.", "It was late."], ["A new paragraph begins here."]]
    assert load_bytes(make_pdf(pages), "b.pdf").text.endswith("It was late.\n\nA new paragraph begins here.")


def test_quotes_are_found_in_a_pdf() -> None:
    from quotediff.extract import extract_quotes

    article = load_bytes(make_pdf([RULING]), "ruling.pdf")
    [quote] = [q for q in extract_quotes(article) if q.kind == "statement"]
    assert quote.text.startswith("The water from the Harlow reservoir is safe to drink, and the government")
    assert article.text[quote.start : quote.end] == quote.text


def test_scanned_pdf_is_a_clear_skip(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_pdf([None, None]))
    (tmp_path / "ruling.pdf").write_bytes(make_pdf([RULING]))
    result = run("quotes", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"quotediff: skipped {tmp_path / 'scan.pdf'}: no text layer (scanned PDF?)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "unreadable PDF"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 40, "unreadable PDF"),
    ],
    ids=["no pages", "garbage"],
)
def test_broken_pdf_is_skipped_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnusableInput) as caught:
        load_bytes(data, "broken.pdf")
    assert caught.value.reason.startswith(reason)


def test_encrypted_pdf_is_skipped_with_a_reason() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([RULING]))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UnusableInput) as caught:
        load_bytes(out.getvalue(), "locked.pdf")
    assert caught.value.reason == "encrypted PDF (needs a password)"


def test_a_pdf_saved_under_another_name_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "ruling.txt").write_bytes(make_pdf([RULING]))
    [article] = load_paths([str(tmp_path)]).articles
    assert article.format == "pdf"


def test_folder_of_pdfs_is_counted_and_compared(tmp_path: Path) -> None:
    (tmp_path / "ruling.pdf").write_bytes(make_pdf([RULING]))
    other = [
        "Harlow Gazette",
        "",
        "“The water from the Harlow reservoir is safe to drink, and the government will not close the",
        "treatment plant,” the minister said, according to a transcript of the hearing.",
    ]
    (tmp_path / "harlow-gazette.pdf").write_bytes(make_pdf([other]))
    result = run("compare", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(a["id"] for a in data["articles"]) == ["harlow-gazette", "ruling"]
    assert len(data["groups"]) == 1
    assert result.stderr == ""


@pytest.mark.skipif(not FORGIVEN.is_dir(), reason="fixtures/forgiven missing")
def test_pdf_source_gives_what_the_text_source_gives() -> None:
    def verdicts(source: Path) -> list[tuple[str, str]]:
        result = run("compare", str(FORGIVEN), "--source", str(source), "-f", "json")
        assert result.exit_code == 0, result.output
        groups = json.loads(result.stdout)["groups"]
        return sorted((m["article"], m["verdict"]) for g in groups for m in g["members"])

    from_pdf = verdicts(SOURCES / "forgiven-cable.pdf")
    assert from_pdf, "no rendering compared with the PDF cable"
    assert from_pdf == verdicts(SOURCES / "forgiven-cable.txt")
