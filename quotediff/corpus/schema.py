"""The index database: one SQLite file, its schema versioned with ``PRAGMA user_version``.

Tables (docs/index-schema.md describes every column):

- ``meta``: key/value facts about the index (tool version that built it).
- ``articles``: one row per indexed article: id, source (what identifies it across runs: its path, or its path
  and record), url, outlet, published, title, author, content hash, the text (zlib-compressed).
- ``quotes``: every quote with its attribution (speaker, verb, hedges, addressee, sources) and offsets.
  ``quote_search`` is an FTS5 table over the quote text, with the quote's rowid, for ``track``.
- ``renderings``: what matching compares (one per statement piece), with its matching words; ``component`` is the
  linked component it was grouped in (NULL until grouped: an interrupted run leaves them for the next).
- ``wordings`` and ``wording_keys``: the distinct matching-word sequences and their word-trigram blocking keys.
- ``groups`` and ``members``: the stored quotation groups (one statement per article).
- ``copy_keys`` and ``copies``: MinHash band keys of each article and the verified copy pairs.
"""

from __future__ import annotations

import os
import sqlite3

from quotediff.errors import DatabaseError

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    outlet TEXT NOT NULL,
    title TEXT,
    url TEXT,
    published TEXT,
    author TEXT,
    encoding TEXT NOT NULL,
    language TEXT,
    body_start INTEGER NOT NULL,
    blockquotes TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    copies_checked INTEGER NOT NULL DEFAULT 0,
    text BLOB NOT NULL
);
CREATE INDEX articles_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE TABLE quotes (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    rendering INTEGER,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    marks TEXT NOT NULL,
    kind TEXT NOT NULL,
    utterance INTEGER NOT NULL,
    speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,
    speaker_resolved TEXT,
    speaker_kind TEXT NOT NULL,
    verb TEXT, verb_start INTEGER, verb_end INTEGER,
    verb_lemma TEXT, verb_tone TEXT,
    hedges TEXT NOT NULL,
    addressee TEXT, addressee_start INTEGER, addressee_end INTEGER,
    sources TEXT NOT NULL,
    unclosed INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE quote_search USING fts5 (text, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE renderings (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    quote_ids TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    utterance INTEGER NOT NULL,
    speaker TEXT,
    wording INTEGER NOT NULL,
    rarity BLOB NOT NULL,
    component INTEGER
);
CREATE TABLE wordings (id INTEGER PRIMARY KEY, words BLOB NOT NULL);
CREATE TABLE wording_keys (key INTEGER NOT NULL, wording INTEGER NOT NULL);
CREATE TABLE groups (id INTEGER PRIMARY KEY, component INTEGER NOT NULL);
CREATE INDEX groups_component ON groups (component);
CREATE TABLE members (
    group_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    quote_ids TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    utterance INTEGER NOT NULL,
    speaker TEXT,
    PRIMARY KEY (group_id, position)
);
CREATE INDEX members_article ON members (article_id);
CREATE TABLE copy_keys (key INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE TABLE copies (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX copies_b ON copies (b);
"""

# Indexes a first build creates after loading (sorting once is far cheaper than inserting at random into a
# b-tree larger than the cache); every connection makes sure they exist, so an interrupted build loses nothing.
BULK_INDEXES = (
    "quotes_article ON quotes (article_id)",
    "renderings_article ON renderings (article_id)",
    "renderings_wording ON renderings (wording)",
    "renderings_component ON renderings (component)",
    "wording_keys_key ON wording_keys (key, wording)",
    "wording_keys_wording ON wording_keys (wording)",
    "copy_keys_key ON copy_keys (key)",
    "copy_keys_article ON copy_keys (article_id)",
)


def ensure_indexes(conn: sqlite3.Connection) -> None:
    for index in BULK_INDEXES:
        conn.execute(f"CREATE INDEX IF NOT EXISTS {index}")


def drop_bulk_indexes(conn: sqlite3.Connection) -> None:
    for index in BULK_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index.split()[0]}")


def connect(path: str, *, create: bool) -> sqlite3.Connection:
    """Open an index; with ``create`` a missing (or empty) file becomes a new one.

    A database of another schema version is refused with one line saying what to do: quotediff never guesses at
    a layout it did not write.
    """
    if not create and not os.path.exists(path):
        raise DatabaseError(f"{path}: no such index (build it with: quotediff index PATHS... --db {path})")
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: not a quotediff index ({exc})") from None
    if version == 0 and tables == 0:
        if not create:
            conn.close()
            raise DatabaseError(f"{path}: empty index (build it with: quotediff index PATHS... --db {path})")
        conn.executescript("BEGIN;" + SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        ensure_indexes(conn)
        return _tune(conn)
    if version == SCHEMA_VERSION:
        ensure_indexes(conn)
        return _tune(conn)
    conn.close()
    if version == 0:
        raise DatabaseError(f"{path}: not a quotediff index (a SQLite database with other tables)")
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path}: index schema version {version} is newer than this quotediff reads ({SCHEMA_VERSION}); "
            "upgrade quotediff"
        )
    raise DatabaseError(
        f"{path}: index schema version {version} is older than this quotediff reads ({SCHEMA_VERSION}) and "
        "cannot be migrated; rebuild it with quotediff index"
    )


def _tune(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB of page cache: the blocking keys' b-trees stay in memory
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn
