"""The SQLite file: its schema, one writer and a read connection per thread.

WAL journalling lets readers run while the writer writes, so the UI's reads never wait behind
a batch of analyses being stored. Writes go through `write()` (one lock, one transaction);
reads through `read()`, which hands each thread its own connection (as datasette does).
An in-memory database has one connection, shared under the lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from reader.core.errors import (
    StoreError,
    cannot_use,
    damaged,
    is_damage,
    make_folder,
    reason,
    remove_database,
)

__all__ = [
    "Connections",
    "Database",
    "NotAtOnce",
    "Rows",
    "Sql",
    "StoreError",
    "cannot_use",
    "in_batches",
    "is_damage",
    "pairs_in",
    "upsert",
]

KEYS_PER_QUERY = 500
"""Values in one `IN (...)` list at most."""

SCHEMA_VERSION = 10
"""Bump when SCHEMA changes: an older store is then rebuilt from the files."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, analyzer TEXT, error TEXT,
    note TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY, id TEXT, base_id TEXT, path TEXT, position INTEGER,
    key TEXT, source TEXT, published TEXT, title TEXT, body TEXT, actors TEXT, meta TEXT,
    vector TEXT
);
CREATE INDEX IF NOT EXISTS articles_place ON articles(path, position);
CREATE INDEX IF NOT EXISTS articles_listed
    ON articles(id, path, position, source, published, title);
