"""Record files: many articles to a file (JSON Lines, CSV, WARC; gzipped or not), read as a stream.

One Article per JSON line, CSV row or WARC page. A file is never read whole, only a line, a row or a record at
a time, so a multi-GB export needs no more memory than its largest record. Gzip is recognised by its magic
bytes, whatever the name says.

Where each article comes from, in its ``path`` and in every skip line: ``news.jsonl#line 123``,
``export.csv#line 7`` (the line the row starts on; the header is line 1), ``crawl.warc.gz#record 5`` (every
record counted from 1). Ids are the file's stem and that number, six digits or more: ``news-000123``, stable
from run to run and unique within a file (clashes across files get -2, -3... as for file names).

A record's text (``text``, else ``html``) goes through the same extraction as a file: text and Markdown for
``text``, the HTML extractor for ``html``. Its metadata fields (url, published, outlet, title, author) win over
what extraction finds; WARC pages take the URL from WARC-Target-URI and the date from the page, else WARC-Date.
"""

from __future__ import annotations

import codecs
import csv
import functools
import gzip
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import BinaryIO
from urllib.parse import urlsplit

from quotediff.errors import UnusableInput
from quotediff.load.files import (
    QUOTEDIFF_REPORT,
    LoadOptions,
    article_from_text,
    check_text,
    decode_input,
    format_size,
    os_reason,
    skip,
)
from quotediff.load.lines import Damaged, TextLines, byte_lines, damaged, delimiter, line_limit
from quotediff.load.text import normalise_date, slugify
from quotediff.model import Article, Skipped

_DEFAULT_LOAD = LoadOptions()

# Our names for a record's fields; RecordOptions.fields maps them to the names a file uses.
FIELDS = ("text", "html", "url", "published", "outlet", "title", "author")
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".warc": "warc"}

# A line may hold a text of --max-bytes written with JSON escapes (up to six characters for one), plus metadata.
_SURROGATES = re.compile("[\ud800-\udfff]")  # JSON may escape half a pair ("\ud83d"); they cannot be written out
_SHOWN_KEYS = 12


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """How record files name their fields: ours to theirs, {"text": "body", "url": "link"}.

    A field not named here is looked up under our own name. In JSON a dotted name ("meta.url") reaches into
    nested objects when no key has that name.
    """

    fields: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
        object.__setattr__(self, "fields", dict(self.fields))  # a copy: the caller's dict may change later

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.fields.items())))

    def key(self, name: str) -> str:
        """The name the file uses for our field ``name``."""
        return self.fields.get(name, name)

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> RecordOptions:
        """From ``--field NAME=COLUMN`` values ("text=body"); ValueError with a usable message when malformed."""
        fields: dict[str, str] = {}
        for pair in pairs:
            name, equals, column = pair.partition("=")
            name, column = name.strip().lower(), column.strip()
            if not equals or not name or not column:
                raise ValueError(f"{pair!r} is not NAME=COLUMN (for example text=body)")
            fields[name] = column
        return cls(fields)


def record_kind(path: str) -> str | None:
    """ "jsonl", "csv" or "warc" for a record file's name (gzipped too), None for anything else."""
    name = os.path.basename(path).lower()
    return RECORD_SUFFIXES.get(os.path.splitext(name.removesuffix(".gz"))[1])


def is_record_file(path: str) -> bool:
    """Whether ``path`` names a record file: .jsonl, .ndjson, .csv, .warc, each also gzipped (.gz)."""
    return record_kind(path) is not None


def iter_records(
    path: str, options: RecordOptions = RecordOptions(), load: LoadOptions = _DEFAULT_LOAD
) -> Iterator[Article | Skipped]:
    """Every article in one record file, in file order, and a Skipped for each record (or file) not used.

    With ``load.strict`` the first Skipped raises InputError instead.
    """
    for item in _records(path, options, load):
        yield skip(item, load) if isinstance(item, Skipped) else item


def _records(path: str, options: RecordOptions, load: LoadOptions) -> Iterator[Article | Skipped]:
    kind = record_kind(path)
    if kind is None:
        yield Skipped(path, "not a record file (.jsonl, .ndjson, .csv, .warc, gzipped or not)")
        return
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnusableInput(path, "is a folder")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device could block forever
            raise UnusableInput(path, "not a regular file")
        handle = open(path, "rb")
    except OSError as error:
        yield Skipped(path, os_reason(error, path))
        return
    except UnusableInput as error:
        yield Skipped(error.path, error.reason)
        return
    with handle:
        stream: BinaryIO = handle
        if handle.peek(2)[:2] == b"\x1f\x8b":
            stream = gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[assignment]
        name = os.path.basename(path)
        stem = os.path.splitext(name[:-3] if name.lower().endswith(".gz") else name)[0]
        reader = {"jsonl": _jsonl, "csv": _csv, "warc": _warc}[kind]
        yield from reader(stream, path, stem, options, load)


# --- JSON Lines -----------------------------------------------------------------------------------------------


