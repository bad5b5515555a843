"""Fetch feed URLs (conditional requests, bounded) and read their items through the cache.

Nothing from a server is read without bound: a feed's body stops at MAX_FEED_BYTES, and a
fetch has a total DEADLINE (a server that trickles a byte every few seconds never trips the
per-read TIMEOUT, so a watchdog shuts the connection down when the deadline passes, or at once
when the caller says stop). `fetch_feeds` hands back each feed as soon as it is done, so a
caller can list the healthy feeds while a slow one still loads.
"""

from __future__ import annotations

import http.client
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Protocol

from reader.core.feedcache import FeedCache
from reader.core.ingest import MAX_BYTES, IngestError, assign_unique_ids, read_body
from reader.core.ingest.outlets import outlet_name
from reader.core.model import Article
from reader.core.subscriptions import feed_names, url_problem

TIMEOUT = 10.0
"""Seconds one network operation (connect, one read) may take."""
DEADLINE = 30.0
"""Seconds a whole fetch may take, headers and body, however the server trickles them."""
MAX_FEED_BYTES = MAX_BYTES["feed"]
"""The most of a feed's body that is read: past it the fetch stops, reported as too large."""
FETCHES = 8
"""Feeds fetched at once."""
FEED_FORMATS = ("feed", "jsonfeed")
"""What a fetched body must read as: a page or a text at a feed's URL is not its items."""
USER_AGENT = "reader/0.1 (+terminal news reader)"
_CHUNK = 64 * 1024
_READING = threading.Lock()
"""Held while a fetched feed is parsed and saved: the feeds download together, but are read
one at a time. Reading is CPU work, and threads share one core: eight big feeds read at once
would all be ready at the end (a 2,000-item feed takes seconds); one at a time, the first is
listed after its own reading. It also keeps the cache's writers from waiting on each other."""
_LOOK_EVERY = 0.1
"""Seconds between looks at the stop while waiting for another feed to be read."""

Warn = Callable[[str], None]


class Stop(Protocol):
    """What tells a fetch to end early: a threading.Event, or anything with `is_set`."""

    def is_set(self) -> bool: ...


class FeedError(Exception):
    """A feed that could not be fetched or read; the message says why in one line."""


def parse_feed(url: str, data: bytes) -> list[Article]:
    """The feed's items as articles, with the feed URL as their path: the body is read by
    its content, as a file's is (RSS, Atom, JSON Feed, gzipped or not); FeedError when it is
    not a feed."""
    try:
        articles, _ = read_body(Path("feed.xml"), data)
    except IngestError as error:
        raise FeedError(f"not a feed: {error}") from error
    if not any(article.format in FEED_FORMATS for article in articles):
        raise FeedError("not a feed: no items found")
    for article in articles:
        article.path = url
    return articles


