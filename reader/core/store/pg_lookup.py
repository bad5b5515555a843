"""The analyses the shared archive holds, for an indexer's worker processes: what any indexer
analysed (the same content, in any file) is reused, not analysed again."""

from __future__ import annotations

import psycopg

from reader.core.model import Analysis
from reader.core.store import codec
from reader.core.store.pg_db import CONNECT_OPTIONS


class ArchiveAnalyses:
    """One connection of its own to the archive at `url`, opened on the first look-up; a
    server that cannot be reached finds nothing (the article is analysed: nothing is lost)."""

    search_vectors = True

    def __init__(self, url: str) -> None:
        self.url = url
        self.db: psycopg.Connection | None = None

    def __call__(self, keys: list[str]) -> dict[str, Analysis]:
        if not keys:
            return {}
        try:
            if self.db is None:
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
        if self.db is not None:
            self.db.close()
            self.db = None
