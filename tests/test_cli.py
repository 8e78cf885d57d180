"""The command line on the bundled fixtures: exit codes, formats, error lines, atomic output, README coverage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quotediff import __version__
from quotediff.cli import main

ROOT = Path(__file__).resolve().parent.parent
FORGIVEN = ROOT / "fixtures" / "forgiven"
README = (ROOT / "README.md").read_text(encoding="utf-8")

needs_fixtures = pytest.mark.skipif(not FORGIVEN.is_dir(), reason="fixtures/forgiven not written yet")


def run(*args: str, input: bytes | str | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def one_error_line(result: click.testing.Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for word in ("compare", "quotes", "Exit codes"):
        assert word in result.output


@pytest.mark.parametrize("command", ["compare", "quotes"])
def test_command_help_has_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output


def test_every_command_and_option_is_in_the_readme() -> None:
    assert "python -m quotediff" in README
    for name, command in main.commands.items():
        assert f"quotediff {name}" in README, name
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    assert opt in README, f"{name} {opt} is not documented in README.md"
    for opt in ("--version", "--help"):
        assert opt in README


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("compare", str(tmp_path / "nope.html"))
    assert result.exit_code == 2
    assert str(tmp_path / "nope.html") in one_error_line(result).replace("quotediff: skipped ", "")


def test_folder_without_articles_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = run("compare", str(tmp_path))
    assert result.exit_code == 2
    assert one_error_line(result).startswith("quotediff: error:")


def test_article_without_quotes_says_so(tmp_path: Path) -> None:
    article = tmp_path / "calm.txt"
    article.write_text(
        "Nothing happened\n\nThe council met and adjourned without comment.\n", encoding="utf-8"
    )
    result = run("quotes", str(article))
    assert result.exit_code == 2
    assert "No quotes found" in result.stdout
    assert one_error_line(result) == "quotediff: no quotes found in 1 article(s)"


def test_bad_option_value_is_exit_2() -> None:
    result = CliRunner().invoke(main, ["compare", "-f", "pdf", "x"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_stdin_text(tmp_path: Path) -> None:
    text = "Mayor Jane Roe said: “The bridge will reopen on Monday, whatever the weather does.”\n"
    result = run("quotes", "-", "-f", "json", input=text.encode())
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [quote] = data["quotes"]
    assert quote["text"] == "The bridge will reopen on Monday, whatever the weather does."
    assert text[quote["start"] : quote["end"]] == quote["text"]


@needs_fixtures
def test_compare_fixtures_table() -> None:
    result = run("compare", str(FORGIVEN), "--no-color")
    assert result.exit_code == 0, result.output
    assert "all will be forgiven" in result.stdout
    assert "\x1b[" not in result.stdout


@needs_fixtures
def test_compare_json_is_the_documented_format() -> None:
    result = run("compare", str(FORGIVEN), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meta"] == {"format": 1, "tool": "quotediff", "version": __version__}
    assert {"id", "path", "outlet", "title", "url", "published", "author"} <= set(data["articles"][0])
    quote_keys = {
        "id",
        "article",
        "text",
        "start",
        "end",
        "marks",
        "speaker",
        "speaker_start",
        "speaker_end",
        "speaker_resolved",
        "speaker_kind",
        "verb",
        "hedges",
        "addressee",
        "sources",
    }
    assert quote_keys <= set(data["quotes"][0])
    assert data["groups"], "the fixtures share quotations"
    quote_ids = {q["id"] for q in data["quotes"]}
    for group in data["groups"]:
        assert group["reference"] in quote_ids
        for member in group["members"]:
            assert member["quote"] in quote_ids
            assert 0.0 <= member["similarity"] <= 1.0
            for edit in member["edits"]:
                assert {"kind", "reference", "variant"} <= set(edit)
            for change in member["attribution_changes"]:
                assert {"field", "kind", "reference", "variant"} <= set(change)


@needs_fixtures
def test_text_offsets_index_the_decoded_file() -> None:
    result = run("quotes", str(FORGIVEN), "-f", "json")
    data = json.loads(result.stdout)
    paths = {a["id"]: a for a in data["articles"]}
    checked = 0
    for quote in data["quotes"]:
        article = paths[quote["article"]]
        if article["format"] == "html":
            continue
        raw = Path(article["path"]).read_bytes().decode(article["encoding"])
        assert raw[quote["start"] : quote["end"]] == quote["text"]
        if quote["speaker"]:
            assert raw[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker"]
        checked += 1
    assert checked > 10


@needs_fixtures
def test_html_output_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("compare", str(FORGIVEN), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert not re.search(r"""(src|href)=["']?https?://""", html.split("</head>")[0])
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_failed_run_keeps_existing_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("previous report", encoding="utf-8")
    result = run("compare", str(tmp_path / "missing"), "-f", "html", "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Jane Roe said: “The bridge will reopen on Monday, whatever happens.”\n", encoding="utf-8"
    )
    result = run("quotes", str(article), "-o", str(tmp_path / "no" / "such" / "dir" / "out.txt"))
    assert result.exit_code == 2
    assert one_error_line(result).startswith("quotediff: error: cannot write")


