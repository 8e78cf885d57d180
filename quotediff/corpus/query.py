"""Asking an index: the stored groups as a Comparison (``compare --db``), one quotation (``track``), statistics.

Both build the same ``Comparison`` that ``compare`` builds (``compare.pipeline.assemble``), so every report
format works unchanged and shows what ``compare`` would show on the same articles.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from quotediff.compare.blocking import copy_clusters
from quotediff.compare.match import STOPWORDS, Rendering, group_renderings
from quotediff.compare.pipeline import CompareOptions, assemble
from quotediff.compare.reuse import date_key
from quotediff.corpus.schema import SCHEMA_VERSION
from quotediff.corpus.store import (
    RENDERING_COLUMNS,
    chunks,
    load_articles,
    load_quotes,
    marks,
    rendering_from_row,
)
from quotediff.errors import OptionError
from quotediff.model import Article, Comparison


@dataclass(frozen=True, slots=True)
class Filters:
    since: str | None = None  # ISO dates, inclusive; articles without a date are left out when either is set
    until: str | None = None
    outlets: tuple[str, ...] = ()  # case-insensitive; any of them
    min_articles: int | None = None  # None: 2 for compare, 1 for track (as compare --quote)


def selected_articles(conn: sqlite3.Connection, filters: Filters) -> list[str]:
    where, args = _where(filters)
    return [r[0] for r in conn.execute(f"SELECT id FROM articles {where} ORDER BY id", args)]


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if filters.since:
        clauses.append("published >= ?")
        args.append(filters.since)
    if filters.until:
        clauses.append("published IS NOT NULL AND substr(published, 1, 10) <= ?")
        args.append(filters.until)
    if filters.outlets:
        clauses.append(f"lower(outlet) IN ({marks(len(filters.outlets))})")
        args.extend(o.casefold() for o in filters.outlets)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def comparison_from_index(
    conn: sqlite3.Connection, filters: Filters | None = None, options: CompareOptions | None = None
) -> Comparison:
    """The stored groups of the selected articles (members outside the selection left out), as compare shows."""
    filters = filters or Filters()
    options = options or CompareOptions()
    ids = selected_articles(conn, filters)
    if not ids:
        raise OptionError("no indexed article matches the filters" + _describe(filters))
    wanted = set(ids)
    members: dict[int, list[Rendering]] = defaultdict(list)
    for row in conn.execute(f"SELECT group_id, {RENDERING_COLUMNS} FROM members ORDER BY group_id, position"):
        if row[1] in wanted:
            members[row[0]].append(rendering_from_row(row[1:]))
    least = filters.min_articles if filters.min_articles is not None else options.match.min_articles
    grouped = [g for g in members.values() if len({r.article_id for r in g}) >= least]
    grouped.sort(key=lambda g: min((r.article_id, r.start) for r in g))
    articles = load_articles(conn, ids)
    return assemble(articles, load_quotes(conn, ids), grouped, _copies(conn, articles), options)


def track(
    conn: sqlite3.Connection, text: str, filters: Filters | None = None, options: CompareOptions | None = None
) -> Comparison:
    """Every rendering of the quotation ``text`` (or a fragment of it) in the index, as ``compare --quote``.

    Full-text search finds quotes carrying its words; their linked components are grouped again with single
    renderings kept (as --quote does), so variants that do not share the searched words still come along.
    """
    filters = filters or Filters()
    options = replace(options or CompareOptions(), quote=text)
    least = filters.min_articles if filters.min_articles is not None else 1
    components = _components_matching(conn, text)
    narrowed = bool(filters.since or filters.until or filters.outlets)
    wanted = set(selected_articles(conn, filters)) if narrowed else None
    renderings: list[Rendering] = []
    for part in chunks(sorted(components)):
        rows = conn.execute(f"SELECT {RENDERING_COLUMNS} FROM renderings WHERE component IN ({marks(len(part))})", part)
        renderings.extend(rendering_from_row(r) for r in rows if wanted is None or r[0] in wanted)
    renderings.sort(key=lambda r: (r.article_id, r.start))
    grouped = group_renderings(renderings, replace(options.match, min_articles=least))
    ids = sorted({r.article_id for g in grouped for r in g})
    articles = load_articles(conn, ids)
    return assemble(articles, load_quotes(conn, ids), grouped, _copies(conn, articles), options)


_TERM = re.compile(r"\w+")


def _components_matching(conn: sqlite3.Connection, text: str) -> set[int]:
    """Components holding a quote with all the query's distinctive words (any of them when none has all)."""
    words = [w.casefold() for w in _TERM.findall(text)]
    distinctive = [w for w in words if w not in STOPWORDS] or words
    if not distinctive:
        return set()
    terms = ['"' + w.replace('"', '""') + '"' for w in dict.fromkeys(distinctive)]
    for joiner in (" AND ", " OR "):
        rows = conn.execute(
            "SELECT DISTINCT r.component FROM quote_search s JOIN quotes q ON q.n = s.rowid "
            "JOIN renderings r ON r.id = q.rendering WHERE quote_search MATCH ? AND r.component IS NOT NULL",
            (joiner.join(terms),),
        ).fetchall()
        if rows:
            return {r[0] for r in rows}
    return set()