class _Watchdog:
    """Ends one fetch at its deadline, or when `stop` is set: it shuts the fetch's sockets
    down, so a read blocked on a slow server returns at once."""

    def __init__(self, seconds: float, stop: Stop | None) -> None:
        self.deadline = time.monotonic() + seconds
        self.stop = stop
        self.expired: str | None = None
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.finished = threading.Event()
        threading.Thread(target=self._run, name="feed-deadline", daemon=True).start()

    def _run(self) -> None:
        while not self.finished.wait(min(0.1, max(0.0, self.deadline - time.monotonic()))):
            if self.stop is not None and self.stop.is_set():
                self._expire("cancelled")
            elif time.monotonic() >= self.deadline:
                self._expire("timed out")
            if self.expired:
                return

    def _expire(self, reason: str) -> None:
        with self.lock:
            self.expired = reason
            for sock in self.sockets:
                _shut(sock)

    def watch(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def close(self) -> None:
        self.finished.set()


def _shut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown, also under TLS: the reading thread owns the TLS state
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


def _opener(watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    """An opener for http and https only (redirects too), whose connections the watchdog sees."""

    def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Watched(base):  # type: ignore[valid-type, misc]
            def connect(self) -> None:
                super().connect()
                watchdog.watch(self.sock)

        return Watched

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(watched(http.client.HTTPConnection), req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(
                watched(http.client.HTTPSConnection),
                req,
                context=self._context,  # type: ignore[attr-defined]
            )

    class Redirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if url_problem(newurl):
                reason = "redirect to a non-http URL"
                raise urllib.error.HTTPError(newurl, code, reason, headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        Plain(),
        Secure(),
        Redirect(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The response's body, read in chunks; FeedError past `max_bytes`."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FeedError(_too_large(int(length), max_bytes))
    chunks, size = [], 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FeedError(_too_large(size, max_bytes, more=True))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, more: bool = False) -> str:
    mb = 1024 * 1024
    return f"too large ({'over ' if more else ''}{size // mb} MB, limit {limit // mb} MB)"


def download(
    url: str,
    headers: dict[str, str],
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    max_bytes: int = MAX_FEED_BYTES,
    stop: Stop | None = None,
) -> tuple[bytes, http.client.HTTPMessage] | None:
    """GET `url` within `deadline` seconds and `max_bytes`: its body and headers, or None when
    unchanged (HTTP 304); FeedError with a one-line reason otherwise."""
    problem = url_problem(url)
    if problem:
        raise FeedError(problem)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    watchdog = _Watchdog(deadline, stop)
    try:
        with _opener(watchdog).open(request, timeout=timeout) as response:
            data = _body(response, max_bytes)
            if watchdog.expired:  # the shut-down connection ended the body early
                raise FeedError(_expired(watchdog, deadline))
            return data, response.headers
    except FeedError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 304:
            return None
        raise FeedError(f"HTTP {error.code} {error.reason}") from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        if watchdog.expired:
            raise FeedError(_expired(watchdog, deadline)) from error
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise FeedError(f"unreachable: {reason}") from error
    finally:
        watchdog.close()


def _expired(watchdog: _Watchdog, deadline: float) -> str:
    if watchdog.expired == "cancelled":
        return "cancelled"
    return f"timed out: no complete answer within {deadline:g} s"


def fetch(
    url: str,
    cache: FeedCache,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    max_bytes: int = MAX_FEED_BYTES,
    stop: Stop | None = None,
) -> int:
    """Fetch `url` into `cache`; the number of items received (0 when unchanged, HTTP 304)."""
    etag, last_modified = cache.validators(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    answer = download(url, headers, timeout, deadline, max_bytes, stop)
    if answer is None:
        return 0
    data, received = answer
    while not _READING.acquire(timeout=_LOOK_EVERY):
        if stop is not None and stop.is_set():
            raise FeedError("cancelled")
    try:
        articles = parse_feed(url, data)
        if not articles:
            raise FeedError("not a feed: no items found")
        cache.save(url, articles, received.get("ETag"), received.get("Last-Modified"))
    finally:
        _READING.release()
    return len(articles)


def load_feed(
    url: str,
    warn: Warn = lambda message: None,
    cache: FeedCache | None = None,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    stop: Stop | None = None,
) -> list[Article]:
    """The feed's items: fetched when reachable, else what the cache holds, with a warning."""
    own = cache is None
    cache = cache or FeedCache()
    try:
        try:
            fetch(url, cache, timeout, deadline, stop=stop)
        except FeedError as error:
            if cache.known(url):
                warn(f"{url}: {error}; showing cached items")
            else:
                warn(f"{url}: skipped: {error}")
        return assign_unique_ids(cache.articles(url))
    except sqlite3.Error as error:  # one line: never taken for a fault of the store
        raise cache.cannot_use(error) from error
    finally:
        if own:
            cache.close()


def fetch_feeds(
    urls: Iterable[str],
    warn: Warn = lambda message: None,
    cache_path: Path | None = None,
    stop: Stop | None = None,
    deadline: float = DEADLINE,
    names: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, list[Article]]]:
    """(url, items) for each feed as soon as it is done, fetched several at a time (fetched,
    else what the cache keeps): the caller shows what is ready while slow feeds still load.
    Setting `stop`, or closing the iterator, ends the fetches still running at once. A feed
    named in `names` (by default the subscriptions' names in the config file) names the
    outlet of its items."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return
    FeedCache(cache_path, check=warn).close()  # damaged, rebuilt here, before the fetches
    names = feed_names() if names is None else names
    halt = threading.Event()
    watched = _Either(halt, stop)

    def items(url: str) -> list[Article]:
        cache = FeedCache(cache_path)
        try:
            articles = load_feed(url, warn, cache, deadline=deadline, stop=watched)
        finally:
            cache.close()
        outlet = outlet_name(names.get(url))
        for article in articles if outlet else []:
            article.source = outlet
        return articles

    pool = ThreadPoolExecutor(max_workers=min(FETCHES, len(urls)), thread_name_prefix="feed")
    try:
        futures = {pool.submit(items, url): url for url in urls}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        halt.set()
        pool.shutdown(wait=True, cancel_futures=True)


class _Either:
    """A Stop that is set when either of two events is."""

    def __init__(self, first: threading.Event, second: Stop | None) -> None:
        self.events: list[Stop] = [first] + ([second] if second is not None else [])

    def is_set(self) -> bool:
        return any(event.is_set() for event in self.events)
