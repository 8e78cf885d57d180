"""Loading articles: paths in, decoded ``Article`` objects (and the reasons for anything skipped) out.

Inputs are whatever a crawler saved, so every file is treated as hostile: it is size-checked before it is
read, sniffed for binary content, decoded without ever failing, and a file that cannot be used becomes a
``Skipped(path, reason)`` instead of an exception, so that one bad file never stops a run.

Offsets: for text and Markdown, ``Article.text`` is the file exactly as decoded (a UTF-8 BOM is dropped by
the decoder; line endings, "\\r\\n" included, are kept as they are), so a quote's offsets index the file's
text: ``text == file_text[start:end]``. One change: NUL characters become U+FFFD, which keeps every offset.
For HTML, ``Article.text`` is the extracted main text, paragraphs separated by blank lines.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import BinaryIO

from quotediff.errors import InputError, NoArticlesError
from quotediff.model import Article, LoadResult, Skipped

# 20 MB: the largest real news pages we have seen are a few MB of HTML; plain-text articles are far smaller.
# The limit bounds memory (a decoded str takes up to 4 bytes a character, and the HTML extractor builds a tree
# on top of that) while leaving room for a forum dump or a long live blog; --max-bytes raises it.
KB = 1024
MB = 1024 * KB
DEFAULT_MAX_BYTES = 20 * MB

FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}

# Magic numbers of the binary formats a crawler most often saves next to articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\x1f\x8b", "gzip"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Declared charsets a page may not switch to: UTF-7 smuggles markup, UTF-16/32 need a BOM (as in browsers),
# and Python codecs that are not charsets ("unicode_escape", "idna", ...) turn bytes into something else.
_IGNORED_DECLARATIONS = (
    "utf_7", "utf_16", "utf_32", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined",
    "charmap",
)  # fmt: skip
_SNIFF_HTML = re.compile(r"\A\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml|<!--)|<(?:html|body|article)\b", re.I)
_PLAINLY_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html\b)", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TITLE_MAX = 200  # a first line longer than this is the body, not a title


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How inputs are read."""

    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False  # the first unusable input raises InputError instead of being skipped


