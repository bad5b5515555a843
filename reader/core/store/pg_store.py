"""The shared archive: the store's tables on a PostgreSQL server, which several indexers fill
and every reader of a team opens (see `pg_db` for the connections, `pg_schema` for the tables).

What one indexer writes, every reader hears of: each transaction that writes ends with a
NOTIFY on `pg_db.CHANNEL`, and `changes()` LISTENs for them (a lost server is reconnected to,
and said as a change: what happened meanwhile is not known).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager

import psycopg

from reader.core.store import BaseStore
from reader.core.store.articles import ARTICLE_COLUMNS
from reader.core.store.db import Sql
from reader.core.store.pg_db import (
    CHANNEL,
    CONNECT_OPTIONS,
    VOCABULARY_CHANGED,
    Connection,
    PostgresDatabase,
)
from reader.core.store.pg_index import PostgresFullTextIndex
from reader.core.store_url import StoreURL

LISTEN_STEP = 0.5
"""Seconds between looks at the stop event while listening."""
RECONNECT_SECONDS = 2.0
CLAIM = 500
"""Files an indexer takes at once: enough to keep its worker processes busy between two
looks at the queue, few enough that indexers share a big folder evenly."""
WINDOW = 4096
"""Files looked for in `claims` at once (the indexer's list is sent a window at a time)."""
_ARTICLES = ARTICLE_COLUMNS.removeprefix("INSERT INTO ") + ", search, pairs)"
"""The articles' table and the columns an article's row fills (`codec.article_rows`)."""


class ArchiveStore(PostgresFullTextIndex, BaseStore):
    """The archive named by `url`; safe to share between threads (a pool of connections),
    and a context manager that closes it."""

    shared = True

    def __init__(self, url: StoreURL, readers: int = 4) -> None:
        self.db = self.server = PostgresDatabase(url, readers)
        self.database = url.shown
        self.url = url
        self._vocabulary = None
        self._new_rows = set()
        self.renamed = set()
        with self.db.read() as db:
            row = db.execute("SELECT has_table_privilege('story_corpora', 'INSERT')").fetchone()
        self.read_only = not (row and row[0])

    @property
    def location(self) -> str:
        return self.url.url

    def alone(self, lock: str, wait: bool = True) -> AbstractContextManager[bool]:
        return self.server.alone(lock, wait)

    def _insert_articles(self, db: Sql, rows: list[tuple]) -> None:
        """In one COPY, with the search vector and pairs each row brings (None: the server
        makes them): the vocabulary's changes are counted per statement (see `pg_schema`),
        and psycopg writes a COPY's values in C, where the columns of an `unnest` of
        arrays (whole bodies escaped one by one in Python) cost the indexer's main process
        0.3 ms an article."""
        assert isinstance(db, Connection)
        db.copy(_ARTICLES, rows)

    def claim(
        self, files: list[tuple[str, str]], part: int | None = None, wait: bool = False
    ) -> Iterator[list[tuple[str, str]]]:
        """`files` (key, path) in parts of `part` that this indexer holds while it reads and
        analyses them; the parts other indexers hold are theirs. Every file listed goes into
        `claims`; each part is taken with FOR UPDATE SKIP LOCKED in a transaction kept open
        until its files are written, then dropped from `claims`: an indexer killed meanwhile
        lets go of its part (its transaction ends), and the files wait for the next run.
        With `wait`, every one of `files` is this indexer's in turn: those others hold are
        waited for, then claimed again and taken (the caller sees whether what the other
        did with them is what it would do)."""
        paths = dict(files)
        keys = sorted(paths)
        self._claimed(keys)
        for start in range(0, len(keys), WINDOW):
            left = keys[start : start + WINDOW]
            while left:
                with self.db.write() as db:
                    taken = [
                        key
                        for (key,) in db.execute(
                            "SELECT path FROM claims WHERE path = ANY(?) ORDER BY path LIMIT ?"
                            " FOR UPDATE SKIP LOCKED",
                            (left, part or CLAIM),
                        )
                    ]
                    if taken:
                        yield [(key, paths[key]) for key in taken]
                        db.execute("DELETE FROM claims WHERE path = ANY(?)", (taken,))
                if not wait:
                    left = left if taken else []
                elif taken:
                    left = sorted(set(left) - set(taken))
                else:  # held by others: once they let go (in one order: no deadlock), again
                    with self.db.write() as db:
                        db.execute(
                            "SELECT 1 FROM claims WHERE path = ANY(?) ORDER BY path FOR UPDATE",
                            (left,),
                        )
                    self._claimed(left)

    def _claimed(self, keys: list[str]) -> None:
        with self.db.write() as db:
            db.executemany(
                "INSERT INTO claims VALUES (?) ON CONFLICT DO NOTHING", [(k,) for k in keys]
            )

    def changes(self, stop: threading.Event) -> Iterator[str]:
        """A word each time another process's transaction wrote to the archive ("changed"),
        as it commits, until `stop` is set; "lost" when the server stops answering, and
        "reconnected" once it answers again (what was written meanwhile was not heard)."""
        lost = False
        while not stop.is_set():
            try:
                with psycopg.connect(self.url.url, autocommit=True, **CONNECT_OPTIONS) as db:
                    db.execute(f"LISTEN {CHANNEL}")
                    if lost:
                        lost = False
                        yield "reconnected"
                    while not stop.is_set():
                        for notice in db.notifies(timeout=LISTEN_STEP):
                            if notice.payload == VOCABULARY_CHANGED:
                                self._vocabulary = None  # read again when next asked
                            else:
                                yield notice.payload
            except psycopg.OperationalError:
                if not lost:
                    lost = True
                    self.server.lost()  # a reader's next key is told at once, not after a wait
                    yield "lost"
                stop.wait(RECONNECT_SECONDS)
