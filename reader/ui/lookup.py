"""Questions the panes ask of a corpus: whose mentions are where, which event is where."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from reader.core.corpus import Corpus
from reader.core.model import Actor, Event, EventMention, SearchHit


def actor_of(corpus: Corpus, article_id: str, start: int, text: str) -> str | None:
    """The canonical actor behind an entity mention, by offset, else by its surface text."""
    name = corpus.actor_index.actor_at(article_id, start)
    if name is None:
        name = corpus.actor_index.actor_named(article_id, text)
    if name is None:
        name = _names(corpus).get(text)
    return name


def _names(corpus: Corpus) -> dict[str, str]:
    """Every actor name and alias -> canonical name (cached on the corpus object)."""
    cached = getattr(corpus, "_ui_names", None)
    if cached is None:
        cached = {}
        for actor in corpus.actors:
            for alias in (actor.name, *actor.aliases):
                cached.setdefault(alias, actor.name)
        corpus._ui_names = cached  # type: ignore[attr-defined]
    return cached


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
    return next((actor for actor in corpus.actors if actor.name == name), None)


def mention_in(event: Event, article_id: str) -> EventMention | None:
    """The article's own telling of an event, if it tells it."""
    return next((m for m in event.mentions if m.article == article_id), None)


def event_at(corpus: Corpus, article_id: str, start: int, end: int) -> int | None:
    """The event told first (in reading order) in `article_id` between `start` and `end`."""
    starts = _event_starts(corpus).get(article_id, [])
    first = bisect_left(starts, (start, -1))
    if first < len(starts) and starts[first][0] < end:
        return starts[first][1]
    return None


def _event_starts(corpus: Corpus) -> dict[str, list[tuple[int, int]]]:
    """Per article, sorted (mention start, event index) pairs (cached on the corpus object)."""
    cached = getattr(corpus, "_ui_event_starts", None)
    if cached is None:
        cached = {}
        for index, event in enumerate(corpus.events):
            for mention in event.mentions:
                cached.setdefault(mention.article, []).append((mention.start, index))
        for starts in cached.values():
            starts.sort()
        corpus._ui_event_starts = cached  # type: ignore[attr-defined]
    return cached


def hit_spans(text: str, hit: SearchHit) -> list[tuple[int, int]]:
    """Where a search hit's highlighted words are in the article text.

    `hit.offset` is where the snippet starts; a highlight that does not line up there (a
    snippet that was trimmed or re-spaced) is looked for near the hit instead.
    """
    lowered = text.lower()
    window = (max(hit.offset - len(hit.snippet), 0), hit.offset + 2 * len(hit.snippet))
    spans = []
    for start, end in hit.highlights:
        word = hit.snippet[start:end].lower()
        if not word:
            continue
        direct = hit.offset + start
        if lowered[direct : direct + len(word)] == word:
            spans.append((direct, direct + len(word)))
            continue
        found = lowered.find(word, window[0])
        if 0 <= found < window[1]:
            spans.append((found, found + len(word)))
    if not spans:
        word = re.match(r"\w+", text[hit.offset :])
        if word:
            spans.append((hit.offset, hit.offset + word.end()))
    return spans
