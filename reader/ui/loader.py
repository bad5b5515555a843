"""How the UI gets a corpus: through the store (cached, analysed in parallel), in two steps.

First the article list, read from the store without bodies, so the sources and the first
article show at once; then the merge across articles (actors, timeline, quotes): kept in the
store and read back when no article changed, else built (slower) and kept for next time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.core.store import Store, merged_corpus

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


def read_articles(
    paths: Sequence[str], warn: Warn, progress: Progress
) -> tuple[Corpus, Store, list[str]]:
    """Sync the store with `paths` (new or changed files analysed); a lazy corpus of their
    articles, without the merge yet, the store and the files in corpus order."""
    store = Store.for_paths(paths)
    files = store.sync(paths, warn, progress)
    corpus = Corpus(articles=store.headers(files), search_index=store, stored=store)
    return corpus, store, files


def merge_corpus(store: Store, files: list[str], headers: list[Article]) -> Corpus:
    """The corpus with actors, timeline and quotes; searches go through the store's index."""
    return merged_corpus(store, files, headers)
