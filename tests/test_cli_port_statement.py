"""What a user sees on the port-statement story (fixtures/port-statement/): one minister's statement rendered
every way an outlet can, compared with each other, with a chosen reference and with the transcript (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from quotediff.cli import main

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "fixtures" / "port-statement"
TRANSCRIPT = ROOT / "fixtures" / "sources" / "port-statement-transcript.txt"


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, ["compare", str(STORY), *args], catch_exceptions=False)


def report(*args: str) -> dict[str, Any]:
    result = run("-f", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def statement(data: dict[str, Any]) -> dict[str, Any]:
    """Marsh's statement: the group holding "we will not hesitate to close the port"."""
    return next(g for g in data["groups"] if any("hesitate to close the port" in m["text"] for m in g["members"]))


def member(group: dict[str, Any], article: str) -> dict[str, Any]:
    return next(m for m in group["members"] if m["article"] == article)


def shifts(m: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(c["field"], c["kind"], c["severity"]) for c in m["attribution_changes"]]


# --- item 3: --source keeps the attribution shifts --------------------------------------------------------------


def test_source_reports_shifts_against_the_transcript_speaker() -> None:
    group = statement(report("--source", str(TRANSCRIPT)))
    assert group["reference_article"] is None
    assert group["reference_speaker"] == "Helena Marsh"  # from the transcript's speaker label
    assert "HELENA MARSH" not in group["reference_text"] and "Vell" not in group["reference_text"]
    assert group["reference_text"].startswith("The leak has polluted the harbour, and we will not hesitate")
    assert ("speaker", "misattributed", "critical") in shifts(member(group, "river-times"))
    assert ("speaker", "anonymised", "notable") in shifts(member(group, "metro-daily"))
    # "Environment Minister Helena Marsh" is Marsh: a name form, not a shift.
    assert [c for c in shifts(member(group, "kessel-courier")) if c[2] != "info"] == []