class UnusableInput(InputError):
    """One input that cannot be used; ``reason`` is the short text shown next to its path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{printable_path(path)}: {reason}")
        self.path = path
        self.reason = reason


# --- public entry points ------------------------------------------------------------------------------------


def load_paths(
    paths: Sequence[str],
    options: LoadOptions = LoadOptions(),
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Load every article under ``paths`` (files, folders searched recursively, "-" for stdin).

    Files are loaded in sorted path order (so ids and results do not depend on argument order), each file once
    however often it is named. Unusable inputs are skipped with a reason, or with ``strict`` raise InputError.
    ``progress(done, total)`` is called before each file and once at the end, for a progress bar.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    candidates, problems = _collect(paths)
    for problem in problems:
        _skip(problem, options, skipped)
    for done, candidate in enumerate(candidates):
        if progress is not None:
            progress(done, len(candidates))
        try:
            if candidate == "-":
                article = load_bytes(_read_stdin(stdin, options), "-", options)
            else:
                article = _load_file(candidate, options)
        except UnusableInput as error:
            _skip(Skipped(error.path, error.reason), options, skipped)
        else:
            articles.append(article)
    if progress is not None:
        progress(len(candidates), len(candidates))
    if not articles:
        raise NoArticlesError(_nothing_found_message(paths, skipped))
    return LoadResult(articles=_unique_ids(articles), skipped=tuple(sorted(skipped, key=lambda s: s.path)))


def load_file(path: str, options: LoadOptions = LoadOptions()) -> Article:
    """Load one file; raise InputError (``UnusableInput``) when it is not a usable article."""
    return _load_file(path, options)


def load_bytes(data: bytes, path: str, options: LoadOptions = LoadOptions()) -> Article:
    """Turn the bytes of one input into an Article; ``path`` gives its id, format and fallback outlet."""
    if len(data) > options.max_bytes:
        raise UnusableInput(path, f"larger than --max-bytes ({format_size(options.max_bytes)})")
    if not data:
        raise UnusableInput(path, "empty file")
    kind = _binary_kind(data)
    if kind:
        raise UnusableInput(path, f"binary file ({kind})")
    suffix = os.path.splitext(path)[1].lower() if path != "-" else ""
    declared = _declared_charset(data)  # used only when the bytes are not UTF-8
    text, encoding = decode(data, declared=declared)
    if not text or text.isspace():  # not text.strip(): that would copy a 50 MB text
        raise UnusableInput(path, "only whitespace")
    if _looks_binary(text):
        raise UnusableInput(path, "binary file (control characters)")
    if not _has_words(text):
        raise UnusableInput(path, "no article text")
    text = text.replace("\x00", "\ufffd")  # same length, so offsets still index the decoded file
    fmt = FORMAT_BY_SUFFIX.get(suffix) or _sniff_format(text)
    if fmt != "html" and _PLAINLY_HTML.match(text[:1000]):
        fmt = "html"  # a page a crawler saved as .txt: its markup is not article text
    stem = "stdin" if path == "-" else os.path.splitext(os.path.basename(path))[0]
    if fmt == "html":
        from quotediff.load_html import html_article  # trafilatura is imported only when a page needs it

        return html_article(text, path=path, stem=stem, encoding=encoding)
    return _text_article(text, path=path, stem=stem, fmt=fmt, encoding=encoding)


# --- finding files ------------------------------------------------------------------------------------------


def _collect(paths: Sequence[str]) -> tuple[list[str], list[Skipped]]:
    """Expand the given paths into files to load, sorted and without duplicates, and the paths that failed."""
    found: list[str] = []
    problems: list[Skipped] = []
    for path in paths:
        if path == "-":
            found.append("-")
            continue
        try:
            info = os.stat(path)
        except OSError as error:
            problems.append(Skipped(path, _os_reason(error, path)))
            continue
        if stat.S_ISDIR(info.st_mode):
            for candidate_path, problem in _walk(path, info):
                if problem is None:
                    found.append(candidate_path)
                else:
                    problems.append(Skipped(candidate_path, problem))
        else:
            found.append(path)  # any suffix: an unknown one is sniffed
    found.sort()
    unique: list[str] = []
    seen: set[tuple[int, int] | str] = set()
    for candidate in found:
        key = _identity(candidate)
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique, problems


def _identity(path: str) -> tuple[int, int] | str:
    """The same file reached by two paths (or a symlink) has one identity, so it is loaded once."""
    if path == "-":
        return "-"
    try:
        info = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return (info.st_dev, info.st_ino)


def _walk(root: str, root_info: os.stat_result) -> Iterator[tuple[str, str | None]]:
    """Supported files under ``root`` in sorted order; hidden entries skipped, symlink loops reported.

    Iterative (an explicit stack) so a very deep tree cannot exhaust Python's recursion limit; each directory
    carries the identities of its ancestors so a link back up the tree is caught instead of followed forever.
    """
    root_id = (root_info.st_dev, root_info.st_ino)
    stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(root, frozenset({root_id}))]
    visited = {root_id}
    while stack:
        folder, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield folder, _os_reason(error, folder)
            continue
        subfolders: list[tuple[str, frozenset[tuple[int, int]]]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                info = os.stat(entry.path)
            except OSError as error:
                if os.path.splitext(entry.name)[1].lower() in FORMAT_BY_SUFFIX or entry.is_symlink():
                    yield entry.path, _os_reason(error, entry.path)
                continue
            if stat.S_ISDIR(info.st_mode):
                ident = (info.st_dev, info.st_ino)
                if ident in ancestors:
                    yield entry.path, "directory loop (symbolic link to a folder above it), not followed"
                elif ident not in visited:
                    visited.add(ident)
                    subfolders.append((entry.path, ancestors | {ident}))
            elif os.path.splitext(entry.name)[1].lower() in FORMAT_BY_SUFFIX:
                yield entry.path, None
        stack.extend(reversed(subfolders))


def _os_reason(error: OSError, path: str) -> str:
    if isinstance(error, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == 40:  # ELOOP
        return "symbolic link loop"
    return (error.strerror or type(error).__name__).lower()


# --- reading ------------------------------------------------------------------------------------------------


def _load_file(path: str, options: LoadOptions) -> Article:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnusableInput(path, "is a folder")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device could block forever or never end
            raise UnusableInput(path, "not a regular file")
        if info.st_size > options.max_bytes:
            raise UnusableInput(
                path,
                f"{format_size(info.st_size)}, larger than --max-bytes ({format_size(options.max_bytes)})",
            )
        with open(path, "rb") as handle:
            data = handle.read(options.max_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        raise UnusableInput(path, _os_reason(error, path)) from None
    return load_bytes(data, path, options)


def _read_stdin(stdin: BinaryIO | None, options: LoadOptions) -> bytes:
    """Read at most max_bytes + 1 bytes, so an endless pipe cannot exhaust memory."""
    stream = stdin if stdin is not None else sys.stdin.buffer
    chunks: list[bytes] = []
    remaining = options.max_bytes + 1
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    if len(data) > options.max_bytes:
        raise UnusableInput("-", f"larger than --max-bytes ({format_size(options.max_bytes)})")
    return data


def format_size(size: int) -> str:
    """``20 MB``, ``512 kB``, ``87 bytes``, in binary units (1 MB = 1024 kB), as --max-bytes reads them."""
    if size >= MB:
        return f"{size / MB:.3g} MB"
    if size >= KB:
        return f"{size / KB:.3g} kB"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """Parse a --max-bytes value: ``20971520``, ``20MB``, ``500k``, ``1.5 GB`` (binary units)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"not a size: {text!r} (examples: 20MB, 500kB, 1000000)")
    factor = {"": 1, "k": KB, "m": MB, "g": 1024 * MB}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


