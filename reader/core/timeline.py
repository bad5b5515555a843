"""Build the cross-source timeline: every sentence holding a resolved calendar date is an event.

An event keeps the date at the precision the text gives ('2022-02-20', '2022-W08', '2014'), the
expression, the sentence and its actors. Tellings of one event by several articles (same date,
similar wording) merge into one event that cites each article's own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from reader.core.actors import ActorIndex
from reader.core.model import Analysis, Article, Entity, Event, EventMention, Timex
from reader.core.nlp.datemath import calendar_start, precision

ACTOR_TYPES = ("person", "organization", "place")
SAME_EVENT_SIMILARITY = 60
"""rapidfuzz token_set_ratio above which two same-date sentences from two articles are one event."""
MIN_EVENT_WORDS = 4
"""A sentence with fewer words besides its date ("Updated: February 21, 2022") is a dateline."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|Jr|Sr|No|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|Inc|Corp|Co|Ltd)\.)$"
)
_STARTERS = set(
    "The A An In On At By For But And So Yet Since After Before When While He She It They We I "
    "This That These Those His Her Their Its There Meanwhile However Now Then Last Later".split()
)
"""Words that open a sentence even after an abbreviation ("... the U.S.S.R. In 2005, he ...")."""
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
PRONOUN_REACH = 300
_PREPOSITION = re.compile(
    r"\b(?:on|in|since|by|until|from|during|at|before|after)\s+$", re.IGNORECASE
)
_PART_OF_DAY = re.compile(
    r"^(?:(?:early|late)\s+)?|\s+(?:morning|afternoon|evening|night)$", re.IGNORECASE
)
_DATE_VALUE = re.compile(r"^(?:\d{3}|\d{4}(?:-W\d\d|-\d\d(?:-\d\d)?)?)$")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in `text`; paragraphs never share a sentence."""
    position = 0
    for paragraph in text.split("\n\n"):
        start = position
        for match in _SENTENCE_END.finditer(paragraph):
            next_word = (
                paragraph[match.end() :].split(None, 1)[0].strip("\"'“‘(")
                if paragraph[match.end() :].strip()
                else ""
            )
            if _ABBREVIATION.search(paragraph[: match.start() + 1]) and next_word not in _STARTERS:
                continue
            yield position + start - position, position + match.start() + 1
            start = position + match.end()
        if start < position + len(paragraph):
            yield start, position + len(paragraph)
        position += len(paragraph) + 2


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


def sort_key(date: str) -> tuple:
    """Oldest first by the first day of the period; a coarser period before a finer one."""
    start = calendar_start(date)
    return (start.toordinal() if start else 0, precision(date), date)


def _sentence_events(article: Article, analysis: Analysis, actors: ActorIndex) -> list[Event]:
    text = article.text
    events = []
    timexes = sorted(analysis.timexes, key=lambda t: t.start)
    for start, end in sentence_spans(text):
        inside = [t for t in timexes if start <= t.start and t.end <= end]
        words_left = len(text[start:end].split()) - sum(len(t.text.split()) for t in inside)
        if words_left < MIN_EVENT_WORDS:
            continue
        sentence = text[start:end]
        names = _actors(article.id, analysis, actors, start, end, sentence)
        seen: set[str] = set()
        for timex in inside:
            date = event_date(timex)
            if date is None or date in seen:
                continue
            seen.add(date)
            expression = _expression(text, timex)
            mention = EventMention(article.id, sentence, expression, start, end)
            events.append(Event(date, expression, sentence, list(names), [article.id], [mention]))
    return events


def _actors(
    article_id: str, analysis: Analysis, actors: ActorIndex, start: int, end: int, sentence: str
) -> list[str]:
    """Canonical names of the actors named in a sentence; a sentence that only says 'he' or 'she'
    gets the person named last before it, within PRONOUN_REACH characters."""

    def name(entity: Entity) -> str:
        return actors.actor_at(article_id, entity.start) or entity.text

    inside = [e for e in analysis.entities if e.type in ACTOR_TYPES and start <= e.start < end]
    names = list(dict.fromkeys(name(e) for e in inside))
    if _PRONOUN.search(sentence) and not any(e.type == "person" for e in inside):
        before = [
            e
            for e in analysis.entities
            if e.type == "person" and start - PRONOUN_REACH <= e.start < start
        ]
        if before:
            names.insert(0, name(before[-1]))
    return list(dict.fromkeys(names))


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening: same date, similar wording, told by different articles."""
    merged: list[Event] = []
    for event in events:
        for kept in merged:
            if (
                kept.date == event.date
                and event.articles[0] not in kept.articles
                and fuzz.token_set_ratio(kept.text, event.text) >= SAME_EVENT_SIMILARITY
            ):
                kept.articles.append(event.articles[0])
                kept.mentions.extend(event.mentions)
                kept.actors.extend(a for a in event.actors if a not in kept.actors)
                break
        else:
            merged.append(event)
    return merged


def build_timeline(docs: list[tuple[Article, Analysis]], actors: ActorIndex) -> list[Event]:
    """Dated events across every article, oldest first, one row per event told by many."""
    events = [
        event for article, analysis in docs for event in _sentence_events(article, analysis, actors)
    ]
    return sorted(_merge(events), key=lambda e: sort_key(e.date))
