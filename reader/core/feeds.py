"""Fetch a feed URL (conditional request, timeout) and read its items through the cache."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from reader.core.feedcache import FeedCache
from reader.core.ingest import assign_unique_ids, feed
from reader.core.model import Article

TIMEOUT = 10.0
USER_AGENT = "reader/0.1 (+terminal news reader)"


class FeedError(Exception):
    """A feed that could not be fetched or read; the message says why in one line."""


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def parse_feed(url: str, data: bytes) -> list[Article]:
    """The feed's items as articles, with the feed URL as their path."""
    articles = feed.read(Path("feed.xml"), data)
    for article in articles:
        article.path = url
    return articles


def fetch(url: str, cache: FeedCache, timeout: float = TIMEOUT) -> int:
    """Fetch `url` into `cache`; the number of items received (0 when unchanged, HTTP 304)."""
    etag, last_modified = cache.validators(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
            headers = response.headers
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return 0
        raise FeedError(f"HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise FeedError(f"unreachable: {error.reason}") from error
    except (TimeoutError, OSError) as error:
        raise FeedError(f"unreachable: {error}") from error
    articles = parse_feed(url, data)
    if not articles:
        raise FeedError("not a feed: no items found")
    cache.save(url, articles, headers.get("ETag"), headers.get("Last-Modified"))
    return len(articles)


def load_feed(
    url: str,
    warn: Callable[[str], None] = lambda message: None,
    cache: FeedCache | None = None,
    timeout: float = TIMEOUT,
) -> list[Article]:
    """The feed's items: fetched when reachable, else what the cache holds, with a warning."""
    own = cache is None
    cache = cache or FeedCache()
    try:
        try:
            fetch(url, cache, timeout)
        except FeedError as error:
            if cache.known(url):
                warn(f"{url}: {error}; showing cached items")
            else:
                warn(f"{url}: skipped: {error}")
        return assign_unique_ids(cache.articles(url))
    finally:
        if own:
            cache.close()
