"""Record files: JSON Lines, CSV and WARC (gzipped or not), one article per record, each bad form a skip line."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotediff.errors import InputError
from quotediff.load import (
    LoadOptions,
    RecordOptions,
    decode,
    is_record_file,
    iter_articles,
    iter_records,
    load_file,
    load_paths,
)
from quotediff.model import Article, Skipped

STORY = Path(__file__).resolve().parents[2] / "fixtures" / "forgiven"
TEXTS = ["eastern-sentinel.txt", "prairie-dispatch.txt", "karachi-evening-star.txt"]
PAGES = ["dawn-ledger.html", "capital-wire.html"]
PHRASE = "all will be forgiven"


def fixture_text(name: str) -> str:
    return decode((STORY / name).read_bytes())[0]


def records() -> list[dict[str, str]]:
    """Our fixtures as a scraper would export them: text or html, and the metadata under our names."""
    rows = [{"text": fixture_text(n), "url": f"https://{n[:-4]}.example/a", "outlet": n[:-4].upper()} for n in TEXTS]
    return rows + [{"html": fixture_text(n), "url": f"https://www.{n[:-5]}.example/b"} for n in PAGES]


def paragraphs(name: str = "prairie-dispatch.txt") -> list[str]:
    """One-line texts: a fixture's longer paragraphs."""
    return [p for p in fixture_text(name).split("\n\n") if len(p) > 200 and "\n" not in p]


