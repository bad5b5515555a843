"""What a load or a refresh changed: the articles added, changed and removed, as the Library
tells the screen (`Step`), and how it finds them out (from what a sync wrote, or, on a shared
archive read as it stands, from what its indexers wrote since the last listing)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.corpus import Corpus
from reader.core.model import Article, Story
from reader.core.store import BaseStore

if TYPE_CHECKING:
    from reader.core.sync import Touched

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
    stories: set[str] = field(default_factory=set)
    """On the merged step: the stories whose articles changed (their ids before and after)."""
    analysing: bool = False
    """Some articles listed are not analysed yet (their highlights and the panels follow):
    a later step lists them analysed."""
    top: list[Story] | None = None
    """On the first listing of a warm start: the top stories as last listed (the head of the
    listing the store keeps, when it is current), to group the first list by; every story
    is `Library.stories` (None: ask it alone)."""


PathContents = dict[str, dict[str, int]]


def changes_since(
    store: BaseStore, touched: Touched, shown: PathContents
) -> tuple[Changes, PathContents]:
    """What changed since `shown` (the touched files' articles as last listed, else as they
    were before the sync): read for the files and feeds the sync wrote or removed alone."""
    now = store.path_contents(list(touched.before))
    before = {path: shown.get(path, touched.before[path]) for path in now}

    return Changes.between(_flat(before), _flat(now)), now


def indexed_since(store: BaseStore, seen: PathContents | None) -> tuple[Changes, PathContents]:
    """A shared archive read as it stands: what its indexers changed since `seen` (the
    archive's articles as last listed; None at first, when nothing is news)."""
    now = store.path_contents(list(store.stored_files()))
    return (Changes() if seen is None else Changes.between(_flat(seen), _flat(now))), now


def _flat(contents: PathContents) -> dict[str, int]:
    return {i: h for articles in contents.values() for i, h in articles.items()}


class AskedPaths:
    """The paths refreshes asked a sync to look at, until one takes them: a refresh that
    gives its turn to one already waiting leaves its paths to that one."""

    def __init__(self) -> None:
        self._paths: set[str] | None = set()
        """None: every file."""
        self._lock = threading.Lock()

    def ask(self, only: Collection[str] | None) -> None:
        """Ask the next sync to look at `only` these paths too (None: at every file)."""
        with self._lock:
            if only is None or self._paths is None:
                self._paths = None
            else:
                self._paths |= set(only)

    def take(self) -> set[str] | None:
        """What was asked since the last sync began (None: every file)."""
        with self._lock:
            asked, self._paths = self._paths, set()
        return asked


class DueMerges:
    """Which stories' kept merges a library's next merge looks at: every story until one
    merge has looked at them all; after that, those the stories update changed and those of
    the articles that syncs changed meanwhile (an edited title stays in its story), so that
    a watched folder's one new file does not read every story of the archive. Stories
    changed otherwise (another process, an update stopped midway, a store rebuilt) make the
    next merge look at every story again (`forget`)."""

    MANY = 1000
    """More changed articles than this and every story is looked at again (one query each
    would cost more)."""

    def __init__(self) -> None:
        self._articles: set[str] = set()
        self._all_current = False
        self._lock = threading.Lock()

    def note(self, changes: Changes) -> None:
        """Articles a sync added or changed: their stories' merges may be stale."""
        with self._lock:
            self._articles.update(changes.added, changes.changed)

    def forget(self) -> None:
        """Stories may have changed unseen: the next merge looks at every one."""
        with self._lock:
            self._all_current = False

    def among(
        self, touched: set[str] | None, story_of: Callable[[str], str | None]
    ) -> set[str] | None:
        """The stories the merge now due looks at, given those the update `touched` (None:
        every story, as when `touched` is not known); what was noted until now is taken."""
        with self._lock:
            articles, self._articles = self._articles, set()
            all_current, self._all_current = self._all_current, False  # until this merge ends
        if touched is None or not all_current or len(articles) > self.MANY:
            return None
        return touched | {story for story in map(story_of, sorted(articles)) if story}

    def merged(self) -> None:
        """The merge ended: every story's kept merge is current but for what is noted since."""
        with self._lock:
            self._all_current = True
