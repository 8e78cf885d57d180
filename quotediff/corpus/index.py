"""Building and updating an index: articles streamed in batches, extracted in parallel, written per batch.

Memory stays bounded however large the input: at most two batches are in flight (one being extracted while the
next is read). Each batch is written in one transaction, so an interrupted run leaves a database with every
finished batch in it; grouping and copy checks then run for what is new, and a later run finishes what an
interrupted one left. A re-run adds new and changed articles only (by content hash) and says what it skipped.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import Any, BinaryIO, Protocol

from quotediff.compare.blocking import may_be_copies, shingle_hashes, shingle_words
from quotediff.compare.match import MatchOptions
from quotediff.corpus.grouping import GroupingStats, Progress, group_pending
from quotediff.corpus.schema import connect, drop_bulk_indexes, ensure_indexes
from quotediff.corpus.stages import MIN_SHINGLES, Indexed, blob_words, content_hash, index_article
from quotediff.corpus.store import chunks, delete_article, key_runs, marks, write_articles
from quotediff.errors import NoArticlesError
from quotediff.extract import ExtractOptions
from quotediff.load import LoadOptions, RecordOptions, iter_articles
from quotediff.model import Article, Skipped

UNCHANGED = "unchanged since it was indexed"


@dataclass(frozen=True, slots=True)
class IndexOptions:
    load: LoadOptions = field(default_factory=LoadOptions)
    records: RecordOptions | None = None  # field names of JSON Lines and CSV inputs
    jobs: int = 0  # extraction processes; 0: one per core
    batch: int = 200  # articles per transaction
    match: MatchOptions = field(default_factory=MatchOptions)
    extract: ExtractOptions | None = None
    copy_threshold: float = 0.6  # as CompareOptions.copy_threshold


@dataclass(frozen=True, slots=True)
class IndexReport:
    added: int
    replaced: int
    unchanged: int
    quotes: int
    skipped: tuple[Skipped, ...]  # unusable inputs and duplicates, with the reason
    grouping: GroupingStats
    copies: int


class Engine(Protocol):
    """Runs a stage function over a batch; ``submit`` may return before the work is done."""

    def submit(self, func: Callable[[Article], Indexed], batch: Sequence[Article]) -> Callable[[], list[Indexed]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Processes on this machine (``--jobs``); one job runs in-process, which also keeps tests simple."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
        self._pool: Any = None
        if self.jobs > 1:
            import multiprocessing

            self._pool = multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(self.jobs)

    def submit(self, func: Callable[[Article], Indexed], batch: Sequence[Article]) -> Callable[[], list[Indexed]]:
        if self._pool is None:
            results = [func(a) for a in batch]
            return lambda: results
        job = self._pool.map_async(func, batch, chunksize=max(1, len(batch) // (4 * self.jobs)))
        return lambda: list(job.get())

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def iter_inputs(
    paths: Sequence[str], options: IndexOptions, stdin: BinaryIO | None = None
) -> Iterator[Article | Skipped]:
    """Articles and skipped inputs, streamed: files, folders, and every record of JSON Lines, CSV and WARC."""
    yield from iter_articles(paths, options.load, options.records, stdin=stdin)


def index_paths(
    db: str,
    paths: Sequence[str],
    options: IndexOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> IndexReport:
    """Add the articles under ``paths`` to the index ``db`` (created if missing), then group what is new."""
    options = options or IndexOptions()
    conn = connect(db, create=True)
    engine = engine or LocalEngine(options.jobs)
    try:
        return _index(conn, iter_inputs(paths, options, stdin), options, engine, progress)
    finally:
        engine.close()
        conn.close()


def _index(
    conn: sqlite3.Connection,
    inputs: Iterable[Article | Skipped],
    options: IndexOptions,
    engine: Engine,
    progress: Progress | None,
) -> IndexReport:
    state = _RunState(conn)
    skipped: list[Skipped] = []
    first_build = conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
    if first_build:
        drop_bulk_indexes(conn)
    try:
        read, quotes = _ingest(conn, inputs, options, engine, progress, state, skipped)
    finally:
        if first_build:
            ensure_indexes(conn)
    if not read and not state.unchanged and not conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        raise NoArticlesError("no articles found in the inputs: " + _reasons(skipped))
    conn.execute("BEGIN IMMEDIATE")
    try:
        grouping = group_pending(conn, options.match, progress)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    copies = check_copies(conn, options.copy_threshold)
    return IndexReport(
        added=state.added,
        replaced=state.replaced,
        unchanged=state.unchanged,
        quotes=quotes,
        skipped=tuple(skipped),
        grouping=grouping,
        copies=copies,
    )


def _ingest(
    conn: sqlite3.Connection,
    inputs: Iterable[Article | Skipped],
    options: IndexOptions,
    engine: Engine,
    progress: Progress | None,
    state: _RunState,
    skipped: list[Skipped],
) -> tuple[int, int]:
    """Read, extract and write batch by batch: one batch is extracted while the next is read."""
    func = partial(index_article, options=options.extract)
    in_flight: tuple[list[tuple[Article, str, str | None]], Callable[[], list[Indexed]]] | None = None
    read = quotes = 0
    for batch in _batches(inputs, options.batch, skipped, state, options):
        read += len(batch)
        job = engine.submit(func, [article for article, _, _ in batch])
        if in_flight is not None:
            quotes += _write(conn, *in_flight)
            if progress is not None:
                progress("articles", read - len(batch), None)
                progress("quotes", quotes, None)
        in_flight = (batch, job)
    if in_flight is not None:
        quotes += _write(conn, *in_flight)
    if progress is not None:
        progress("articles", read, None)
        progress("quotes", quotes, None)
    return read, quotes


def _reasons(skipped: Sequence[Skipped]) -> str:
    shown = ", ".join(f"{s.path} ({s.reason})" for s in skipped[:3])
    return (shown or "nothing to read") + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")


class _RunState:
    """What this run has decided so far: ids and hashes in flight are not in the database yet."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids: set[str] = set()
        self.hashes: dict[str, str] = {}
        self.sources: set[str] = set()
        self.added = self.replaced = self.unchanged = 0

    def decide(self, article: Article) -> tuple[Article, str, str | None] | Skipped | None:
        """The article to write (with its source and the id it replaces), a skip, or None when unchanged."""
        source = article.path
        number = 1
        while source in self.sources:
            number += 1
            source = f"{article.path}#{number}"
        self.sources.add(source)
        digest = content_hash(article)
        row = self.conn.execute("SELECT id, content_hash FROM articles WHERE source = ?", (source,)).fetchone()
        if row is not None and row[1] == digest:
            self.unchanged += 1
            return None
        twin = self.hashes.get(digest) or _scalar(self.conn, "SELECT id FROM articles WHERE content_hash = ?", digest)
        if twin is not None and (row is None or twin != row[0]):
            return Skipped(article.path, f"same text and metadata as {twin}, already indexed")
        self.hashes[digest] = article.id
        if row is not None:
            self.replaced += 1
            self.ids.add(row[0])
            return replace(article, id=row[0]), source, row[0]
        candidate, n = article.id, 1
        while candidate in self.ids or _scalar(self.conn, "SELECT id FROM articles WHERE id = ?", candidate):
            n += 1
            candidate = f"{article.id}-{n}"
        self.ids.add(candidate)
        self.hashes[digest] = candidate
        self.added += 1
        return (article if candidate == article.id else replace(article, id=candidate)), source, None


