"""The Library: the one object the TUI and the CLI ask for a corpus, searches and lookups.

Loading runs in steps that each show something sooner: first the articles the store already
holds, listed without their bodies; then the store brought in line with the files and feeds
(new or changed ones analysed in parallel) and the list again if it changed, with what changed;
then the stories brought up to date (only new, changed and removed articles are placed); then
the stories whose articles changed merged again (each story's actors, timeline and quotes are
kept in the store until its articles change), and the whole archive's view read from those
merges (`reader.core.stories.merged`): no step merges the whole archive at once. A refresh (a
watched folder changed, a feed is due) runs the same steps from the sync, and stops there when
nothing changed.
Every step takes a cancel event (the TUI passes its worker's): set, the sync, its worker
processes and the merge stop, and the steps end.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from reader.core.cancelling import Cancelled, check
from reader.core.changes import (
    AskedPaths,
    Changes,
    PathContents,
    Step,
    changes_since,
    indexed_since,
)
from reader.core.corpus import Corpus
from reader.core.first_list import stored_head
from reader.core.kept_listing import kept_listing_head
from reader.core.last_listing import Articles, LastListing, listed
from reader.core.library_store import ATTEMPTS, PLACING, KeptStore
from reader.core.lookups import Lookups
from reader.core.model import Article
from reader.core.settings import Settings
from reader.core.store import BaseStore, StoreError
from reader.core.story_questions import StoryQuestions

# The sync, the analysis, the stories, search and compare are imported where they are first
# used: the stored list reaches the screen (the first paint) without them.
if TYPE_CHECKING:
    from reader.core.ingest import FileStream as FileStream  # (the UI's types: re-exported)
    from reader.core.ingest import ReadProgress
    from reader.core.search import Hits
    from reader.core.sync import FirstCounts as FirstCounts
    from reader.core.sync import Progress, Told, Warn

__all__ = ["Changes", "Corpus", "Library", "Step"]
"""Corpus too: it is what a Library gives (the UI imports it from here, not from core.corpus)."""

LIVE_EVERY = 1.0
"""Seconds between two listings while a big file is read (more when listing takes long)."""
TOP_ARTICLES = 1000
"""Articles the top stories sent with the first list hold at least: a screenful of the list
grouped by story, and more (every story comes once the list is shown: half a second to read
at 100,000 articles)."""


class Library(KeptStore, Lookups, StoryQuestions):
    """The store of one set of paths, brought up to date one sync at a time (a watched folder
    and a feed refresh may ask at once), and the questions the panes ask of its corpus.

    The merge of the changed stories runs apart from the sync, so that a file dropped while
    a large archive's stories merge (its first load) is still listed at once; a merge that a
    newer sync has made stale is skipped, and the newer sync merges instead.
    """

    def __init__(self, paths: Sequence[str], settings: Settings | None = None) -> None:
        super().__init__(paths, settings)
        self._sync_lock = threading.Lock()
        self._next_refresh = threading.Lock()
        """Held by the refresh waiting for its turn to sync: one is enough, as it syncs
        whatever changed until then."""
        self._merge_lock = threading.Lock()
        self._syncs = 0
        """Syncs that changed something: a merge is current only for the latest."""
        self._merged: Corpus | None = None
        self._asked = AskedPaths()
        self._seen: PathContents | None = None
        """On a shared archive read as it stands: its articles as last listed."""
        self._last = LastListing(self.paths)
        """What the last load listed, for a watched batch's refresh to start from."""
        self._stored: Step | None = None
        """The stored list read ahead (`stored_step`), for the first load to yield."""

    # Loading --------------------------------------------------------------------------------

    def sync(
        self,
        warn: Warn,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        stories: bool = True,
        reading: ReadProgress | None = None,
    ) -> list[str]:
        """Bring the store (and, with `stories`, its stories) in line with the files and
        feeds; the files in corpus order. `reading` is told how far a file is read."""
        from reader.core.stories.merged import merge_stale
        from reader.core.sync import sync

        feed_cache = self.settings.feed_cache

        def synced(store: BaseStore) -> list[str]:
            if self.reads_archive:
                return []
            between = None
            if stories:  # placed as they are written, beside the analysis
                between = self._placed_if_free  # (the sync checks `cancel` right after)
            files = sync(store, self.paths, warn, progress, cancel, feed_cache, reading, between)
            if stories:
                with store.alone(PLACING):  # an archive's indexers: every note placed, by turns
                    self._placed(cancel)
                if store.shared:  # the archive's readers find each story merged, and listed
                    merge_stale(store, cancel)
                    self.kept_stories.keep_listing()
            return files

        with self._sync_lock:
            return self._guarded(warn, synced)

    def articles(self, warn: Warn, progress: ReadProgress | None = None) -> Iterator[Article]:
        """The paths' articles, parsed, without the store (`reader articles`), one at a time
        (memory bounded whatever the files' size); `progress` is told how far a file is read.
        On a shared archive read as it stands, the archive's."""
        from reader.core.sources import stream_sources

        if self.reads_archive:
            return self._opened(warn).stream()  # an archive's faults are StoreErrors already
        return stream_sources(self.paths, warn, self.settings.feed_cache, progress)

    def open(
        self, warn: Warn, cancel: threading.Event | None = None, reading: ReadProgress | None = None
    ) -> Corpus:
        """The whole archive, synced, its stories up to date and merged (what the CLI's
        subcommands read)."""

        def opened(store: BaseStore) -> Corpus:
            files = self.sync(warn, cancel=cancel, reading=reading)
            return self._archive(store, files, None, cancel)

        return self._guarded(warn, opened)

    def _archive(
        self,
        store: BaseStore,
        files: list[str],
        headers: list[Article] | None,
        cancel: threading.Event | None,
        touched: set[str] | None = None,
    ) -> Corpus:
        """The whole archive's view, once the stories whose articles changed are merged (on
        a shared archive, its indexers merge them; with `touched`, the stories an update
        changed, only those and the stories of the articles synced since are looked at)."""
        from reader.core.stories.merged import archive_corpus, merge_stale

        if not self.reads_archive:
            if self.kept_stories.untold:  # stories changed that no update's `touched` tells
                self._due.forget()
                self.kept_stories.untold = False
            check(cancel)
            merge_stale(store, cancel, self._due.among(touched, store.story_of))
            self._due.merged()
        check(cancel)
        return archive_corpus(store, store.headers(files, cancel) if headers is None else headers)

    def stored_step(self, warn: Warn, head: bool = False) -> Step | None:
        """The stored list now (with the top stories), for a first paint before any worker:
        the first load yields this very Step first (`head`: `first_list.stored_head`, never
        yielded). It never waits: None when the store is empty or not had at once."""
        if not self._sync_lock.acquire(blocking=False):
            return None
        try:
            store = self._store_at_once()
            step = None if store is None else _stored_listing(self._opened(warn, store), head)
            self._stored = self._stored if head else step
            return step
        finally:
            self._sync_lock.release()

    def steps(
        self,
        warn: Warn,
        progress: Progress,
        refresh: bool = False,
        coalesce: bool = True,
        cancel: threading.Event | None = None,
        only: Collection[str] | None = None,
        feeds: Collection[str] | None = None,
        reading: ReadProgress | None = None,
        told: Told | None = None,
    ) -> Iterator[Step]:
        """The first load: the stored list (when the store holds any; with the top stories of
        the listing the store keeps, when it is current: `Step.top`), the list after syncing
        (when it changed; while feeds still load, also as they come in; while a big file is
        read, every LIVE_EVERY seconds or so, told through `reading`), the merged corpus.
        A refresh: from the sync, only when it changed; with `coalesce`, nothing when another
        refresh already waits for its turn (that one syncs this one's files too); with
        `only` (a watched folder's batch of paths), the stored files outside it are not
        looked at again; with `feeds`, only those feeds are fetched. With `told`, many new
        small files or feed items are listed first (`Step.analysing`), then analysed and
        listed again (see `reader.core.list_first`), `told` how far. Nothing more once
        `cancel` is set. A store found damaged is rebuilt (said through `warn`) and loaded
        again."""
        for attempt in range(ATTEMPTS):
            try:
                yield from self._steps(
                    warn, progress, refresh, coalesce, cancel, only, feeds, reading, told
                )
                return
            except sqlite3.Error as error:
                if attempt + 1 == ATTEMPTS:
                    raise StoreError(self.store.db.cannot_use(error)) from error
                self._repaired(self.store, error, warn)
                refresh = coalesce = False
                only = None
            except Exception as error:
                if not _cancelled(error):
                    raise
                return

    def _steps(
        self,
        warn: Warn,
        progress: Progress,
        refresh: bool,
        coalesce: bool,
        cancel: threading.Event | None,
        only: Collection[str] | None,
        feeds: Collection[str] | None,
        reading: ReadProgress | None = None,
        told: Told | None = None,
    ) -> Iterator[Step]:
        self._asked.ask(only if refresh else None)
        if refresh and coalesce:
            if not self._next_refresh.acquire(blocking=False):
                return  # the refresh already waiting will sync this change too
            try:
                self._sync_lock.acquire()
            finally:
                self._next_refresh.release()
        else:
            self._sync_lock.acquire()
        try:
            store = self._opened(warn)
            stored = None if refresh else self._stored or _stored_listing(store, cancel=cancel)
            self._stored = self._stored if refresh else None  # (the first load's to yield)
            if stored is not None:  # first paint: before anything slower
                yield stored
            asked, last_order = self._asked.take(), self._last.take_order()
            from reader.core.sync import Listed, Partial, Touched, corpus_order, sync_steps

            first = store.count() == 0
            changed, headers = False, None
            touched, shown = Touched(), PathContents()
            steps = (
                iter([list[str]()])
                if self.reads_archive
                else sync_steps(
                    store,
                    self.paths,
                    warn,
                    progress,
                    cancel,
                    self.settings.feed_cache,
                    touched,
                    asked,
                    feeds,
                    reading,
                    live=LIVE_EVERY,
                    told=told,
                    listed=last_order,
                )
            )
            analysing = False
            for files in steps:
                if isinstance(files, Partial):  # what is in so far; its changes told later
                    self._last.articles = None
                    yield Step(self._listed(store, files, cancel=cancel), merged=False)
                    continue
                if self.reads_archive:  # what the archive's indexers wrote since
                    changes, self._seen = indexed_since(store, self._seen)
                else:
                    changes, shown = changes_since(store, touched, shown)
                    self._due.note(changes)
                if changes or (first and headers is None) or analysing:
                    changed = changed or bool(changes)
                    analysing = isinstance(files, Listed)
                    patched = self._last.patched(asked, store, touched.before, touched.looked)
                    if self._last.walk and last_order is not None:  # another process's files
                        files = corpus_order(self.paths)  # listed where a walk puts them
                    listing = self._listed(store, files, patched, cancel)
                    headers = listing.articles
                    self._last.shown(headers)
                    told_changes = None if first else changes
                    yield Step(listing, merged=False, changes=told_changes, analysing=analysing)
                    first = False
            self._last.ended(files, asked is not None)
            if headers is None and not refresh and not self.reads_archive:  # in corpus order
                headers = self._last.articles = store.headers(files, cancel)
            if refresh and not changed:
                return
            self._syncs += 1
            sync_number = self._syncs
        finally:
            self._sync_lock.release()
        with self._merge_lock:
            if sync_number != self._syncs:
                return
            check(cancel)
            stories = set() if self.reads_archive else self.kept_stories.update(cancel)
            merged = self._archive(store, files, headers, cancel, stories)
            if sync_number != self._syncs:
                return
            self._merged = merged
        yield Step(merged, merged=True, stories=stories)

    def _listed(
        self,
        store: BaseStore,
        files: list[str],
        patched: Articles = None,
        cancel: threading.Event | None = None,
    ) -> Corpus:
        """The store's list (or `patched`), with the last merge's actors and timeline until
        the new one."""
        listing = listed(store, files, patched, cancel)
        if self._merged is not None:
            listing.actor_index = self._merged.actor_index
            listing.events = self._merged.events
        return listing

    # Searching ------------------------------------------------------------------------------

    def search(
        self, corpus: Corpus | None, query: str, limit: int = 20, warn: Warn | None = None
    ) -> Hits:
        """Hits for `query`, best first: from `corpus` (its store's index, or one built for
        it), else from this library's store without loading a corpus. A store found damaged
        (this library's, searched directly or through a corpus) is rebuilt and synced first,
        said through `warn`, else by the next load (the TUI's search has no warn of its own)."""
        from reader.core.search import search as search_corpus
        from reader.core.search import search_store

        if corpus is None or (
            corpus.search_index is not None and corpus.search_index is self._store
        ):
            said = warn or self._said_later
            return self._guarded(
                said, lambda store: search_store(store, query, limit), lambda: self.sync(said)
            )
        return search_corpus(corpus, query, limit)

    @staticmethod
    def warm_up() -> None:
        """Load the analysers' word lists now, before the first file to analyse comes."""
        from reader.core.analysis import warm_up

        warm_up()


def _cancelled(error: Exception) -> bool:
    """Whether a step ended because it was cancelled (the sync, its workers, the stories)."""
    return isinstance(error, Cancelled)


def _stored_listing(
    store: BaseStore, head: bool = False, cancel: threading.Event | None = None
) -> Step | None:
    """The store's list as the first step of a load, with the top stories (None: empty);
    `head`: its head alone (see `reader.core.first_list`)."""
    if head:
        return stored_head(store)
    stored = listed(store, cancel=cancel)
    if not stored.articles:
        return None
    return Step(stored, merged=False, top=kept_listing_head(store, TOP_ARTICLES))
