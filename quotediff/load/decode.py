"""Bytes to text without ever failing: BOMs, declared charsets, cp1252 fallback; binary and format sniffing."""

from __future__ import annotations

import codecs
import re

from quotediff.load.text import front_matter

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


PLAINLY_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html\b)", re.I)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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
    return decode_cp1252(data), "cp1252"


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(map(chr, error.object[error.start : error.end])), error.end


_AS_LATIN1 = "quotediff-as-latin1"
codecs.register_error(_AS_LATIN1, _as_latin1)


def decode_cp1252(data: bytes) -> str:
    """cp1252 as ``decode`` falls back to it: never fails, the five undefined bytes read as in latin-1."""
    return data.decode("cp1252", errors=_AS_LATIN1)


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


def declared_charset(data: bytes) -> str | None:
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


def binary_kind(data: bytes) -> str | None:
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


def looks_binary(text: str) -> bool:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > 0.1 * len(sample)


def has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def sniff_format(text: str) -> str:
    """Format of an input whose name says nothing (stdin, an unknown extension)."""
    if _SNIFF_HTML.search(text[:4096]):
        return "html"
    return "markdown" if front_matter(text) else "text"
