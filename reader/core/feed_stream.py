"""Feeds fetched in the background while a sync reads the files, taken as they come in.

A sync lists what is ready while slow feeds still load: `ready()` gives the feeds already in,
`groups()` the rest, each group the first feed to come in and those close behind it (so a
burst of fast feeds is listed once, not once each). Closing the stream, or setting the sync's
cancel event, ends the fetches still running (see `reader.core.feeds.fetch_feeds`).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.core.feeds import fetch_feeds
from reader.core.model import Article
from reader.core.workers import Cancelled

GATHER = 0.5
"""Seconds the feeds that come in together are gathered before they are listed."""
POLL = 0.05
"""Seconds between looks at the cancel event while waiting on the feeds."""

Warn = Callable[[str], None]


class FeedStream:
    """The feeds, fetched in the background from the start of a sync; taken in groups as
    they come in. Closing it (or setting `cancel`) ends the fetches still running."""

    def __init__(
        self, urls: list[str], warn: Warn, cache_path: Path | None, cancel: threading.Event
    ) -> None:
        self.pending = len(urls)
        self.cancel = cancel
        self._halt = threading.Event()
        self._ready: queue.Queue[tuple[str, list[Article]] | BaseException] = queue.Queue()
        if urls:
            threading.Thread(
                target=self._fetch, args=(urls, warn, cache_path), name="feeds", daemon=True
            ).start()

    def is_set(self) -> bool:
        """The fetches' stop: cancelled, or closed."""
        return self.cancel.is_set() or self._halt.is_set()

    def _fetch(self, urls: list[str], warn: Warn, cache_path: Path | None) -> None:
        try:
            for pair in fetch_feeds(urls, warn, cache_path=cache_path, stop=self):
                self._ready.put(pair)
        except BaseException as error:  # handed to the sync, which raises it
            self._ready.put(error)

    def _take(self, timeout: float) -> tuple[str, list[Article]] | None:
        """The next feed in within `timeout` seconds (looking at `cancel`), else None."""
        end = time.monotonic() + timeout
        while True:
            if self.cancel.is_set():
                raise Cancelled
            try:
                item = self._ready.get(timeout=max(0.0, min(POLL, end - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= end:
                    return None
                continue
            if isinstance(item, BaseException):
                raise item
            self.pending -= 1
            return item

    def ready(self) -> list[tuple[str, list[Article]]]:
        """The feeds already in, without waiting."""
        taken = []
        while self.pending and (item := self._take(0)) is not None:
            taken.append(item)
        return taken

    def groups(self) -> Iterator[list[tuple[str, list[Article]]]]:
        """The remaining feeds: each group the first to come in and those within GATHER."""
        while self.pending:
            first = self._take(float("inf"))
            if first is None:
                continue
            group, end = [first], time.monotonic() + GATHER
            while self.pending and (item := self._take(end - time.monotonic())) is not None:
                group.append(item)
            yield group

    def close(self) -> None:
        self._halt.set()
