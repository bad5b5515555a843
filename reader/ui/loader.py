"""How the UI gets a corpus: the one place to swap in the cached store when it lands.

Two steps so the screen can show articles before the slower analysis has finished.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.analysis import analyze_article
from reader.core.corpus import Corpus
from reader.core.ingest import load_articles
from reader.core.model import Analysis, Article

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def read_articles(paths: Sequence[str], warn: Warn) -> list[Article]:
    """Parse the articles under `paths`, bad files reported through `warn`."""
    return load_articles(paths, warn)


def analyse_corpus(
    articles: list[Article], warn: Warn, progress: Progress, cancelled: Cancelled
) -> Corpus | None:
    """Analyse each article, reporting (done, total), then merge the corpus; None if cancelled.

    An article the analysis fails on is reported through `warn` and shown without highlights.
    """
    analyses: dict[str, Analysis] = {}
    total = len(articles)
    for done, article in enumerate(articles, start=1):
        if cancelled():
            return None
        try:
            analyses[article.id] = analyze_article(article)
        except Exception as error:  # one bad article must not stop the others
            warn(f"{article.path}: analysis failed: {error!r}")
            analyses[article.id] = Analysis()
        progress(done, total)
    return Corpus.build(articles, analyses)
