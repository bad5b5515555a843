"""Stories placed from what a store keeps, a part at a time: one change reads the stories it
reaches, not the archive, and gives the stories a whole grouping gives; and the bound on the
candidate search. Real SQLite files in tmp dirs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.core.corpus import Corpus
from reader.core.model import Analysis, Article
from reader.core.store import Store
from reader.core.stories import InvertedIndex, StoredStories, StoryIndex
from reader.core.stories import stored as stored_module

TOPICS = 10
OUTLETS = ["Herald", "Courier", "Gazette", "Wire", "Post"]


def article(topic: int, number: int, rng: random.Random) -> Article:
    """One outlet's telling of a topic: words of the topic's own (made-up, so rare), a few
    drawn from another topic, dated within days of each other."""
    words = [f"zorb{topic}x{n}" for n in range(12)]
    stray = [f"zorb{(topic + 1) % TOPICS}x{n}" for n in range(12)]
    body = rng.sample(words, 8) + rng.sample(stray, 2) + ["the", "said", "on", "monday"]
    rng.shuffle(body)
    return Article(
        id=f"t{topic:02d}-{number}",
        path=f"t{topic:02d}-{number}.txt",
        source=OUTLETS[number % len(OUTLETS)],
        title=" ".join(rng.sample(words, 4)),
        published=f"2024-03-{1 + 2 * topic + number % 3:02d}",
        paragraphs=[" ".join(body)],
    )


def add(store: Store, articles: list[Article]) -> None:
    store.add_corpus(Corpus(articles, {a.id: Analysis() for a in articles}))


def kept(store: Store) -> tuple[dict[str, str], dict[str, tuple[float, str] | None]]:
    """Every kept article's story and link."""
    rows = store.story_state_of(None)
    links = {a: None if near is None else (similarity, near) for a, _, _, similarity, near in rows}
    return {a: story for a, story, _, _, _ in rows}, links


def grouped(articles: list[Article]) -> tuple[dict[str, str], dict[str, tuple[float, str]]]:
    index = StoryIndex()
    for item in articles:
        index.add(item, Analysis())
    return index.assignments(), index.links()


@pytest.fixture
def articles() -> list[Article]:
    rng = random.Random(5)
    made = [article(topic, number, rng) for topic in range(TOPICS) for number in range(6)]
    rng.shuffle(made)
    return made


def test_a_change_reads_the_stories_it_reaches_and_gives_a_whole_groupings_stories(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
):
    store = Store(tmp_path / "store.sqlite3")
    add(store, articles[:-6])
    StoredStories(store).update()
    monkeypatch.setattr(stored_module, "LOAD_ALL", 0)  # never every story at once
    present = articles[:-6]
    for item in articles[-6:]:
        add(store, [item])
        present.append(item)
        stories = StoredStories(store)  # a new process: nothing in memory
        assert stories.update()
        assert stories._index is not None and 0 < len(stories._index) < len(present) // 2
        assert kept(store) == grouped(present)
    changed, gone = present[0], present[1]
    store.remove_files({changed.path, gone.path})
    rng = random.Random(9)
    moved = article(3 if changed.id.startswith("t02") else 2, 50, rng)
    moved = Article(**{**moved.to_json(), "id": changed.id, "path": changed.path})
    add(store, [moved])
    stories = StoredStories(store)
    assert stories.update()
    assert len(stories._index or []) < len(present) // 2
    assert kept(store) == grouped([moved, *present[2:]])
    listed = {a.id for story in stories.stories() for a in story.articles}
    assert listed == {a.id for a in present} - {gone.id}


def test_a_keys_search_reads_its_most_recent_articles_only():
    """(The store's search reads them alike: tests/core/test_store_contract.py.)"""
    index = InvertedIndex(limit=2)
    for name in ("a", "b", "c"):
        index.add(name, {"key": 5, name: 5})
    assert sorted(index.candidates({"key": 1}, 5)) == ["b", "c"]
    assert index.candidates({"a": 1}, 5) == ["a"]  # a rarer key still finds it
    index.remove("c", ["key", "c"])
    assert sorted(index.candidates({"key": 1}, 5)) == ["a", "b"]
