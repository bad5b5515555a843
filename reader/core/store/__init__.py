"""The store: articles, their analyses, stories and their merges, and a full-text index.

Two engines hold it. The embedded one, `Store`, is SQLite: one database per set of corpus paths
in the cache directory (see `reader.core.settings`), a cache rebuilt from the files at need.
The shared one, `pg_store.ArchiveStore`, is a team's archive on PostgreSQL (`pg_db`,
`pg_schema`, `pg_index`). Both are `BaseStore`s: the same tables through the same SQL; the
parts: `db` (the SQLite schema and connections, and the `Connections` both give), `codec`
(rows <-> objects), `articles`, `stories`, `archive` (each story's merge and the whole
archive's view across them), and each engine's full-text index (`index`: FTS5; `pg_index`:
tsvector). Keeping a store in step with the files is `reader.core.sync`'s work, searching it
`reader.core.search`'s.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Self

from reader.core.corpus import Corpus
from reader.core.model import Analysis
from reader.core.paths import is_url
from reader.core.settings import cache_dir
from reader.core.store import codec
from reader.core.store.archive import ArchiveTables
from reader.core.store.articles import ArticleTables, insert
from reader.core.store.db import Database, NotAtOnce, StoreError, is_damage
from reader.core.store.index import (
    Candidate,
    Column,
    Filters,
    FullTextIndex,
    SearchIndex,
    Vocabulary,
    Words,
)
from reader.core.store.stories import StaleStories, StoryChanges, StoryRow, StoryTables
from reader.core.store_url import POSTGRES_SCHEMES, StoreURL, parse_store_url

__all__ = [
    "BaseStore",
    "Candidate",
    "Column",
    "Filters",
    "NotAtOnce",
    "StaleStories",
    "Store",
    "StoreError",
    "StoryChanges",
    "StoryRow",
    "Vocabulary",
    "Words",
    "is_damage",
    "open_store",
    "reopen",
]


class BaseStore(SearchIndex, ArticleTables, ArchiveTables, StoryTables):
    """What every store offers, whichever engine holds it: the type the rest of core uses."""

    database: str
    shared = False
    """Whether other processes fill this store with files of their own (a team's archive),
    rather than it being the store of one set of paths (the embedded one, a cache)."""
    read_only = False
    """Whether this process may only read it (an archive opened with a reader's role): what
    would be kept for next time (a story's merge) is then built and not kept."""

    @property
    def in_memory(self) -> bool:
        return self.db.in_memory

    def add_corpus(self, corpus: Corpus) -> None:
        """Index an in-memory corpus (no files): its resolved actors become searchable names."""
        names: dict[str, list[str]] = {}
        for actor in corpus.actors:
            for article_id in actor.articles:
                names.setdefault(article_id, []).extend([actor.name, *actor.aliases])
        with self.db.write() as db:
            for article in corpus.articles:
                analysis = corpus.analyses.get(article.id) or Analysis()
                key = codec.content_key(article)
                rows = codec.article_rows(article, key, analysis, actors=names.get(article.id, []))
                insert(db, rows)
        self.refresh_vocabulary()

    @property
    def location(self) -> str:
        """What another process opens this store by (`reopen`): the embedded store's file;
        the archive's URL, password and all (handed to worker processes, never shown)."""
        return self.database

    def alone(self, lock: str, wait: bool = True) -> AbstractContextManager[bool]:
        """No other process doing the work named `lock` meanwhile, and whether this one may
        do it: on a shared archive, its indexers take turns (`pg_db.PostgresDatabase.alone`;
        without `wait`, False when another does it now); the embedded store has one."""
        return nullcontext(True)

    def changes(self, stop: threading.Event) -> Iterator[str]:
        """A word each time another process writes to this store, as it commits, until `stop`
        is set: only a shared archive hears of them (`pg_store.ArchiveStore.changes`)."""
        return iter(())

    def rebuild(self) -> None:
        """Empty the store (found damaged) to fill it again from the files, as a cache can be;
        the archive is not one, and says so (StoreError)."""
        self.db.rebuild()
        self._vocabulary = None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Store(FullTextIndex, BaseStore):
    """A SQLite store for one corpus (one set of paths); safe to share between threads, and a
    context manager that closes it."""

    def __init__(self, database: str | Path, at_once: bool = False) -> None:
        """`at_once`: opened only if that waits for no other process and writes nothing
        (else NotAtOnce, see `Database`)."""
        self.db: Database = Database(database, at_once)
        self.database = self.db.path
        self._vocabulary = None
        self._new_rows = set()
        self.renamed = set()

    @classmethod
    def for_paths(
        cls, paths: Iterable[str | Path], cache: str | Path | None = None, at_once: bool = False
    ) -> Store:
        """The store of the corpus made of `paths`, in the cache directory (`at_once`: see
        `__init__`)."""
        roots = sorted(str(p) if is_url(str(p)) else str(Path(p).resolve()) for p in paths)
        joined = "\n".join(roots).encode("utf-8", "surrogateescape")  # names not UTF-8 too
        name = hashlib.blake2b(joined, digest_size=8).hexdigest()
        return cls(cache_dir(cache) / f"corpus-{name}.sqlite3", at_once)


def reopen(location: str) -> BaseStore:
    """The store at `location` (a `BaseStore.location`), opened again in another process."""
    if location.startswith(tuple(f"{scheme}://" for scheme in POSTGRES_SCHEMES)):
        from reader.core.store.pg_store import ArchiveStore

        return ArchiveStore(parse_store_url(location))
    return Store(location)


def open_store(paths: Iterable[str | Path], cache: Path, url: StoreURL | None) -> BaseStore:
    """The store a run opens: the archive `url` names (PostgreSQL, or one SQLite file), else
    the embedded store of `paths` in the cache directory `cache`."""
    if url is None:
        return Store.for_paths(paths, cache)
    if url.path is not None:
        return Store(url.path)
    from reader.core.store.pg_store import ArchiveStore  # psycopg, only for an archive

    return ArchiveStore(url)
