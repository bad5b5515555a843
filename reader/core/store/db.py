"""The SQLite file: its schema, one writer and a read connection per thread.

WAL journalling lets readers run while the writer writes, so the UI's reads never wait behind
a batch of analyses being stored. Writes go through `write()` (one lock, one transaction);
reads through `read()`, which hands each thread its own connection (as datasette does).
An in-memory database has one connection, shared under the lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA_VERSION = 3
"""Bump when SCHEMA changes: an older store is then rebuilt from the files."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, analyzer TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY, id TEXT, base_id TEXT, path TEXT, position INTEGER,
    key TEXT, source TEXT, published TEXT, title TEXT, body TEXT, actors TEXT, meta TEXT
);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE INDEX IF NOT EXISTS articles_id ON articles(id);
CREATE TABLE IF NOT EXISTS analyses (
    key TEXT, version TEXT, data TEXT, PRIMARY KEY (key, version)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, actors, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS merge_stamp (stamp TEXT);
CREATE TABLE IF NOT EXISTS actors (position INTEGER PRIMARY KEY, data TEXT);
CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, data TEXT);
CREATE TABLE IF NOT EXISTS article_actors (id TEXT PRIMARY KEY, data TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quotes (
    speaker TEXT, article TEXT, start INTEGER, "end" INTEGER, text TEXT, position INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS story_articles (
    id TEXT PRIMARY KEY, content TEXT, story TEXT, similarity REAL, neighbour TEXT, vector TEXT,
    actors TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story);
CREATE TABLE IF NOT EXISTS story_generation (generation INTEGER);
CREATE TABLE IF NOT EXISTS story_corpora (
    story TEXT PRIMARY KEY, stamp TEXT, data TEXT
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS vocabulary (term TEXT PRIMARY KEY, docs INTEGER) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO fts(rowid, title, body, actors) VALUES (new.rowid, new.title, new.body, new.actors);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO fts(fts, rowid, title, body, actors)
    VALUES ('delete', old.rowid, old.title, old.body, old.actors);
END;
"""

MEMORY = ":memory:"


class Database:
    """One SQLite file: a writer connection behind a lock, and a reader per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != MEMORY:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        try:
            self._writer = self._open_writer()
        except sqlite3.DatabaseError:
            # An older layout or a damaged file: a cache can always be rebuilt from the files.
            self._remove_files()
            self._writer = self._open_writer()

    @property
    def in_memory(self) -> bool:
        return self.path == MEMORY

    def _open_writer(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            (tables,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if tables and version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"store layout {version}, not {SCHEMA_VERSION}")
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(self.path + suffix).unlink(missing_ok=True)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The writer, for one transaction: committed on leaving, rolled back on an error."""
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
            reader = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
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
