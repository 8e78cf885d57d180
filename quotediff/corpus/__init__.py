"""A corpus index: articles indexed once in SQLite, then tracked and compared without reading them again.

Building it (``quotediff.corpus.index``: ``index_paths``, ``IndexOptions``) needs the extraction stage; asking
it (this module's names) does not, so ``track`` starts fast.
"""

from quotediff.corpus.query import Filters, comparison_from_index, index_stats, render_stats, track
from quotediff.corpus.schema import SCHEMA_VERSION, connect

__all__ = [
    "SCHEMA_VERSION",
    "Filters",
    "comparison_from_index",
    "connect",
    "index_stats",
    "render_stats",
    "track",
]
