"""The analyses a store already holds, looked up by content key before an article is analysed,
so that the same content is analysed once: in the embedded store's file, or in the shared
archive, whichever indexer analysed it (see `sync`, and `file_rows`, in the worker processes).
"""

from __future__ import annotations

from typing import Protocol

from reader.core.model import Analysis
from reader.core.store.articles import AnalysisLookup
from reader.core.store_url import POSTGRES_SCHEMES


class Lookup(Protocol):
    search_vectors: bool
    """Whether the store wants each article's search vector made with its analysis (the
    archive's, `search_vector`)."""

    def __call__(self, keys: list[str]) -> dict[str, Analysis]: ...
    def close(self) -> None: ...


def analysis_lookup(location: str) -> Lookup:
    """Read-only access to the analyses of the store at `location` (a `BaseStore.location`:
    a SQLite file, or the archive's URL)."""
    if location.startswith(tuple(f"{scheme}://" for scheme in POSTGRES_SCHEMES)):
        from reader.core.store.pg_lookup import ArchiveAnalyses  # psycopg, only for an archive

        return ArchiveAnalyses(location)
    return AnalysisLookup(location)
