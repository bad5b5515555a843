"""What the story grouping compares: one sparse, unit-length vector per article.

The vector weighs each word by a fixed background idf (from the `wordfreq` tables of general
English, not from the articles seen so far, so an article's vector never changes as others
arrive: that is what keeps the grouping independent of the order of arrival). Words of the
title count most, then the lead, then the rest; the actors the analysis names (people,
organisations, groups, places) are features of their own, weighted above plain words.

It is a function of the article and its analysis alone, so the worker processes that analyse an
article compute it too (`kept_text`), and the store keeps it with the article: placing the
article in its story then reads it (`from_kept`) instead of computing it again.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import filterfalse, islice
from operator import attrgetter

from reader.core.model import Analysis, Article

WORD = re.compile(r"[a-z][a-z0-9]+")
ACTOR_TYPES = {"person": 1.0, "organization": 1.0, "group": 1.0, "place": 0.5}
# A word used more often than this in general English says nothing about the story.
COMMON = 2e-4
RAREST = 1e-8
# Weights are kept as integers out of SCALE: integer dot products are exact whatever the order
# of summing, so the similarity of a pair is the same bit for bit from either side.
SCALE = 1 << 20
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
VECTOR_VERSION = 1
"""Bump when `vectorize` changes: the vectors kept with the articles are then computed again."""


@dataclass(frozen=True, slots=True)
class Weights:
    """The knobs of the vector; the defaults are the benchmarked setting."""

    title: float = 3.0
    lead: float = 2.0
    lead_words: int = 60
    actor: float = 1.5
    features: int = 150
    keys: int = 20


DEFAULT_WEIGHTS = Weights()


@dataclass(slots=True)
class Held:
    """An article's vector without its features: its key terms and its day, and what its
    story lists of it. What a story index keeps at hand of an article, its features packed
    apart (reader.core.stories.dots)."""

    keys: tuple[str, ...]
    day: int | None
    published: str | None
    source: str | None
    title: str
    actors: tuple[str, ...]

    def vector(self, features: dict[str, int]) -> ArticleVector:
        """The whole vector again, with its `features`."""
        return ArticleVector(
            features=features,
            keys=self.keys,
            day=self.day,
            published=self.published,
            source=self.source,
            title=self.title,
            actors=self.actors,
        )


@dataclass(slots=True)
class ArticleVector(Held):
    """An article as the grouping sees it: its features, its key terms and its day."""

    features: dict[str, int]  # weight out of SCALE

    def key_weights(self) -> dict[str, int]:
        return {key: self.features[key] for key in self.keys}

    def to_json(self) -> dict:
        return {
            "features": self.features,
            "keys": list(self.keys),
            "day": self.day,
            "published": self.published,
            "source": self.source,
            "title": self.title,
            "actors": list(self.actors),
        }

    def text(self) -> str:
        """The vector as JSON text, as the store keeps it."""
        return _COMPACT.encode(self.to_json())

    @classmethod
    def from_json(cls, data: dict) -> ArticleVector:
        return cls(
            features=dict(data["features"]),
            keys=tuple(data["keys"]),
            day=data["day"],
            published=data["published"],
            source=data["source"],
            title=data["title"],
            actors=tuple(data["actors"]),
        )


@cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


@cache
def _common() -> frozenset[str]:
    """Words of general English used more often than COMMON: never a feature (their idf is 0),
    passed over before the words are counted."""
    return frozenset(word for word, frequency in _frequencies().items() if frequency > COMMON)


def idf(word: str) -> float:
    """log10 of how rare `word` is in general English; 0 for the commonest words."""
    frequency = _frequencies().get(word, RAREST)
    if frequency > COMMON:
        return 0.0
    return -math.log10(max(frequency, RAREST)) + math.log10(COMMON)


def stem(word: str) -> str:
    """A plural's singular, roughly: enough that 'sanctions' meets 'sanction'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def day_of(published: str | None) -> int | None:
    """The day number of an ISO date, or None when unknown."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


@lru_cache(maxsize=500_000)
def term(word: str) -> tuple[str, float] | None:
    """A word's feature key and idf, or None for a word too common to count."""
    value = idf(word)
    return (stem(word), value) if value > 0 else None


def _count_words(words: list[str], weight: float, counts: dict, rarity: dict[str, float]) -> None:
    # Each distinct word once (with whole-number weights the sums are exactly those of adding
    # word by word); the commonest words are left out before counting (`term` drops them).
    for word, times in Counter(filterfalse(_common().__contains__, words)).items():
        found = term(word)
        if found is None:
            continue
        key, value = found
        count = counts.get(key)
        if count is None:
            counts[key] = weight * times
            rarity[key] = value
        else:
            counts[key] = count + weight * times
            if value > rarity[key]:
                rarity[key] = value  # the rarest word of those with one stem


