"""Feeds fetched from a local HTTP server: first fetch, 304, new items, server down, malformed."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from reader.core.feedcache import FeedCache
from reader.core.feeds import FeedError, fetch, fetch_feeds, load_feed, url_problem
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


class Hostile(http.server.BaseHTTPRequestHandler):
    """A feed server that trickles (`/slow`), sends without end (`/huge`), answers at once
    (`/fast`) or holds its answer until the test releases it (`/held`)."""

    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        try:
            if self.path == "/slow":
                for byte in rss(["a"]):
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            elif self.path == "/huge":
                self.wfile.write(b'<?xml version="1.0"?><rss><channel><title>')
                while True:
                    self.wfile.write(b"x" * 65536)
            else:
                if self.path == "/held":
                    self.release.wait(10)
                self.wfile.write(rss(["ready"]))
        except OSError:
            pass  # the reader hung up: as it should

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hostile_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Hostile.release.clear()
    yield f"http://127.0.0.1:{httpd.server_port}"
    Hostile.release.set()
    httpd.shutdown()
    httpd.server_close()


def test_a_trickling_feed_meets_the_total_deadline(hostile_server, cache):
    # Every read gets a byte well within the per-read timeout: only a total deadline ends it.
    with pytest.raises(FeedError, match=r"timed out: no complete answer within 0.5 s"):
        fetch(f"{hostile_server}/slow", cache, timeout=5, deadline=0.5)


def test_a_feed_without_end_stops_at_the_size_cap(hostile_server, cache):
    with pytest.raises(FeedError, match=r"too large \(over 1 MB, limit 1 MB\)"):
        fetch(f"{hostile_server}/huge", cache, timeout=5, max_bytes=1024 * 1024)


def test_a_stop_ends_a_fetch(hostile_server, cache):
    stop = threading.Event()
    stop.set()
    with pytest.raises(FeedError, match="cancelled"):
        fetch(f"{hostile_server}/held", cache, timeout=5, stop=stop)


def test_feeds_come_back_as_each_is_ready(hostile_server, tmp_path):
    urls = [f"{hostile_server}/held", f"{hostile_server}/fast"]
    fetching = fetch_feeds(urls, cache_path=tmp_path / "feeds.sqlite")
    url, items = next(fetching)  # the held feed is still held: the fast one comes first
    assert url.endswith("/fast") and [a.title for a in items] == ["ready"]
    Hostile.release.set()
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
