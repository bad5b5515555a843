"""Lookups: the questions the panes ask of a corpus (who is mentioned where, which event a
paragraph tells, the next article naming an actor). Library offers each; they read only the
corpus they are given."""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection
from typing import Generic, TypeVar

from reader.core.corpus import Corpus
from reader.core.model import Actor, Event, EventMention
from reader.core.store.archive_pages import ArchiveActors, ArchiveEvents

T = TypeVar("T")


def actor_of(corpus: Corpus, article_id: str, start: int, text: str) -> str | None:
    """The canonical actor behind an entity mention, by offset, else by its surface text."""
    name = corpus.actor_index.actor_at(article_id, start)
    if name is None:
        name = corpus.actor_index.actor_named(article_id, text)
    if name is None and isinstance(corpus.actors, ArchiveActors):  # never listed whole
        found = corpus.actors.listed([text]).get(text)
        name = found.name if found else None
    elif name is None:
        name = _names(corpus).get(text)
    return name


class _LastCorpus(Generic[T]):
    """A value derived from the last corpus asked about, kept until another is asked about
    (the panes ask of one corpus at a time, many times)."""

    def __init__(self, derive: Callable[[Corpus], T]) -> None:
        self.derive = derive
        self._lock = threading.Lock()
        self._corpus: Corpus | None = None
        self._value: T | None = None

    def __call__(self, corpus: Corpus) -> T:
        with self._lock:
            if self._corpus is not corpus or self._value is None:
                self._value, self._corpus = self.derive(corpus), corpus
            return self._value


def _alias_table(corpus: Corpus) -> dict[str, str]:
    """Every actor name and alias -> canonical name."""
    names: dict[str, str] = {}
    for actor in corpus.actors:
        for alias in (actor.name, *actor.aliases):
            names.setdefault(alias, actor.name)
    return names


def _event_table(corpus: Corpus) -> dict[str, list[tuple[int, int]]]:
    """Per article, sorted (mention start, event index) pairs."""
    starts: dict[str, list[tuple[int, int]]] = {}
    for index, event in enumerate(corpus.events):
        for mention in event.mentions:
            starts.setdefault(mention.article, []).append((mention.start, index))
    for pairs in starts.values():
        pairs.sort()
    return starts


_names = _LastCorpus(_alias_table)
_event_starts = _LastCorpus(_event_table)


def actor_mentions(corpus: Corpus, article_id: str, name: str) -> list[tuple[int, int]]:
    """Where an actor is mentioned in an article, in reading order."""
    analysis = corpus.analysis(article_id)
    if analysis is None:
        return []
    return sorted(
        (e.start, e.end)
        for e in analysis.entities
        if actor_of(corpus, article_id, e.start, e.text) == name
    )


def article_actor_counts(corpus: Corpus, article_id: str) -> Counter[str]:
    """Mentions per actor in one article."""
    analysis = corpus.analysis(article_id)
    counts: Counter[str] = Counter()
    for entity in analysis.entities if analysis else []:
        name = actor_of(corpus, article_id, entity.start, entity.text)
        if name:
            counts[name] += 1
    return counts


def find_actor(corpus: Corpus, name: str) -> Actor | None:
    """The actor of this name, whole (the whole archive's read from the store by name)."""
    actors = corpus.actors
    if isinstance(actors, ArchiveActors):
        return actors.named([name]).get(name)
    return next((actor for actor in actors if actor.name == name), None)


def actors_named(corpus: Corpus, names: Collection[str]) -> dict[str, Actor]:
    """The corpus's actor of each of these names that has one, as a list shows them (the
    whole archive's read by name from the store, without their articles: see
    `ArchiveActors.listed`)."""
    actors = corpus.actors
    if isinstance(actors, ArchiveActors):
        return actors.listed(names)
    wanted = set(names)
    return {actor.name: actor for actor in actors if actor.name in wanted}


def top_actors(corpus: Corpus, limit: int) -> list[Actor]:
    """The corpus's `limit` most mentioned actors (the whole archive's ranked by the store,
    as a list shows them: without their articles, see `ArchiveActors.top`)."""
    actors = corpus.actors
    if isinstance(actors, ArchiveActors):
        return actors.top(limit)
    return sorted(actors, key=lambda a: (-a.mentions, a.name.casefold()))[:limit]


def mention_in(event: Event, article_id: str) -> EventMention | None:
    """The article's own telling of an event, if it tells it."""
    return next((m for m in event.mentions if m.article == article_id), None)


def event_at(corpus: Corpus, article_id: str, start: int, end: int) -> int | None:
    """The event told first (in reading order) in `article_id` between `start` and `end`."""
    events = corpus.events
    if isinstance(events, ArchiveEvents):  # the whole archive's: never read whole
        starts = events.told_in(article_id)
    else:
        starts = _event_starts(corpus).get(article_id, [])
    first = bisect_left(starts, (start, -1))
    if first < len(starts) and starts[first][0] < end:
        return starts[first][1]
    return None


def next_mention(
    corpus: Corpus, name: str, article_id: str | None, step: int
) -> tuple[str, list[tuple[int, int]]] | None:
    """The next (step 1) or previous (-1) article, after `article_id` in the actor's list,
    that mentions actor `name`, and where; None when none does.

    Reads articles one at a time from `article_id` on and stops at the first that
    mentions the actor, so the cost does not grow with the archive."""
    actor = find_actor(corpus, name)
    articles = actor.articles if actor else []
    if not articles:
        return None
    found: list[tuple[str, list[tuple[int, int]]]] = []
    current = actor_mentions(corpus, article_id, name) if article_id in articles else []
    if current and article_id is not None:
        start = articles.index(article_id)
        order = [articles[(start + step * k) % len(articles)] for k in range(1, len(articles))]
        order.append(article_id)
    else:
        # Not a mentioning article: forward from the first, back from the next-to-last
        # (as stepping from "before the first" through the list of mentioning ones does).
        order = list(articles) if step > 0 else list(reversed(articles))
    wanted = 1 if current or step > 0 else 2
    for candidate in order:
        spans = actor_mentions(corpus, candidate, name)
        if spans:
            found.append((candidate, spans))
            if len(found) == wanted:
                break
    return found[-1] if found else None


class Lookups:
    """The lookups, as a Library offers them (the panes ask them of the library they have)."""

    actor_of = staticmethod(actor_of)
    actor_mentions = staticmethod(actor_mentions)
    article_actor_counts = staticmethod(article_actor_counts)
    find_actor = staticmethod(find_actor)
    actors_named = staticmethod(actors_named)
    top_actors = staticmethod(top_actors)
    mention_in = staticmethod(mention_in)
    next_mention = staticmethod(next_mention)
    event_at = staticmethod(event_at)
