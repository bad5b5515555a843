"""The shared archive: the store's tables on a PostgreSQL server, which several indexers fill
and every reader of a team opens (see `pg_db` for the connections, `pg_schema` for the tables).

What one indexer writes, every reader hears of: each transaction that writes ends with a
NOTIFY on `pg_db.CHANNEL`, and `changes()` LISTENs for them (a lost server is reconnected to,
and said as a change: what happened meanwhile is not known).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg

from reader.core.store import BaseStore
from reader.core.store.pg_db import CHANNEL, CONNECT_OPTIONS, PostgresDatabase
from reader.core.store.pg_index import PostgresFullTextIndex
from reader.core.store_url import StoreURL

LISTEN_STEP = 0.5
"""Seconds between looks at the stop event while listening."""
RECONNECT_SECONDS = 2.0


class ArchiveStore(PostgresFullTextIndex, BaseStore):
    """The archive named by `url`; safe to share between threads (a pool of connections),
    and a context manager that closes it."""

    def __init__(self, url: StoreURL, readers: int = 4) -> None:
        self.db = PostgresDatabase(url, readers)
        self.database = url.shown
        self.url = url
        self._vocabulary = None

    def changes(self, stop: threading.Event) -> Iterator[str]:
        """A word each time another process's transaction wrote to the archive ("changed";
        "reconnected" after the server was lost), as it commits, until `stop` is set."""
        while not stop.is_set():
            try:
                with psycopg.connect(self.url.url, autocommit=True, **CONNECT_OPTIONS) as db:
                    db.execute(f"LISTEN {CHANNEL}")
                    while not stop.is_set():
                        for notice in db.notifies(timeout=LISTEN_STEP):
                            yield notice.payload
            except psycopg.OperationalError:
                stop.wait(RECONNECT_SECONDS)
                if not stop.is_set():
                    yield "reconnected"
