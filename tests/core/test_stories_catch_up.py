"""Two processes placing articles into one store's stories by turns: each brings the stories
it holds in memory up to date with what the other saved (the stories the store's log of saves
names read again), rather than starting over, and the stories are a whole grouping's. Real
SQLite files in tmp dirs (the archive's log is the same tables: tests/core/test_archive*)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.core.store import StaleStories, Store
from reader.core.store import stories as stories_module
from reader.core.stories import StoredStories
from tests.core.test_stories_partial import add, article, grouped, kept


def placed(store: Store) -> tuple[dict[str, str], dict[str, tuple[float, str]]]:
    """Every kept article's story, and the links of those with one."""
    stories, links = kept(store)
    return stories, {a: link for a, link in links.items() if link is not None}


def turns(tmp_path: Path) -> tuple[Store, StoredStories, StoredStories, list]:
    """A store, two processes' stories of it, and the articles they are given by turns."""
    rng = random.Random(7)
    made = [article(topic, number, rng) for topic in range(10) for number in range(6)]
    rng.shuffle(made)
    path = tmp_path / "store.sqlite3"
    return Store(path), StoredStories(Store(path)), StoredStories(Store(path)), made


def test_a_process_catches_up_with_the_others_saves_keeping_its_index(tmp_path: Path):
    store, one, other, made = turns(tmp_path)
    present = []
    for turn, start in enumerate(range(0, len(made), 6)):
        add(store, made[start : start + 6])
        present += made[start : start + 6]
        mine, theirs = (one, other) if turn % 2 == 0 else (other, one)
        held = mine._index
        assert mine.update()
        assert held is None or mine._index is held, "caught up, not started over"
        assert placed(store) == grouped(present)
    gone = present[:3]
    store.remove_files({a.path for a in gone})
    held = one._index
    assert one.update() and one._index is held
    assert placed(store) == grouped(present[3:])
    fresh = StoredStories(Store(tmp_path / "store.sqlite3"))
    fresh._loaded().load_all()
    assert one._index is not None
    assert one._index.assignments() == fresh._loaded().assignments()
    assert one._index.links() == fresh._loaded().links()


def test_when_the_log_cannot_tell_a_process_starts_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store, one, other, made = turns(tmp_path)
    add(store, made[:20])
    one.update()
    generation = one.generation
    assert store.story_changed(generation) == (generation, [])
    add(store, made[20:30])
    other.update()
    since = store.story_changed(generation)  # the new ones, and those they moved or relinked
    assert since is not None and since[0] == other.generation
    assert {a.id for a in made[20:30]} <= set(since[1]) <= set(kept(store)[0])
    with store.db.write() as db:  # a save an older Reader made, unlogged
        db.execute("DELETE FROM story_changed WHERE generation = ?", (other.generation,))
    assert store.story_changed(generation) is None
    add(store, made[30:40])
    held = one._index
    assert one.update() and one._index is not held
    assert placed(store) == grouped(made[:40])
    monkeypatch.setattr(stories_module, "LOGGED", 0)  # only the last save logged
    add(store, made[40:50])
    other.update()
    add(store, made[50:])
    one.update()
    assert store.story_changed(one.generation - 2) is None
    assert store.story_changed(one.generation + 1) is None  # (a store made anew since)
    assert placed(store) == grouped(made)


def test_a_save_over_stories_another_changed_is_still_refused(tmp_path: Path):
    store, one, other, made = turns(tmp_path)
    add(store, made[:20])
    one.update()
    add(store, made[20:30])
    other.update()
    with pytest.raises(StaleStories):
        store.save_stories([], [], [], [], [], one.generation)
