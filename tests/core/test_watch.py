"""watch_folders sees real files written while it watches, in well under a second."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.watch import Batch, watch_folders


@contextmanager
def watching(folder: Path, **options) -> Iterator[list[Batch]]:
    """The batches watch_folders yields for `folder` while the block runs."""
    stop = threading.Event()
    batches: list[Batch] = []

    def run() -> None:
        batches.extend(watch_folders([folder], stop, debounce_ms=100, **options))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.3)
    try:
        yield batches
    finally:
        stop.set()
        thread.join(timeout=3)


def test_added_changed_deleted(tmp_path):
    stop = threading.Event()
    batches = []

    def run() -> None:
        for batch in watch_folders([tmp_path], stop, debounce_ms=100):
            batches.append(batch)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.3)
    target = tmp_path / "new.txt"
    target.write_text("Title\n\nBody.")
    deadline = time.monotonic() + 3
    while not batches and time.monotonic() < deadline:
        time.sleep(0.05)
    assert batches and target in batches[0].added
    target.unlink()
    deadline = time.monotonic() + 3
    while not any(target in b.deleted for b in batches) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(target in b.deleted for b in batches)
    stop.set()
    thread.join(timeout=3)
    assert not thread.is_alive()


def test_changes_under_an_ignored_folder_are_not_reported(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    with watching(tmp_path, ignore=[cache]) as batches:
        (cache / "corpus.sqlite3").write_bytes(b"store")
        time.sleep(0.5)
        assert batches == []
        (tmp_path / "news.txt").write_text("Title\n\nBody.")
        deadline = time.monotonic() + 3
        while not batches and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [sorted(p.name for p in b.added) for b in batches] == [["news.txt"]]


def test_a_fifo_or_a_link_to_a_device_is_no_news(tmp_path):
    target = tmp_path / "good.txt"
    with watching(tmp_path) as batches:
        os.mkfifo(tmp_path / "pipe.txt")
        (tmp_path / "zero.txt").symlink_to("/dev/zero")
        target.write_text("Title\n\nBody.")
        deadline = time.monotonic() + 3
        while not any(target in b.added for b in batches) and time.monotonic() < deadline:
            time.sleep(0.05)
    seen = {path.name for batch in batches for path in batch.added | batch.changed}
    assert "good.txt" in seen and not seen & {"pipe.txt", "zero.txt"}