def _scalar(conn: sqlite3.Connection, sql: str, value: str) -> Any:
    row = conn.execute(sql, (value,)).fetchone()
    return row[0] if row else None


def _batches(
    inputs: Iterable[Article | Skipped],
    size: int,
    skipped: list[Skipped],
    state: _RunState,
    options: IndexOptions,
) -> Iterator[list[tuple[Article, str, str | None]]]:
    batch: list[tuple[Article, str, str | None]] = []
    for item in inputs:
        decided = state.decide(item) if isinstance(item, Article) else item
        if isinstance(decided, Skipped):
            if options.load.strict:
                from quotediff.errors import InputError, printable_path

                raise InputError(f"{printable_path(decided.path)}: {decided.reason} (--strict)")
            skipped.append(decided)
        elif decided is not None:
            batch.append(decided)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def _write(
    conn: sqlite3.Connection, batch: list[tuple[Article, str, str | None]], job: Callable[[], list[Indexed]]
) -> int:
    """One batch in one transaction: all of it is in the index, or none of it."""
    results = job()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for _, _, replaces in batch:
            if replaces is not None:
                _forget(conn, replaces)
        write_articles(conn, [(a, source, r) for (a, source, _), r in zip(batch, results, strict=True)])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return sum(len(r.quotes) for r in results)