# --- decoding -----------------------------------------------------------------------------------------------


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes without ever failing; return the text and the codec used.

    Order: a byte-order mark; strict UTF-8; the charset an HTML page declares; cp1252 (what "latin-1" pages
    really are, and where curly quotes 0x93/0x94 live). UTF-8 comes before a declaration because pages often
    declare a charset they were not saved in, and text in another charset with non-ASCII bytes is almost never
    valid UTF-8. The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode as in latin-1, as
    browsers do: a plain latin-1 fallback would also turn every curly quote of a cp1252 file with one stray
    byte into a control character.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return (text[1:] if codec != "utf-8-sig" and text.startswith("\ufeff") else text), codec
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    declared_codec = _usable_declaration(declared)
    for codec in ("utf-8", declared_codec) if declared_codec else ("utf-8",):
        try:
            return data.decode(codec), codec
        except (UnicodeError, LookupError, ValueError):  # a declared codec may be anything
            continue
    return data.decode("cp1252", errors=_AS_LATIN1), "cp1252"


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(map(chr, error.object[error.start : error.end])), error.end


_AS_LATIN1 = "quotediff-as-latin1"
codecs.register_error(_AS_LATIN1, _as_latin1)


def _usable_declaration(declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        info = codecs.lookup(declared)
        name = info.name
    except LookupError:
        return None
    if name.replace("-", "_").startswith(_IGNORED_DECLARATIONS) or not getattr(info, "_is_text_encoding", 1):
        return None
    # Browsers read ISO-8859-1 and ASCII declarations as windows-1252, and so do we.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: ASCII-heavy text then has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    for nuls, others, codec in ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be")):
        if nuls > 0.4 * half and others < 0.05 * half:
            try:
                data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _binary_kind(data: bytes) -> str | None:
    """The binary format of ``data``, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS) or _bomless_utf16(data):
        return None
    sample = data[:65536]
    if b"\x00" in sample and sample.count(0) > max(1, len(sample) // 1000):
        return "NUL bytes"  # a stray NUL or two is tolerated (crawler padding); more means it is not text
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > 0.1 * len(sample)


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _sniff_format(text: str) -> str:
    """Format of an input whose name says nothing (stdin, an unknown extension)."""
    if _SNIFF_HTML.search(text[:4096]):
        return "html"
    return "markdown" if _front_matter(text) else "text"


# --- text and Markdown --------------------------------------------------------------------------------------

_FRONT_MATTER_KEYS = {
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "publication": "outlet",
    "title": "title",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "author": "author",
    "byline": "author",
}
_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_FRONT_MATTER_LINE = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_FRONT_MATTER_MAX = 8192  # a "---" line further down is a horizontal rule, not the end of front matter


def _front_matter(text: str) -> tuple[dict[str, str], int] | None:
    """Parse a ``---`` block of ``key: value`` lines at the very start; return the fields and body offset."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return None
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end(), opening.end() + _FRONT_MATTER_MAX)
    if not closing:
        return None
    fields: dict[str, str] = {}
    for line in text[opening.end() : closing.start()].splitlines():
        match = _FRONT_MATTER_LINE.match(line)
        key = _FRONT_MATTER_KEYS.get(match.group(1).lower()) if match else None
        if match and key and key not in fields:
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value:
                fields[key] = value
    return fields, closing.end()


