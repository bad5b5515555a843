"""The data that flows through Reader: articles and what the analysis finds in them.

Every span is a pair of character offsets into `Article.text`, the article's paragraphs joined
by blank lines. Dates are ISO 8601 strings at the precision the source gives
(`2022-02-21T09:14`, `2022-02-23`), or None when unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime

PARAGRAPH_SEPARATOR = "\n\n"
UNKNOWN_SOURCE = "Unknown source"
"""The outlet shown for an article that names none (a seed without a URL), everywhere."""


def outlet_name(source: str | None) -> str:
    """The outlet as shown in tables and panes: its name, else UNKNOWN_SOURCE."""
    return source or UNKNOWN_SOURCE


ENTITY_TYPES = ("person", "organization", "place", "group", "other")


@dataclass(slots=True)
class Article:
    """One article, as read from a file, a feed item or a JSON record."""

    id: str
    path: str
    source: str | None
    title: str
    published: str | None = None
    updated: str | None = None
    url: str | None = None
    section: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    author: str | None = None
    format: str = "text"
    date_source: str | None = None
    """Where `published` comes from when not the article itself: "capture" (a web archive's
    capture date, WARC-Date), else None."""

    @property
    def text(self) -> str:
        """The body as one string; all analysis offsets point into it."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def paragraph_offsets(self) -> list[int]:
        """The offset in `text` at which each paragraph starts."""
        offsets, position = [], 0
        for paragraph in self.paragraphs:
            offsets.append(position)
            position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        return offsets

    def published_datetime(self) -> datetime | None:
        """The publication time as a datetime, or None when unknown or unparsable."""
        return parse_iso(self.published)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "updated": self.updated,
            "url": self.url,
            "section": self.section,
            "paragraphs": list(self.paragraphs),
            "author": self.author,
            "format": self.format,
            "date_source": self.date_source,
        }


def parse_iso(value: str | None) -> datetime | None:
    """Parse an ISO 8601 date or date-time string; None for None or garbage."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(slots=True, frozen=True)
class Entity:
    """A named entity mention: `text[start:end]` of one of ENTITY_TYPES."""

    start: int
    end: int
    text: str
    type: str

    def to_json(self) -> dict:
        # Written out here and below: asdict costs a tenth of an article's analysis, and a
        # third of a story's merge kept (its actors and events).
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type}


@dataclass(slots=True, frozen=True)
class Timex:
    """A temporal expression with its TIMEX3 type (DATE, TIME, DURATION, SET) and value."""

    start: int
    end: int
    text: str
    type: str
    value: str

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


@dataclass(slots=True, frozen=True)
class Quote:
    """A direct quotation; `speaker` is the speaker's name as the article resolves it."""

    start: int
    end: int
    text: str
    speaker: str | None

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "speaker": self.speaker}


@dataclass(slots=True)
class Analysis:
    """What the per-article analysis finds in one text."""

    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "entities": [e.to_json() for e in self.entities],
            "timexes": [t.to_json() for t in self.timexes],
            "quotes": [q.to_json() for q in self.quotes],
        }

    @classmethod
    def from_json(cls, data: dict) -> Analysis:
        return cls(
            entities=[Entity(**e) for e in data.get("entities", [])],
            timexes=[Timex(**t) for t in data.get("timexes", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
        )


@dataclass(slots=True)
class Actor:
    """A person, organisation, place or group, merged across every article."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "articles": list(self.articles),
            "mentions": self.mentions,
        }


@dataclass(slots=True)
class EventMention:
    """One article's own telling of a timeline event."""

    article: str
    text: str
    expression: str
    start: int = 0
    end: int = 0

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "text": self.text,
            "expression": self.expression,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Event:
    """A dated event on the timeline, possibly told by several articles."""

    date: str
    expression: str
    text: str
    actors: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "date": self.date,
            "expression": self.expression,
            "text": self.text,
            "actors": list(self.actors),
            "articles": list(self.articles),
            "mentions": [m.to_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict) -> Event:
        mentions = [EventMention(**m) for m in data.get("mentions", [])]
        return cls(**{**data, "mentions": mentions})


@dataclass(slots=True)
class CorpusQuote:
    """A quote placed in the corpus: the speaker is a resolved actor's canonical name."""

    speaker: str | None
    text: str
    article: str
    start: int = 0
    end: int = 0

    def to_json(self) -> dict:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "article": self.article,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class SearchHit:
    """One search result: the article, a score and a snippet around the best match."""

    article: str
    title: str
    score: float
    snippet: str
    offset: int
    highlights: list[tuple[int, int]] = field(default_factory=list)
    """The matched words' offsets within the snippet."""
    matches: list[tuple[int, int]] = field(default_factory=list)
    """The matched words' absolute offsets in the article's text (not part of the JSON)."""
    source: str | None = None
    published: str | None = None
    story: str | None = None
    """The id of the article's story (None while the store keeps no stories)."""
    more: bool = False
    """The article's text goes on after the snippet (not part of the JSON)."""

    def to_json(self) -> dict:
        data = asdict(self)
        del data["matches"], data["more"]
        data["highlights"] = [list(h) for h in self.highlights]
        return data


@dataclass(slots=True, frozen=True)
class StoryArticle:
    """One article as a story lists it."""

    id: str
    source: str | None
    title: str
    published: str | None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
        }


def article_outlets(articles: Sequence[StoryArticle | Article]) -> dict[str, str]:
    """Each article's outlet by id; articles of no known outlet are each an outlet of their own
    (UNKNOWN_SOURCE, numbered when there are several): stories and comparisons count them alike."""
    unknown = {a.id: number for number, a in enumerate((a for a in articles if not a.source), 1)}
    names = {}
    for a in articles:
        if a.source:
            names[a.id] = a.source
        else:
            number = f" {unknown[a.id]}" if len(unknown) > 1 else ""
            names[a.id] = f"{UNKNOWN_SOURCE}{number}"
    return names


def outlets_line(outlets: Sequence[str]) -> str:
    """A story's outlets in one line: the named ones, then how many are of no known outlet
    (article_outlets numbers those, which reads badly in a list)."""
    named = [o for o in outlets if not re.fullmatch(rf"{UNKNOWN_SOURCE}( \d+)?", o)]
    unknown = len(outlets) - len(named)
    if unknown:
        named.append(UNKNOWN_SOURCE if unknown == 1 else f"{unknown} of unknown source")
    return ", ".join(named) or UNKNOWN_SOURCE


@dataclass(slots=True)
class Story:
    """Articles, from any outlets, that report the same event or development.

    `id` is the id of the story's earliest article (dated before undated, then by id), so it
    stays the same while the story's articles stay."""

    id: str
    title: str
    outlets: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    articles: list[StoryArticle] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        # Written out: asdict would copy every article twice (a story list holds them all).
        return {
            "id": self.id,
            "title": self.title,
            "outlets": list(self.outlets),
            "first": self.first,
            "last": self.last,
            "articles": [a.to_json() for a in self.articles],
            "actors": list(self.actors),
        }
