"""The corpus index: built from the fixtures, it gives the reports compare gives; incremental, filtered, robust."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner

from quotediff.cli import main
from quotediff.compare import CompareOptions, compare_paths
from quotediff.corpus import Filters, comparison_from_index, connect, track
from quotediff.corpus.index import IndexOptions, index_paths
from quotediff.report import render_json

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
STORIES = sorted(p.name for p in FIXTURES.iterdir() if (p / "annotations.json").is_file())
ONE_JOB = IndexOptions(jobs=1)


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def articles_of(story: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / story).iterdir() if p.suffix in {".html", ".txt", ".md"})


def indexed_json(db: Path, filters: Filters | None = None) -> str:
    return render_json(comparison_from_index(connect(str(db), create=False), filters))


@pytest.mark.parametrize("story", STORIES)
def test_index_then_compare_db_is_compare(story: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    report = index_paths(str(db), [str(FIXTURES / story)], ONE_JOB)
    compared = compare_paths([str(FIXTURES / story)])
    # (languages/ holds one statement in three languages: no group, in either path)
    assert report.added == len(articles_of(story)) and (report.grouping.groups > 0) == bool(compared.groups)
    assert indexed_json(db) == render_json(compared)


@pytest.mark.parametrize("speech", ["refrain", "harbour-refrain"])
def test_the_index_keeps_the_statements_and_refrains_of_a_speech_as_compare_does(speech: str, tmp_path: Path) -> None:
    # Refrain groups are made when the comparison is assembled, from the stored groups and quotes.
    db = tmp_path / "news.db"
    folder = ROOT / "tests" / "data" / speech
    index_paths(str(db), [str(folder)], ONE_JOB)
    compared = compare_paths([str(folder)])
    assert len(compared.groups) == 3
    assert indexed_json(db) == render_json(compared)


@pytest.mark.parametrize("story", ["forgiven", "strike"])
def test_incremental_run_groups_like_a_full_one(story: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    files = [str(p) for p in articles_of(story)]
    first = index_paths(str(db), files[1::2], ONE_JOB)
    second = index_paths(str(db), [str(FIXTURES / story)], ONE_JOB)
    assert (first.added, second.added, second.unchanged) == (len(files[1::2]), len(files[::2]), len(files[1::2]))
    assert indexed_json(db) == render_json(compare_paths([str(FIXTURES / story)]))
    # Only what the new articles touched was grouped again.
    assert (
        second.grouping.renderings
        < connect(str(db), create=False).execute("SELECT count(*) FROM renderings").fetchone()[0]
    )
    third = index_paths(str(db), [str(FIXTURES / story)], ONE_JOB)
    assert (third.added, third.unchanged, third.grouping.renderings) == (0, len(files), 0)


def test_changed_article_replaces_the_old_version(tmp_path: Path) -> None:
    folder = tmp_path / "forgiven"
    shutil.copytree(FIXTURES / "forgiven", folder)
    (folder / "annotations.json").unlink()
    db = tmp_path / "news.db"
    index_paths(str(db), [str(folder)], ONE_JOB)
    page = folder / "capital-wire.html"
    page.write_text(page.read_text(encoding="utf-8").replace("all will be forgiven", "all would be forgotten"))
    report = index_paths(str(db), [str(folder)], ONE_JOB)
    assert (report.added, report.replaced) == (0, 1)
    assert indexed_json(db) == render_json(compare_paths([str(folder)]))


def test_duplicate_text_is_skipped_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    shutil.copy(FIXTURES / "forgiven" / "atlantic-monitor.txt", tmp_path / "a" / "one.txt")
    shutil.copy(FIXTURES / "forgiven" / "atlantic-monitor.txt", tmp_path / "a" / "two.txt")
    shutil.copy(FIXTURES / "forgiven" / "eastern-sentinel.txt", tmp_path / "a" / "three.txt")
    db = tmp_path / "news.db"
    result = run("index", str(tmp_path / "a"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"quotediff: skipped {tmp_path / 'a' / 'two.txt'}: same text and metadata as one, already indexed" in (
        result.stderr
    )
    assert "2 added" in result.stderr


def test_filters_select_articles_and_members(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    index_paths(str(db), [str(FIXTURES / "forgiven")], ONE_JOB)
    result = run("compare", "--db", str(db), "--since", "2023-08-10", "--until", "2023-08-12", "-f", "json")
    data = json.loads(result.stdout)
    assert data["articles"] and all("2023-08-10" <= a["published"] <= "2023-08-12" for a in data["articles"])
    ids = {a["id"] for a in data["articles"]}
    assert all(m["article"] in ids for g in data["groups"] for m in g["members"])
    outlets = run("compare", "--db", str(db), "--outlet", "dawn ledger", "--outlet", "Capital Wire", "-f", "json")
    data = json.loads(outlets.stdout)
    assert sorted(a["outlet"] for a in data["articles"]) == ["Capital Wire", "Dawn Ledger"]
    assert all(a["url"] is not None or a["format"] != "html" for a in data["articles"])
    wide = json.loads(run("compare", "--db", str(db), "--min-articles", "10", "-f", "json").stdout)
    assert wide["groups"] and all(len({m["article"] for m in g["members"]}) >= 10 for g in wide["groups"])
    none = run("compare", "--db", str(db), "--outlet", "No Such Outlet")
    assert none.exit_code == 2
    assert none.stderr == "quotediff: error: no indexed article matches the filters (--outlet 'No Such Outlet')\n"


def test_track_gives_the_groups_of_compare_quote(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    index_paths(str(db), [str(FIXTURES / "forgiven")], ONE_JOB)
    expected = json.loads(
        render_json(compare_paths([str(FIXTURES / "forgiven")], CompareOptions(quote="all will be forgiven")))
    )
    result = run("track", "all will be forgiven", "--db", str(db), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["groups"] == expected["groups"] and len(data["groups"]) == 1
    assert {a["id"] for a in data["articles"]} == {m["article"] for m in data["groups"][0]["members"]}
    dated = track(connect(str(db), create=False), "all will be forgiven", Filters(until="2023-08-10"))
    assert {a.published for a in dated.articles} <= {"2023-08-09", "2023-08-10"} and dated.groups
    html = tmp_path / "lu.html"
    assert run("track", "all will be forgiven", "--db", str(db), "--html", str(html), "-q").exit_code == 0
    assert "all will be forgiven" in html.read_text(encoding="utf-8")
    nothing = run("track", "zebra crossings in antarctica", "--db", str(db), "-f", "json")
    assert json.loads(nothing.stdout)["groups"] == []


def test_stats(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    index_paths(str(db), [str(FIXTURES / "forgiven")], ONE_JOB)
    stats = json.loads(run("index", "--db", str(db), "--stats", "-f", "json").stdout)
    assert (stats["articles"], stats["quotes"], stats["groups"], stats["outlets"]) == (18, 102, 8, 18)  # 101 quotes and one nested in a quote
    assert (stats["first_published"], stats["ungrouped"]) == ("2023-08-09", 0)
    assert "articles             18" in run("index", "--db", str(db), "--stats").stdout


def test_interrupted_index_leaves_a_usable_database(tmp_path: Path) -> None:
    db = tmp_path / "news.db"

    def stop_after_first_batch(stage: str, done: int, total: int | None) -> None:
        if stage == "articles" and done >= 4:
            raise KeyboardInterrupt

    options = IndexOptions(jobs=1, batch=4)
    with pytest.raises(KeyboardInterrupt):
        index_paths(str(db), [str(FIXTURES / "forgiven")], options, progress=stop_after_first_batch)
    conn = connect(str(db), create=False)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert run("compare", "--db", str(db), "-f", "json").exit_code == 0
    assert json.loads(run("index", "--db", str(db), "--stats", "-f", "json").stdout)["ungrouped"] > 0
    report = index_paths(str(db), [str(FIXTURES / "forgiven")], options)
    assert (report.added, report.unchanged) == (14, 4)
    assert indexed_json(db) == render_json(compare_paths([str(FIXTURES / "forgiven")]))


def test_parallel_jobs_give_the_same_database(tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    index_paths(str(one), [str(FIXTURES / "strike")], ONE_JOB)
    assert run("index", str(FIXTURES / "strike"), "--db", str(two), "--jobs", "2", "-q").exit_code == 0
    assert indexed_json(one) == indexed_json(two)


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (
            "PRAGMA user_version = 99",
            "index schema version 99 is newer than this quotediff reads (1); upgrade quotediff",
        ),
        ("CREATE TABLE other (x)", "not a quotediff index (a SQLite database with other tables)"),
    ],
)
def test_other_schemas_are_refused_in_one_line(tmp_path: Path, prepare: str, message: str) -> None:
    db = tmp_path / "news.db"
    with sqlite3.connect(db) as conn:
        conn.execute(prepare)
        if "user_version" in prepare:
            conn.execute("CREATE TABLE articles (id)")
    for args in (
        ["compare", "--db", str(db)],
        ["track", "x", "--db", str(db)],
        ["index", str(FIXTURES / "wildfire"), "--db", str(db)],
    ):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr == f"quotediff: error: {db}: {message}\n"


def test_missing_or_broken_database_is_one_line(tmp_path: Path) -> None:
    missing = run("track", "x", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2 and "no such index" in missing.stderr and missing.stderr.count("\n") == 1
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    broken = run("compare", "--db", str(junk))
    assert broken.exit_code == 2 and "not a quotediff index" in broken.stderr
    both = run("compare", str(FIXTURES / "wildfire"), "--db", str(junk))
    assert both.exit_code == 2 and "either PATHS or --db" in both.stderr


def test_the_local_engine_needs_no_dask(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from quotediff.cli import main; sys.argv = ['quotediff', 'index', sys.argv[1], '--db', "
        "sys.argv[2], '-q', '-j', '1']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not any(m.split('.')[0] in ('dask', 'distributed', 'pyarrow') for m in sys.modules), 'dask imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "wildfire"), str(tmp_path / "w.db")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_record_files_are_indexed_with_their_metadata(tmp_path: Path) -> None:
    import csv
    import gzip

    texts = {p.stem: p.read_bytes().decode("utf-8", "replace") for p in articles_of("forgiven") if p.suffix == ".txt"}
    lines = [
        json.dumps({"body": text, "link": f"https://example.org/{stem}", "date": "2023-08-1" + str(k), "outlet": stem})
        for k, (stem, text) in enumerate(sorted(texts.items()))
    ]
    lines.insert(1, '{"body": "broken')
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(tmp_path / "export.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["headline", "link"], ["No text here", "https://example.org/x"]])
    db = tmp_path / "news.db"
    args = ["index", str(tmp_path / "feed.jsonl.gz"), str(tmp_path / "export.csv"), "--db", str(db)]
    result = run(*args, "--field", "text=body", "--field", "url=link", "--field", "published=date")
    assert result.exit_code == 0, result.output
    skips = [line for line in result.stderr.splitlines() if line.startswith("quotediff: skipped")]
    assert len(skips) == 2 and any("feed.jsonl.gz#line 2" in s for s in skips) and any("export.csv" in s for s in skips)
    data = json.loads(run("compare", "--db", str(db), "-f", "json").stdout)
    assert len(data["articles"]) == len(texts) and data["groups"]
    first = data["articles"][0]
    assert first["url"].startswith("https://example.org/") and first["published"].startswith("2023-08-1")
    assert first["outlet"] in texts
    again = run(*args, "--field", "text=body", "--field", "url=link", "--field", "published=date")
    assert f"0 added, 0 changed, {len(texts)} unchanged" in again.stderr
