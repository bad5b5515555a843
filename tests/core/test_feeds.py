"""Feeds fetched from a local HTTP server: first fetch, 304, new items, server down, malformed."""

from __future__ import annotations

import pytest

from reader.core.feedcache import FeedCache
from reader.core.feeds import FeedError, fetch, load_feed
from tests.conftest import rss


@pytest.fixture
def cache(tmp_path):
    cache = FeedCache(tmp_path / "cache" / "feeds.sqlite")
    yield cache
    cache.close()


def test_first_fetch_unchanged_and_new_items(server, cache):
    root, base, seen, _ = server
    (root / "f.xml").write_bytes(rss(["a", "b"]))
    url = f"{base}/f.xml"
    assert fetch(url, cache, timeout=2) == 2
    assert fetch(url, cache, timeout=2) == 0  # 304
    assert seen[-1].get("If-None-Match")
    assert seen[-1].get("If-Modified-Since")
    (root / "f.xml").write_bytes(rss(["c", "a", "b"]))
    assert fetch(url, cache, timeout=2) == 3
    titles = [a.title for a in load_feed(url, cache=cache, timeout=2)]
    assert sorted(titles) == ["a", "b", "c"]  # no duplicates


def test_server_down_reads_from_cache(server, cache):
    root, base, _, httpd = server
    (root / "f.xml").write_bytes(rss(["a", "b"]))
    url = f"{base}/f.xml"
    assert len(load_feed(url, cache=cache, timeout=2)) == 2
    httpd.shutdown()
    httpd.server_close()
    warnings: list[str] = []
    articles = load_feed(url, warnings.append, cache=cache, timeout=2)
    assert [a.title for a in articles] == ["a", "b"]
    assert "cached" in warnings[0]


def test_malformed_and_missing(server, cache):
    root, base, _, _ = server
    (root / "bad.xml").write_bytes(b"this is not a feed at all")
    with pytest.raises(FeedError, match="not a feed"):
        fetch(f"{base}/bad.xml", cache, timeout=2)
    with pytest.raises(FeedError, match="HTTP 404"):
        fetch(f"{base}/none.xml", cache, timeout=2)
    warnings: list[str] = []
    assert load_feed(f"{base}/none.xml", warnings.append, cache=cache, timeout=2) == []
    assert "skipped: HTTP 404" in warnings[0]


def test_corpus_feed(server, cache, corpora):
    root, base, _, _ = server
    name = "bbc-news-home_2021-10-17.xml"
    (root / name).write_bytes((corpora / "feeds" / name).read_bytes())
    assert len(load_feed(f"{base}/{name}", cache=cache, timeout=2)) == 69
    assert len(load_feed(f"{base}/{name}", cache=cache, timeout=2)) == 69
