"""Loading files: finding them under the given paths, and one file's bytes in, one decoded ``Article`` out.

(Record files, many articles to a file, are read by ``records``; ``paths`` runs both over all inputs.)

Inputs are whatever a crawler saved, so every file is treated as hostile: it is size-checked before it is
read, sniffed for binary content, decoded without ever failing, and a file that cannot be used becomes a
``Skipped(path, reason)`` instead of an exception, so that one bad file never stops a run.

Offsets: for text and Markdown, ``Article.text`` is the file exactly as decoded (a UTF-8 BOM is dropped by
the decoder; line endings, "\\r\\n" included, are kept as they are), so a quote's offsets index the file's
text: ``text == file_text[start:end]``. One change: NUL characters become U+FFFD, which keeps every offset.
For HTML, ``Article.text`` is the extracted main text, paragraphs separated by blank lines.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from quotediff.errors import InputError, UnusableInput, printable_path
from quotediff.load.decode import (
    PLAINLY_HTML,
    binary_kind,
    declared_charset,
    decode,
    has_words,
    looks_binary,
    sniff_format,
)
from quotediff.load.text import text_article
from quotediff.model import Article, Skipped

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


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How inputs are read."""

    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False  # the first unusable input raises InputError instead of being skipped


# quotediff's own JSON report (``compare -f json``): its meta block comes first and names the tool.
QUOTEDIFF_REPORT = re.compile(r'\s*\{\s*"meta"\s*:\s*\{[^{}]{0,300}?"tool"\s*:\s*"quotediff"')


# --- public entry points ------------------------------------------------------------------------------------


def load_file(path: str, options: LoadOptions = LoadOptions()) -> Article:
    """Load one file; raise InputError (``UnusableInput``) when it is not a usable article."""
    return load_candidate(path, options)


def load_bytes(data: bytes, path: str, options: LoadOptions = LoadOptions()) -> Article:
    """Turn the bytes of one input into an Article; ``path`` gives its id, format and fallback outlet."""
    suffix = os.path.splitext(path)[1].lower() if path != "-" else ""
    text, encoding = decode_input(data, path, options)
    if QUOTEDIFF_REPORT.match(text[:1000]):
        raise UnusableInput(path, "a quotediff report, not an article")
    if suffix == ".json":  # read as text, its keys would become "scare quotes"
        raise UnusableInput(path, "a JSON file, not an article (JSON Lines, one article a line, are read from .jsonl)")
    stem = "stdin" if path == "-" else os.path.splitext(os.path.basename(path))[0]
    return article_from_text(text, path=path, stem=stem, fmt=FORMAT_BY_SUFFIX.get(suffix), encoding=encoding)


def decode_input(data: bytes, path: str, options: LoadOptions, *, declared: str | None = None) -> tuple[str, str]:
    """The text of one input and the codec used; UnusableInput when it is too large, binary or has no words.

    ``declared`` is a charset the container names (an HTTP header); otherwise an HTML page's own declaration
    is used, and either only when the bytes are not UTF-8.
    """
    if len(data) > options.max_bytes:
        raise UnusableInput(path, f"larger than --max-bytes ({format_size(options.max_bytes)})")
    if not data:
        raise UnusableInput(path, "empty file")
    kind = binary_kind(data)
    if kind:
        raise UnusableInput(path, f"binary file ({kind})")
    text, encoding = decode(data, declared=declared or declared_charset(data))
    return check_text(text, path), encoding


def check_text(text: str, path: str) -> str:
    """``text`` with NULs made U+FFFD (same length, so offsets hold), or UnusableInput when it is no article."""
    if not text or text.isspace():  # not text.strip(): that would copy a 50 MB text
        raise UnusableInput(path, "only whitespace")
    if looks_binary(text):
        raise UnusableInput(path, "binary file (control characters)")
    if not has_words(text):
        raise UnusableInput(path, "no article text")
    return text.replace("\x00", "\ufffd")