def _forget(conn: sqlite3.Connection, article_id: str) -> None:
    """A changed article goes; the components it was in are grouped again with the new version."""
    components = sorted(delete_article(conn, article_id))
    for part in chunks(components):
        conn.execute(f"UPDATE renderings SET component = NULL WHERE component IN ({marks(len(part))})", part)
        conn.execute(
            f"DELETE FROM members WHERE group_id IN (SELECT id FROM groups WHERE component IN ({marks(len(part))}))",
            part,
        )
        conn.execute(f"DELETE FROM groups WHERE component IN ({marks(len(part))})", part)


def check_copies(conn: sqlite3.Connection, threshold: float) -> int:
    """Verify the copy candidates of articles not checked yet (sharing a MinHash band), as compare does."""
    pending = {r[0] for r in conn.execute("SELECT id FROM articles WHERE copies_checked = 0")}
    if not pending:
        return 0
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    everything = len(pending) * 2 > total
    sketches: dict[str, tuple[tuple[int, ...], int]] = {}
    if everything:
        rows = conn.execute("SELECT id, signature, shingles FROM articles")
        sketches = {aid: (blob_words(sig), n) for aid, sig, n in rows}

    def sketch(article_id: str) -> tuple[tuple[int, ...], int]:
        if article_id not in sketches:
            sig, n = conn.execute("SELECT signature, shingles FROM articles WHERE id = ?", (article_id,)).fetchone()
            sketches[article_id] = (blob_words(sig), n)
        return sketches[article_id]

    candidates: set[tuple[str, str]] = set()
    for holders in key_runs(conn, "copy_keys", "article_id", pending, all_keys=everything):
        for x in range(len(holders)):
            for y in range(x + 1, len(holders)):
                a, b = sorted((holders[x], holders[y]))
                if a == b or (a not in pending and b not in pending) or (a, b) in candidates:
                    continue
                (sig_a, size_a), (sig_b, size_b) = sketch(a), sketch(b)
                if may_be_copies(sig_a, sig_b, size_a, size_b, threshold):
                    candidates.add((a, b))

    @lru_cache(maxsize=1024)
    def shingles_of(article_id: str) -> frozenset[int]:
        text, body_start = conn.execute("SELECT text, body_start FROM articles WHERE id = ?", (article_id,)).fetchone()
        body = zlib.decompress(text).decode("utf-8", "surrogatepass")[body_start:]
        return frozenset(shingle_hashes(shingle_words(body)))

    found = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for a, b in sorted(candidates):
            sa, sb = shingles_of(a), shingles_of(b)
            small = min(len(sa), len(sb))
            if small >= MIN_SHINGLES and len(sa & sb) >= threshold * small:
                conn.execute("INSERT OR IGNORE INTO copies (a, b) VALUES (?, ?)", (a, b))
                found += 1
        ids = sorted(pending)
        for part in chunks(ids):
            conn.execute(f"UPDATE articles SET copies_checked = 1 WHERE id IN ({marks(len(part))})", part)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
