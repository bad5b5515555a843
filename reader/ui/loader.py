"""How the UI gets a corpus: through the store, in steps that each show something sooner.

First the articles the store already holds, listed without their bodies, so the sources and
the first article show at once; then the store is brought in line with the files (new or
changed ones analysed in parallel) and the list again if it changed; then the merge across
articles (actors, timeline, quotes), kept in the store and read back when no article changed,
else built (slower) and kept for next time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reader.core.corpus import Corpus
from reader.core.store import Progress, Store, Warn, merged_corpus


def listed(store: Store, files: list[str] | None = None) -> Corpus:
    """A lazy corpus of the store's articles, without the merge yet."""
    return Corpus(articles=store.headers(files), search_index=store, stored=store)


def same_list(one: Corpus, other: Corpus) -> bool:
    """Whether two corpora list the same articles the same way."""

    def rows(corpus: Corpus) -> list[tuple]:
        return [(a.id, a.source, a.published, a.title) for a in corpus.articles]

    return rows(one) == rows(other)


def load_steps(
    paths: Sequence[str], warn: Warn, progress: Progress
) -> Iterator[tuple[Corpus, bool]]:
    """The corpus under `paths`, step by step, each with whether it is merged: the stored list
    (when the store holds any), the list after syncing (when it changed), the merged corpus."""
    store = Store.for_paths(paths)
    before = listed(store)
    if before.articles:
        yield before, False
    files = store.sync(paths, warn, progress)
    after = listed(store, files)
    if not before.articles or not same_list(before, after):
        yield after, False
    yield merged_corpus(store, files, after.articles), True
