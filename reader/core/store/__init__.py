"""The store: articles, their analyses, the merge across them and a full-text index, in SQLite.

One database per set of corpus paths lives in the cache directory (see `reader.core.settings`).
`Store` is the interface the rest of core uses; the parts: `db` (schema and connections),
`codec` (rows <-> objects), `articles`, `merge`, `stories` and `index` (FTS5). Keeping it in
step with the files is `reader.core.sync`'s work, searching it `reader.core.search`'s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from reader.core.corpus import Corpus
from reader.core.feeds import is_url
from reader.core.model import Analysis
from reader.core.settings import cache_dir
from reader.core.store import codec
from reader.core.store.articles import ArticleTables, insert
from reader.core.store.db import Database, StoreError, is_damage
from reader.core.store.index import Candidate, Filters, FullTextIndex, Vocabulary
from reader.core.store.merge import MergeTables
from reader.core.store.stories import StaleStories, StoryChanges, StoryRow, StoryTables

__all__ = [
    "Candidate",
    "Filters",
    "StaleStories",
    "Store",
    "StoreError",
    "StoryChanges",
    "StoryRow",
    "Vocabulary",
    "is_damage",
]


class Store(FullTextIndex, ArticleTables, MergeTables, StoryTables):
    """A SQLite store for one corpus (one set of paths); safe to share between threads, and a
    context manager that closes it."""

    def __init__(self, database: str | Path) -> None:
        self.db = Database(database)
        self.database = self.db.path
        self._vocabulary = None
        self._new_rows = set()

    @classmethod
    def for_paths(cls, paths: Iterable[str | Path], cache: str | Path | None = None) -> Store:
        """The store of the corpus made of `paths`, in the cache directory."""
        roots = sorted(str(p) if is_url(str(p)) else str(Path(p).resolve()) for p in paths)
        joined = "\n".join(roots).encode("utf-8", "surrogateescape")  # names not UTF-8 too
        name = hashlib.blake2b(joined, digest_size=8).hexdigest()
        return cls(cache_dir(cache) / f"corpus-{name}.sqlite3")

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

    def rebuild(self) -> None:
        """Empty the store (found damaged) to fill it again from the files: it is a cache."""
        self.db.rebuild()
        self._vocabulary = None

    def merge(self, files: list[str], stamp: str) -> None:
        """Build the merge across every stored article and keep it for `stamp`."""
        self.save_merged(Corpus.build(*self.load(files)), stamp)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