def test_source_fail_on_attribution_exits_1() -> None:
    result = CliRunner().invoke(
        main,
        ["compare", str(STORY), "--source", str(TRANSCRIPT), "--fail-on", "attribution", "-q", "-f", "md"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert "speaker misattributed: Helena Marsh → Tomas Vell" in result.stdout
    assert "spoken by Helena Marsh" in result.stdout


# --- item 4: a paraphrase or a cut rendering as --reference -----------------------------------------------------


def test_paraphrase_as_reference_gives_no_false_critical_changes() -> None:
    group = statement(report("--reference", "the-lantern"))
    assert group["reference_article"] == "the-lantern"
    verdicts = {m["article"]: m["verdict"] for m in group["members"]}
    # Faithful renderings and fragments differ from the paraphrase, but the negation the paraphrase turned
    # ("if … does not stop" -> "unless … stops") is its own doing, not theirs.
    for article in ("kessel-courier", "harbour-wire", "northern-post", "river-times", "island-herald"):
        assert verdicts[article] in ("altered", "fragment, altered"), (article, verdicts[article])
    # The outlet that really dropped a "not" is still flagged.
    assert verdicts["bay-observer"] == "altered (critical)"


def test_cut_reference_makes_fuller_renderings_extended_not_shortened() -> None:
    group = statement(report("--reference", "island-herald"))
    verdicts = {m["article"]: m["verdict"] for m in group["members"]}
    assert "shortened with ellipsis" not in verdicts.values()
    for article in ("kessel-courier", "metro-daily", "northern-post", "sada-al-mina"):
        assert verdicts[article] == "extended", (article, verdicts[article])
    metro = member(group, "metro-daily")
    assert [(e["kind"], e["reference"]) for e in metro["edits"]] == [("extension", "…")]
    assert metro["similarity"] == 1.0
    for article in ("harbour-wire", "river-times", "kessel-radio"):  # first sentence only
        assert verdicts[article] == "fragment", (article, verdicts[article])


# --- item 5: one name, two kinds --------------------------------------------------------------------------------


def test_same_organisation_read_as_two_kinds_is_no_speaker_change() -> None:
    result = run("-f", "md")
    assert result.exit_code == 0
    assert "Drummond Chemicals → Drummond Chemicals" not in result.stdout
    data = report()
    drummond = next(g for g in data["groups"] if "cooperating fully" in g["reference_text"])
    # (metro-daily's "in a statement" is a cited source the reference lacks: an info-level note, no speaker change)
    assert [s for s in shifts(member(drummond, "metro-daily")) if s[0] == "speaker"] == []


def test_fail_on_attribution_ignores_the_kind_guess() -> None:
    # Only the contained-leak statement, its Drummond Chemicals speakers read as a person or as a body.
    files = [str(STORY / n) for n in ("harbour-wire.md", "metro-daily.html", "kessel-radio.txt")]
    args = ["compare", *files, "--quote", "The leak has been contained", "--fail-on", "attribution", "-q"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stdout


# --- item 6: lineage needs evidence -----------------------------------------------------------------------------


def test_ordinary_cuts_and_dropped_commas_are_no_lineage() -> None:
    for args in ((), ("--source", str(TRANSCRIPT))):
        group = statement(report(*args))
        kinds = {e["kind"] for e in group["lineage"]}
        assert not kinds & {"truncation", "punctuation", "case", "quote_marks"}, (args, group["lineage"])
        result = run("-f", "md", *args)
        assert "The leak → ∅" not in result.stdout
        assert "punctuation: , → ∅" not in result.stdout


# --- item 7: a split quote's second piece printed on its own ----------------------------------------------------


def test_second_piece_printed_on_its_own_is_part_of_the_rendering() -> None:
    gulf = member(statement(report()), "gulf-evening")
    assert len(gulf["quotes"]) == 2  # "The leak has polluted the harbour," and "will not hesitate to close the port"
    assert "will not hesitate to close the port" in gulf["text"] and "The leak has polluted" in gulf["text"]
    cut = [e["reference"] for e in gulf["edits"] if e["kind"] == "truncation"]
    assert not any("The leak" in c or "hesitate" in c for c in cut), cut
    assert gulf["verdict"] == "fragment"  # the words between its two quotes are marked as left out
    result = run("-f", "md")
    row = next(
        line for line in result.stdout.splitlines() if line.startswith("| Gulf Evening News") and "fragment" in line
    )
    assert "fragment (−The leak" not in row and "fragment (−, and we will not hesit" not in row


# --- item 8: one count of attribution shifts everywhere ---------------------------------------------------------


def test_every_format_counts_the_same_attribution_shifts(tmp_path: Path) -> None:
    import csv
    import io
    import re

    from lxml import html as lxml_html

    data = report()
    expected = data["summary"]["attribution_shifts"]
    assert expected == sum(m["attribution_shifts"] for g in data["groups"] for m in g["members"])
    assert expected == sum(c["shift"] for g in data["groups"] for m in g["members"] for c in m["attribution_changes"])
    info = sum(not c["shift"] for g in data["groups"] for m in g["members"] for c in m["attribution_changes"])
    assert expected > 0 and info > 0  # both kinds occur, so a format counting info notes would disagree
    for fmt in ("table", "md"):
        summary = run("-f", fmt).stdout.splitlines()[0 if fmt == "table" else 2]
        assert f"; {expected} attribution shifts" in summary, (fmt, summary)
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv").stdout)))
    assert sum(int(r["attribution_shifts"]) for r in rows) == expected
    page = run("-f", "html").stdout
    doc = lxml_html.fromstring(page.encode("utf-8"))
    card = doc.xpath("//li[contains(@class,'count-attribution')]/span[@class='n']")[0].text
    assert int(card) == expected
    timeline = sum(
        int(m.group(1))
        for m in re.finditer(r"(\d+) attribution shifts?", " ".join(doc.xpath("//ol[@class='timeline']//text()")))
    )
    assert timeline == expected


def test_badge_of_a_misattributed_verbatim_rendering() -> None:
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(run("-f", "html").stdout.encode("utf-8"))
    river = next(
        li
        for li in doc.xpath("//li[contains(@class,'member')]")
        if "River Times" in li.xpath("string(.//span[@class='outlet'])")
        and "hesitate" in li.xpath("string(.//p[@class='rendering'])")
    )
    head = " ".join(river.xpath("string(.//div[@class='member-head'])").split())
    assert "wording fragment, fidelity 100%" in head and "⚠ speaker misattributed" in head
    note = river.xpath("string(.//ul[@class='attr-notes']/li[@class='attr-critical'])")
    assert note.count("⚠") == 1
    assert ".attr-notes li.attr-critical::before { content: none; }" in run("-f", "html").stdout  # no "▲ ⚠"


# --- item 12: rough edges in the reports ------------------------------------------------------------------------


def test_csv_and_html_never_print_none_for_a_missing_side() -> None:
    table = run("-f", "csv").stdout
    assert "addressee dropped: reporters (info)" in table
    assert "None" not in table
    page = run("-f", "html").stdout
    assert "“none”" not in page and "hedge added: “reportedly”" in page


def test_markdown_lists_and_numbers() -> None:
    md = run("-f", "md").stdout
    rows = [line for line in md.splitlines() if line.startswith("| Kessel Courier *")]
    assert rows and "| 1.00 " in rows[0] and "| 1 " not in rows[0]
    assert "\n\nQuoted words printed without quote marks:\n\n- " in md or "Quoted words" not in md
    # The speaker column does not repeat a name the mention already holds.
    assert "Environment Minister Helena Marsh (= Helena Marsh)" not in md
    assert "Environment Minister Helena Marsh" in md and "Marsh (= Helena Marsh)" in md  # Coast Gazette's "Marsh"


def test_lineage_lines_are_a_list_in_markdown() -> None:
    forgiven = ROOT / "fixtures" / "forgiven"
    md = CliRunner().invoke(main, ["compare", str(forgiven), "-f", "md"], catch_exceptions=False).stdout
    at = md.index("lineage (change first printed by")
    assert md[at:].split("\n")[1] == "" and md[at:].split("\n")[2].startswith("- substitution: the → a")
    assert "\n\nQuoted words printed without quote marks:\n\n- g1 in " in md


def test_spacing_edits_are_visible_and_verdict_counts_unambiguous() -> None:
    md = run("-f", "md").stdout
    radio = next(line for line in md.splitlines() if line.startswith("| Kessel Community Radio") and "cosmetic" in line)
    assert "spacing: cooperating→co-operating" in radio and "| none" not in radio
    assert "“fragment, altered (critical)”" in md.splitlines()[2]


def test_split_quote_pieces_are_marked_in_html() -> None:
    page = run("-f", "html").stdout
    assert page.count('class="piece-break"') >= 2  # Coast Gazette and صدى الميناء split around "Marsh said"
    assert "48 hours,” Marsh said" not in page  # the article's words between the pieces are not shown
