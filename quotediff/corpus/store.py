"""Rows in and out: articles, quotes and renderings as the index stores them, and back as model objects."""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from quotediff.compare.match import Rendering
from quotediff.compare.normalize import tokenize
from quotediff.corpus.stages import Indexed, content_hash, gram_keys, wording_id, words_blob
from quotediff.model import Article, Attribution, Quote, Span

# SQLite allows 999 bound parameters in old builds: stay under it in every IN (...).
CHUNK = 900

ARTICLE_COLUMNS = (
    "id, path, format, outlet, title, url, published, author, encoding, body_start, blockquotes, language, text"
)
QUOTE_COLUMNS = (
    'id, article_id, text, start, "end", marks, kind, utterance, speaker, speaker_start, speaker_end, '
    "speaker_resolved, speaker_kind, verb, verb_start, verb_end, verb_lemma, verb_tone, hedges, addressee, "
    "addressee_start, addressee_end, sources, unclosed"
)
RENDERING_COLUMNS = "article_id, quote_ids, text, start, utterance, speaker"


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def marks(n: int) -> str:
    return ",".join("?" * n)


def next_id(conn: sqlite3.Connection, table: str, column: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()[0])


def write_articles(conn: sqlite3.Connection, items: Sequence[tuple[Article, str, Indexed]]) -> None:
    """Articles with their quotes, renderings, blocking keys and copy keys (inside the caller's transaction)."""
    article_rows: list[tuple[Any, ...]] = []
    rendering_rows: list[tuple[Any, ...]] = []
    quote_rows: list[tuple[Any, ...]] = []
    copy_rows: list[tuple[int, str]] = []
    rendering_id = next_id(conn, "renderings", "id")
    quote_n = next_id(conn, "quotes", "n")
    wordings: dict[int, tuple[int, ...]] = {}
    for article, source, indexed in items:
        article_rows.append(
            (
                article.id,
                source,
                article.path,
                article.format,
                article.outlet,
                article.title,
                article.url,
                article.published,
                article.author,
                article.encoding,
                article.body_start,
                json.dumps(article.blockquotes),
                article.language,
                content_hash(article),
                indexed.shingles,
                array("q", indexed.signature).tobytes(),
                zlib.compress(article.text.encode("utf-8", "surrogatepass"), 6),
            )
        )
        rendering_of: dict[str, int] = {}
        for r in indexed.renderings:
            wid = wording_id(r.words)
            wordings[wid] = r.words
            quote_ids = json.dumps(r.quote_ids)
            rendering_rows.append(
                (rendering_id, article.id, quote_ids, r.text, r.start, r.utterance, r.speaker, wid, r.rarity)
            )
            rendering_of.update((q, rendering_id) for q in r.quote_ids)
            rendering_id += 1
        for q in indexed.quotes:
            quote_rows.append((quote_n, rendering_of.get(q.id), *quote_row(q)))
            quote_n += 1
        copy_rows.extend((k, article.id) for k in indexed.copy_keys)
    conn.executemany(
        "INSERT INTO articles (id, source, path, format, outlet, title, url, published, author, encoding, "
        "body_start, blockquotes, language, content_hash, shingles, signature, text) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        article_rows,
    )
    known = {
        row[0]
        for part in chunks(list(wordings))
        for row in conn.execute(f"SELECT id FROM wordings WHERE id IN ({marks(len(part))})", tuple(part))
    }
    fresh = [(wid, words_blob(words)) for wid, words in wordings.items() if wid not in known]
    conn.executemany("INSERT INTO wordings (id, words) VALUES (?, ?)", fresh)
    conn.executemany(
        "INSERT OR IGNORE INTO wording_keys (key, wording) VALUES (?, ?)",
        [(key, wid) for wid, _ in fresh for key in gram_keys(wordings[wid])],
    )
    conn.executemany(
        "INSERT INTO renderings (id, article_id, quote_ids, text, start, utterance, speaker, wording, rarity) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        rendering_rows,
    )
    conn.executemany(f"INSERT INTO quotes (n, rendering, {QUOTE_COLUMNS}) VALUES ({marks(26)})", quote_rows)
    conn.executemany("INSERT INTO quote_search (rowid, text) VALUES (?, ?)", [(r[0], r[4]) for r in quote_rows])
    conn.executemany("INSERT INTO copy_keys (key, article_id) VALUES (?, ?)", copy_rows)


def delete_article(conn: sqlite3.Connection, article_id: str) -> set[int]:
    """Remove an article and what was derived from it; returns the components it belonged to."""
    components = {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT component FROM renderings WHERE article_id = ? AND component IS NOT NULL", (article_id,)
        )
    }
    conn.execute("DELETE FROM quote_search WHERE rowid IN (SELECT n FROM quotes WHERE article_id = ?)", (article_id,))
    for table in ("quotes", "renderings", "copy_keys", "articles"):
        column = "id" if table == "articles" else "article_id"
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
    conn.execute("DELETE FROM copies WHERE a = ? OR b = ?", (article_id, article_id))
    return components


