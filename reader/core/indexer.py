"""Indexing without the TUI (`reader index`): fill a store from paths, then keep it current.

An indexer syncs as the reader does when it opens paths (files read and analysed in parallel,
feeds fetched, stories updated), says how far it got, and with `watch` syncs again on each burst
of changes in its folders and every `refresh_minutes` for its feeds, until stopped.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from reader.core.errors import StoreError
from reader.core.library import Library
from reader.core.paths import is_url, path_text
from reader.core.sync import Progress, Warn
from reader.core.watch import watch_folders

STOP_CHECK = 0.5
"""Seconds between looks at the stop event while waiting for changes."""
RETRY_SECONDS = 10.0
"""Seconds before a pass the store failed (an archive's server restarting or out of reach)
is tried again while watching."""


class Indexer:
    """Keeps `library`'s store in step with its paths; says what it did through `warn`."""

    def __init__(self, library: Library, warn: Warn, progress: Progress | None = None) -> None:
        self.library = library
        self.warn = warn
        self.progress = progress

    def index(self) -> int:
        """One pass: sync the paths (and the stories); how many articles the store holds."""
        store = self.library.store
        before = store.count()
        files = self.library.sync(self.warn, self.progress)
        after = store.count()
        change = f"{after - before:+,}" if after != before else "no change"
        where = path_text(store.database)  # an archive: its URL without the password
        self.warn(
            f"indexed {len(files):,} files and feeds: {after:,} articles in {where} ({change})"
        )
        return after

    def watch(
        self,
        refresh_minutes: int,
        stop: threading.Event | None = None,
        passed: Callable[[], None] = lambda: None,
    ) -> None:
        """Index again on each burst of changes under the folders, and every `refresh_minutes`
        (feeds), until `stop` is set (or the process is interrupted); `passed` after each pass.
        A pass the store fails (StoreError) is said, and tried again after `RETRY_SECONDS`:
        what it wrote is kept, and the next pass finds what it had still to do."""
        stop = stop or threading.Event()
        wake = threading.Event()
        folders = [p for p in self.library.paths if not is_url(p) and os.path.isdir(p)]

        def watching() -> None:
            ignore = [self.library.settings.cache_dir]
            for _batch in watch_folders(folders, stop, ignore=ignore):
                wake.set()

        if folders:
            threading.Thread(target=watching, name="reader-index-watch", daemon=True).start()
        try:
            due = time.monotonic() + refresh_minutes * 60
            while not stop.is_set():
                if wake.wait(STOP_CHECK) or time.monotonic() >= due:
                    wake.clear()
                    due = time.monotonic() + refresh_minutes * 60
                    try:
                        self.index()
                    except StoreError as error:
                        self.warn(f"{error}; trying again in {RETRY_SECONDS:g} s")
                        due = time.monotonic() + RETRY_SECONDS
                        continue
                    passed()
        finally:
            stop.set()
