"""``index --engine dask``: the same stage functions, scheduled on a Dask cluster.

Each batch of articles becomes a dask.bag of partitions; every partition runs ``index_article`` on its articles,
writes its quotes as one Parquet file (pyarrow) and returns the rest. The index then reads the quotes back from
Parquet, and grouping and loading go on as with ``--jobs``: the engine only schedules, it has no logic of its own,
so both engines write the same database. Without ``--scheduler`` a LocalCluster is started on this machine.
Dask is an optional dependency (``pip install 'quotediff[dask]'``); nothing else imports this module.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from quotediff.corpus.stages import Indexed
from quotediff.corpus.store import QUOTE_COLUMNS, quote_from_row, quote_row
from quotediff.errors import OptionError
from quotediff.model import Article

COLUMNS = [c.strip().strip('"') for c in QUOTE_COLUMNS.split(",")]


class DaskEngine:
    def __init__(self, scheduler: str | None, jobs: int = 0, *, processes: bool = True) -> None:
        try:
            import dask.bag  # noqa: F401
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise OptionError("--engine dask needs Dask: pip install 'quotediff[dask]'") from None
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="10s")
            except OSError as exc:
                raise OptionError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
        else:
            import os

            workers = jobs if jobs > 0 else (os.cpu_count() or 1)
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or 1)
        # Parquet goes where every worker can read and write: a local folder for a LocalCluster; set
        # QUOTEDIFF_DASK_STAGING to a shared folder for a cluster of several machines.
        import os

        staging = os.environ.get("QUOTEDIFF_DASK_STAGING")
        self._staging = Path(tempfile.mkdtemp(prefix="quotediff-dask-", dir=staging))
        self._batches = 0

    def submit(self, func: Callable[[Article], Indexed], batch: Sequence[Article]) -> Callable[[], list[Indexed]]:
        import dask.bag as db

        self._batches += 1
        prefix = str(self._staging / f"batch{self._batches:06d}")
        bag = db.from_sequence(list(batch), npartitions=min(len(batch), 2 * self.workers))
        future = self._client.compute(bag.map_partitions(_partition, func, prefix))
        return lambda: _collect(future.result())

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        shutil.rmtree(self._staging, ignore_errors=True)


def _partition(articles: Sequence[Article], func: Callable[[Article], Indexed], prefix: str) -> list[Any]:
    """One partition on a worker: the stage, then its quotes as a Parquet file; the rest goes back."""
    import uuid

    import pyarrow as pa
    import pyarrow.parquet as pq

    results = [func(a) for a in articles]
    rows = [quote_row(q) for r in results for q in r.quotes]
    path = f"{prefix}-{uuid.uuid4().hex}.parquet"
    table = pa.table({name: [row[k] for row in rows] for k, name in enumerate(COLUMNS)})
    pq.write_table(table, path)
    return [(replace(r, quotes=()), path) for r in results]


def _collect(items: Sequence[tuple[Indexed, str]]) -> list[Indexed]:
    import pyarrow.parquet as pq

    quotes: dict[str, list[Any]] = defaultdict(list)
    for path in dict.fromkeys(p for _, p in items):
        data = pq.read_table(path).to_pydict()
        for row in zip(*(data[name] for name in COLUMNS), strict=True):
            quote = quote_from_row(row)
            quotes[quote.article_id].append(quote)
        Path(path).unlink(missing_ok=True)
    return [replace(r, quotes=tuple(quotes.get(r.article_id, ()))) for r, _ in items]
