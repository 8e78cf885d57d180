"""Loading articles: formats, metadata, decoding, ids, ordering, and the real fixtures."""

from __future__ import annotations

import html
import io
import json
import os
import re
from pathlib import Path

import pytest

from quotediff.errors import InputError, NoArticlesError
from quotediff.load import (
    DEFAULT_MAX_BYTES,
    LoadOptions,
    decode,
    format_size,
    load_bytes,
    load_file,
    load_paths,
    normalise_date,
    parse_size,
    slugify,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Cable shows US pressure | Karachi Evening Star</title>
<meta property="og:site_name" content="Karachi Evening Star">
<meta property="og:title" content="Cable shows US pressure on Khan">
<link rel="canonical" href="https://www.kes.example/news/cable">
<meta name="author" content="Ayesha Rahman">
<meta property="article:published_time" content="2023-08-10T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World “navigation”</a></nav>
<article>
<h1>Cable shows US pressure on Khan</h1>
<p>ISLAMABAD — A U.S. diplomat, Donald Lu, is alleged to have told the ambassador that “all will be forgiven”
if the vote succeeded, according to the cable.</p>
<p>Lu reportedly said <q>the prime minister must go</q> and that things would be hard for Pakistan.</p>
<blockquote>
<p>I think if the no-confidence vote against the Prime Minister succeeds, all will be forgiven.</p>
<p>Otherwise, I think it will be tough going ahead.</p></blockquote>
<p>The State Department said it “does not comment on diplomatic communications” of any kind.</p>
<p>Pakistan adopted an “aggressively neutral position” on Ukraine, officials said. This was the week that
the government faced the vote in parliament and all the papers reported it at length.</p>
<aside class="related"><h3>Related</h3>
<ul><li><a href="/x">Other story about “something else”</a></li></ul></aside>
</article>
<footer>© 2023 Karachi Evening Star. All rights reserved. <a href="/privacy">Privacy “policy”</a></footer>
</body></html>
"""


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- HTML ---------------------------------------------------------------------------------------------------


def test_html_keeps_article_paragraphs_and_drops_navigation_footer_and_related(tmp_path: Path) -> None:
    article = load_file(str(write(tmp_path / "kes.html", PAGE)))
    assert article.format == "html"
    assert "“all will be forgiven”" in article.text
    assert "“aggressively neutral position”" in article.text
    for boilerplate in ("navigation", "All rights reserved", "Related", "something else", "policy"):
        assert boilerplate not in article.text
    assert "\n\n" in article.text and "\n\n\n" not in article.text


def test_html_metadata(tmp_path: Path) -> None:
    article = load_file(str(write(tmp_path / "kes.html", PAGE)))
    assert article.outlet == "Karachi Evening Star"
    assert article.title == "Cable shows US pressure on Khan"
    assert article.url == "https://www.kes.example/news/cable"
    assert article.published == "2023-08-10"
    assert article.author == "Ayesha Rahman"
    assert article.id == "kes"


def test_html_q_element_becomes_curly_quotes(tmp_path: Path) -> None:
    article = load_file(str(write(tmp_path / "kes.html", PAGE)))
    assert "said “the prime minister must go” and" in article.text


def test_nested_q_elements_alternate_marks() -> None:
    page = "<html><body><p>He said <q>they told me <q>never</q> twice</q> yesterday.</p></body></html>"
    article = load_bytes(page.encode(), "nested.html")
    assert "He said “they told me ‘never’ twice” yesterday." in article.text


def test_blockquote_spans_are_one_per_paragraph(tmp_path: Path) -> None:
    article = load_file(str(write(tmp_path / "kes.html", PAGE)))
    quoted = [article.text[start:end] for start, end in article.blockquotes]
    assert quoted == [
        "I think if the no-confidence vote against the Prime Minister succeeds, all will be forgiven.",
        "Otherwise, I think it will be tough going ahead.",
    ]


def test_outlet_falls_back_to_the_canonical_domain_then_the_file_stem() -> None:
    body = "<body><article><p>The minister said “we will not resign” on Monday evening.</p></article></body>"
    with_url = f'<html><head><link rel="canonical" href="https://www.dawn-ledger.example/a/1"></head>{body}</html>'
    assert load_bytes(with_url.encode(), "x/page.html").outlet == "dawn-ledger.example"
    assert load_bytes(f"<html>{body}</html>".encode(), "x/karachi-star.html").outlet == "karachi-star"


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Он сказал: «нет».</p></body></html>'
    article = load_bytes(page.encode("cp1251"), "ru.html")
    assert article.encoding == "cp1251"
    assert "Он сказал: «нет»." in article.text


def test_html_declaring_latin1_but_containing_cp1252_quotes() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>She said \x93yes\x94.</p></body></html>'
    article = load_bytes(page.encode("latin-1"), "legacy.html")
    assert "She said “yes”." in article.text
    assert article.encoding == "cp1252"


def test_utf8_page_with_a_wrong_charset_declaration_still_decodes_as_utf8() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>“all will be forgiven”</p></body></html>'
    article = load_bytes(page.encode("utf-8"), "wrong.html")
    assert "“all will be forgiven”" in article.text
    assert article.encoding == "utf-8"


def test_xml_declaration_with_encoding_does_not_break_parsing() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>He said “fine” and left.</p></body></html>'
    assert "He said “fine” and left." in load_bytes(page.encode(), "x.html").text


# --- text and Markdown --------------------------------------------------------------------------------------


FRONT = """---
outlet: "Westcoast Wire"
title: 'Actors strike'
url: https://westcoastwire.example/a
date: July 13, 2023
author: Maria Delgado
ignored: value
---

# Actors strike

"We are the victims here," Drescher said.
"""


def test_markdown_front_matter(tmp_path: Path) -> None:
    article = load_file(str(write(tmp_path / "westcoast-wire.md", FRONT)))
    assert (article.format, article.outlet, article.title) == ("markdown", "Westcoast Wire", "Actors strike")
    assert article.url == "https://westcoastwire.example/a"
    assert article.published == "2023-07-13"
    assert article.author == "Maria Delgado"
    assert article.text == FRONT  # the whole file: offsets index the file
    assert article.text[article.body_start :].startswith("\n# Actors strike")


def test_front_matter_keys_source_and_site_name_the_outlet() -> None:
    for key in ("source", "site"):
        article = load_bytes(f"---\n{key}: Dawn Ledger\n---\nbody text here\n".encode(), "x.txt")
        assert article.outlet == "Dawn Ledger"


def test_unclosed_front_matter_is_body_text() -> None:
    text = "---\noutlet: X\n\nno closing line, so this is just text\n"
    article = load_bytes(text.encode(), "plain.md")
    assert (article.outlet, article.body_start) == ("plain", 0)


def test_plain_text_title_byline_date_and_outlet_from_the_head() -> None:
    text = (
        "Debt talks stall\n\nBy Tom Okafor, Prairie Wire\nMay 19, 2023\n\n"
        'WASHINGTON (Prairie Wire) - "We are pausing," he said.\n'
    )
    article = load_bytes(text.encode(), "news/prairie-wire.txt")
    assert article.format == "text"
    assert article.title == "Debt talks stall"
    assert article.author == "Tom Okafor"
    assert article.published == "2023-05-19"
    assert article.outlet == "Prairie Wire"
    assert article.body_start == 0 and article.text == text


def test_plain_text_outlet_is_the_file_stem_when_nothing_names_it() -> None:
    text = "Headline\n\nBy Jo Bloggs, Some Other Paper\n\nHe said \u201chello\u201d.\n"
    article = load_bytes(text.encode(), "karachi-evening-star.txt")
    assert article.outlet == "karachi-evening-star"
    assert article.author == "Jo Bloggs"


def test_a_long_first_line_is_not_a_title() -> None:
    article = load_bytes(("word " * 100).encode(), "long.txt")
    assert article.title is None


def test_crlf_text_is_kept_exactly_as_decoded() -> None:
    data = b'---\r\noutlet: Wire\r\n---\r\nTitle line\r\n\r\nHe said "yes".\r\n'
    article = load_bytes(data, "crlf.md")
    assert article.text == data.decode()
    assert article.outlet == "Wire" and article.title == "Title line"
    assert article.text[article.body_start :].startswith("Title line")


# --- decoding -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("“ok”".encode(), "“ok”", "utf-8"),
        (b"\xef\xbb\xbf\xe2\x80\x9cok\xe2\x80\x9d", "“ok”", "utf-8-sig"),
        ("\ufeff“ok”".encode("utf-16-le"), "“ok”", "utf-16-le"),
        ("\ufeff“ok”".encode("utf-16-be"), "“ok”", "utf-16-be"),
        ("\ufeff“ok”".encode("utf-32-le"), "“ok”", "utf-32-le"),
        ("\ufeff“ok”".encode("utf-32-be"), "“ok”", "utf-32-be"),
        (b"\x93ok\x94 caf\xe9", "“ok” café", "cp1252"),
        (b"\x93caf\xe9\x94 \x81", "“café” \x81", "cp1252"),  # 0x81 is undefined in cp1252: kept as U+0081
        ("He said “no” twice".encode("utf-16-le"), "He said “no” twice", "utf-16-le"),  # no BOM
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


def test_decode_ignores_declarations_that_are_not_charsets() -> None:
    for declared in ("utf-7", "unicode_escape", "base64", "rot13", "no-such-charset", "utf-16"):
        assert decode(b"caf\xe9 +ADw-", declared=declared) == ("café +ADw-", "cp1252")


# --- paths, ids, order --------------------------------------------------------------------------------------


def test_folder_is_searched_recursively_in_sorted_order_with_hidden_and_other_files_ignored(
    tmp_path: Path,
) -> None:
    write(tmp_path / "b.txt", "Bee said \u201chi\u201d.")
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / "sub" / "c.md", "# C\n\ntext")
    write(tmp_path / "sub" / "d.MARKDOWN", "# D\n\ntext")
    write(tmp_path / "notes.json", "{}")
    write(tmp_path / ".hidden.txt", "hidden text")
    write(tmp_path / ".git" / "x.txt", "hidden folder")
    result = load_paths([str(tmp_path)])
    assert [a.id for a in result.articles] == ["a", "b", "c", "d"]
    assert result.skipped == ()


def test_result_does_not_depend_on_argument_order(tmp_path: Path) -> None:
    paths = [str(write(tmp_path / name, f"{name} said \u201cyes\u201d.")) for name in ("z.txt", "m.txt", "a.txt")]
    assert load_paths(paths) == load_paths(list(reversed(paths)))


def test_ids_are_slugs_made_unique_in_sorted_path_order(tmp_path: Path) -> None:
    write(tmp_path / "one" / "Dawn Ledger.txt", "first")
    write(tmp_path / "two" / "dawn_ledger.md", "second")
    write(tmp_path / "three" / "Dawn-Ledger.html", PAGE)
    write(tmp_path / "dawn-ledger-2.txt", "a real name that looks like a suffix")
    result = load_paths([str(tmp_path)])
    ids = {os.path.relpath(a.path, tmp_path): a.id for a in result.articles}
    assert ids == {
        "dawn-ledger-2.txt": "dawn-ledger-2",
        os.path.join("one", "Dawn Ledger.txt"): "dawn-ledger",
        os.path.join("three", "Dawn-Ledger.html"): "dawn-ledger-3",
        os.path.join("two", "dawn_ledger.md"): "dawn-ledger-4",
    }


def test_same_file_named_twice_or_through_a_symlink_is_loaded_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "He said \u201cyes\u201d.")
    (tmp_path / "link.txt").symlink_to(path)
    result = load_paths([str(path), str(tmp_path), str(path)])
    assert [a.id for a in result.articles] == ["a"]


def test_explicit_file_with_an_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = write(tmp_path / "saved.php", PAGE)
    text = write(tmp_path / "notes.log", "He said \u201cyes\u201d.")
    result = load_paths([str(page), str(text)])
    assert [(a.id, a.format) for a in result.articles] == [("notes", "text"), ("saved", "html")]


def test_a_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    article = load_file(str(write(tmp_path / "saved.txt", "\n  " + PAGE)))
    assert (article.format, article.outlet) == ("html", "Karachi Evening Star")
    assert "<p>" not in article.text and "“all will be forgiven”" in article.text


def test_stdin_is_sniffed_and_gets_the_id_stdin() -> None:
    html = load_paths(["-"], stdin=io.BytesIO(PAGE.encode()))
    assert [(a.id, a.path, a.format, a.outlet) for a in html.articles] == [
        ("stdin", "-", "html", "Karachi Evening Star")
    ]
    text = load_paths(["-"], stdin=io.BytesIO(b'He said "yes".\n'))
    assert [(a.id, a.format, a.outlet) for a in text.articles] == [("stdin", "text", "stdin")]
    markdown = load_paths(["-"], stdin=io.BytesIO(FRONT.encode()))
    assert [(a.format, a.outlet) for a in markdown.articles] == [("markdown", "Westcoast Wire")]


def test_empty_folder_names_the_folder_and_the_supported_extensions(tmp_path: Path) -> None:
    write(tmp_path / "data.xml", "<a>b</a>")  # a suffix no loader reads: not even looked at in a folder
    with pytest.raises(NoArticlesError, match=re.escape(f"no articles found in {tmp_path}: no .html, .htm")) as info:
        load_paths([str(tmp_path)])
    assert ".jsonl, .ndjson, .csv, .warc files" in str(info.value)


def test_strict_raises_on_the_first_skipped_file(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "He said \u201cyes\u201d.")
    empty = write(tmp_path / "empty.txt", b"")
    assert [s.reason for s in load_paths([str(good), str(empty)]).skipped] == ["empty file"]
    with pytest.raises(InputError, match=re.escape(f"{empty}: empty file")):
        load_paths([str(good), str(empty)], LoadOptions(strict=True))


# --- small helpers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-08-10", "2023-08-10"),
        ("2023-08-10T09:00:00+05:00", "2023-08-10"),
        ("2023/8/9", "2023-08-09"),
        ("10 August 2023", "2023-08-10"),
        ("Friday 14 July 2023", "2023-07-14"),
        ("Aug. 10, 2023", "2023-08-10"),
        ("September 3rd, 2023", "2023-09-03"),
        ("10/08/2023", None),  # day and month order unknown
        ("2023-02-30", None),
        ("yesterday", None),
    ],
)
def test_normalise_date(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_slugify() -> None:
    assert slugify("Dawn Ledger (2)") == "dawn-ledger-2"
    assert slugify("Ciné_Semaine") == "cine-semaine"
    assert slugify("«»") == "article"


def test_sizes() -> None:
    assert format_size(DEFAULT_MAX_BYTES) == "20 MB"
    assert format_size(512) == "512 bytes"
    assert parse_size("20MB") == parse_size("20 mb") == parse_size("20MiB") == DEFAULT_MAX_BYTES == 20 * 1024**2
    assert parse_size("1.5GB") == 1536 * 1024**2
    assert parse_size("500k") == parse_size("500kB") == 500 * 1024
    assert format_size(1536) == "1.5 kB"
    assert parse_size("123") == 123
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")


# --- the real fixtures --------------------------------------------------------------------------------------


def _fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.suffix in {".html", ".htm", ".txt", ".md"} and p.is_file())


@pytest.mark.parametrize("path", _fixture_files() or [None], ids=lambda p: p.name if p else "none")
def test_fixture_metadata(path: Path | None) -> None:
    if path is None:
        pytest.skip("no fixture articles yet")
    raw = path.read_bytes().decode("utf-8", "replace")
    article = load_file(str(path))
    assert article.text.strip() and article.title
    assert article.outlet and article.outlet != path.stem or not re.search(r"og:site_name|^outlet:", raw, re.M)
    if article.format == "html":
        declared = re.search(r'property="og:site_name"\s+content="([^"]+)"', raw)
        if declared:
            assert article.outlet == html.unescape(declared.group(1))
        canonical = re.search(r'rel="canonical"\s+href="([^"]+)"', raw)
        if canonical:
            assert article.url == html.unescape(canonical.group(1))
        published = re.search(r'"article:published_time"\s+content="(\d{4}-\d\d-\d\d)', raw)
        if published:
            assert article.published == published.group(1)
    else:
        assert article.text == path.read_bytes().decode(article.encoding).lstrip("\ufeff")
        for key in ("outlet", "title", "url"):
            match = re.search(rf"\A---.*?^{key}:\s*[\"']?(.+?)[\"']?\s*$", raw, re.M | re.S)
            if match:
                assert getattr(article, key) == match.group(1)


@pytest.mark.parametrize("story", sorted(p.parent for p in FIXTURES.glob("*/annotations.json")) or [None])
def test_every_annotated_quote_is_in_the_loaded_text(story: Path | None) -> None:
    if story is None:
        pytest.skip("no annotated fixtures yet")
    annotations = json.loads((story / "annotations.json").read_text(encoding="utf-8"))
    articles = {os.path.basename(a.path): a for a in load_paths([str(story)]).articles}
    missing = [
        (q["article"], q["text"])
        for q in annotations["quotes"]
        if q["article"] not in articles or q["text"] not in articles[q["article"]].text
    ]
    assert missing == []