def _jsonl(
    stream: BinaryIO, path: str, stem: str, options: RecordOptions, load: LoadOptions
) -> Iterator[Article | Skipped]:
    lines = byte_lines(stream, line_limit(load))
    keys = [(name, options.key(name)) for name in FIELDS]
    try:
        for number, data in lines:
            where = f"{path}#line {number}"
            if data is None:
                yield Skipped(where, f"line longer than {format_size(line_limit(load))}, not read")
                continue
            if number == 1:
                if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    yield Skipped(path, "UTF-16 text; JSON Lines are UTF-8")
                    return
                data = data.removeprefix(codecs.BOM_UTF8)
            if not data.strip():
                continue
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as error:
                byte = data[error.start]
                yield Skipped(where, f"not UTF-8 (byte 0x{byte:02x} at byte {error.start + 1}); JSON Lines are UTF-8")
                continue
            try:
                value = json.loads(line.rstrip("\r\n"))  # the line's end is not part of an unterminated string
            except json.JSONDecodeError as error:
                if number == 1 and line.strip() in ("{", "["):
                    yield Skipped(path, _json_document(line, lines))
                    return
                yield Skipped(where, f"not valid JSON ({error.msg.removesuffix(' at')}, column {error.colno})")
                continue
            except RecursionError:
                yield Skipped(where, "JSON nested too deeply")
                continue
            except ValueError as error:  # a number of more than 4,300 digits, say
                yield Skipped(where, f"not usable JSON ({' '.join(str(error).split())[:100]})")
                continue
            if not isinstance(value, dict):
                yield Skipped(where, f"not a JSON object but {_json_type(value)}")
                continue
            if _is_report(value):
                yield Skipped(where, "a quotediff report, not an article")
                continue
            yield _record_article(_json_fields(value, keys), list(value), where, stem, number, options, load)
    except Damaged as damage:
        yield damaged(path, damage)


def _json_document(first: str, lines: Iterator[tuple[int, bytes | None]]) -> str:
    """Why a file whose first line opens a JSON value is skipped: a whole JSON document, perhaps our report."""
    head = [first]
    for _, data in lines:
        head.append((data or b"").decode("utf-8", "replace"))
        if sum(map(len, head)) > 2000:
            break
    if QUOTEDIFF_REPORT.match("".join(head)):
        return "a quotediff report, not an article"
    return "a JSON document over several lines, not JSON Lines (one article a line)"


def _is_report(value: dict[str, object]) -> bool:
    meta = value.get("meta")
    return isinstance(meta, dict) and meta.get("tool") == "quotediff"


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a boolean" if isinstance(value, bool) else "a number"


_MISSING = object()


