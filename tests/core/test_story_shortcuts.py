"""The grouping's shortcuts give what the plain way gives: candidates compared by slot (the
in-memory search) as by id (any other search), stories joined without a walk as when walked
whole, and dot products from the padded rows as from the vectors themselves."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

import pytest

from reader.core.stories import InvertedIndex, StoryIndex
from reader.core.stories.dots import Dots
from reader.core.story_vector import SCALE, ArticleVector

WORDS = [f"w{n}" for n in range(40)]
"""A small vocabulary: articles share many keys, so links are taken from one another."""


def vector(rng: random.Random, number: int) -> ArticleVector:
    chosen = rng.sample(WORDS, rng.randint(3, 12))
    weights = {word: rng.randint(1, SCALE // 2) for word in chosen}
    day = None if number % 7 == 0 else 738000 + rng.randint(0, 30)
    return ArticleVector(
        features=weights,
        keys=tuple(chosen[:5]),
        day=day,
        published=None,
        source=f"outlet{number % 4}",
        title=f"article {number}",
        actors=(),
    )


class ById:
    """The in-memory search behind the protocol alone: its candidates come as ids."""

    def __init__(self) -> None:
        self.inner = InvertedIndex()

    def add(self, article_id: str, keys: Mapping[str, int]) -> None:
        self.inner.add(article_id, keys)

    def remove(self, article_id: str, keys: Iterable[str]) -> None:
        self.inner.remove(article_id, keys)

    def candidates(self, keys: Mapping[str, int], at_least: int) -> list[str]:
        return self.inner.candidates(keys, at_least)


def walked(index: StoryIndex, days: dict[str, int | None]) -> dict[str, str]:
    """Each article's story as a walk of the links gives it: its group, named by the first."""
    links = index.links()
    neighbours: dict[str, set[str]] = {a: set() for a in index.assignments()}
    for article_id, (_, near) in links.items():
        neighbours[article_id].add(near)
        neighbours[near].add(article_id)
    stories: dict[str, str] = {}
    for start in sorted(neighbours):
        if start in stories:
            continue
        group, todo = {start}, [start]
        while todo:
            for near in neighbours[todo.pop()] - group:
                group.add(near)
                todo.append(near)
        first = min(group, key=lambda a: (days[a] is None, days[a] or 0, a))
        stories.update((member, first) for member in group)
    return stories


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_by_slot_and_by_id_and_walked_agree(seed):
    rng = random.Random(seed)
    vectors = [(f"a{n:03d}", vector(rng, n)) for n in range(160)]
    by_slot, by_id = StoryIndex(), StoryIndex(source=ById())
    days: dict[str, int | None] = {}
    for step, (article_id, item) in enumerate(vectors):
        changed = vector(random.Random(step), step)
        for index in (by_slot, by_id):
            index.add_vector(article_id, item)
            if step % 9 == 8:  # a changed article, and a removed one
                index.add_vector(vectors[step - 3][0], changed)
                index.remove(vectors[step - 5][0])
        days[article_id] = item.day
        if step % 9 == 8:
            days[vectors[step - 3][0]] = changed.day
            days.pop(vectors[step - 5][0], None)
    assert by_slot.links() == by_id.links()
    assert by_slot.assignments() == by_id.assignments()
    assert len(set(by_slot.links().values())) > 50  # many links, taken from one another
    assert by_slot.assignments() == walked(by_slot, days)
    assert [s.to_json() for s in by_slot.stories()] == [s.to_json() for s in by_id.stories()]


def test_dots_from_rows_are_the_vectors_dot_products():
    rng = random.Random(4)
    dots, features = Dots(), {}
    for number in range(300):
        article_id = f"a{number % 200}"  # the last hundred replace earlier ones
        chosen = rng.sample(WORDS + [f"x{number}"], rng.randint(1, 30))
        features[article_id] = {word: rng.randint(-5, 1 << 20) for word in chosen}
        dots.add(article_id, features[article_id])
        if number % 50 == 49:
            gone = f"a{(number - 20) % 200}"
            dots.remove(gone)
            features.pop(gone, None)
    others = sorted(features)
    for article_id in others[:20]:
        mine = features[article_id]
        expected = [sum(w * features[o].get(t, 0) for t, w in mine.items()) for o in others]
        assert dots.dots(article_id, others) == expected
        assert dots.features(article_id) == mine
        assert list(dots.features(article_id)) == list(mine)
