"""Loading: paths in, decoded ``Article`` objects (and the reasons for anything skipped) out."""

from quotediff.load.decode import decode
from quotediff.load.files import (
    DEFAULT_MAX_BYTES,
    FORMAT_BY_SUFFIX,
    KB,
    MB,
    LoadOptions,
    format_size,
    load_bytes,
    load_file,
    parse_size,
)
from quotediff.load.paths import is_input_file, iter_articles, load_paths
from quotediff.load.records import FIELDS, RecordOptions, is_record_file, iter_records
from quotediff.load.text import normalise_date, slugify
from quotediff.model import LoadResult

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FIELDS",
    "FORMAT_BY_SUFFIX",
    "KB",
    "MB",
    "LoadOptions",
    "LoadResult",
    "RecordOptions",
    "decode",
    "format_size",
    "is_input_file",
    "is_record_file",
    "iter_articles",
    "iter_records",
    "load_bytes",
    "load_file",
    "load_paths",
    "normalise_date",
    "parse_size",
    "slugify",
]
