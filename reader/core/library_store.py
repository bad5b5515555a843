"""A library's store: opened on first use, shared by its threads, rebuilt when found damaged
(it is a cache), and closed with the library. `Library` holds one."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Self, TypeVar

from reader.core.changes import DueMerges
from reader.core.paths import is_url
from reader.core.settings import Settings
from reader.core.store import BaseStore, NotAtOnce, Store, StoreError, is_damage, open_store

if TYPE_CHECKING:
    from reader.core.stories import StoredStories

Warn = Callable[[str], None]
T = TypeVar("T")
ATTEMPTS = 2
"""Tries of an action on the store: once, and once more on it rebuilt."""
PLACING = "placing stories"
"""What an archive's indexers do one at a time (`BaseStore.alone`): place the new articles."""


class KeptStore:
    """The store of one set of paths (and its stories), opened once for every thread."""

    def __init__(self, paths: Sequence[str], settings: Settings | None = None) -> None:
        self.settings = settings or Settings.resolve()
        self.paths = list(paths)
        if self.settings.store is not None:  # an archive names files as every machine can
            self.paths = [p if is_url(p) else os.path.abspath(p) for p in self.paths]
        self.reads_archive = self.settings.store is not None and not self.paths
        """Only reading a shared archive as its indexers keep it: nothing to sync or to
        place into stories here (a reader's database role may not write)."""
        self._store: BaseStore | None = None
        self._stories: StoredStories | None = None
        self._store_lock = threading.Lock()
        self._due = DueMerges()
        """The stories to merge again (forgotten when the store is rebuilt)."""

    @property
    def store(self) -> BaseStore:
        """The paths' store, opened on first use."""
        with self._store_lock:
            return self._open_store()

    def _open_store(self) -> BaseStore:
        """The store, opened if need be (the caller holds `_store_lock`)."""
        if self._store is None:
            self._store = open_store(self.paths, self.settings.cache_dir, self.settings.store)
        return self._store

    def _store_at_once(self) -> BaseStore | None:
        """The store if it is had without waiting: open already, or an embedded store that
        opens without waiting for another process and without writing (see `Database`);
        None when it must be opened the usual way (waiting for a lock, migrated, rebuilt,
        or an archive's server asked)."""
        if not self._store_lock.acquire(blocking=False):  # (another thread opening it)
            return None
        try:
            if self._store is None and self.settings.store is None:
                self._store = Store.for_paths(self.paths, self.settings.cache_dir, at_once=True)
            return self._store
        except NotAtOnce:
            return None
        finally:
            self._store_lock.release()

    @property
    def kept_stories(self) -> StoredStories:
        """The store's stories (their grouping kept in memory once a change needed it)."""
        from reader.core.stories import StoredStories

        with self._store_lock:
            if self._stories is None:
                self._stories = StoredStories(self._open_store())
            return self._stories

    def _placed(self, cancel: threading.Event | None = None) -> None:
        """The stories updated, what that changed told to no merge (a sync's): the next
        merge looks at every story (`StoredStories.untold`), however the sync ends."""
        self.kept_stories.update(cancel)
        self.kept_stories.untold = True

    def _placed_if_free(self) -> None:
        """The stories updated mid-sync unless another of an archive's indexers places them
        now: this one never waits for it (it goes on writing its files; what it wrote so far
        is placed by that one, or at its next try, or at the end of its sync, which waits)."""
        with self.store.alone(PLACING, wait=False) as free:
            if free:
                self._placed()

    def close(self) -> None:
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = self._stories = None

    def archive_changes(self, stop: threading.Event) -> Iterator[str]:
        """A word each time another process writes to a shared archive, until `stop` is set
        (a refresh then lists what it wrote); nothing for the embedded store."""
        return self.store.changes(stop)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _opened(self, warn: Warn, store: BaseStore | None = None) -> BaseStore:
        """The store (or `store`, opened already), with what opening it did (a damaged one
        rebuilt) said through `warn`."""
        store = store or self.store
        notices, store.db.notices[:] = list(store.db.notices), []
        for notice in notices:  # (a `warn` that keeps them for later puts them back)
            warn(notice)
        return store

    def _guarded(
        self,
        warn: Warn,
        action: Callable[[BaseStore], T],
        refill: Callable[[], object] | None = None,
    ) -> T:
        """`action` on the store; when the store turns out damaged, again on it rebuilt
        (with `refill`, refilled first: synced)."""
        for attempt in range(ATTEMPTS):
            store = self._opened(warn)
            try:
                if attempt and refill is not None:
                    refill()
                return action(store)
            except sqlite3.Error as error:
                if attempt + 1 == ATTEMPTS:
                    raise StoreError(store.db.cannot_use(error)) from error
                self._repaired(store, error, warn)
        raise AssertionError("unreachable")

    def _repaired(self, store: BaseStore, error: sqlite3.Error, warn: Warn) -> None:
        """A damaged store is rebuilt (it is a cache), and said so; any other fault of the
        store becomes one line (StoreError): a read-only cache, a full disk."""
        if not is_damage(error):
            raise StoreError(store.db.cannot_use(error)) from error
        store.rebuild()
        self._due.forget()
        warn(store.db.damaged())

    def _said_later(self, message: str) -> None:
        """Kept with the store's notices, for the next load to say."""
        self.store.db.notices.append(message)