def _json_fields(record: dict[str, object], keys: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Our field name -> its text, for the fields the record has; ``keys`` pairs our names with the file's."""
    found: dict[str, str] = {}
    for name, key in keys:
        value = record.get(key, _MISSING)
        if value is _MISSING:
            if "." not in key:
                continue
            value = _dotted(record, key)
        text = value if type(value) is str else _field_text(name, value)
        if text is not None:
            found[name] = text
    return found


def _dotted(record: dict[str, object], key: str) -> object:
    value: object = record
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _field_text(name: str, value: object) -> str | None:
    """A field's value as text: strings as they are, a list of strings joined, a number as a date or a string."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return ("\n\n" if name in ("text", "html") else ", ").join(value)  # paragraphs; several authors
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name not in ("text", "html"):
        return _epoch_date(value) if name == "published" else str(value)
    return None


def _epoch_date(value: float) -> str | None:
    """A Unix time (seconds, or milliseconds when that large) as an ISO date."""
    seconds = value / 1000 if abs(value) > 1e11 else value
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


# --- CSV ------------------------------------------------------------------------------------------------------


def _csv(
    stream: BinaryIO, path: str, stem: str, options: RecordOptions, load: LoadOptions
) -> Iterator[Article | Skipped]:
    limit = line_limit(load)
    csv.field_size_limit(max(csv.field_size_limit(), limit))  # the default, 128 kB, is less than one page
    lines = byte_lines(stream, limit)
    try:
        head: list[tuple[int, bytes | None]] = []
        for line in lines:  # up to the header line: its delimiter is the file's
            head.append(line)
            if line[1] and line[1].strip():
                break
        if head and (head[0][1] or b"").startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield Skipped(path, "UTF-16 text; save the CSV file as UTF-8")
            return
        text = TextLines(lines, head)
        reader = csv.reader(iter(text), delimiter=delimiter(head[-1][1] or b"" if head else b""))
        yield from _csv_rows(reader, text, path, stem, options, load)
    except Damaged as damage:
        yield damaged(path, damage)


def _csv_rows(
    reader: Iterator[list[str]],
    text: TextLines,
    path: str,
    stem: str,
    options: RecordOptions,
    load: LoadOptions,
) -> Iterator[Article | Skipped]:
    columns: dict[str, int] | None = None
    header: list[str] = []
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            first, last = last + 1, reader.line_num  # type: ignore[attr-defined]
            yield Skipped(f"{path}#line {first}", f"not valid CSV ({error})")
            continue
        first, last = last + 1, reader.line_num  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            header = [cell.strip() for cell in row]
            columns = _columns(header, options)
            if "text" not in columns and "html" not in columns:
                yield Skipped(path, _no_text(options, header, "column"))
                return
            continue
        where = f"{path}#line {first}"
        problem = text.problem(first, last)
        if problem:
            yield Skipped(where, problem)
            continue
        values = {name: row[i] for name, i in columns.items() if i < len(row) and row[i]}
        yield _record_article(values, header, where, stem, first, options, load, encoding=text.encoding)


def _columns(header: list[str], options: RecordOptions) -> dict[str, int]:
    """Our field name -> column index; a column's name is matched exactly, else ignoring case."""
    exact = {name: i for i, name in reversed(list(enumerate(header)))}
    folded = {name.casefold(): i for i, name in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for name in FIELDS:
        key = options.key(name)
        index = exact.get(key, folded.get(key.casefold()))
        if index is not None:
            found[name] = index
    return found


# --- WARC -----------------------------------------------------------------------------------------------------


def _warc(
    stream: BinaryIO, path: str, stem: str, options: RecordOptions, load: LoadOptions
) -> Iterator[Article | Skipped]:
    from quotediff.load.warc import iter_warc

    for item in iter_warc(stream, path, load.max_bytes):
        if isinstance(item, Skipped):
            yield item
            continue
        where = f"{path}#record {item.number}"
        try:
            text, encoding = decode_input(item.data, where, load, declared=item.charset)
            # The page's own date if its markup gives one, else the crawl's: better than a date read from the text.
            article = article_from_text(text, path=where, stem=stem, fmt=item.kind, encoding=encoding, guess_date=False)
        except UnusableInput as error:
            yield Skipped(error.path, error.reason)
            continue
        crawled = normalise_date(item.date) if item.date else None
        yield _with_metadata(article, {"url": item.url} if item.url else {}, stem, item.number, crawled)


# --- one record -----------------------------------------------------------------------------------------------


def _record_article(
    values: dict[str, str],
    keys: Sequence[str],
    where: str,
    stem: str,
    number: int,
    options: RecordOptions,
    load: LoadOptions,
    *,
    encoding: str = "utf-8",
) -> Article | Skipped:
    """The article of one JSON line or CSV row (``values`` by our field names), or why there is none."""
    body, fmt = values.get("text"), "text"
    if not body or body.isspace():
        body, fmt = values.get("html"), "html"
    if not body or body.isspace():
        wanted = (options.key("text"), options.key("html"))
        if any(key in keys for key in wanted):
            return Skipped(where, f"empty {_either(wanted)} field")
        return Skipped(where, _no_text(options, keys, "field"))
    if _too_big(body, load.max_bytes):
        return Skipped(where, f"{fmt} larger than --max-bytes ({format_size(load.max_bytes)})")
    try:
        body = check_text(_SURROGATES.sub("\ufffd", body), where)  # same length: offsets hold
        article = article_from_text(body, path=where, stem=stem, fmt=fmt, encoding=encoding)
    except UnusableInput as error:
        return Skipped(error.path, error.reason)
    metadata = {name: " ".join(value.split()) for name, value in values.items() if name not in ("text", "html")}
    return _with_metadata(article, {k: v for k, v in metadata.items() if v}, stem, number, None)


def _with_metadata(
    article: Article, values: Mapping[str, str], stem: str, number: int, fallback_date: str | None
) -> Article:
    """The record's own metadata over what extraction found; the id from the file stem and record number."""
    url = values.get("url") or article.url
    published = values.get("published")
    # Extraction falls back to the file stem for the outlet: the record's host says more than that.
    found_outlet = article.outlet if article.outlet != stem else None
    return replace(
        article,
        id=f"{_slug(stem)}-{number:06d}",
        url=url,
        outlet=values.get("outlet") or found_outlet or _host(url) or stem,
        title=values.get("title") or article.title,
        published=(normalise_date(published) if published else None) or article.published or fallback_date,
        author=values.get("author") or article.author,
    )


_slug = functools.lru_cache(maxsize=64)(slugify)  # one stem per file, many records


def _too_big(text: str, max_bytes: int) -> bool:
    """Whether ``text`` is over ``max_bytes`` in UTF-8, encoding it only when its length leaves a doubt."""
    if len(text) > max_bytes:
        return True
    if 4 * len(text) <= max_bytes:
        return False
    return len(text.encode("utf-8", "surrogatepass")) > max_bytes


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname if url else None
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _either(keys: Sequence[str]) -> str:
    unique = list(dict.fromkeys(keys))
    return " or ".join(repr(key[:40]) for key in unique)


def _no_text(options: RecordOptions, keys: Sequence[str], noun: str) -> str:
    """Which text field was looked for and which the record has, so the right --field is easy to write."""
    shown = ", ".join(key[:40] for key in keys[:_SHOWN_KEYS]) + (" ..." if len(keys) > _SHOWN_KEYS else "")
    upper = "KEY" if noun == "field" else "COLUMN"
    return (
        f"no {_either((options.key('text'), options.key('html')))} {noun} ({noun}s: {shown or 'none'}); "
        f"name the text {noun} with --field text={upper}"
    )
