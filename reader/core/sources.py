"""Load articles from any mix of files, folders and feed URLs."""

from __future__ import annotations

import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.core.feeds import fetch_feeds
from reader.core.ingest import ReadProgress, Warn, iter_articles, unique_ids
from reader.core.model import Article
from reader.core.paths import is_url


def load_sources(
    paths: Iterable[str | Path], warn: Warn = lambda message: None, feed_cache: Path | None = None
) -> list[Article]:
    """Files and folders go through ingest; feed URLs are fetched, several at a time (or read
    from the cache, the file `feed_cache`, by default the one in the cache directory). Articles
    come in the order of `paths`."""
    return list(stream_sources(paths, warn, feed_cache))


def stream_sources(
    paths: Iterable[str | Path],
    warn: Warn = lambda message: None,
    feed_cache: Path | None = None,
    progress: ReadProgress | None = None,
) -> Iterator[Article]:
    """load_sources, one article at a time, each with its unique id: memory holds their ids
    only, whatever the files' size (an id is known to be unique only once every article is
    read, so the articles wait in a temporary file meanwhile). `progress` is told how far each
    file is read. MissingPathError (at once) for a path that does not exist."""
    names = [str(p) for p in paths]
    urls = [p for p in names if is_url(p)]
    files = iter_articles([p for p in names if not is_url(p)], warn, progress)
    return _spooled(files, urls, warn, feed_cache)


def _spooled(
    files: Iterator[Article], urls: list[str], warn: Warn, feed_cache: Path | None
) -> Iterator[Article]:
    with tempfile.TemporaryFile() as spool:
        keys: list[tuple[str, str]] = []
        for article in files:
            pickle.dump(article, spool, pickle.HIGHEST_PROTOCOL)
            keys.append((article.id, sys.intern(article.path)))  # one path per file, not each
        fetched = dict(fetch_feeds(urls, warn, cache_path=feed_cache))
        feed_items = [article for url in dict.fromkeys(urls) for article in fetched[url]]
        keys += [(article.id, article.path) for article in feed_items]
        ids = unique_ids(keys)
        del keys
        spool.seek(0)
        spooled = len(ids) - len(feed_items)
        for index, unique in enumerate(ids):
            article = pickle.load(spool) if index < spooled else feed_items[index - spooled]
            article.id = unique
            yield article
