"""The Dask engine on a two-worker LocalCluster writes the same database as local processes."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from quotediff.corpus.index import IndexOptions, index_paths

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

try:
    import dask.distributed  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError:
    if os.environ.get("QUOTEDIFF_REQUIRE_DASK"):
        raise
    pytest.skip("dask[distributed] and pyarrow are not installed (pip install '.[dask]')", allow_module_level=True)

from quotediff.corpus.dask_engine import DaskEngine  # noqa: E402


def content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    tables = ["articles", "quotes", "quote_search", "renderings", "wordings", "wording_keys", "groups", "members"]
    tables += ["copy_keys", "copies"]
    return {
        t: sorted(conn.execute(f"SELECT {'rowid, ' if t == 'quote_search' else ''}* FROM {t}"), key=repr)
        for t in tables
    }


def test_dask_engine_writes_the_same_database(tmp_path: Path) -> None:
    paths = [str(FIXTURES / "forgiven"), str(FIXTURES / "strike")]
    local, distributed = tmp_path / "local.db", tmp_path / "dask.db"
    index_paths(str(local), paths, IndexOptions(jobs=1, batch=10))
    engine = DaskEngine(None, 2, processes=False)
    assert engine.workers == 2
    report = index_paths(str(distributed), paths, IndexOptions(batch=10), engine=engine)
    assert report.added == 26 and report.grouping.groups > 0
    assert content(local) == content(distributed)