def _span(text: str | None, start: int | None, end: int | None) -> Span | None:
    return Span(start, end, text) if text is not None and start is not None and end is not None else None


def _spans(data: str) -> tuple[Span, ...]:
    return tuple(Span(s, e, t) for s, e, t in json.loads(data))


def quote_row(q: Quote) -> tuple[Any, ...]:
    a = q.attribution
    return (
        q.id,
        q.article_id,
        q.text,
        q.start,
        q.end,
        q.marks,
        q.kind,
        q.utterance,
        *_span_columns(a.speaker),
        a.speaker_resolved,
        a.speaker_kind,
        *_span_columns(a.verb),
        a.verb_lemma,
        a.verb_tone,
        json.dumps([(h.start, h.end, h.text) for h in a.hedges], ensure_ascii=False),
        *_span_columns(a.addressee),
        json.dumps([(s.start, s.end, s.text) for s in a.sources], ensure_ascii=False),
        int(q.unclosed),
    )


def _span_columns(span: Span | None) -> tuple[Any, Any, Any]:
    return (span.text, span.start, span.end) if span is not None else (None, None, None)


def quote_from_row(row: Sequence[Any]) -> Quote:
    attribution = Attribution(
        speaker=_span(row[8], row[9], row[10]),
        speaker_resolved=row[11],
        speaker_kind=row[12],
        verb=_span(row[13], row[14], row[15]),
        verb_lemma=row[16],
        verb_tone=row[17],
        hedges=_spans(row[18]),
        addressee=_span(row[19], row[20], row[21]),
        sources=_spans(row[22]),
    )
    return Quote(
        id=row[0],
        article_id=row[1],
        text=row[2],
        start=row[3],
        end=row[4],
        marks=row[5],
        attribution=attribution,
        utterance=row[7],
        kind=row[6],
        unclosed=bool(row[23]),
    )


def article_from_row(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        path=row[1],
        format=row[2],
        outlet=row[3],
        title=row[4],
        url=row[5],
        published=row[6],
        author=row[7],
        encoding=row[8],
        body_start=row[9],
        blockquotes=tuple(tuple(b) for b in json.loads(row[10])),  # type: ignore[misc]
        language=row[11],
        text=zlib.decompress(row[12]).decode("utf-8", "surrogatepass"),
    )


def load_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Article]:
    wanted = sorted(set(ids))
    found: list[Article] = []
    for part in chunks(wanted):
        rows = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks(len(part))})", part)
        found.extend(article_from_row(row) for row in rows)
    return sorted(found, key=lambda a: a.id)


def load_quotes(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[Quote]:
    wanted = sorted(set(article_ids))
    found: list[tuple[str, int, Quote]] = []
    for part in chunks(wanted):
        rows = conn.execute(f"SELECT n, {QUOTE_COLUMNS} FROM quotes WHERE article_id IN ({marks(len(part))})", part)
        found.extend((row[2], row[0], quote_from_row(row[1:])) for row in rows)
    # The order compare gives: articles by id, each article's quotes in text order.
    found.sort(key=lambda item: (item[0], item[1]))
    return [q for _, _, q in found]


def rendering_from_row(row: Sequence[Any]) -> Rendering:
    return Rendering(
        article_id=row[0],
        quote_ids=tuple(json.loads(row[1])),
        text=row[2],
        tokens=tokenize(row[2]),
        start=row[3],
        utterance=row[4],
        speaker=row[5],
    )


def key_runs(
    conn: sqlite3.Connection, table: str, column: str, values: Iterable[Any], *, all_keys: bool
) -> Iterator[list[Any]]:
    """For each blocking key held by one of ``values``, everything in ``table`` holding it.

    With ``all_keys`` (most values are new: a first build) the whole table is streamed in key order instead of
    looked up piece by piece; memory holds one key's holders at a time either way.
    """
    if all_keys:
        yield from _runs(iter(conn.execute(f"SELECT key, {column} FROM {table} ORDER BY key")))
        return
    keys: set[int] = set()
    for part in chunks(sorted(values)):
        sql = f"SELECT key FROM {table} WHERE {column} IN ({marks(len(part))})"
        keys.update(r[0] for r in conn.execute(sql, part))
    for part in chunks(sorted(keys)):
        sql = f"SELECT key, {column} FROM {table} WHERE key IN ({marks(len(part))}) ORDER BY key"
        yield from _runs(iter(conn.execute(sql, part)))


def _runs(rows: Iterator[tuple[int, Any]]) -> Iterator[list[Any]]:
    current: int | None = None
    run: list[Any] = []
    for key, holder in rows:
        if key != current:
            if run:
                yield run
            current, run = key, []
        run.append(holder)
    if run:
        yield run
