"""A cancel set during a long step of a load (the walk of the folders, the look at each stored
file, the articles' rows read for the list, the stories' rows read for the merge) stops the
load within a bounded number of rows, and leaves a store the next load completes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from reader.core import cancelling
from reader.core import sync as sync_module
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.store import codec
from reader.core.store import stories as story_tables
from reader.core.stories import StoredStories
from reader.core.stories.merged import stale_stories
from tests.core.conftest import write

EVERY = 4
"""Rows between two looks at the cancel event, here (few files make a long loop)."""
AT = 5
"""The row during which the cancel is set."""
FILES = 40


@pytest.fixture
def library(tmp_path, corpus_dir, monkeypatch) -> Callable[[], Library]:
    """A new library (a new start) over a store that holds every file, its stories merged."""
    for number in range(FILES):
        write(corpus_dir, f"r{number:02d}.txt", f"Report {number}", f"Body of report {number}.")
    monkeypatch.setattr(cancelling, "CHECK_EVERY", EVERY)
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(corpus_dir)], settings) as first:
        list(first.steps(quiet, nothing))
    return lambda: Library([str(corpus_dir)], settings)


def quiet(message: str) -> None:
    pass


def nothing(done: int, total: int) -> None:
    pass


class Counting:
    """Wraps a function: counts its calls, and sets `cancel` during the AT-th."""

    def __init__(self, real: Callable, cancel: threading.Event) -> None:
        self.real, self.cancel, self.calls = real, cancel, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == AT:
            self.cancel.set()
        return self.real(*args, **kwargs)


def stopped_load(
    library: Callable[[], Library], cancel: threading.Event, counting: Counting
) -> None:
    """A warm start with `counting` in place stops within EVERY rows of the cancel, merges
    nothing, and the next start (no cancel) lists and merges every article."""
    with library() as opened:
        steps = list(opened.steps(quiet, nothing, cancel=cancel))
    assert AT <= counting.calls <= AT + EVERY, "rows after the cancel: until the next look"
    assert not any(step.merged for step in steps)
    counting.cancel = threading.Event()  # (the next start's cancel is another)
    with library() as opened:
        again = list(opened.steps(quiet, nothing))
    assert again[-1].merged and len(again[-1].corpus.articles) == FILES + 3


def test_a_cancel_during_the_walk_stops_it(library, monkeypatch):
    cancel = threading.Event()
    real = sync_module.list_files

    def walked(path: str, warn) -> Iterator[str]:
        for name in real(path, warn):
            counting()
            yield name

    counting = Counting(lambda: None, cancel)
    monkeypatch.setattr(sync_module, "list_files", walked)
    stopped_load(library, cancel, counting)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (sync_module, "_still_stored"),  # each stored file looked at
        (codec, "header_from_row"),  # each article's row read for the list
        (story_tables, "_names"),  # each story's row read to find the stale merges
    ],
)
def test_a_cancel_during_a_step_over_every_row_stops_it(library, monkeypatch, module, name):
    cancel = threading.Event()
    counting = Counting(getattr(module, name), cancel)
    monkeypatch.setattr(module, name, counting)
    stopped_load(library, cancel, counting)


def test_a_sync_cancelled_after_placing_stories_leaves_no_story_unmerged(
    tmp_path, corpus_dir, monkeypatch
):
    """A sync places the stories every BETWEEN_FILES files it writes; cancelled after one
    such placing, what it changed is still merged by the next load (whose own update does
    not touch those stories again)."""
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(corpus_dir)], settings) as opened:
        list(opened.steps(quiet, nothing))  # every story merged: the next merges few
        write(corpus_dir, "n1.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron.")
        write(corpus_dir, "n2.txt", "Wimbledon final", "Novak Djokovic beat Nick Kyrgios.")
        monkeypatch.setattr(sync_module, "BATCH_FILES", 1)
        monkeypatch.setattr(sync_module, "BETWEEN_FILES", 1)
        cancel = threading.Event()
        real = StoredStories.update

        def placed_then_cancelled(stories: StoredStories, stop=None) -> set[str]:
            touched = real(stories, stop)
            cancel.set()  # (the sync looks at it right after placing: n1 written alone)
            return touched

        monkeypatch.setattr(StoredStories, "update", placed_then_cancelled)
        with pytest.raises(cancelling.Cancelled):
            opened.sync(quiet, cancel=cancel)
        monkeypatch.setattr(StoredStories, "update", real)
        assert opened.store.stored_files() and opened.story_of("n1") and not opened.story_of("n2")
        steps = list(opened.steps(quiet, nothing, refresh=True, coalesce=False))
        assert steps[-1].merged and len(steps[-1].corpus.articles) == 5
        assert stale_stories(opened.store) == {}, "every story's kept merge is current"
