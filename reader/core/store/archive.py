"""The shared archive: the store's tables on a PostgreSQL server, which several indexers fill
and every reader of a team opens (see `pg_db` for the connections, `pg_schema` for the tables).
"""

from __future__ import annotations

from reader.core.store import BaseStore
from reader.core.store.pg_db import PostgresDatabase
from reader.core.store.pg_index import PostgresFullTextIndex
from reader.core.store_url import StoreURL


class ArchiveStore(PostgresFullTextIndex, BaseStore):
    """The archive named by `url`; safe to share between threads (a pool of connections),
    and a context manager that closes it."""

    def __init__(self, url: StoreURL, readers: int = 4) -> None:
        self.db = PostgresDatabase(url, readers)
        self.database = url.shown
        self.url = url
        self._vocabulary = None
