"""Load articles from any mix of files, folders and feed URLs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.core.feeds import fetch_feeds, is_url
from reader.core.ingest import Warn, assign_unique_ids, load_articles
from reader.core.model import Article


def load_sources(
    paths: Iterable[str | Path], warn: Warn = lambda message: None, feed_cache: Path | None = None
) -> list[Article]:
    """Files and folders go through ingest; feed URLs are fetched, several at a time (or read
    from the cache, the file `feed_cache`, by default the one in the cache directory). Articles
    come in the order of `paths`."""
    names = [str(p) for p in paths]
    urls = [p for p in names if is_url(p)]
    files = [p for p in names if not is_url(p)]
    articles = load_articles(files, warn) if files else []
    fetched = dict(fetch_feeds(urls, warn, cache_path=feed_cache))
    for url in dict.fromkeys(urls):
        articles.extend(fetched[url])
    return assign_unique_ids(articles)