def _text_article(text: str, *, path: str, stem: str, fmt: str, encoding: str) -> Article:
    parsed = _front_matter(text)
    fields, body_start = parsed if parsed else ({}, 0)
    head = _text_head(text[body_start : body_start + 4000], stem)
    published = fields.get("published")
    return Article(
        id=slugify(stem),
        path=path,
        text=text,
        format=fmt,
        # Without metadata the outlet is the file stem as written ("karachi-evening-star"): title-casing it
        # would guess wrong for names like "nyt" or "bbc-urdu", and the stem is what the user named the file.
        # A byline or dateline naming the outlet in full ("By Tom Okafor, Prairie Wire") wins over the stem,
        # but only when that name slugifies to the stem, so an unrelated phrase is never taken for the outlet.
        outlet=fields.get("outlet") or head.get("outlet") or stem,
        title=fields.get("title") or head.get("title"),
        url=fields.get("url"),
        published=normalise_date(published) if published else head.get("published"),
        author=fields.get("author") or head.get("author"),
        body_start=body_start,
        encoding=encoding,
    )


_HEAD_LINES = 6  # title, byline, dateline: all within the first few lines of a plain-text article
_BYLINE = re.compile(r"^by\s+(.+)$", re.IGNORECASE)
_PARENTHESISED = re.compile(r"\(([^()\n]{2,60})\)")
_HEAD_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+|\s*\|\s*")


def _names_outlet(phrase: str, stem: str) -> bool:
    """Whether a phrase names the outlet in the file name ("The Coastline Herald", coastline-herald.txt)."""
    slug, target = slugify(phrase), slugify(stem)
    return bool(phrase.strip()) and len(phrase) <= 60 and target in (slug, slug.removeprefix("the-"))


