"""How the UI gets a corpus: through the store (cached, analysed in parallel), in two steps.

First the articles with their per-article analyses, so the sources and highlighted text show
while the slower cross-article merge (actors, timeline, quotes) runs; then the whole corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.corpus import Corpus
from reader.core.model import Analysis, Article
from reader.core.store import Store

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


def read_articles(
    paths: Sequence[str], warn: Warn, progress: Progress
) -> tuple[list[Article], dict[str, Analysis], Store]:
    """Sync the store with `paths` (new or changed files analysed), then load what it holds."""
    store = Store.for_paths(paths)
    files = store.sync(paths, warn, progress)
    articles, analyses = store.load(files)
    return articles, analyses, store


def merge_corpus(articles: list[Article], analyses: dict[str, Analysis], store: Store) -> Corpus:
    """Actors, timeline and quotes across the articles; searches go through the store's index."""
    corpus = Corpus.build(articles, analyses)
    corpus.search_index = store
    return corpus
