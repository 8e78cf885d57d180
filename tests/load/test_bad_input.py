"""The bad-input matrix for the loader (issue 6): each hostile input is skipped with a reason naming the file,
or loads correctly; it never raises anything but InputError and never stops the good files in the same run.

Every case loads the bad input next to a good article and checks that the good one still comes through, and
that no input file was written to (bytes and mtimes unchanged).
"""

from __future__ import annotations

import base64
import gzip
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfmaker import make_pdf

from quotediff.errors import InputError, NoArticlesError
from quotediff.load import MB, LoadOptions, LoadResult, decode, load_bytes, load_paths
from quotediff.load.decode import declared_charset
from quotediff.model import Article

GOOD_TEXT = "Good article\n\nThe minister said \u201cwe will not resign\u201d on Monday.\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good" / "good.txt"
    path.parent.mkdir()
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    files: dict[str, tuple[bytes, int]] = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if os.path.isfile(path) and not os.path.islink(path) and info.st_mode & 0o400 and info.st_size < 1e6:
                with open(path, "rb") as handle:
                    files[path] = (handle.read(), info.st_mtime_ns)
    return files


def load(paths: list[Path | str], root: Path, options: LoadOptions | None = None) -> LoadResult:
    """load_paths, checking that nothing under ``root`` was modified."""
    before = _snapshot(root)
    result = load_paths([str(p) for p in paths], options or LoadOptions())
    assert _snapshot(root) == before
    return result


def good_loaded(result: LoadResult) -> Article:
    [article] = [a for a in result.articles if a.id == "good"]
    assert article.text == GOOD_TEXT
    return article


def reasons(result: LoadResult) -> dict[str, str]:
    return {os.path.basename(s.path): s.reason for s in result.skipped}


# --- missing, unreadable, not a file ------------------------------------------------------------------------


def test_missing_path(tmp_path: Path, good: Path) -> None:
    result = load([tmp_path / "nope.html", good], tmp_path)
    good_loaded(result)
    assert reasons(result) == {"nope.html": "no such file or directory"}


