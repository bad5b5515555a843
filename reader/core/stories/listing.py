"""How a story is listed: made from its articles (their vectors, or the store's rows: only
their dates, outlets, titles and actors), and the stories ordered as the reader lists them.

The listing of every story is kept in the store as one text (`joined_listing`), so that it is
read back (a few tenths of a second for 100,000 articles) rather than each story built from
its articles' rows again (seconds): each story a JSON array of its fields in `Story`'s
order, its articles arrays of `StoryArticle`'s; read back (`reader.core.kept_listing`), it equals
the one written."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.core.model import Story, StoryArticle, article_outlets
from reader.core.story_vector import day_of


class Listed(Protocol):
    """What a story's listing reads of an article: an ArticleVector, or a stored story row."""

    @property
    def published(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def actors(self) -> Sequence[str]: ...


def _listed_key(member: tuple[str, Listed]) -> tuple:
    """`canonical_key` of a listed article: a vector's day is its publication date's."""
    day = day_of(member[1].published)
    return (day is None, day or 0, member[0])


def make_story(story_id: str, members: Iterable[tuple[str, Listed]]) -> Story:
    """A story from its articles' vectors or rows (only their dates, outlets, titles and
    actors)."""
    ordered = sorted(members, key=_listed_key)
    vectors = [v for _, v in ordered]
    dates = sorted(v.published for v in vectors if v.published)
    actors = Counter(name for v in vectors for name in v.actors)
    articles = [
        StoryArticle(id=a, source=v.source, title=v.title, published=v.published)
        for a, v in ordered
    ]
    return Story(
        id=story_id,
        title=vectors[0].title,
        outlets=sorted(set(article_outlets(articles).values())),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        articles=articles,
        actors=[name for name, _ in sorted(actors.items(), key=lambda i: (-i[1], i[0]))][:8],
    )


def story_order(story: Story) -> tuple:
    """Stories with several outlets first, then the most recent first."""
    return (-len(story.outlets), _negated(story.last), story.id)


def _negated(value: str | None) -> tuple:
    """Sort key putting the most recent date first and undated last."""
    return (value is None, tuple(-ord(c) for c in value or ""))


def joined_listing(texts: Iterable[str]) -> str:
    """The listing as text to keep, of its stories' texts (`story_text`) in order."""
    return "[" + ",".join(texts) + "]"


def story_text(s: Story) -> str:
    """One story's text in the listing kept."""
    row = [
        s.id,
        s.title,
        s.outlets,
        s.first,
        s.last,
        [[a.id, a.source, a.title, a.published] for a in s.articles],
        s.actors,
    ]
    return json.dumps(row, separators=(",", ":"))  # ASCII: a title's lone surrogate is kept
