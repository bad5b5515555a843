"""`reader index` without the TUI: one pass says what it did; `watch` indexes again when a
file lands in a watched folder, and stops when told."""

from __future__ import annotations

import threading

from reader.core.indexer import Indexer
from reader.core.library import Library
from reader.core.settings import Settings
from tests.core.conftest import write

WAIT = 20.0
"""Seconds a test waits for what should come within one (never a measure of speed)."""


def test_a_pass_then_a_watched_folder_indexed_again(tmp_path, corpus_dir) -> None:
    said: list[str] = []
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(corpus_dir)], settings) as library:
        indexer = Indexer(library, said.append)
        assert indexer.index() == 3
        assert "3 articles" in said[-1] and "(+3)" in said[-1]
        stop, passed = threading.Event(), threading.Event()
        watching = threading.Thread(target=indexer.watch, args=(60, stop, passed.set), daemon=True)
        watching.start()
        for _ in range(int(WAIT / 0.5)):  # until the watch is set up and hears the file
            write(corpus_dir, "d.txt", "Talks resume", "The talks resumed on Monday.")
            if passed.wait(0.5):
                break
        stop.set()
        watching.join(WAIT)
        assert not watching.is_alive()
        assert library.store.count() == 4
        assert "(+1)" in said[-1]
