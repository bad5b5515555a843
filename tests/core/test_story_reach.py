"""Placement compares candidates in numpy and gives Python only those it may link."""

from __future__ import annotations

import math
import random

from reader.core.stories import StoryIndex
from reader.core.stories.candidates import InvertedIndex
from reader.core.stories.dots import Dots
from reader.core.stories.index import Settings
from reader.core.stories.reach import Reach
from reader.core.story_vector import SCALE, ArticleVector


def test_a_candidate_less_similar_than_its_own_link_and_the_best_is_passed_over():
    dots, source = Dots(), InvertedIndex()
    reach = Reach(0.12, 14, 4.0, dots, source)
    weights = {"top": SCALE, "held": SCALE // 2, "tied": SCALE // 2, "free": SCALE // 2}
    for article_id, weight in weights.items():
        dots.add(article_id, {"x": weight})
        source.add(article_id, {"x": weight})
        reach.indexed(article_id, 100)
    reach.linked("top", 1.0)  # more similar to its own link than to the new one: still the best
    reach.linked("held", 0.9)  # 0.5 to the new one: neither its best nor the new one's
    reach.linked("tied", 0.5)  # a tie: decided by id, in Python
    dots.add("new", {"x": SCALE})
    found = reach.candidates("new", 100, {"x": SCALE}, 1, {})
    assert sorted(found) == [("free", 0.5), ("tied", 0.5), ("top", 1.0)]


def _vector(rng: random.Random) -> ArticleVector:
    terms = rng.sample([f"t{n}" for n in range(12)], 5)
    features = {t: rng.choice([SCALE // 4, SCALE // 3, SCALE // 2]) for t in terms}
    ordered = sorted(features, key=lambda t: (-features[t], t))
    return ArticleVector(
        features=features,
        keys=tuple(ordered[:3]),
        day=rng.choice([None, 100, 103, 110]),
        published=None,
        source=None,
        title="",
        actors=(),
    )


def _nearest(vectors: dict[str, ArticleVector], settings: Settings) -> dict[str, tuple]:
    """Every article's link by comparing it with every other (the candidate search's bar on
    shared keys included)."""
    enough = math.ceil(settings.threshold * settings.prefilter * SCALE**2)
    links = {}
    for a, va in vectors.items():
        best = None
        for b, vb in vectors.items():
            shared = set(va.keys) & set(vb.keys)
            if b == a or sum(va.features[k] * vb.features[k] for k in shared) < enough:
                continue
            apart = 0 if va.day is None or vb.day is None else abs(va.day - vb.day)
            if apart > settings.window:
                continue
            dot = sum(w * vb.features.get(t, 0) for t, w in va.features.items())
            similarity = dot / SCALE**2 * 0.5 ** (apart / settings.halflife)
            if similarity >= settings.threshold and (
                best is None or similarity > best[0] or (similarity == best[0] and b < best[1])
            ):
                best = (similarity, b)
        if best is not None:
            links[a] = best
    return links


def test_links_are_those_of_comparing_every_pair_while_links_are_taken_and_given_back():
    rng = random.Random(7)
    settings = Settings()
    vectors = {f"a{n:02d}": _vector(rng) for n in range(80)}
    index = StoryIndex(settings)
    for article_id in rng.sample(sorted(vectors), len(vectors)):
        index.add_vector(article_id, vectors[article_id])
    assert index.links() == _nearest(vectors, settings)
    for article_id in rng.sample(sorted(vectors), 20):
        index.remove(article_id)
        del vectors[article_id]
    assert index.links() == _nearest(vectors, settings)