def test_unreadable_file(tmp_path: Path, good: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading (see the FIFO case)")
    bad = tmp_path / "locked.txt"
    bad.write_text("secret")
    bad.chmod(0)
    try:
        result = load([bad, good], tmp_path)
    finally:
        bad.chmod(0o600)
    good_loaded(result)
    assert reasons(result) == {"locked.txt": "permission denied"}


def test_fifo_is_not_read(tmp_path: Path, good: Path) -> None:
    """A named pipe would block forever on read: it is skipped, named or found in a folder."""
    fifo = good.parent / "pipe.txt"
    os.mkfifo(fifo)
    result = load([good.parent], tmp_path)
    good_loaded(result)
    assert reasons(result) == {"pipe.txt": "not a regular file"}
    assert reasons(load([fifo, good], tmp_path)) == {"pipe.txt": "not a regular file"}


def test_unreadable_folder(tmp_path: Path, good: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from listing a folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = load([locked, good], tmp_path)
    finally:
        locked.chmod(0o700)
    good_loaded(result)
    assert reasons(result) == {"locked": "permission denied"}


def test_directory_loop_via_symlinks(tmp_path: Path, good: Path) -> None:
    (good.parent / "sub").mkdir()
    (good.parent / "sub" / "up").symlink_to(good.parent)
    (good.parent / "self").symlink_to(".")
    result = load([good.parent], tmp_path)
    assert [a.id for a in result.articles] == ["good"]
    good_loaded(result)
    assert set(reasons(result)) == {"up", "self"}
    assert all("directory loop" in reason for reason in reasons(result).values())


def test_symlink_loop_and_broken_symlink(tmp_path: Path, good: Path) -> None:
    (good.parent / "a.txt").symlink_to(good.parent / "b.txt")
    (good.parent / "b.txt").symlink_to(good.parent / "a.txt")
    (good.parent / "gone.html").symlink_to(tmp_path / "nowhere.html")
    result = load([good.parent], tmp_path)
    good_loaded(result)
    assert reasons(result) == {
        "a.txt": "symbolic link loop",
        "b.txt": "symbolic link loop",
        "gone.html": "broken symbolic link",
    }


# --- empty, binary ------------------------------------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\t\r\n   \n", "only whitespace"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "only whitespace"),
        ("scan.pdf", make_pdf([None]), "no text layer (scanned PDF?)"),
        ("photo.html", PNG, "binary file (PNG)"),
        ("page.html", gzip.compress(b"<html><body><p>compressed</p></body></html>"), "binary file (gzip)"),
        ("dump.txt", bytes(range(256)) * 40, "binary file (NUL bytes)"),
        ("noise.txt", bytes(range(1, 32)) * 100, "binary file (control characters)"),
    ],
)
def test_unusable_content_is_skipped_with_a_reason(
    tmp_path: Path, good: Path, name: str, data: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    result = load([bad, good], tmp_path)
    good_loaded(result)
    assert result.skipped[0].path == str(bad)
    assert reasons(result) == {name: reason}


def test_folder_of_junk_raises_one_message_naming_what_was_skipped(tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.png.html").write_bytes(PNG)
    (junk / "b.txt").write_bytes(b"")
    (junk / "c.md").write_bytes(b"   ")
    (junk / "d.htm").write_bytes(b"%PDF-1.4")
    with pytest.raises(NoArticlesError) as raised:
        load([junk], tmp_path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"no articles found in {junk}: 4 files skipped: ")
    assert f"{junk / 'a.png.html'} (binary file (PNG))" in message
    assert f"{junk / 'b.txt'} (empty file)" in message
    assert message.endswith(" and 1 more")


def test_nul_bytes(tmp_path: Path, good: Path) -> None:
    """Many NULs: binary. A stray NUL in real text (crawler padding): loaded, NUL -> U+FFFD, offsets kept."""
    many = tmp_path / "nuls.txt"
    many.write_bytes(b'He said \x00\x00\x00\x00 \x00\x00\x00 \x00\x00\x00"hi"\x00\x00\x00\x00')
    stray = tmp_path / "stray.txt"
    stray_text = "He said \u201cyes\u201d" + "\x00" + " and left. " * 20
    stray.write_bytes(stray_text.encode())
    result = load([many, stray, good], tmp_path)
    good_loaded(result)
    assert reasons(result) == {"nuls.txt": "binary file (NUL bytes)"}
    [article] = [a for a in result.articles if a.id == "stray"]
    assert article.text == stray_text.replace("\x00", "\ufffd")
    html = load_bytes(b"<html><body><p>He said \xe2\x80\x9cyes\xe2\x80\x9d\x00 today.</p>" + b" " * 2000, "n.html")
    assert "He said \u201cyes\u201d\ufffd today." in html.text


# --- encodings and line endings -----------------------------------------------------------------------------


def test_invalid_utf8_falls_back_without_failing(tmp_path: Path, good: Path) -> None:
    cp1252 = tmp_path / "cp.txt"
    cp1252.write_bytes(b"caf\xe9 \x93quoted\x94 \xe2\x80")  # a cut-off UTF-8 sequence at the end
    latin1 = tmp_path / "latin.txt"
    latin1.write_bytes(b"na\xefve \x81 text, of some length, as articles are")  # 0x81 is undefined in cp1252
    result = load([cp1252, latin1, good], tmp_path)
    good_loaded(result)
    by_id = {a.id: a for a in result.articles}
    assert (by_id["cp"].text, by_id["cp"].encoding) == ("café “quoted” â€", "cp1252")
    assert (by_id["latin"].text, by_id["latin"].encoding) == (
        "naïve \x81 text, of some length, as articles are",
        "cp1252",
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8-sig"])
def test_unicode_with_bom(tmp_path: Path, good: Path, codec: str) -> None:
    text = "Title\r\n\r\nThe minister said \u201cno\u201d and \u00abnon\u00bb.\r\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}.get(codec, b"")
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + text.encode(codec))
    result = load([path, good], tmp_path)
    good_loaded(result)
    [article] = [a for a in result.articles if a.id == "wide"]
    assert (article.text, article.encoding, article.title) == (text, codec, "Title")


def test_utf16_html_with_bom(tmp_path: Path) -> None:
    page = "<html><body><p>She said \u201call will be forgiven\u201d to him.</p></body></html>"
    path = tmp_path / "wide.html"
    path.write_bytes(b"\xff\xfe" + page.encode("utf-16-le"))
    assert "She said \u201call will be forgiven\u201d to him." in load([path], tmp_path).articles[0].text


def test_cp1252_smart_quotes(tmp_path: Path, good: Path) -> None:
    text_file = tmp_path / "smart.txt"
    text_file.write_bytes(b"He said \x93all will be forgiven\x94 \x96 and \x91so\x92 on\x85")
    page = tmp_path / "smart.html"
    page.write_bytes(b"<html><body><p>He said \x93all will be forgiven\x94 \x96 twice.</p></body></html>")
    result = load([text_file, page, good], tmp_path)
    good_loaded(result)
    by_id = {a.id: a for a in result.articles}
    assert "He said “all will be forgiven” – twice." in by_id["smart"].text  # smart.html sorts first
    assert by_id["smart-2"].text == "He said “all will be forgiven” – and ‘so’ on…"


def test_mixed_line_endings_are_kept_so_offsets_index_the_file(tmp_path: Path, good: Path) -> None:
    data = b'Title\r\n\r\nOne "quote" here.\nTwo\r\n\r\nThree "more".\rFour\n'
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    result = load([path, good], tmp_path)
    good_loaded(result)
    [article] = [a for a in result.articles if a.id == "mixed"]
    assert article.text == data.decode()
    start = article.text.index('"more"') + 1
    assert article.text[start : start + 4] == data.decode()[start : start + 4] == "more"
    assert article.title == "Title"


# --- HTML ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Only a title</title></head></html>",
        b"<html><head><title>T</title></head><body></body></html>",
        b"<html><body><script>var s = '\xe2\x80\x9cnot text\xe2\x80\x9d';</script><!-- c --></body></html>",
        b"<!DOCTYPE html>",
        b"<",
    ],
)
def test_html_with_no_body_text(tmp_path: Path, good: Path, page: bytes) -> None:
    bad = tmp_path / "nobody.html"
    bad.write_bytes(page)
    result = load([bad, good], tmp_path)
    good_loaded(result)
    assert reasons(result) == {"nobody.html": "no article text"}


