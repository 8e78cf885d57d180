"""A corpus index: articles indexed once in SQLite, then tracked and compared without reading them again."""

from quotediff.corpus.index import IndexOptions, IndexReport, LocalEngine, index_paths
from quotediff.corpus.query import Filters, comparison_from_index, index_stats, render_stats, track
from quotediff.corpus.schema import SCHEMA_VERSION, connect

__all__ = [
    "SCHEMA_VERSION",
    "Filters",
    "IndexOptions",
    "IndexReport",
    "LocalEngine",
    "comparison_from_index",
    "connect",
    "index_paths",
    "index_stats",
    "render_stats",
    "track",
]
