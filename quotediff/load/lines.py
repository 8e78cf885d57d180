"""Record files line by line: lines of bounded length, gzip damage located, CSV lines decoded one at a time."""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from quotediff.load.decode import decode_cp1252
from quotediff.load.files import LoadOptions
from quotediff.model import Skipped

# A line may hold a text of --max-bytes written with JSON escapes (up to six characters for one), plus metadata.
_LINE_SLACK = 64 * 1024


class Damaged(Exception):
    """The compressed stream broke at line ``number``: nothing after it can be read."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(reason)
        self.number = number
        self.reason = reason


def byte_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for every line; None for a line longer than ``limit``, which is passed over unread."""
    number = 0
    while True:
        line = _read_line(stream, limit, number + 1)
        if not line:
            return
        number += 1
        if len(line) < limit or line.endswith(b"\n"):
            yield number, line
            continue
        while line and not line.endswith(b"\n"):  # the rest of an overlong line, a piece at a time
            line = _read_line(stream, 1 << 20, number)
        yield number, None


def _read_line(stream: BinaryIO, limit: int, number: int) -> bytes:
    try:
        return stream.readline(limit)
    except EOFError:
        raise Damaged(number, "gzip data ends early (truncated file?)") from None
    except (OSError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        raise Damaged(number, f"damaged gzip data ({' '.join(str(error).split())[:120]})") from None


def damaged(path: str, damage: Damaged) -> Skipped:
    before = damage.number - 1
    kept = "no line before it" if before == 0 else f"the {before} line{'s' if before != 1 else ''} before it"
    return Skipped(f"{path}#line {damage.number}", f"{damage.reason}; {kept} read, nothing after")


def line_limit(load: LoadOptions) -> int:
    return 6 * load.max_bytes + _LINE_SLACK


class TextLines:
    """A CSV file's lines decoded one at a time; lines that do not decode are remembered, with why.

    UTF-8 until a line proves otherwise: a line that is not UTF-8 before any line that is UTF-8 beyond ASCII
    turns the rest of the file to cp1252 (an Excel export; the lines before it were ASCII, the same in both);
    after one, it is a damaged row of a UTF-8 file, and is skipped.
    """

    def __init__(self, lines: Iterator[tuple[int, bytes | None]], head: list[tuple[int, bytes | None]]) -> None:
        self.head = head
        self.lines = lines
        self.problems: dict[int, str] = {}
        self.encoding = "utf-8"
        self._seen_utf8 = False

    def __iter__(self) -> Iterator[str]:
        for number, data in self.head:
            yield self._decode(number, data)
        for number, data in self.lines:
            yield self._decode(number, data)

    def _decode(self, number: int, data: bytes | None) -> str:
        if data is None:
            self.problems[number] = "line too long, not read"
            return "\n"
        if number == 1:
            data = data.removeprefix(codecs.BOM_UTF8)
        if self.encoding == "cp1252":
            return decode_cp1252(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if not self._seen_utf8:
                self.encoding = "cp1252"
            else:
                self.problems[number] = f"not UTF-8 like the rest of the file (byte 0x{data[error.start]:02x})"
            return decode_cp1252(data)
        self._seen_utf8 = self._seen_utf8 or not text.isascii()
        return text

    def problem(self, first: int, last: int) -> str | None:
        found = [self.problems.pop(n) for n in range(first, last + 1) if n in self.problems]
        return found[0] if found else None


def delimiter(header: bytes) -> str:
    """Comma unless the header line holds more semicolons, tabs or bars (spreadsheet exports in many locales)."""
    counts = {d: header.count(d.encode()) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","