CREATE INDEX IF NOT EXISTS articles_base ON articles(base_id, id);
CREATE TABLE IF NOT EXISTS analyses (
    key TEXT, version TEXT, data TEXT, PRIMARY KEY (key, version)
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, actors, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS story_articles (
    id TEXT PRIMARY KEY, content TEXT, story TEXT, similarity REAL, neighbour TEXT, vector TEXT,
    actors TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_articles_listed ON story_articles(story, id, content, actors);
CREATE TABLE IF NOT EXISTS story_keys (
    rowid INTEGER PRIMARY KEY, key TEXT, id TEXT, weight INTEGER
);
CREATE INDEX IF NOT EXISTS story_keys_key ON story_keys(key);
CREATE INDEX IF NOT EXISTS story_keys_id ON story_keys(id);
CREATE TABLE IF NOT EXISTS story_generation (generation INTEGER);
CREATE TABLE IF NOT EXISTS story_changed (generation INTEGER, id TEXT);
CREATE INDEX IF NOT EXISTS story_changed_generation ON story_changed(generation);
CREATE TABLE IF NOT EXISTS story_replaced (generation INTEGER, id TEXT);
CREATE INDEX IF NOT EXISTS story_replaced_generation ON story_replaced(generation);
CREATE TABLE IF NOT EXISTS story_todo (rowid INTEGER PRIMARY KEY, id TEXT);
CREATE TABLE IF NOT EXISTS story_version (version TEXT);
CREATE TABLE IF NOT EXISTS story_listing (generation INTEGER, data TEXT);
CREATE TABLE IF NOT EXISTS story_corpora (story TEXT PRIMARY KEY, stamp TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_actors (
    story TEXT, position INTEGER, key TEXT, mentions INTEGER, data TEXT,
    PRIMARY KEY (story, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_actors_key ON story_actors(key, mentions);
CREATE TABLE IF NOT EXISTS story_events (
    story TEXT, position INTEGER, day INTEGER, precision INTEGER, date TEXT, data TEXT,
    PRIMARY KEY (story, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_events_order
    ON story_events(day, precision, date, story, position);
CREATE TABLE IF NOT EXISTS story_quotes (
    story TEXT, position INTEGER, speaker TEXT, key TEXT, article TEXT, start INTEGER,
    "end" INTEGER, text TEXT, PRIMARY KEY (story, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_quotes_key ON story_quotes(key);
CREATE TABLE IF NOT EXISTS story_mentions (
    id TEXT PRIMARY KEY, story TEXT, data TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_mentions_story ON story_mentions(story);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS vocabulary (term TEXT PRIMARY KEY, docs INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vocabulary_stale (stale INTEGER);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO fts(rowid, title, body, actors) VALUES (new.rowid, new.title, new.body, new.actors);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO fts(fts, rowid, title, body, actors)
    VALUES ('delete', old.rowid, old.title, old.body, old.actors);
END;
"""

_NARROWER_INDEXES = "DROP INDEX IF EXISTS articles_id; DROP INDEX IF EXISTS story_articles_story;"
_VECTOR_COLUMN = "ALTER TABLE articles ADD COLUMN vector TEXT;"
_ROWID_ANALYSES = """
ALTER TABLE analyses RENAME TO analyses_without_rowid;
CREATE TABLE analyses (key TEXT, version TEXT, data TEXT, PRIMARY KEY (key, version));
INSERT INTO analyses SELECT key, version, data FROM analyses_without_rowid;
DROP TABLE analyses_without_rowid;
"""
MIGRATIONS = {
    4: """
    DROP TABLE IF EXISTS merge_stamp; DROP TABLE IF EXISTS actors; DROP TABLE IF EXISTS events;
    DROP TABLE IF EXISTS article_actors; DROP TABLE IF EXISTS quotes;
    DROP TABLE IF EXISTS story_corpora;
    """
    + _NARROWER_INDEXES
    + _VECTOR_COLUMN
    + _ROWID_ANALYSES,
    5: _NARROWER_INDEXES + _VECTOR_COLUMN + _ROWID_ANALYSES,
    6: _VECTOR_COLUMN + _ROWID_ANALYSES,
    7: _ROWID_ANALYSES,
    8: _ROWID_ANALYSES,
    9: "",
}
"""From an older layout to this one, keeping the articles and analyses (a rebuild would analyse
every article again): layout 4 kept one merge across every article and each story's as JSON;
layout 5 had no `story_todo` nor `story_version` (the schema makes them; with no version kept,
the next stories update looks at every article once, see `story_changes`), and narrower
indexes of the articles and their stories (the listing's `*_listed` cover it);
layout 6 kept no story vector with each article (`articles.vector`: those left empty are
computed when the stories place them); layout 7 kept no listing of the stories
(`story_listing`: the schema makes it; the next listing keeps one); up to layout 8 the
analyses were a table WITHOUT ROWID: an analysis (~5 KB) does not fit in its b-tree's cells,
and each comparison of a lookup or an insert read a whole row off its overflow pages (a chunk's
lookup cost ten times what it does in a rowid table beside its key's index, an insert three);
layout 9 logged no replaced story vectors (`story_replaced`: the schema makes it, and a save
not logged there is read as one that may have replaced any)."""

WRITER_CACHE_KIB = 64 * 1024
"""The writer's page cache (SQLite's default: 2 MB), filled only as it writes: a first index
inserts into indexes keyed at random (analyses, story keys) that outgrow 2 MB early, and each
insert then read its page back from the OS (20,000 articles: a third less system time)."""
MEMORY = ":memory:"
WAIT_SECONDS = 30
"""How long a connection waits for another's lock (another process writing) before failing."""


class Rows(Protocol):
    """What a statement gives back, on either engine."""

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Sql(Protocol):
    """A connection as the store's tables use it: sqlite3's own, or the archive's (which
    takes the same statements, see `pg_db`)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Rows: ...
    def executemany(self, sql: str, parameters: Any, /) -> Any: ...
    def getlimit(self, category: int, /) -> int: ...


class Connections(Protocol):
    """What the store's tables need of an engine: a transaction to write, a connection to
    read, and a line on a fault. `Database` (SQLite) and `pg_db.PostgresDatabase` give it."""

    path: str
    notices: list[str]

    @property
    def in_memory(self) -> bool: ...
    def write(
        self, lock: str | Sequence[str] | None = None, shared: str | None = None
    ) -> AbstractContextManager[Sql]: ...
    def read(self) -> AbstractContextManager[Sql]: ...
    def cannot_use(self, error: BaseException) -> str: ...
    def damaged(self) -> str: ...
    def rebuild(self) -> None: ...
    def close(self) -> None: ...


class NotAtOnce(Exception):
    """The store cannot be opened at once (`Database(at_once=True)`): absent, locked by
    another process, or of a layout to migrate or rebuild. Opened the usual way, it is."""


class _OldLayout(sqlite3.DatabaseError):
    """A store written by an older Reader: rebuilt, as a damaged one is, but quietly."""


T = TypeVar("T")


def in_batches(
    connection: Sql, items: Sequence[T], reserved: int = 1, width: int = 1
) -> Iterator[Sequence[T]]:
    """`items` in slices small enough for one statement's `IN (...)` list (or `VALUES` list of
    rows of `width` values) beside `reserved` other variables: SQLite limits the variables of
    a statement (32,766; 999 in older builds, and a connection may lower it)."""
    limit = connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    size = max(1, min(KEYS_PER_QUERY, (limit - reserved) // width))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def pairs_in(connection: Sql, sql: str, keys: Sequence[T]) -> dict[T, Any]:
    """The rows (key, value) of `sql`, whose `IN ({marks})` list is filled with `keys` a
    batch at a time (see `in_batches`)."""
    found: dict[T, Any] = {}
    for batch in in_batches(connection, keys, reserved=0):
        found.update(connection.execute(sql.format(marks=",".join("?" * len(batch))), list(batch)))
    return found


def upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """An INSERT of one row into `table` that replaces the row holding the same `key`: the
    statement both engines read (SQLite's own INSERT OR REPLACE is not PostgreSQL's)."""
    names = ", ".join(f'"{column}"' for column in columns)
    marks = ", ".join("?" * len(columns))
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({', '.join(key)}) {action}"


class Database:
    """One SQLite file: a writer connection behind a lock, and a reader per thread."""

    def __init__(self, path: str | Path, at_once: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self.notices: list[str] = []
        """What opening the store did that the user should hear of (a damaged one rebuilt)."""
        if at_once:
            self._writer = self._open_at_once()
            return
        if self.path != MEMORY:
            make_folder(Path(self.path).parent)
        try:
            self._writer = self._open_writer()
        except sqlite3.DatabaseError as error:
            # An older layout or a damaged file: a cache can always be rebuilt from the files.
            if not (isinstance(error, _OldLayout) or is_damage(error)):
                raise StoreError(self.cannot_use(error)) from error
            remove_database(self.path)
            self._writer = self._open_checked()
            if is_damage(error):
                self.notices.append(self.damaged())

    @property
    def in_memory(self) -> bool:
        return self.path == MEMORY

    def damaged(self) -> str:
        return damaged("cache", self.path)

    def cannot_use(self, error: BaseException) -> str:
        """One line on why the store cannot be opened or written, and what to do."""
        return cannot_use(Path(self.path).parent, reason(error))

    def _open_checked(self) -> sqlite3.Connection:
        try:
            return self._open_writer()
        except sqlite3.DatabaseError as error:
            raise StoreError(self.cannot_use(error)) from error

    def _open_at_once(self) -> sqlite3.Connection:
        """The writer of a store of this layout, opened without waiting for a lock nor
        writing (a migration, the schema); else NotAtOnce. Its readers then wait for no
        writer either (WAL: readers read the last commit while another process writes)."""
        if not Path(self.path).is_file():
            raise NotAtOnce(self.path)
        db = sqlite3.connect(self.path, timeout=0, check_same_thread=False)
        try:
            (mode,) = db.execute("PRAGMA journal_mode").fetchone()
            (version,) = db.execute("PRAGMA user_version").fetchone()
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            db.execute(f"PRAGMA busy_timeout = {WAIT_SECONDS * 1000}")  # its later writes wait
        except sqlite3.Error as error:  # locked: by a process making it WAL, or rebuilding it
            db.close()
            raise NotAtOnce(self.path) from error
        if mode != "wal" or version != SCHEMA_VERSION:
            db.close()
            raise NotAtOnce(f"{self.path}: journal {mode}, layout {version}")
        return db

    def _open_writer(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=WAIT_SECONDS, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            (tables,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            migration = ""
            if tables and version != SCHEMA_VERSION:
                if version not in MIGRATIONS:
                    raise _OldLayout(f"store layout {version}, not {SCHEMA_VERSION}")
                migration = MIGRATIONS[version]
            _migrate(db, migration)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def rebuild(self) -> None:
        """Start again from an empty store (this one found damaged): it is a cache."""
        self.close()
        remove_database(self.path)
        self._writer = self._open_checked()

    @contextmanager
    def write(
        self, lock: str | Sequence[str] | None = None, shared: str | None = None
    ) -> Iterator[sqlite3.Connection]:
        """The writer, for one transaction: committed on leaving, rolled back on an error.
        (`lock` and `shared` are for engines with several writers: here the one writer is
        the lock.)"""
        with self._lock, self._writer:
            yield self._writer

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """This thread's read connection (in memory: the one connection, under the lock)."""
        if self.in_memory:
            with self._lock:
                yield self._writer
            return
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = sqlite3.connect(self.path, timeout=WAIT_SECONDS, check_same_thread=False)
            reader.execute("PRAGMA query_only = ON")
            self._local.reader = reader
            with self._lock:
                self._readers.append(reader)
        yield reader

    def close(self) -> None:
        """Close the writer and every thread's reader."""
        with self._lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._writer.close()
        self._local = threading.local()


def _migrate(db: sqlite3.Connection, migration: str) -> None:
    """`migration`, the schema and the layout's number in one transaction: a process killed
    midway leaves the older layout whole, to be migrated again. Another process that began
    migrating the same store first is waited for; what it did then fails here (a column
    added twice), and is found done."""
    script = f"BEGIN IMMEDIATE; {migration}{SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
    try:
        db.executescript(script)
    except sqlite3.OperationalError:
        if db.in_transaction:
            db.rollback()
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if not migration or version != SCHEMA_VERSION:
            raise
