"""Two processes placing articles into one store's stories by turns: each brings the stories
it holds in memory up to date with what the other saved (the stories the store's log of saves
names read again), rather than starting over, and the stories are a whole grouping's. Real
SQLite files in tmp dirs (the archive's log is the same tables: tests/core/test_archive*)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.core.model import Article
from reader.core.store import StaleStories, Store, story_log
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
    monkeypatch.setattr(story_log, "LOGGED", 0)  # only the last save logged
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


def test_catching_up_keeps_the_vectors_held_and_reads_those_replaced(tmp_path: Path):
    store, one, other, made = turns(tmp_path)
    add(store, made[:30])
    one.update()
    index = one._index
    assert index is not None
    before = dict(index._vectors)
    changed = made[0]  # another process finds it rewritten: another topic's words now
    rewritten = article(3 if changed.id.startswith("t02") else 2, 50, random.Random(9))
    rewritten = Article(**{**rewritten.to_json(), "id": changed.id, "path": changed.path})
    store.remove_files({changed.path})
    add(store, [rewritten, *made[30:40]])
    other.update()
    generation = one.generation
    since = store.story_changed(generation)
    assert since is not None and changed.id in since[1]
    assert store.story_replaced(generation, since[0]) == {
        changed.id,
        *(a.id for a in made[30:40]),
    }
    add(store, made[40:45])
    assert one.update() and one._index is index
    moved = [a for a in since[1] if a in before and a != changed.id]
    assert moved, "the other's save moved or relinked some held articles"
    assert all(index._vectors[a] is before[a] for a in moved), "their vectors kept"
    assert index._vectors[changed.id] is not before[changed.id]  # read again
    assert placed(store) == grouped([rewritten, *made[1:45]])


def test_a_save_that_logged_no_replaced_vectors_is_read_as_replacing_any(tmp_path: Path):
    store, one, other, made = turns(tmp_path)
    add(store, made[:20])
    one.update()
    generation = one.generation
    add(store, made[20:30])
    other.update()
    assert store.story_replaced(generation, other.generation) == {a.id for a in made[20:30]}
    with store.db.write() as db:  # a save an older Reader made: its log of vectors missing
        db.execute("DELETE FROM story_replaced WHERE generation = ?", (other.generation,))
    assert store.story_replaced(generation, other.generation) is None
    index = one._index
    assert index is not None
    held = dict(index._vectors)
    since = store.story_changed(generation)
    assert since is not None
    again = [a for a in since[1] if a in held]  # moved or relinked: read again, whole
    add(store, made[30:40])
    assert one.update() and one._index is index
    assert again and all(index._vectors[a] is not held[a] for a in again)
    assert placed(store) == grouped(made[:40])