_NAME_AND_TYPE = attrgetter("text", "type")


@lru_cache(maxsize=200_000)
def actor_key(text: str, kind: str) -> str:
    """One key for every way an article names an actor: a person by the last word of the
    name ('Michael Steele' and 'Steele'), anything else by its whole name."""
    words = WORD.findall(text.lower())
    if not words:
        return ""
    if words[0] == "the":
        words = words[1:] or words
    return "@" + (words[-1] if kind == "person" else " ".join(words))


@lru_cache(maxsize=200_000)
def _actor_rarity(key: str) -> float:
    """The idf of an actor key's rarest word (0 when every word is common)."""
    return max((idf(word) for word in WORD.findall(key)), default=0.0)


def vectorize(
    article: Article, analysis: Analysis, weights: Weights = DEFAULT_WEIGHTS
) -> ArticleVector:
    """The article's vector: zone-weighted, sublinear tf times background idf, actors as
    extra features, cut to its strongest `weights.features` and scaled to unit length."""
    counts: dict[str, float] = {}
    rarity: dict[str, float] = {}
    _count_words(WORD.findall(article.title.lower()), weights.title, counts, rarity)
    words = WORD.findall(article.text.lower())
    _count_words(words[: weights.lead_words], weights.lead, counts, rarity)
    _count_words(words[weights.lead_words :], 1.0, counts, rarity)
    scores = {key: (1 + math.log(count)) * rarity[key] for key, count in counts.items()}

    actor_counts: dict[str, float] = defaultdict(float)
    names: defaultdict[str, dict[str, int]] = defaultdict(dict)  # how often each name is used
    named: set[str] = set()  # actors other than places, shown on the story
    # Each distinct (name, type) once: factors are whole or halves, so the sums are exact.
    for (text, kind), times in Counter(map(_NAME_AND_TYPE, analysis.entities)).items():
        factor = ACTOR_TYPES.get(kind)
        key = actor_key(text, kind) if factor else ""
        if not factor or not key:
            continue
        actor_counts[key] += factor * times
        used = names[key]
        used[text] = used.get(text, 0) + times
        if factor == 1.0:
            named.add(key)
    for key, count in actor_counts.items():
        rare = _actor_rarity(key)
        if rare > 0:
            scores[key] = (1 + math.log(max(count, 1.0))) * rare * weights.actor

    # Strongest first, ties by key: the keys in order, then stably by score (floats compare
    # faster than (score, key) pairs).
    ranked = sorted(sorted(scores), key=scores.__getitem__, reverse=True)[: weights.features]
    strongest = [scores[key] for key in ranked]
    norm = math.sqrt(sum(score * score for score in strongest)) or 1.0
    features = {
        key: round(score / norm * SCALE) for key, score in zip(ranked, strongest, strict=True)
    }
    shown = (
        key
        for key, _ in sorted(actor_counts.items(), key=lambda item: (-item[1], item[0]))
        if key in named
    )
    actors = tuple(
        max(names[key].items(), key=lambda item: (len(item[0]), item[1], item[0]))[0]
        for key in islice(shown, 8)
    )
    return ArticleVector(
        features=features,
        keys=tuple(islice(features, weights.keys)),
        day=day_of(article.published),
        published=article.published,
        source=article.source,
        title=article.title,
        actors=actors,
    )


@cache
def weights_version(weights: Weights) -> str:
    """What a kept vector was computed with: one of another version is computed again."""
    knobs = json.dumps([VECTOR_VERSION, asdict(weights)], sort_keys=True)
    return hashlib.blake2b(knobs.encode(), digest_size=6).hexdigest()


def kept_text(article: Article, analysis: Analysis, weights: Weights = DEFAULT_WEIGHTS) -> str:
    """The article's vector as the store keeps it with the article: its version, a space,
    then its JSON text."""
    return f"{weights_version(weights)} {vectorize(article, analysis, weights).text()}"


def from_kept(kept: str | None, weights: Weights = DEFAULT_WEIGHTS) -> str | None:
    """The JSON text of a kept vector (`kept_text`) computed with `weights`; None for a vector
    not kept, or kept by another version."""
    if kept is None:
        return None
    version, _, text = kept.partition(" ")
    return text if version == weights_version(weights) else None
