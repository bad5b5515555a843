"""Feeds fetched from a local HTTP server: first fetch, 304, new items, server down, malformed."""

from __future__ import annotations

import gzip
import json
import threading

import pytest

from reader.core.errors import StoreError
from reader.core.feedcache import FeedCache
from reader.core.feeds import FeedError, fetch, fetch_feeds, load_feed, url_problem
from reader.core.subscriptions import feed_names
from tests.conftest import rss
from tests.core.test_store_faults import damage, read_only
from tests.hostile import hostile_feed_server


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


@pytest.fixture
def hostile_server():
    with hostile_feed_server() as (base, release):
        yield base, release


def test_a_trickling_feed_meets_the_total_deadline(hostile_server, cache):
    base, _ = hostile_server
    # Every read gets a byte well within the per-read timeout: only a total deadline ends it.
    with pytest.raises(FeedError, match=r"timed out: no complete answer within 0.5 s"):
        fetch(f"{base}/slow", cache, timeout=5, deadline=0.5)


def test_a_feed_without_end_stops_at_the_size_cap(hostile_server, cache):
    base, _ = hostile_server
    with pytest.raises(FeedError, match=r"too large \(over 1 MB, limit 1 MB\)"):
        fetch(f"{base}/huge", cache, timeout=5, max_bytes=1024 * 1024)


def test_a_stop_ends_a_fetch(hostile_server, cache):
    base, _ = hostile_server
    stop = threading.Event()
    stop.set()
    with pytest.raises(FeedError, match="cancelled"):
        fetch(f"{base}/held", cache, timeout=5, stop=stop)


def test_feeds_come_back_as_each_is_ready(hostile_server, tmp_path):
    base, release = hostile_server
    urls = [f"{base}/held", f"{base}/fast"]
    fetching = fetch_feeds(urls, cache_path=tmp_path / "feeds.sqlite")
    url, items = next(fetching)  # the held feed is still held: the fast one comes first
    assert url.endswith("/fast") and [a.title for a in items] == ["ready"]
    release.set()
    url, items = next(fetching)
    assert url.endswith("/held") and [a.title for a in items] == ["ready"]
    assert next(fetching, None) is None


@pytest.mark.parametrize(
    "url",
    [
        "not-a-url",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://",
        "https://a b/",
        "ftp://x/",
    ],
)
def test_only_http_urls_with_a_host_are_fetched(url, cache):
    assert url_problem(url)
    with pytest.raises(FeedError, match="not a feed URL"):
        fetch(url, cache)


def test_closing_the_feeds_ends_the_fetches_still_running(hostile_server, tmp_path):
    base, _ = hostile_server
    warnings: list[str] = []
    urls = [f"{base}/held", f"{base}/fast"]
    fetching = fetch_feeds(urls, warnings.append, cache_path=tmp_path / "feeds.sqlite")
    url, _ = next(fetching)
    fetching.close()  # the held feed is never released: closing must end its fetch
    assert url.endswith("/fast")
    assert warnings == [f"{base}/held: skipped: cancelled"]


def test_a_fetched_body_is_read_by_its_content_as_a_file_is(server, cache):
    """A JSON Feed, and feeds served gzipped (without saying so), at any URL: their items,
    bodies and the feed's title as outlet; a page at a feed's URL is no feed."""
    root, base, _, _ = server
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour Gazette",
        "items": [
            {
                "id": "j1",
                "title": "Pier opens",
                "content_html": "<p>The harbour authority opened the pier on Monday.</p>",
                "date_published": "2024-03-04T10:00:00Z",
            }
        ],
    }
    (root / "feed").write_bytes(json.dumps(json_feed).encode())
    (root / "feed.json.gz").write_bytes(gzip.compress(json.dumps(json_feed).encode()))
    (root / "rss").write_bytes(gzip.compress(rss(["a", "b"])))
    for name in ("feed", "feed.json.gz"):
        (item,) = load_feed(f"{base}/{name}", cache=cache, timeout=2)
        assert (item.title, item.source, item.published[:10]) == (
            "Pier opens",
            "Harbour Gazette",
            "2024-03-04",
        )
        assert item.text == "The harbour authority opened the pier on Monday."
        assert item.path == f"{base}/{name}"
    assert [a.text for a in load_feed(f"{base}/rss", cache=cache, timeout=2)] == [
        "Body of a.",
        "Body of b.",
    ]
    (root / "page").write_bytes(b"<html><body><p>A page, not a feed.</p></body></html>")
    with pytest.raises(FeedError, match="not a feed"):
        fetch(f"{base}/page", cache, timeout=2)


def test_a_damaged_feed_cache_is_rebuilt_and_said_once(server, tmp_path):
    root, base, _, _ = server
    (root / "f.xml").write_bytes(rss(["a", "b"]))
    url, path = f"{base}/f.xml", tmp_path / "feeds.sqlite"
    for junk_at in (0, None):  # not a database at all; damaged pages
        assert len(dict(fetch_feeds([url], cache_path=path))[url]) == 2
        if junk_at is None:
            damage(path)
        else:
            with open(path, "r+b") as handle:
                handle.write(b"junk" * 25)
        warnings: list[str] = []
        assert len(dict(fetch_feeds([url], warnings.append, cache_path=path))[url]) == 2
        assert warnings == [f"the feed cache at {path} was damaged; rebuilding it"]


def test_a_read_only_feed_cache_is_one_line(server, tmp_path):
    root, base, _, _ = server
    (root / "f.xml").write_bytes(rss(["a"]))
    url, path = f"{base}/f.xml", tmp_path / "feeds.sqlite"
    assert len(dict(fetch_feeds([url], cache_path=path))[url]) == 1
    before = path.read_bytes()
    (root / "f.xml").write_bytes(rss(["a", "b"]))  # new items, to be written
    with read_only(path):
        with pytest.raises(StoreError) as raised:
            dict(fetch_feeds([url], cache_path=path))
    assert str(raised.value).startswith(f"cannot use the cache at {tmp_path}: feeds.sqlite: ")
    assert "\n" not in str(raised.value) and path.read_bytes() == before


def test_a_subscriptions_name_names_its_outlet(server, tmp_path):
    root, base, _, _ = server
    (root / "f.xml").write_bytes(rss(["a"]))
    (root / "g.xml").write_bytes(rss(["b"]))
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{base}/f.xml"\nname = "NYT > Top Stories"\n')
    names = feed_names(config)
    fetched = dict(fetch_feeds([f"{base}/f.xml", f"{base}/g.xml"], names=names))
    assert [a.source for a in fetched[f"{base}/f.xml"]] == ["The New York Times"]
    assert [a.source for a in fetched[f"{base}/g.xml"]] != ["The New York Times"]