def _copies(conn: sqlite3.Connection, articles: Sequence[Article]) -> tuple[tuple[str, ...], ...]:
    ids = [a.id for a in articles]
    wanted = set(ids)
    pairs: list[tuple[str, str]] = []
    for part in chunks(ids):
        rows = conn.execute(f"SELECT a, b FROM copies WHERE a IN ({marks(len(part))})", part)
        pairs.extend((a, b) for a, b in rows if b in wanted)
    order = [a.id for a in sorted(articles, key=lambda a: (date_key(a), a.id))]
    return copy_clusters(order, pairs)


def _describe(filters: Filters) -> str:
    parts = []
    if filters.since:
        parts.append(f"--since {filters.since}")
    if filters.until:
        parts.append(f"--until {filters.until}")
    parts.extend(f"--outlet {o!r}" for o in filters.outlets)
    return f" ({' '.join(parts)})" if parts else ""


def index_stats(conn: sqlite3.Connection, path: str) -> dict[str, Any]:
    """Counts for ``index --stats``: what is in the index and what is still waiting to be grouped."""

    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    outlets = conn.execute(
        "SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT 10"
    ).fetchall()
    return {
        "database": path,
        "schema": SCHEMA_VERSION,
        "size_bytes": os.path.getsize(path),
        "articles": one("SELECT count(*) FROM articles"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "statements": one("SELECT count(*) FROM quotes WHERE kind = 'statement'"),
        "renderings": one("SELECT count(*) FROM renderings"),
        "ungrouped": one("SELECT count(*) FROM renderings WHERE component IS NULL"),
        "groups": one("SELECT count(*) FROM groups"),
        "grouped_renderings": one("SELECT count(*) FROM members"),
        "copy_pairs": one("SELECT count(*) FROM copies"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
        "top_outlets": [[o, n] for o, n in outlets],
        "first_published": one("SELECT min(published) FROM articles"),
        "last_published": one("SELECT max(published) FROM articles"),
        "undated": one("SELECT count(*) FROM articles WHERE published IS NULL"),
    }


def render_stats(stats: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"{stats['database']} (schema {stats['schema']}, {stats['size_bytes'] / 1e6:.1f} MB)",
        f"articles     {stats['articles']:>10,}  ({stats['undated']:,} undated; "
        f"{stats['first_published'] or '-'} to {stats['last_published'] or '-'})",
        f"quotes       {stats['quotes']:>10,}  ({stats['statements']:,} statements)",
        f"renderings   {stats['renderings']:>10,}  ({stats['ungrouped']:,} waiting to be grouped)",
        f"groups       {stats['groups']:>10,}  ({stats['grouped_renderings']:,} renderings in them)",
        f"copy pairs   {stats['copy_pairs']:>10,}",
        f"outlets      {stats['outlets']:>10,}",
    ]
    lines.extend(f"  {n:>8,}  {o}" for o, n in stats["top_outlets"])
    return "\n".join(lines) + "\n"
