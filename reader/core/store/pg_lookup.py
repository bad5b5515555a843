"""The analyses the shared archive holds, for an indexer's worker processes: what any indexer
analysed (the same content, in any file) is reused, not analysed again."""

from __future__ import annotations

import multiprocessing

import psycopg

from reader.core.model import Analysis
from reader.core.store import codec
from reader.core.store.pg_db import CONNECT_OPTIONS

_kept: dict[str, psycopg.Connection] = {}
"""In a worker process, its connection to each archive, kept from one chunk of files to the
next: a connection costs the server and the worker some 7 ms of CPU (a backend started, the
password checked), a chunk's 50 files' look-ups about 8 ms between them. It ends with the
worker, as the pool does at the end of a sync."""


class ArchiveAnalyses:
    """A connection of its own to the archive at `url`, opened on the first look-up (in a
    worker process, the one it kept); a server that cannot be reached finds nothing (the
    article is analysed: nothing is lost)."""

    search_vectors = True

    def __init__(self, url: str) -> None:
        self.url = url
        self.db: psycopg.Connection | None = _kept.pop(url, None)

    def __call__(self, keys: list[str]) -> dict[str, Analysis]:
        if not keys:
            return {}
        try:
            if self.db is None or self.db.closed:
                self.db = psycopg.connect(self.url, autocommit=True, **CONNECT_OPTIONS)
            rows = self.db.execute(
                "SELECT key, data FROM analyses WHERE version = %s AND key = ANY(%s)",
                (codec.ANALYZER_VERSION, keys),
            ).fetchall()
        except psycopg.Error:
            self.close()
            return {}
        return {key: codec.analysis_from_data(data) for key, data in rows}

    def close(self) -> None:
        """Done with it: the connection closed, or, in a worker process, kept for its next."""
        if self.db is not None and multiprocessing.parent_process() is not None:
            if not self.db.closed and not self.db.broken:
                _kept[self.url] = self.db
                self.db = None
                return
        if self.db is not None:
            self.db.close()
            self.db = None