@pytest.mark.parametrize("tag", ["div", "blockquote", "span", "q", "ul><li", "table><tr><td", "p"])
def test_deeply_nested_html(tmp_path: Path, good: Path, tag: str) -> None:
    """10,000 levels: past lxml's depth limit, so the streaming fallback must recover the text."""
    close = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    page = (
        "<html><body>" + f"<{tag}>" * 10_000
        + "<p>Deep down, the minister said \u201cwe will not resign\u201d.</p>"
        + close * 10_000 + "</body></html>"
    )  # fmt: skip
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    result = load([path, good], tmp_path)
    good_loaded(result)
    [article] = [a for a in result.articles if a.id == "deep"]
    assert "the minister said \u201cwe will not resign\u201d." in article.text
    assert "<" not in article.text


def test_quotes_in_attributes_comments_scripts_never_become_text(tmp_path: Path, good: Path) -> None:
    body = """
<p title="\u201cattribute quote\u201d" data-x='"single attr"'>The minister said \u201cwe will not resign\u201d
on Monday evening in the capital, according to several people in the room at the time.</p>
<!-- \u201ccomment quote\u201d -->
<img alt="\u201calt quote\u201d" src="x.png">
<script>document.write("\u201cscript quote\u201d")</script>
<style>p::before { content: "\u201cstyle quote\u201d"; }</style>
<noscript>\u201cnoscript quote\u201d</noscript>
<template><p>\u201ctemplate quote\u201d</p></template>
<p>Officials later said the statement was \u201cclear\u201d and that nothing would change in the weeks
ahead.</p>
"""
    normal = "<html><body><article>" + body + "</article></body></html>"
    deep = "<html><body>" + "<div>" * 3000 + body + "</div>" * 3000 + "</body></html>"  # the fallback path
    for name, page in (("attrs", normal), ("attrs-deep", deep)):
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        result = load([path, good], tmp_path)
        good_loaded(result)
        [article] = [a for a in result.articles if a.id == name]
        assert "\u201cwe will not resign\u201d" in article.text
        assert "\u201cclear\u201d" in article.text
        for hidden in (
            "attribute",
            "single attr",
            "comment",
            "alt quote",
            "script",
            "style",
            "noscript",
            "template",
        ):
            assert hidden not in article.text, (name, hidden)


# --- size and memory ----------------------------------------------------------------------------------------


def _text_of_size(size: int) -> Iterator[bytes]:
    paragraph = b'The minister said "we will not resign" and the crowd cheered, reporters said.\n\n'
    written = 0
    while written < size:
        chunk = paragraph * 10_000
        yield chunk[: size - written]
        written += len(chunk)


