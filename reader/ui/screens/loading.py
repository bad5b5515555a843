"""The loading half of the main screen: the Library, the thread workers that bring its
corpus in (load) and keep it fresh (refresh on a timer, on `R`, and when a watched folder
changes), and what they bring as state: the corpus, the merged corpus and the status line.

Workers return results as messages (reader.ui.messages); they pass their cancelled event to
the Library, so closing the screen stops a sync, its worker processes and the merge.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.core.errors import StoreError
from reader.core.library import Corpus, Library
from reader.core.paths import is_url
from reader.core.reading_text import WORTH_SHOWING, reading_text
from reader.core.settings import Settings
from reader.ui.lease import LibraryLease
from reader.ui.messages import (
    AnalysisProgress,
    ArchiveChanged,
    ArticlesLoaded,
    CorpusLoaded,
    FilesChanged,
    FirstProgress,
    LoadFailed,
    Notice,
    ReadingProgress,
    StoriesLoaded,
)
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.status_bar import Status

if TYPE_CHECKING:
    from reader.core.changes import Step
    from reader.core.library import FileStream, FirstCounts

LOAD_GROUP = "load"
FOLLOW_GROUP = "follow"
"""The worker group that watches folders: it runs until the screen closes."""
PAINT_WAIT = 2.0
"""Seconds a load waits for its first list to reach the screen before it goes on."""
STORY_WAIT = 6.0
"""Seconds a load that listed the top stories first waits for the panels of the article
opened before it reads every story (longer than PAINT_WAIT: on a busy machine the panels
take seconds, and every story read meanwhile would slow them). The wait holds the library
(its sync lock): it ends as soon as nothing is to come (no article opens, its look-up fails,
a refresh is asked for)."""
READING_EVERY = 0.1
"""Seconds between two updates of how far a big file is read, at least."""
RETRY_SECONDS = 3.0
"""Seconds between two tries to reach a shared archive that did not answer."""


class LibraryScreen(Screen):
    """A screen over a Library of `paths`: loads it, refreshes it, follows its folders."""

    corpus: reactive[Corpus] = reactive(Corpus, always_update=True, init=False)
    """The latest corpus listed (articles are opened from it; searches run on it)."""
    merged: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """The latest merged corpus: actors, timeline and quotes (None until the first merge)."""
    status: reactive[Status] = reactive(Status, init=False)
    """The status line."""

    def __init__(self, paths: Sequence[str], settings: Settings | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.library = Library(self.paths, settings)
        self.lease = LibraryLease(self.library)
        """The screen's hold on the library, and each worker's while it runs."""
        self._stop_work = threading.Event()
        """Set when the screen closes: the folder watch and any load stop."""
        self._following = False
        self._painted = threading.Event()
        """Set once the last list sent is on screen."""
        self._story_shown = threading.Event()
        """Set once the story of the article on screen is shown, its panels filled (or it is
        in none): a first list grouped by the top stories waits for it to read every story
        (both take the CPU, and the panels are what the reader waits for)."""
        self.analysing = False
        """Whether the articles listed last are still being analysed."""
        self._read_ahead: Step | None = None
        """The stored list read before the first paint (`stored_list`): the load's first
        step, not sent again (nor kept once the load has passed it)."""

    def on_unmount(self) -> None:
        self._stop_work.set()
        self._painted.set()  # a load waiting for its first paint goes on, and sees the cancel
        self._story_shown.set()
        self.workers.cancel_node(self)  # a load in progress stops: sync, pool and merge
        self.lease.release()  # closed now, or by the last worker to finish

    def articles_painted(self) -> None:
        """A list is on screen: a waiting load goes on, and folders are watched."""
        self._painted.set()
        self.start_following()

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        self.load_changes(only=message.paths)

    @on(ArchiveChanged)
    def _archive_changed(self) -> None:
        self.load_changes()

    @on(Notice)
    def _notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, timeout=8)

    @on(AnalysisProgress)
    def _progress(self, message: AnalysisProgress) -> None:
        text = f"Analysed {message.done:,} of {message.total:,} files"
        self.status = Status(text, progress=(message.done, message.total))

    @on(FirstProgress)
    async def _first_progress(self, message: FirstProgress) -> None:
        self.status = Status(message.text, progress=message.progress)
        if message.analysed:
            await self.analysis_progressed()

    async def analysis_progressed(self) -> None:
        """More of the articles listed first are analysed (the reading half shows the one on
        screen again once its analysis is in)."""

    @on(ReadingProgress)
    def _reading(self, message: ReadingProgress) -> None:
        self.status = Status(message.text, progress=(message.done, message.total))

    @on(CorpusLoaded)
    def _corpus_loaded(self, message: CorpusLoaded) -> None:
        corpus = self.corpus = message.corpus
        self._count(corpus)
        self.merged = corpus

    @said_when_it_fails
    def _count(self, corpus: Corpus) -> None:
        """What the status line says was loaded (an archive's counts read from it)."""
        counts = f"{len(corpus.articles)} articles · {len(corpus.actors)} actors"
        self.status = Status(f"{counts} · {len(corpus.events)} events", done=True)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        said = self.status.text == message.reason
        self.status = Status(message.reason, done=True)
        if not said:  # a server still down is said once, not at each try
            self.notify(message.reason, severity="error")
        if not message.retrying:
            self.start_following()

    def stored_list(self, head: bool = False) -> ArticlesLoaded | None:
        """The stored list, read here to be in the first frame (no frame saying "Loading"
        before it, nor a worker's hand-over: a few hundredths of a second at 20,000 articles);
        None when the store holds none, is a shared archive's (its server may be slow to
        answer) or cannot be read now (the load tells why, or repairs it). With `head`, its
        head alone (`ArticlesLoaded.head`; None too when the list starts otherwise)."""
        if self.library.settings.store is not None:
            return None

        def warn(text: str) -> None:
            self.post_message(Notice(text))

        try:
            step = self.library.stored_step(warn, head)
        except Exception:  # the load meets it again, and says so
            return None
        if step is None:
            return None
        self._read_ahead = self._read_ahead if head else step
        return ArticlesLoaded(step.corpus, step.changes, step.analysing, step.top, head)

    @work(thread=True, group=LOAD_GROUP, exit_on_error=False, description="load")
    def load(self) -> None:
        """Show the stored articles, bring the store up to date, then merge the corpus. A
        shared archive that cannot be reached is tried again every RETRY_SECONDS (the status
        line says so) until it answers, or the screen closes."""
        cancel = get_current_worker().cancelled_event
        while self.run_steps(refresh=False) is None:
            if cancel.wait(RETRY_SECONDS) or self._stop_work.is_set():
                return

    @work(thread=True, group=LOAD_GROUP, exit_on_error=False, description="refresh")
    def load_changes(
        self,
        announce: bool = False,
        only: frozenset[str] | None = None,
        feeds: list[str] | None = None,
    ) -> None:
        """Sync files and feeds again (with `only`, of the stored files those alone; with
        `feeds`, fetch only those); show what changed (with `announce`, also nothing). A
        shared archive that cannot be reached is tried again, as `load` does."""
        self._story_shown.set()  # a first load waiting for the panels holds the library
        cancel, failed = get_current_worker().cancelled_event, False
        while (shown := self.run_steps(True, not announce, only, feeds)) is None:
            failed = True
            if cancel.wait(RETRY_SECONDS) or self._stop_work.is_set():
                return
        if failed:  # it answers again: the status line says what is loaded, not the failure
            self.app.call_from_thread(self._count, self.corpus)
        if not shown and announce:
            self.post_message(Notice("Up to date: nothing new.", "information"))

    def run_steps(
        self,
        refresh: bool,
        coalesce: bool = True,
        only: frozenset[str] | None = None,
        feeds: list[str] | None = None,
    ) -> bool | None:
        """Post each step of a load or refresh (see Library.steps); whether there was any
        (None: the shared archive could not be reached, to try again)."""

        def warn(text: str) -> None:
            self.post_message(Notice(text))

        def progress(done: int, total: int) -> None:
            self.post_message(AnalysisProgress(done, total))

        told = [0.0]

        def reading(stream: FileStream) -> None:
            now = time.monotonic()
            if stream.size >= WORTH_SHOWING and now - told[0] >= READING_EVERY:
                told[0] = now
                self.post_message(ReadingProgress(reading_text(stream), stream.done, stream.size))

        def counted(counts: FirstCounts) -> None:
            now, (then, told_analysed) = time.monotonic(), counted_at
            ends = counts.read == counts.to_read and counts.analysed == counts.to_analyse
            starts = counts.analysed == 0 and counts.to_analyse > 0
            # each hundredth of the analysis is told (each article of a small load): the article
            # on screen waits for its own to be told, and no later count may come to tell it
            step = counts.analysed - told_analysed >= max(1, counts.to_analyse // 100)
            if ends or starts or step or now - then >= READING_EVERY:
                counted_at[:] = [now, counts.analysed]
                self.post_message(
                    FirstProgress(counts.read, counts.to_read, counts.analysed, counts.to_analyse)
                )

        counted_at: list[float] = [0.0, 0]
        shown = False
        cancel = get_current_worker().cancelled_event
        try:
            with self.lease.use() as library:
                if library is None:
                    return False
                steps = library.steps(
                    warn, progress, refresh, coalesce, cancel, only, feeds, reading, counted
                )
                for step in steps:
                    shown = True
                    if step.merged:
                        self.post_message(StoriesLoaded(library.stories()))
                        self.post_message(CorpusLoaded(step.corpus, step.stories))
                    else:
                        if step is self._read_ahead:  # on screen already; not kept after
                            self._read_ahead = None
                        else:
                            if not self._stop_work.is_set():
                                self._painted.clear()
                            loaded = ArticlesLoaded(
                                step.corpus, step.changes, step.analysing, step.top
                            )
                            self.post_message(loaded)
                        # The list on screen before the next (slower) step takes the CPU, and
                        # (a big file listed as it is read) before the next list comes.
                        self._painted.wait(timeout=PAINT_WAIT)
                        if not refresh and step.top:  # grouped by the top stories: their
                            self._story_shown.wait(timeout=STORY_WAIT)  # panels first
                        # A refresh's stories change with its merge, and until then the store's
                        # listing of them is not current: every story's rows read for nothing
                        # (seconds at 100,000). Nor are they read when the screen closes.
                        if not refresh and not (self._stop_work.is_set() or cancel.is_set()):
                            self.post_message(StoriesLoaded(library.stories()))
                    if self._stop_work.is_set() or cancel.is_set():
                        break
        except StoreError as error:  # one line: the server by host and port, no password
            if self.library.settings.store is None:
                self.post_message(LoadFailed(f"Could not load the articles: {error}"))
            else:  # an archive's server out of reach: tried again until it answers
                self.post_message(LoadFailed(f"{error}; trying again", retrying=True))
                return None
        except Exception as error:  # shown on screen: a bad corpus must not crash the reader
            self.post_message(LoadFailed(f"Could not load the articles: {error}"))
        return shown

    def start_following(self) -> None:
        """Watch the folders once the first articles are listed (not sooner: setting up the
        watch of a large folder would slow the first paint)."""
        local = [path for path in self.paths if not is_url(path)]
        if not self._following and (local or self.library.reads_archive):
            self._following = True
            if local:
                self.follow_folders(local)
            if self.library.reads_archive:
                self.follow_archive()

    @work(thread=True, group=FOLLOW_GROUP, exit_on_error=False, description="follow the archive")
    def follow_archive(self) -> None:
        """Refresh whenever an indexer writes to the shared archive being read."""
        try:
            for _ in self.library.archive_changes(self._stop_work):
                self.post_message(ArchiveChanged())
        except Exception as error:  # shown once; the reader goes on with what it has
            self.post_message(Notice(f"Not following the archive: {error}"))

    @work(thread=True, group=FOLLOW_GROUP, exit_on_error=False, description="follow folders")
    def follow_folders(self, local: list[str]) -> None:
        """Refresh whenever a file under the local paths is added, changed or deleted."""
        from reader.core.watch import watch_folders  # (watchfiles: once the list is shown)

        try:
            self.library.warm_up()
            cache = self.library.settings.cache_dir
            for batch in watch_folders(local, self._stop_work, ignore=[cache]):
                paths = batch.added | batch.changed | batch.deleted
                self.post_message(FilesChanged(frozenset(os.path.abspath(p) for p in paths)))
        except Exception as error:  # e.g. too many folders for the system's watch limit
            self.post_message(Notice(f"Not watching for new files: {error}"))