def split(items: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


def read(path: Path, fields: dict[str, str] | None = None, **load: int | bool) -> tuple[list[Article], list[Skipped]]:
    return split(list(iter_records(str(path), RecordOptions(fields or {}), LoadOptions(**load))))  # type: ignore[arg-type]


def jsonl(rows: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()


def csv_bytes(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def warc(pages: list[tuple[str, bytes, str, int]], *, gz: bool, date: str = "2023-08-20T10:00:00Z") -> bytes:
    """A crawl: a warcinfo record, then for each page a request and its response (URL, body, type, status)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "quotediff tests"}))
    for url, body, content_type, status in pages:
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        http = StatusAndHeaders(f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": date}
        )
        writer.write_record(record)
    return out.getvalue()


def crawl_pages() -> list[tuple[str, bytes, str, int]]:
    undated = "<html><body><article>" + "".join(
        f"<p>{p}</p>" for p in fixture_text("prairie-dispatch.txt").split("\n\n")[3:9]
    )
    return [
        ("https://dawn.example/cable", (STORY / "dawn-ledger.html").read_bytes(), "text/html; charset=utf-8", 200),
        ("https://img.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(50), "image/png", 200),
        ("https://dawn.example/old", b"<html><body>Moved</body></html>", "text/html", 301),
        ("https://prairie.example/story", (undated + "</article></body></html>").encode(), "text/html", 200),
        ("https://prairie.example/robots.txt", b"User-agent: *\nDisallow: /admin\n", "text/plain", 200),
    ]


# --- each format ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["news.jsonl", "news.ndjson", "news.jsonl.gz", "news.csv", "news.csv.gz"])
def test_each_line_or_row_is_one_article_read_as_its_file_would_be(tmp_path: Path, name: str) -> None:
    rows = records()
    data = csv_bytes(rows, ["url", "outlet", "text", "html"]) if ".csv" in name else jsonl(rows)  # type: ignore[arg-type]
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    assert is_record_file(str(path))
    articles, skipped = read(path)
    assert skipped == []
    assert len(articles) == len(TEXTS) + len(PAGES)
    for article, fixture in zip(articles, TEXTS + PAGES):
        # The text is what loading the fixture file gives: the text path for text, the HTML extractor for html.
        assert article.text == load_file(str(STORY / fixture)).text
        assert PHRASE in article.text or "forgiven" in article.text
    first_line = 2 if ".csv" in name else 1  # a CSV row is numbered by the line it starts on; line 1 is the header
    assert articles[0].path == f"{path}#line {first_line}"
    assert articles[0].id == f"news-{first_line:06d}"
    assert [a.format for a in articles] == ["text"] * 3 + ["html"] * 2
    # The record's metadata wins; a page without one keeps what the page says (og:site_name).
    assert articles[0].outlet == "EASTERN-SENTINEL" and articles[0].url == "https://eastern-sentinel.example/a"
    assert articles[3].outlet == "Dawn Ledger" and articles[3].url == "https://www.dawn-ledger.example/b"
    assert articles[3].published == load_file(str(STORY / "dawn-ledger.html")).published


@pytest.mark.parametrize("gz", [False, True])
def test_warc_each_html_response_is_one_article_with_the_record_url_and_date(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(warc(crawl_pages(), gz=gz))
    articles, skipped = read(path)
    assert skipped == []  # requests, warcinfo, an image, a redirect and robots.txt are not articles: passed over
    assert [a.url for a in articles] == ["https://dawn.example/cable", "https://prairie.example/story"]
    # Records counted from 1: warcinfo, then a request and a response per page.
    assert [a.path for a in articles] == [f"{path}#record 3", f"{path}#record 9"]
    assert [a.id for a in articles] == ["crawl-000003", "crawl-000009"]
    dawn, prairie = articles
    assert dawn.text == load_file(str(STORY / "dawn-ledger.html")).text
    assert dawn.published == "2023-08-09" and dawn.outlet == "Dawn Ledger"  # the page's own date and name
    assert prairie.published == "2023-08-20"  # no date in the page: WARC-Date
    assert prairie.outlet == "prairie.example"  # no name in the page: the host of the record's URL


def test_field_mapping_reads_other_names_in_json_and_csv(tmp_path: Path) -> None:
    body = fixture_text("eastern-sentinel.txt")
    row = {"body": body, "link": "https://es.example/x", "source": "Eastern Sentinel Daily", "date": "9 August 2023"}
    mapping = {"text": "body", "url": "link", "outlet": "source", "published": "date", "author": "meta.byline"}
    (tmp_path / "a.jsonl").write_bytes(jsonl([{**row, "meta": {"byline": ["Ann Lee", "Bo Chan"]}}]))
    # CSV headers are matched ignoring case when no column has the exact name.
    capitalised = {key.upper() if key == "link" else key.title(): value for key, value in row.items()}
    (tmp_path / "b.csv").write_bytes(csv_bytes([capitalised], ["LINK", "Body", "Source", "Date"]))
    for name in ("a.jsonl", "b.csv"):
        articles, skipped = read(tmp_path / name, mapping)
        assert skipped == []
        [article] = articles
        assert article.text == body
        # The record's metadata wins over the text's own front matter (which names another URL).
        assert (article.url, article.outlet, article.published) == (
            "https://es.example/x", "Eastern Sentinel Daily", "2023-08-09"
        )  # fmt: skip
    assert read(tmp_path / "a.jsonl", mapping)[0][0].author == "Ann Lee, Bo Chan"
    # Without the mapping the same file has no text field, and the skip line says which fields it has.
    articles, [skip] = read(tmp_path / "a.jsonl")
    assert articles == []
    assert skip.reason == (
        "no 'text' or 'html' field (fields: body, link, source, date, meta); name the text field with --field text=KEY"
    )


def test_field_mapping_is_checked() -> None:
    with pytest.raises(ValueError, match="unknown field 'body'"):
        RecordOptions({"body": "text"})
    with pytest.raises(ValueError, match="not NAME=COLUMN"):
        RecordOptions.parse(["text"])
    assert RecordOptions.parse(["Text = body", "url=link"]).fields == {"text": "body", "url": "link"}


def test_json_numbers_lists_and_epoch_dates(tmp_path: Path) -> None:
    texts = paragraphs()[:3]
    (tmp_path / "n.jsonl").write_bytes(jsonl([{"text": texts, "published": 1691625600, "title": 7}]))
    [article], _ = read(tmp_path / "n.jsonl")
    assert article.text == "\n\n".join(texts)
    assert (article.published, article.title) == ("2023-08-10", "7")


# --- bad forms ------------------------------------------------------------------------------------------------


def test_broken_lines_are_one_skip_line_each_and_the_rest_is_read(tmp_path: Path) -> None:
    good = jsonl(records()[:2]).splitlines(keepends=True)
    bad = [b'{"text": "unterminated\n', b"[1, 2]\n", b'"a string"\n', b'{"title": "no text", "id": 4}\n',
           b'{"text": ""}\n', b"\n", b'{"text": "caf\xe9 \xab quote \xbb said X"}\n',
           b"[" * 100_000 + b"\n"]  # fmt: skip
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join([good[0], *bad, good[1]]))
    articles, skipped = read(path)
    assert [a.id for a in articles] == ["mixed-000001", "mixed-000010"]  # line numbers: ids stay put
    assert [(s.path.rpartition("#")[2], s.reason) for s in skipped] == [
        ("line 2", "not valid JSON (Unterminated string starting, column 10)"),
        ("line 3", "not a JSON object but an array"),
        ("line 4", "not a JSON object but a string"),
        ("line 5", "no 'text' or 'html' field (fields: title, id); name the text field with --field text=KEY"),
        ("line 6", "empty 'text' or 'html' field"),
        ("line 8", "not UTF-8 (byte 0xe9 at byte 14); JSON Lines are UTF-8"),
        ("line 9", "JSON nested too deeply"),
    ]
    if hasattr(sys, "get_int_max_str_digits"):  # Python 3.11 (and 3.10.7): a 5,000-digit number is refused
        path.write_bytes(b'{"text": ' + b"1" * 5000 + b"}\n")
        assert read(path)[1][0].reason.startswith("not usable JSON (Exceeds the limit (4300 digits)")


def test_csv_without_the_text_column_is_one_skip_line_naming_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(records(), ["url", "outlet", "headline"]))
    articles, skipped = read(path)
    assert articles == []
    assert skipped == [
        Skipped(
            str(path),
            "no 'text' or 'html' column (columns: url, outlet, headline); name the text column with --field text=COLUMN",
        )
    ]


def test_csv_encodings_semicolons_and_a_bad_row(tmp_path: Path) -> None:
    text = "Le ministre a dit : « tout sera pardonné » devant la presse."  # our own sentence
    cp1252 = tmp_path / "excel.csv"
    cp1252.write_bytes(f"text;outlet\n\"{text}\";Le Relais\n".encode("cp1252"))
    [article], skipped = read(cp1252)
    assert (article.text, article.outlet, article.encoding, skipped) == (text, "Le Relais", "cp1252", [])
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        "text\n".encode() + f"\"{text}\"\n".encode() + f"\"{text}\"\n".encode("cp1252") + b'"Second, multi\nline"\n'
    )
    articles, skipped = read(mixed)
    assert [a.path.rpartition("#")[2] for a in articles] == ["line 2", "line 4"]
    assert articles[1].text == "Second, multi\nline"
    assert [(s.path.rpartition("#")[2], s.reason) for s in skipped] == [
        ("line 3", "not UTF-8 like the rest of the file (byte 0xab)")
    ]


@pytest.mark.parametrize("name", ["news.jsonl.gz", "news.csv.gz"])
def test_truncated_gzip_keeps_the_records_before_and_says_where_it_broke(tmp_path: Path, name: str) -> None:
    rows = records() * 40
    data = csv_bytes(rows, ["url", "outlet", "text", "html"]) if ".csv" in name else jsonl(rows)  # type: ignore[arg-type]
    packed = gzip.compress(data)
    path = tmp_path / name
    path.write_bytes(packed[: len(packed) * 2 // 3])
    articles, [skip] = read(path)
    assert 0 < len(articles) < len(rows)
    number = int(skip.path.rpartition("#line ")[2])
    assert articles[-1].path.endswith(f"#line {number - 1}") or ".csv" in name
    assert skip.reason.startswith("gzip data ends early (truncated file?); the ")
    assert skip.reason.endswith(" before it read, nothing after")


@pytest.mark.parametrize(("name", "cut"), [("crawl.warc.gz", 0.6), ("crawl.warc", 0.6), ("crawl.warc", 0.995)])
def test_truncated_warc_keeps_the_records_before_and_says_where_it_broke(tmp_path: Path, name: str, cut: float) -> None:
    pages = crawl_pages() * 3  # six articles
    data = warc(pages, gz=name.endswith(".gz"))
    path = tmp_path / name
    path.write_bytes(data[: int(len(data) * cut)])
    articles, [skip] = read(path)
    assert 0 < len(articles) <= 6  # 0.995: only the last record (robots.txt) is cut
    broke_at = int(skip.path.rpartition("#record ")[2])
    assert all(int(a.path.rpartition("#record ")[2]) < broke_at for a in articles)
    assert skip.reason.endswith(f"the {broke_at - 1} records before it read, nothing after")


def test_a_wrong_content_length_is_one_skip_line_and_nothing_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "crawl.warc"
    data = warc(crawl_pages(), gz=False)
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response")) + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    path.write_bytes(data[: end - 1] + data[end:])  # the first response claims a tenth of its size
    articles, [skip] = read(path)
    assert articles == []
    assert skip == Skipped(
        f"{path}#record 3", "wrong Content-Length (damaged file?); the 2 records before it read, nothing after"
    )
    assert capfd.readouterr().err == ""  # warcio's own warning is not printed


def test_not_a_warc_file_and_warcio_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notes.warc"
    path.write_text(fixture_text("prairie-dispatch.txt"), encoding="utf-8")
    [], [skip] = read(path)
    assert skip.path == f"{path}#record 1" and skip.reason.startswith("not a WARC record (Invalid WARC record")
    real = tmp_path / "crawl.warc"
    real.write_bytes(warc(crawl_pages(), gz=False))
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)  # as if warcio were not installed
    assert read(real) == ([], [Skipped(str(real), "reading WARC files needs the warcio package: pip install warcio")])


def test_record_text_over_max_bytes_and_strict(tmp_path: Path) -> None:
    short = paragraphs()
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl([{"text": short[0]}, {"text": " ".join(short * 8)}, {"text": short[1]}]))
    articles, [skip] = read(path, max_bytes=2000)
    assert skip == Skipped(f"{path}#line 2", "text larger than --max-bytes (1.95 kB)")
    assert len(articles) == 2
    with pytest.raises(InputError, match=r"news.jsonl#line 2: text larger than --max-bytes \(1.95 kB\) \(--strict\)"):
        read(path, max_bytes=2000, strict=True)


def test_quotediff_reports_are_refused_not_read_as_articles(tmp_path: Path) -> None:
    from quotediff.compare import compare
    from quotediff.report import render_json

    report = render_json(compare(load_paths([str(STORY)]).articles))
    assert '"tool": "quotediff"' in report
    (tmp_path / "report.json").write_text(report, encoding="utf-8")  # named on its own, as compare -f json wrote it
    (tmp_path / "report.jsonl").write_text(report, encoding="utf-8")  # pretty JSON under a JSON Lines name
    (tmp_path / "lines.jsonl").write_bytes(jsonl([json.loads(report), records()[0]]))  # one line of it
    result = load_paths([str(tmp_path / n) for n in ("report.json", "report.jsonl", "lines.jsonl")])
    assert [a.path for a in result.articles] == [f"{tmp_path / 'lines.jsonl'}#line 2"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        (str(tmp_path / "lines.jsonl#line 1"), "a quotediff report, not an article"),
        (str(tmp_path / "report.json"), "a quotediff report, not an article"),
        (str(tmp_path / "report.jsonl"), "a quotediff report, not an article"),
    ]
    other = tmp_path / "data.json"
    other.write_text(json.dumps({"text": "He said “yes” to them."}), encoding="utf-8")
    assert load_paths([str(other), str(STORY / TEXTS[0])]).skipped[0].reason.startswith("a JSON file, not an article")


# --- the whole run --------------------------------------------------------------------------------------------


def test_iter_articles_walks_folders_in_order_with_ids_unique_and_stable(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    rows = [{"text": text, "url": f"https://x.example/{n}"} for n, text in enumerate(paragraphs()[:2])]
    (tmp_path / "b" / "news.jsonl").write_bytes(jsonl(rows))  # type: ignore[arg-type]
    (tmp_path / "b" / "news.csv.gz").write_bytes(gzip.compress(csv_bytes(rows, ["text", "url"])))
    (tmp_path / "a.txt").write_text(fixture_text(TEXTS[0]), encoding="utf-8")
    (tmp_path / "news-000001.txt").write_text(fixture_text(TEXTS[1]), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not an input suffix: not looked at
    first = list(iter_articles([str(tmp_path)], LoadOptions()))
    assert [(a.id, a.path.removeprefix(str(tmp_path))) for a in first] == [  # type: ignore[union-attr]
        ("a", "/a.txt"),
        ("news-000002", "/b/news.csv.gz#line 2"),
        ("news-000003", "/b/news.csv.gz#line 3"),
        ("news-000001", "/b/news.jsonl#line 1"),
        ("news-000002-2", "/b/news.jsonl#line 2"),
        ("news-000001-2", "/news-000001.txt"),
    ]
    assert list(iter_articles([str(tmp_path / "b"), str(tmp_path)], LoadOptions())) == first
    assert load_paths([str(tmp_path)]).articles == tuple(first)


def test_skip_lines_sort_by_record_number(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl(records()[:1]) + b"{\n" * 10)
    result = load_paths([str(path)])
    assert [s.path.rpartition("#")[2] for s in result.skipped] == [f"line {n}" for n in range(2, 12)]


def test_a_large_file_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    texts = paragraphs()
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(50_000):
            row = {"text": texts[n % len(texts)], "outlet": f"Outlet {n % 97}", "published": "2023-08-10"}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    size = path.stat().st_size
    assert size > 15_000_000
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Article) for item in iter_articles([str(path)], LoadOptions()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000
    assert peak < 4_000_000, f"peak {peak} bytes for a {size}-byte file"  # a few records at a time, not the file