def article_from_text(
    text: str, *, path: str, stem: str, fmt: str | None, encoding: str, guess_date: bool = True
) -> Article:
    """An Article from checked text: HTML through the page extractor, the rest as text or Markdown.

    ``fmt`` is what the name or container says ("html", "text", "markdown"); None sniffs the text.
    ``guess_date=False``: a page's date only from its markup (see ``html_article``).
    """
    fmt = fmt or sniff_format(text)
    if fmt != "html" and PLAINLY_HTML.match(text[:1000]):
        fmt = "html"  # a page a crawler saved as .txt: its markup is not article text
    if fmt == "html":
        from quotediff.load.html import html_article  # trafilatura is imported only when a page needs it

        return html_article(text, path=path, stem=stem, encoding=encoding, guess_date=guess_date)
    return text_article(text, path=path, stem=stem, fmt=fmt, encoding=encoding)


# --- finding files ------------------------------------------------------------------------------------------


def is_article_file(name: str) -> bool:
    """Whether a file found in a folder is read as one article (by its suffix)."""
    return os.path.splitext(name)[1].lower() in FORMAT_BY_SUFFIX


def collect_paths(paths: Sequence[str], wanted: Callable[[str], bool]) -> tuple[list[str], list[Skipped]]:
    """Expand the given paths into files to load, sorted and without duplicates, and the paths that failed.

    In folders, only files whose name ``wanted`` accepts are taken; a file named on its own is always taken.
    """
    found: list[str] = []
    problems: list[Skipped] = []
    for path in paths:
        if path == "-":
            found.append("-")
            continue
        try:
            info = os.stat(path)
        except OSError as error:
            problems.append(Skipped(path, os_reason(error, path)))
            continue
        if stat.S_ISDIR(info.st_mode):
            for candidate_path, problem in _walk(path, info, wanted):
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


def _walk(root: str, root_info: os.stat_result, wanted: Callable[[str], bool]) -> Iterator[tuple[str, str | None]]:
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
            yield folder, os_reason(error, folder)
            continue
        subfolders: list[tuple[str, frozenset[tuple[int, int]]]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                info = os.stat(entry.path)
            except OSError as error:
                if wanted(entry.name) or entry.is_symlink():
                    yield entry.path, os_reason(error, entry.path)
                continue
            if stat.S_ISDIR(info.st_mode):
                ident = (info.st_dev, info.st_ino)
                if ident in ancestors:
                    yield entry.path, "directory loop (symbolic link to a folder above it), not followed"
                elif ident not in visited:
                    visited.add(ident)
                    subfolders.append((entry.path, ancestors | {ident}))
            elif wanted(entry.name):
                yield entry.path, None
        stack.extend(reversed(subfolders))


def os_reason(error: OSError, path: str) -> str:
    if isinstance(error, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == 40:  # ELOOP
        return "symbolic link loop"
    return (error.strerror or type(error).__name__).lower()


# --- reading ------------------------------------------------------------------------------------------------


def load_candidate(path: str, options: LoadOptions) -> Article:
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
        raise UnusableInput(path, os_reason(error, path)) from None
    return load_bytes(data, path, options)


def read_stdin(stdin: BinaryIO | None, options: LoadOptions) -> bytes:
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


def skip(skipped: Skipped, options: LoadOptions) -> Skipped:
    """``skipped`` itself, or with ``strict`` the InputError that ends the run."""
    if options.strict:
        raise InputError(f"{printable_path(skipped.path)}: {skipped.reason} (--strict)")
    return skipped


def nothing_found_message(paths: Sequence[str], skipped: list[Skipped], suffixes: Sequence[str]) -> str:
    """One line naming the inputs and what was wrong with them (at most three of each)."""
    where = ", ".join(printable_path(p) for p in paths[:3]) if paths else "no paths given"
    if len(paths) > 3:
        where += f" and {len(paths) - 3} more paths"
    if not skipped:
        return f"no articles found in {where}: no {', '.join(suffixes)} files"
    shown = ", ".join(f"{printable_path(s.path)} ({s.reason})" for s in skipped[:3])
    more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    noun = "file" if len(skipped) == 1 else "files"
    return f"no articles found in {where}: {len(skipped)} {noun} skipped: {shown}{more}"
