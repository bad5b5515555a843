"""Build the cross-source timeline: every sentence holding a resolved calendar date is an event.

An event keeps the date at the precision the text gives ('2022-02-20', '2022-W08', '2014'), the
expression, the sentence and its actors. Tellings of one event by several articles (same date,
similar wording) merge into one event that cites each article's own sentence.
"""

from __future__ import annotations

import re
from datetime import date as date_type
from functools import lru_cache

from rapidfuzz import fuzz, process

from reader.core.actor_index import ActorIndex
from reader.core.model import Analysis, Article, Entity, Event, EventMention, Timex, parse_iso
from reader.core.nlp.datemath import calendar_start, precision
from reader.core.nlp.segments import sentence_spans

EVENT_ACTOR_TYPES = ("person", "organization", "place")
"""Entity types that can be an event's actors (places too: "Russia invaded")."""
SAME_EVENT_SIMILARITY = 60
"""rapidfuzz token_set_ratio above which two same-date sentences from two articles are one event."""
MIN_EVENT_WORDS = 4
"""A sentence with fewer words besides its date ("Updated: February 21, 2022") is a dateline."""

_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
PRONOUN_REACH = 300
_PREPOSITION = re.compile(
    r"\b(?:on|in|since|by|until|from|during|at|before|after)\s+$", re.IGNORECASE
)
_PART_OF_DAY = re.compile(
    r"^(?:(?:early|late)\s+)?|\s+(?:morning|afternoon|evening|night)$", re.IGNORECASE
)
_DATE_VALUE = re.compile(r"^(?:\d{3}|\d{4}(?:-W\d\d|-\d\d(?:-\d\d)?)?)$")


def event_date(timex: Timex) -> str | None:
    """The calendar date a timex names (decade, year, month, week, day), or None."""
    if timex.type == "TIME" and "T" in timex.value:
        value = timex.value.split("T")[0]
    elif timex.type == "DATE":
        value = timex.value
    else:
        return None
    return value if _DATE_VALUE.match(value) else None


def _expression(text: str, timex: Timex) -> str:
    """The words naming the day, with the preposition before them: 'on Sunday', 'In 2005'."""
    start, words = timex.start, timex.text
    if timex.type == "TIME":
        words = _PART_OF_DAY.sub("", words)
        start = timex.start + timex.text.find(words)
    before = _PREPOSITION.search(text, max(0, start - 12), start)
    if before:
        return text[before.start() : start] + words
    return words


@lru_cache(maxsize=8192)
def sort_key(date: str) -> tuple:
    """Oldest first by the first day of the period; a coarser period before a finer one.
    (Kept for the dates seen last: a story's events are sorted by it, and stored with it.)"""
    start = calendar_start(date)
    return (start.toordinal() if start else 0, precision(date), date)


def _sentence_events(article: Article, analysis: Analysis, actors: ActorIndex) -> list[Event]:
    timexes = [(t, event_date(t)) for t in sorted(analysis.timexes, key=lambda t: t.start)]
    last = max((t.start for t, date in timexes if date is not None), default=-1)
    if last < 0:
        return []  # no sentence holds a date: none is read
    text = article.text
    moment = parse_iso(article.published) if article.published else None
    published = moment.date() if moment else None
    events = []
    named = [e for e in analysis.entities if e.type in EVENT_ACTOR_TYPES]
    first = 0  # the first timex not before the current sentence
    for start, end in sentence_spans(text):
        if start > last:
            break  # past the last date: the sentences left hold none
        while first < len(timexes) and timexes[first][0].start < start:
            first += 1
        inside = []
        for index in range(first, len(timexes)):
            timex, date = timexes[index]
            if timex.start >= end:
                break
            if timex.end <= end:
                inside.append((timex, date))
        dated = [(date, timex) for timex, date in inside if date is not None]
        if not dated:
            continue
        sentence = text[start:end]
        if len(sentence.split()) - sum(len(t.text.split()) for t, _ in inside) < MIN_EVENT_WORDS:
            continue
        names = _actors(article.id, named, actors, start, end, sentence)
        date, timex = min(dated, key=lambda pair: _remoteness(pair[0], published))
        expression = _expression(text, timex)
        mention = EventMention(article.id, sentence, expression, start, end)
        events.append(Event(date, expression, sentence, names, [article.id], [mention]))
    return events


def _remoteness(date: str, published: date_type | None) -> tuple[int, int]:
    """How far a sentence's date is from the article's own time: whole years from publication,
    then coarser before finer. A sentence is one event, at the date nearest the article's own
    ("on Tuesday he was charged with hacking emails in 2016" happened on Tuesday)."""
    start = calendar_start(date)
    years = abs(start.year - published.year) if start and published else 0
    return years, -precision(date)


def _actors(
    article_id: str, named: list[Entity], actors: ActorIndex, start: int, end: int, sentence: str
) -> list[str]:
    """Canonical names of the actors named in a sentence (`named`: the article's entities of
    EVENT_ACTOR_TYPES); a sentence that only says 'he' or 'she' gets the person named last
    before it, within PRONOUN_REACH characters."""

    def name(entity: Entity) -> str:
        return actors.actor_at(article_id, entity.start) or entity.text

    inside = [e for e in named if start <= e.start < end]
    names = list(dict.fromkeys(name(e) for e in inside))
    if _PRONOUN.search(sentence) and not any(e.type == "person" for e in inside):
        before = [
            e for e in named if e.type == "person" and start - PRONOUN_REACH <= e.start < start
        ]
        if before:
            names.insert(0, name(before[-1]))
    return list(dict.fromkeys(names))


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening: same date, similar wording, told by different articles.

    Each event joins the most similar earlier event of its date from another article, if any
    scores SAME_EVENT_SIMILARITY; rapidfuzz compares against all of them in one call.
    """
    merged: list[Event] = []
    by_date: dict[str, tuple[list[Event], list[str]]] = {}
    for event in events:
        kept_events, kept_texts = by_date.setdefault(event.date, ([], []))
        article = event.articles[0]
        best = process.extractOne(
            event.text,
            kept_texts,
            scorer=fuzz.token_set_ratio,
            score_cutoff=SAME_EVENT_SIMILARITY,
            processor=None,
        )
        kept = kept_events[best[2]] if best else None
        if kept is not None and article not in kept.articles:
            kept.articles.append(article)
            kept.mentions.extend(event.mentions)
            kept.actors.extend(a for a in event.actors if a not in kept.actors)
        else:
            merged.append(event)
            kept_events.append(event)
            kept_texts.append(event.text)
    return merged


def build_timeline(docs: list[tuple[Article, Analysis]], actors: ActorIndex) -> list[Event]:
    """Dated events across every article, oldest first, one row per event told by many."""
    events = [
        event for article, analysis in docs for event in _sentence_events(article, analysis, actors)
    ]
    return sorted(_merge(events), key=lambda e: sort_key(e.date))
