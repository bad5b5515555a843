"""Feeds in the sync (tests/hostile.py's feed server): the files and the feeds already in are
listed while a slow feed still loads, and a cancel ends the fetches still running."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from reader.core.library import Library
from reader.core.settings import Settings
from tests.hostile import hostile_feed_server


def quiet(message: str) -> None:
    pass


def nothing(done: int, total: int) -> None:
    pass


def test_ready_feeds_are_listed_while_a_held_one_loads(tmp_path: Path, corpus_dir: Path):
    with hostile_feed_server() as (base, release):
        fast, held = f"{base}/fast", f"{base}/held"
        library = Library([str(corpus_dir), fast, held], Settings.resolve(cache=tmp_path / "c"))
        steps = library.steps(quiet, nothing)
        while True:
            step = next(steps)
            paths = {article.path for article in step.corpus.articles}
            assert not step.merged and held not in paths
            if fast in paths:
                break
        assert not release.is_set(), "listed before the held feed could answer"
        assert len(paths) == 4  # the three files and the fast feed
        release.set()
        *_, last = steps
        assert last.merged and held in {article.path for article in last.corpus.articles}
        library.close()


def test_a_cancel_ends_the_fetches_still_running(tmp_path: Path, corpus_dir: Path):
    with hostile_feed_server() as (base, _release):
        urls = [f"{base}/held", f"{base}/slow", f"{base}/huge"]
        library = Library([str(corpus_dir), *urls], Settings.resolve(cache=tmp_path / "c"))
        cancel = threading.Event()
        warnings: list[str] = []
        steps = library.steps(warnings.append, nothing, cancel=cancel)
        first = next(steps)  # the files, while every feed still loads
        assert len(first.corpus.articles) == 3
        cancel.set()
        assert list(steps) == []
        paths = {article.path for article in library.store.headers()}
        assert not paths & set(urls), "no feed finished: each was stopped"
        library.close()


def test_feeds_download_together_but_are_read_one_at_a_time(tmp_path: Path, server, monkeypatch):
    """Reading a feed is CPU work: read together, big feeds would all be ready at the end."""
    from reader.core import feeds as feeds_module
    from tests.conftest import rss

    root, base, _seen, _httpd = server
    for number in range(4):
        (root / f"f{number}.xml").write_bytes(rss([f"item{number}a", f"item{number}b"]))
    real, reading, most = feeds_module.parse_feed, [0], [0]

    def counted(url: str, data: bytes):
        reading[0] += 1
        most[0] = max(most[0], reading[0])
        try:
            time.sleep(0.05)  # long enough for the other fetch threads to come in
            return real(url, data)
        finally:
            reading[0] -= 1

    monkeypatch.setattr(feeds_module, "parse_feed", counted)
    urls = [f"{base}/f{number}.xml" for number in range(4)]
    fetched = dict(feeds_module.fetch_feeds(urls, cache_path=tmp_path / "feeds.sqlite", names={}))
    assert sorted(fetched) == sorted(urls) and all(len(items) == 2 for items in fetched.values())
    assert most[0] == 1
