"""How the UI gets a corpus: through the store, in steps that each show something sooner.

First the articles the store already holds, listed without their bodies, so the sources and
the first article show at once; then the store is brought in line with the files and feeds
(new or changed ones analysed in parallel) and the list again if it changed, with what changed;
then the merge across articles (actors, timeline, quotes), kept in the store and read back when
no article changed, else built (slower) and kept for next time. A refresh (a watched folder
changed, a feed is due) runs the same steps from the sync, and stops there when nothing changed.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.core.store import Progress, Store, Warn, merged_corpus

SUMMARY_OUTLETS = 3
"""Outlets named in a notification of new articles; the rest are counted."""


@dataclass(slots=True)
class Changes:
    """What a sync changed in the corpus: articles added, changed (content, title or date) and
    removed, by id."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def between(cls, before: dict[str, int], after: dict[str, int]) -> Changes:
        return cls(
            added=[i for i in after if i not in before],
            changed=[i for i in after if i in before and before[i] != after[i]],
            removed=[i for i in before if i not in after],
        )

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self, headers: dict[str, Article]) -> str:
        """One line for a notification: "2 new articles from The Moscow Times · 1 removed"."""
        parts = []
        if self.added:
            outlets = Counter(headers[i].source or "an unknown source" for i in self.added)
            new = f"{len(self.added)} new article{'s' if len(self.added) > 1 else ''}"
            if len(outlets) == 1:
                parts.append(f"{new} from {next(iter(outlets))}")
            else:
                top = [f"{n} from {o}" for o, n in outlets.most_common(SUMMARY_OUTLETS)]
                if len(outlets) > SUMMARY_OUTLETS:
                    top.append(f"{len(outlets) - SUMMARY_OUTLETS} more outlets")
                parts.append(f"{new}: " + ", ".join(top))
        if self.changed:
            parts.append(f"{len(self.changed)} updated")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        return " · ".join(parts)


@dataclass(slots=True)
class Step:
    """What to show next: a corpus, whether it is merged, and what changed since the last one
    (None on the first listing of a session)."""

    corpus: Corpus
    merged: bool
    changes: Changes | None = None


def listed(store: Store, files: list[str] | None = None) -> Corpus:
    """A lazy corpus of the store's articles, without the merge yet."""
    return Corpus(articles=store.headers(files), search_index=store, stored=store)


class Loader:
    """The store of one set of paths, brought up to date one sync at a time (a watched folder
    and a feed refresh may ask at once).

    The merge runs apart from the sync, so that a file dropped while a large corpus merges
    (minutes at 100,000 articles) is still listed at once; a merge that a newer sync has made
    stale is skipped, and the newer sync merges instead.
    """

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self.store = Store.for_paths(self.paths)
        self._sync_lock = threading.Lock()
        self._next_refresh = threading.Lock()
        """Held by the refresh waiting for its turn to sync: one is enough, as it syncs
        whatever changed until then."""
        self._merge_lock = threading.Lock()
        self._syncs = 0
        """Syncs that changed something: a merge is current only for the latest."""
        self._merged: Corpus | None = None

    def steps(
        self, warn: Warn, progress: Progress, refresh: bool = False, coalesce: bool = True
    ) -> Iterator[Step]:
        """The first load: the stored list (when the store holds any), the list after syncing
        (when it changed), the merged corpus. A refresh: from the sync, only when it changed;
        with `coalesce`, nothing when another refresh already waits for its turn."""
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
            stored = None if refresh else listed(self.store)
            if stored and stored.articles:  # first paint: before anything slower
                yield Step(stored, merged=False)
            before = self.store.contents()
            files = self.store.sync(self.paths, warn, progress)
            changes = Changes.between(before, self.store.contents())
            if refresh and not changes:
                return
            self._syncs += 1
            sync = self._syncs
            headers = None
            if changes or not before:
                after = listed(self.store, files)
                if self._merged is not None:  # shown until the new merge is ready
                    after.actor_index, after.events = self._merged.actor_index, self._merged.events
                headers = after.articles
                yield Step(after, merged=False, changes=changes if before else None)
        finally:
            self._sync_lock.release()
        with self._merge_lock:
            if sync != self._syncs:
                return
            merged = merged_corpus(self.store, files, headers)
            if sync != self._syncs:
                return
            self._merged = merged
        yield Step(merged, merged=True)