def _outlet_case(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    return phrase.title() if phrase.isupper() else phrase


def _text_head(body: str, stem: str) -> dict[str, str]:
    """Title, author, date and outlet from the first lines of an article without front matter.

    The title is the first non-empty line when short; a later line "By <name>[, <outlet>]" gives the author; a
    short line that is a date gives the publication date; an outlet named in a byline or a dateline
    ("WASHINGTON (Prairie Wire) -") is used when it matches the file stem.
    """
    lines = [line.strip() for line in body.splitlines() if line.strip()][:_HEAD_LINES]
    found: dict[str, str] = {}
    if not lines:
        return found
    title = lines[0].lstrip("#").strip()
    if title and len(title) <= _TITLE_MAX:
        found["title"] = title
    for line in lines[1:]:
        byline = _BYLINE.match(line)
        if byline and len(line) <= 120 and "author" not in found:
            name, _, rest = byline.group(1).partition(",")
            name = re.split(r"\s+in\s+(?=[A-Z])", name)[0].strip()
            if name:
                found["author"] = name
            if _names_outlet(rest, stem):
                found["outlet"] = _outlet_case(rest)
            continue
        # "The Coastline Herald — Saturday, July 22, 2023", "NORTHSTAR DISPATCH - Washington bureau"
        for part in [line, *_HEAD_SEPARATOR.split(line)]:
            if len(part) <= 40 and "published" not in found and (day := normalise_date(part)):
                found["published"] = day
            elif _names_outlet(part, stem):
                found.setdefault("outlet", _outlet_case(part))
        for named in _PARENTHESISED.findall(line):
            if _names_outlet(named, stem):
                found.setdefault("outlet", _outlet_case(named))
    return found


# --- dates, ids ---------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def normalise_date(value: str) -> str | None:
    """``2023-08-10`` from "2023-08-10T09:00Z", "10 August 2023", "Aug. 10, 2023"; None when unparseable.

    Numeric day/month orders ("10/08/2023") are ambiguous and give None rather than a guess.
    """
    candidates: list[tuple[str, str, str]] = []
    if match := _ISO_DATE.search(value):
        candidates.append((match.group(1), match.group(2), match.group(3)))
    if match := _DAY_MONTH_YEAR.search(value):
        candidates.append((match.group(3), match.group(2), match.group(1)))
    if match := _MONTH_DAY_YEAR.search(value):
        candidates.append((match.group(3), match.group(1), match.group(2)))
    for year, month, day in candidates:
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if month_number is None:
            continue
        try:
            return date(int(year), month_number, int(day)).isoformat()
        except ValueError:
            continue
    return None


def slugify(name: str) -> str:
    """An id from a file name: lowercase ASCII letters, digits, hyphens ("Dawn Ledger" -> "dawn-ledger")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "article"


def _unique_ids(articles: list[Article]) -> tuple[Article, ...]:
    """Suffix clashing ids with -2, -3... in load order (sorted paths): the same inputs get the same ids."""
    used: set[str] = set()
    result: list[Article] = []
    for article in articles:
        candidate, number = article.id, 1
        while candidate in used:
            number += 1
            candidate = f"{article.id}-{number}"
        used.add(candidate)
        result.append(article if candidate == article.id else replace(article, id=candidate))
    return tuple(result)


def _skip(skipped: Skipped, options: LoadOptions, into: list[Skipped]) -> None:
    if options.strict:
        raise InputError(f"{printable_path(skipped.path)}: {skipped.reason} (--strict)")
    into.append(skipped)


def _nothing_found_message(paths: Sequence[str], skipped: list[Skipped]) -> str:
    """One line naming the inputs and what was wrong with them (at most three of each)."""
    where = ", ".join(printable_path(p) for p in paths[:3]) if paths else "no paths given"
    if len(paths) > 3:
        where += f" and {len(paths) - 3} more paths"
    if not skipped:
        suffixes = ", ".join(FORMAT_BY_SUFFIX)
        return f"no articles found in {where}: no {suffixes} files"
    shown = ", ".join(f"{printable_path(s.path)} ({s.reason})" for s in skipped[:3])
    more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    noun = "file" if len(skipped) == 1 else "files"
    return f"no articles found in {where}: {len(skipped)} {noun} skipped: {shown}{more}"


def printable_path(path: str) -> str:
    """A path safe to print on one terminal line: control characters (newlines, escape sequences) as \\xNN."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", path)