def test_50_mb_text_file(tmp_path: Path, good: Path) -> None:
    big = tmp_path / "dump.txt"
    with open(big, "wb") as handle:
        for chunk in _text_of_size(50 * MB):
            handle.write(chunk)
    result = load([big, good], tmp_path)
    good_loaded(result)
    assert reasons(result) == {"dump.txt": "50 MB, larger than --max-bytes (20 MB)"}
    raised = load([big, good], tmp_path, LoadOptions(max_bytes=60 * MB))
    assert [a.id for a in raised.articles] == ["dump", "good"] and raised.skipped == ()
    assert len(raised.articles[0].text) == 50 * MB


def test_oversized_file_is_skipped_before_it_is_read(tmp_path: Path) -> None:
    """A sparse file reads as NUL bytes: had it been read, the reason would be "binary", not its size."""
    sparse = tmp_path / "sparse.txt"
    with open(sparse, "wb") as handle:
        handle.truncate(30 * MB)
    with pytest.raises(NoArticlesError, match=re.escape("30 MB, larger than --max-bytes (20 MB)")):
        load([sparse], tmp_path)


class EndlessStream(io.RawIOBase):
    """A pipe that never ends: the loader must stop reading at the raw cap + 1."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "the loader must never ask for everything"
        self.served += size
        return b"a" * size


def test_endless_stdin_is_cut_at_max_bytes() -> None:
    stream = EndlessStream()
    result = load_paths(["-", __file__], LoadOptions(max_bytes=3 * MB), stdin=stream)  # type: ignore[arg-type]
    assert [s.reason for s in result.skipped] == ["larger than the cap on raw input (15 MB: 5 x --max-bytes)"]
    assert stream.served == 15 * MB + 1
    assert [a.id for a in result.articles] == ["test-bad-input"]


def test_single_5_mb_line(tmp_path: Path, good: Path) -> None:
    line = ("word \u201cquoted\u201d and more words " * 200_000)[:5_000_000]
    path = tmp_path / "line.txt"
    path.write_text(line, encoding="utf-8")
    result = load([path, good], tmp_path)
    good_loaded(result)
    [article] = [a for a in result.articles if a.id == "line"]
    assert article.text == line and article.title is None


def test_single_5_mb_line_of_html() -> None:
    line = "word \u201cquoted\u201d and more words " * 170_000
    article = load_bytes(f"<html><body><p>{line}</p></body></html>".encode(), "line.html")
    assert article.text == line.strip()


@pytest.mark.parametrize("mark", ["\u201c", '"', "\u00ab", "\u201e", "\u2018"])
def test_100000_unclosed_quote_marks(tmp_path: Path, good: Path, mark: str) -> None:
    path = tmp_path / "marks.txt"
    text = ("He said " + mark + " ") * 100_000
    path.write_text(text, encoding="utf-8")
    result = load([path, good], tmp_path)
    good_loaded(result)
    [article] = [a for a in result.articles if a.id == "marks"]
    assert article.text == text
    quotes = pytest.importorskip("quotediff.extract.quotes")
    for quote in quotes.extract_quotes(article):
        assert article.text[quote.start : quote.end] == quote.text


# --- strict -------------------------------------------------------------------------------------------------


def test_strict_fails_on_any_skipped_input(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "x.html"
    bad.write_bytes(PNG)
    with pytest.raises(InputError, match=re.escape(f"{bad}: binary file (PNG) (--strict)")):
        load([bad, good], tmp_path, LoadOptions(strict=True))


# --- regressions found by fuzz/fuzz_load_extract.py ---------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        # lxml refused to set the text of a <q> starting with a control character (ValueError)
        b"<html><body><div><q>\x02Headline here\nThe <dW",
    ],
)
def test_fuzz_regressions(page: bytes) -> None:
    try:
        article = load_bytes(page, "page.html")
    except InputError:
        return
    assert article.text.strip()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", article.text)


# --- properties ---------------------------------------------------------------------------------------------

_MARKUP = st.sampled_from(
    ["<p>", "</p>", "<q>", "</q>", "<blockquote>", "</blockquote>", "<div>", "<!--", "-->", "<script>",
     "</script>", '<meta charset="cp1252">', "\u201c", "\u201d", '"', "\u00ab", "\n\n", "---\n", "title: x\n",
     "\x00", "\x93"]
)  # fmt: skip
_PIECES = st.one_of(st.text(max_size=40), _MARKUP)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["a.html", "a.txt", "a.md", "a.bin", "-"]),
    pieces=st.lists(_PIECES, max_size=30),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]),
)
def test_any_input_loads_or_is_refused_with_input_error(name: str, pieces: list[str], encoding: str) -> None:
    data = "".join(pieces).encode(encoding, errors="replace")
    try:
        article = load_bytes(data, name)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert article.text.strip() and "\x00" not in article.text
    assert 0 <= article.body_start <= len(article.text)
    for start, end in article.blockquotes:
        assert 0 <= start < end <= len(article.text)
    if article.format != "html":
        # A charset the bytes declare (a saved page's <meta charset>) is honoured when they are not UTF-8.
        expected = decode(data, declared=declared_charset(data))[0]
        assert article.text == expected.replace("\x00", "\ufffd")


def test_hostile_file_names_cannot_break_the_one_line_message(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "evil\x1b[2J\nfake line\r.txt").write_bytes(b"")
    with pytest.raises(NoArticlesError) as raised:
        load([folder], tmp_path)
    message = str(raised.value)
    assert not re.search(r"[\x00-\x1f]", message)
    assert "evil\\x1b[2J\\x0afake line\\x0d.txt (empty file)" in message
    with pytest.raises(InputError) as strict:
        load([folder], tmp_path, LoadOptions(strict=True))
    assert not re.search(r"[\x00-\x1f]", str(strict.value))


# Found by the fourth fuzz run as a timeout (over 20 s instrumented): part of an annotation file damaged by the
# fuzzer (invalid UTF-8, so read as cp1252; one quote left open), 15 KB after minimising. extract_quotes took
# about 5 s on it and 60 s on the 48 KB original, because quotediff/tokens.py re-tokenises a long paragraph
# for every quote in it. Kept as a regression input: it must load and its quotes' offsets must hold.
_SLOW_EXTRACTION = (
    "H4sIAP0KCmsC/+1bTW/bRhC961cs1EM/IApF20tzc5EUcVq7aeLAh6AIRuSI3Gq5y+wuxShFgN6DngoUaH9d0f/QUw/pDCmKVvRF"
    "qbItuzYSH3aX5HLem5k3wzXawQuFaQrde6LrYNLtdUT5000witHR8PMfZmMQRRadQ6RhnSs1m3Amt+H7q2Nr8ozvq/JgaGwsx6i7"
    "5eSbas1Ps/taL0PFd+0mYAd0s8DLFF0/8alqtuTxlec1oJQoJP0aoKhvLKQW5+ASqWNvNM2EkDsUPkHxJHdOghhLJ72QjuZokVDG"
    "jDAS4AU4ASLCkOb5ykl50WNLGxAnUkvn0fabTYykjkpjefCYovbNlMsQRmjL18CF4RdkOqPGWF5932hQkfg2X1xWPyCzRptcNwvG"
    "aAcVTDKaH715EGrjGSpGjaxNQGW5zYz1hEhoUjarEy4xhSvBeKYlzzxlk9MIjPhSEJkhRBkz+lckplyqECK0wgzFY1pGIGm+T062"
    "HuDWKJ6Ap3sWRAOlaGQtopvW1k/UkGK0CKo3aiWoHpVqj2rXYmlJ67otwU3LLQcRaglqL/CeI8GovdQ5uaARqEO6AmJk0BBCHOaq"
    "Ry6XmtAC3VgQ12l7julQw9bbFixG32Xk1DRmndHr4YK5tRxGSvrcx4xelZ/BFPraWJSxFkfDIUhLYUJH4swSwVbDC9roSWpydxB+"
    "yys34elo50lgBg4t7amfRotwHgv21pGQw9JI2gSE7lASYUIUY+MJ1xikdn5J6BQuD0PEyPXEDYjbfIujFK0MKXCY4VCG7BJrmdTy"
    "khYE8YlF2pzG1ZFgumKLaFAaZepTUkA6AOcgMnZpcJgO0eBRGBobscF9FVhDGBBfpgv+Y4ZoQbnv6Jm2kA57YsY+P2OPN3mciNiU"
    "eSChkH8H9E0F+qHR6LyaNDCTxaFK68Nl8WTKAZIJFHvQToTzpJRiMbQmFQ9yazIsA/WCcNgpo1w1Neq0uZIZ9YLLknkz8+8DXNIB"
    "CYyR4EIWejXrOegXlrSbjrcG5Ti1ZONvEtiQ4NetuzotxsSwlPcmbbXYiDYcVFfsw7ngJeJLKY5eQySXWDoEi8usPE+ZResunZ9Z"
    "lTx6wahzV8yZdG7m4KTPqSGyRpihrtROBBPWIhR9MoUkfIpEqkquZGho6ENXlyClYqGIRpUH2O2Dz5GS4gm8BvEIUlByPdk3Lt7A"
    "+AOVppkl2S0xiKTLwIdJ37/yixCFk4y0Qu+O3ruZ73HJW0EmrPImxeY6i9LIy5wyKBdzIVqO3EC1H+mwZNLU13JWkpPUT+geVA3E"
    "/EokESiva8w9BbSmWu/3+1xJVIubYboNckFAA06SBOn9r3oujSCDHQTZ1Mbd/TCChDZtNnU1+BTQuDoGLu8IJemWyDKKe5lRMpxs"
    "rcQf3r5WWWWJPaFxc4tvcdlF3DJObEmdFQmRsF8twWny2pus7bhznuAcwhzfj50ikTCASAyZExTOe6IgTiAqRgcqHqHCMXhjt47C"
    "j2QqvrI4Gm1w63XrbrNaOVvoZ0eGfmnjq1Jpvq1NWqOMq/QQSqFUXUYyoouEsYIblROugF3OnUnjV4ig9R3uy+9sX0cMLl86qA25"
    "J2c6NQMTTSjycQhkm5dSCPSEGxXS712vtPGQQ8p8bXxEG8s81UGY0M55dGnVdeWa9CP6/2xENND4ce9S1OmJFZeXrghRetct8W4k"
    "J72cRVadbEy3KDV3z2dthWlLXhz7JlqyRK1hqvFk7CPWzbnrHxJAV14esu1LY+zL8rvUBH/9/HtdFRyYtxxyVdDWFd4vC8RtLQsO"
    "K9Tu0hxuIu3smEPd310VZvklTuBHvLiF/VUPLTl2duGzhhMpTCqJWoBm+ZqQPolJoPbEgNIvIwhVFIhRI0VjR/4/40KvjNkNqzg2"
    "bF9b5JpcVzyBJN3U/t+w9GZWGFvAVjaN2ENBuEmaeZNWCIAonbl/Z/pLMT3TP8lTqeTsE2YVIsnuSvKxktLMO0S0S/3iVVjjcZXV"
    "+UsdXpfdZd2tCCyOJRYrDhzdNcmuoUm2x++ka1LdpqMKIiybKYQSx71jSk10Zeb3dIKhJf+u7hTDHf77wL/9KYeWBDjd7kDr091P"
    "se50jKXkzoXTjespsXl1/WRyIyBGV6Y8iEJru8OsoQFyW6kxSFiyRnfpZVt2rQkfBxdlDvGIXEsGbsgnh5MUCrBrzjXy7PWfXGtp"
    "89O7P1K4pfH8AUuu8mvOAMKRSFiFgbIEC40gFWpjVhS+L05NwYhNGx8ZZDt8Y6vqsu8hkrZNAbdi4c0sm1vicdT0KwruKfNnzxT4"
    "kCjn1sgUuk/ZqyhdRMlR+UclCXegS7k8d/rWUVbeGqJTsjmIh5RvKYuvB2nD0psJU5yrYZAaqylmBRoLVzU3ziX++fcvb397++sf"
    "98RZh7883xNffCmO8jgnrfPZp5993gmCoNP5gGY7fNqXP88xHGMZ+krlfBK/u/jzz7vObfwbqsbInaki6OY6BTsqX+z5toZfJygW"
    "pcFNE6XdxlKdN51/Acv+ReCDOgAA"
)


def test_fuzz_regression_damaged_annotation_file() -> None:
    data = gzip.decompress(base64.b64decode(_SLOW_EXTRACTION))
    article = load_bytes(data, "saved.php")
    # a UTF-8 file with two fuzz-damaged lines: those lines read as cp1252, the others as the UTF-8 they are
    assert (article.format, article.encoding) == ("text", "utf-8+cp1252")
    assert "Prime Minister\u2019s policy" in article.text
    quotes = pytest.importorskip("quotediff.extract.quotes")
    for quote in quotes.extract_quotes(article):
        assert article.text[quote.start : quote.end] == quote.text