@needs_fixtures
def test_fail_on_substantive_exits_1() -> None:
    result = run("compare", str(FORGIVEN), "--fail-on", "substantive", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert any(
        e["severity"] == "substantive" for g in data["groups"] for m in g["members"] for e in m["edits"]
    )


@needs_fixtures
def test_unknown_reference_article_is_exit_2() -> None:
    result = run("compare", str(FORGIVEN), "--reference", "no-such-outlet")
    assert result.exit_code == 2
    assert "--reference" in one_error_line(result)


@needs_fixtures
@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_other_formats(fmt: str) -> None:
    result = run("compare", str(FORGIVEN), "-f", fmt)
    assert result.exit_code == 0, result.output
    assert "forgiven" in result.stdout


def test_no_color_env_turns_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotediff.cli import _use_color

    monkeypatch.setenv("NO_COLOR", "1")
    assert _use_color(None, "-") is False
    assert _use_color(True, "-") is True


def test_quotes_html_lists_every_quote(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Jane Roe said: “The bridge will <b>reopen</b> on Monday, whatever happens.”\n", encoding="utf-8")
    out = tmp_path / "quotes.html"
    result = run("quotes", str(article), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "The bridge will &lt;b&gt;reopen&lt;/b&gt; on Monday" in html
    assert "<details open>" in html


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from quotediff.cli import _Progress

    quiet = _Progress(quiet=True)
    assert not quiet.enabled
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    bar = _Progress(quiet=False)
    assert bar.enabled
    for done in range(3):
        bar(done, 2)  # two files: too few for a bar
    assert capsys.readouterr().err == ""
    for done in range(11):
        bar(done, 10)
    bar.close()
    assert "reading articles" in capsys.readouterr().err


@needs_fixtures
def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    result = run("compare", str(FORGIVEN), "-f", "json")
    assert "reading articles" not in result.stderr


def test_terminal_output_never_carries_an_article_s_control_characters(tmp_path: Path) -> None:
    hostile = "Jane Roe said: “The bridge \x1b]0;pwned\x07will reopen\x1b[2J on Monday,\u202e whatever happens.”\n"
    (tmp_path / "a.txt").write_text(hostile, encoding="utf-8")
    (tmp_path / "b\x1b[31m.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    for args in (["quotes", str(tmp_path)], ["quotes", str(tmp_path), "--color"]):
        result = CliRunner().invoke(main, args)
        assert "\x1b]" not in result.output and "\x1b[2J" not in result.output and "\u202e" not in result.output
        assert "\\x1b]0;pwned\\x07" in result.stdout
        assert "\x1b[31m.txt" not in result.stderr


@needs_fixtures
def test_compare_reads_a_json_lines_file_with_mapped_fields(tmp_path: Path) -> None:
    from quotediff.load import decode

    rows = []
    for page in sorted(FORGIVEN.glob("*.txt")):
        text = decode(page.read_bytes())[0]
        rows.append({"body": text, "link": f"https://{page.stem}.example/a", "source": page.stem.upper()})
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "{broken\n", encoding="utf-8")
    result = run("compare", str(news), "--field", "text=body", "--field", "url=link", "--field", "outlet=source",
                 "-f", "json", "--quote", "all will be forgiven")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert one_error_line(result) == (
        f"quotediff: skipped {news}#line {len(rows) + 1}: not valid JSON "
        "(Expecting property name enclosed in double quotes, column 2)"
    )
    data = json.loads(result.stdout)
    assert [(a["id"], a["path"], a["url"]) for a in data["articles"]][0] == (
        "news-000001", f"{news}#line 1", "https://atlantic-monitor.example/a"
    )  # fmt: skip
    assert {a["outlet"] for a in data["articles"]} == {p.stem.upper() for p in FORGIVEN.glob("*.txt")}
    assert len(data["groups"]) == 1 and len(data["groups"][0]["members"]) >= 4


@pytest.mark.parametrize(("value", "message"), [("body", "not NAME=COLUMN"), ("words=body", "unknown field 'words'")])
def test_bad_field_mapping_is_a_usage_error(tmp_path: Path, value: str, message: str) -> None:
    result = run("quotes", str(tmp_path), "--field", value)
    assert result.exit_code == 2
    assert message in result.stderr
