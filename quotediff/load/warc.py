"""WARC files (web crawls): the pages a crawler fetched, one per ``response`` record, read with warcio.

Only ``response`` records with a 2xx status and an HTML or plain-text content type are pages; requests,
metadata, redirects, revisits, images, scripts and robots.txt are passed over without a skip line (a crawl is
mostly those, and they are not articles). warcio reads the records; gzip is undone by Python's gzip module
before warcio sees the bytes, because warcio's own decompressor ends quietly where a truncated file breaks off:
here a cut or corrupt file is reported at the record where it broke, and the records before it are kept.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from quotediff.model import Skipped

# Content types read as articles, and the format each is read in.
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BLOCK = 1 << 16


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One fetched page: where it came from and its body (at most ``max_bytes + 1`` bytes of it)."""

    number: int  # the record's place in the file, every record counted from 1 (warcinfo and requests too)
    url: str | None  # WARC-Target-URI
    date: str | None  # WARC-Date, the time of the crawl, as written
    kind: str  # "html" | "text"
    charset: str | None  # from the HTTP Content-Type header
    data: bytes


def iter_warc(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[WarcPage | Skipped]:
    """The pages of one WARC file (``stream`` already decompressed), and a Skipped where a record is unusable.

    Damage (a truncated or corrupt file, a record shorter than its Content-Length) ends the file with one
    Skipped naming the record where it broke.
    """
    try:
        from warcio.archiveiterator import WARCIterator
    except ImportError:
        yield Skipped(path, "reading WARC files needs the warcio package: pip install warcio")
        return

    class QuietIterator(WARCIterator):
        INC_RECORD = ""  # warcio writes this warning to stderr itself; the Skipped below says it in one line

    counted = _Counted(stream)
    records = QuietIterator(counted)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # noqa: BLE001 - warcio on damaged input raises whatever it meets
            yield Skipped(f"{path}#record {number + 1}", _damage(counted, error, number))
            return
        number += 1
        item = _page(record, number, path, max_bytes)
        if not _drain(record):
            yield Skipped(f"{path}#record {number}", _damage(counted, None, number - 1))
            return
        errors = records.err_count
        records.read_to_end()  # past the blank lines after the record: where warcio notices a wrong length
        if records.err_count > errors:
            yield Skipped(f"{path}#record {number}", _damage(counted, None, number - 1, "wrong Content-Length"))
            return
        if item is not None:
            yield item
    if counted.error:
        yield Skipped(f"{path}#record {number + 1}", _damage(counted, None, number))
    elif counted.count > records.offset:  # bytes after the last whole record: a header cut off mid-way
        yield Skipped(f"{path}#record {number + 1}", _damage(counted, None, number))
    elif number == 0:
        yield Skipped(path, "no WARC records")


def _page(record: object, number: int, path: str, max_bytes: int) -> WarcPage | Skipped | None:
    """The page a record holds, None when it holds none (not a 2xx HTML or text response)."""
    if getattr(record, "rec_type", None) != "response":
        return None
    http = getattr(record, "http_headers", None)
    if http is None:
        return None
    status = http.get_statuscode() or ""
    if not (status.isdigit() and 200 <= int(status) < 300):
        return None
    mime, _, parameters = (http.get_header("Content-Type") or "").partition(";")
    kind = PAGE_TYPES.get(mime.strip().lower())
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
    if kind is None or (kind == "text" and _is_robots(url)):
        return None
    charset = _CHARSET.search(parameters)
    try:
        data = _read_up_to(record.content_stream(), max_bytes + 1)  # type: ignore[attr-defined]
    except (OSError, EOFError, ValueError, zlib.error) as error:
        return Skipped(f"{path}#record {number}", f"content could not be decoded ({error or type(error).__name__})")
    return WarcPage(
        number=number,
        url=url,
        date=headers.get_header("WARC-Date"),
        kind=kind,
        charset=charset.group(1) if charset else None,
        data=data,
    )


def _is_robots(url: str | None) -> bool:
    try:
        return bool(url) and urlsplit(url or "").path.endswith("/robots.txt")
    except ValueError:
        return False


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes: warcio's readers may return less than asked before the end."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, _BLOCK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _drain(record: object) -> bool:
    """Read the rest of a record; False when the file ended before its Content-Length did."""
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(_BLOCK):
        pass
    return getattr(raw, "limit", 0) <= 0


def _damage(counted: _Counted, error: BaseException | None, whole: int, problem: str | None = None) -> str:
    if counted.error:
        what = counted.error
    elif problem:
        what = f"{problem} (damaged file?)"
    elif error is not None:
        what = f"not a WARC record ({_first_line(error)})"
    else:
        what = "the file ends inside this record (truncated?)"
    kept = "no record before it" if whole == 0 else f"the {whole} record{'s' if whole != 1 else ''} before it"
    return f"{what}; {kept} read, nothing after"


def _first_line(error: BaseException) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


class _Counted:
    """The byte stream warcio reads: counts what it delivers and turns gzip damage into a quiet end."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error:
            return b""
        try:
            data = self.stream.read(size)
        except EOFError:
            self.error = "gzip data ends early (truncated file?)"
            return b""
        except (OSError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
            self.error = f"damaged gzip data ({_first_line(error)})"
            return b""
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count
