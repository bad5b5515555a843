"""The stories' listing as the store keeps it: one text for every story, so that a start reads
it back (a few tenths of a second for 100,000 articles) instead of building each story from
its articles' rows again (seconds).

Each story is a JSON array of its fields in `Story`'s order, its articles arrays of
`StoryArticle`'s: read back, the listing equals the one it was written from.
"""

from __future__ import annotations

import json

from reader.core.model import Story, StoryArticle
from reader.core.store import BaseStore


def listing_text(stories: list[Story]) -> str:
    """The listing as text to keep."""
    rows = [
        [
            s.id,
            s.title,
            s.outlets,
            s.first,
            s.last,
            [[a.id, a.source, a.title, a.published] for a in s.articles],
            s.actors,
        ]
        for s in stories
    ]
    return json.dumps(rows, separators=(",", ":"))  # ASCII: a title's lone surrogate is kept


def from_listing_text(text: str) -> list[Story]:
    """The listing kept as `text`, in its order."""
    return [
        Story(id, title, outlets, first, last, [StoryArticle(*a) for a in articles], actors)
        for id, title, outlets, first, last, articles, actors in json.loads(text)
    ]


def kept_listing(store: BaseStore) -> list[Story] | None:
    """The stories as `StoredStories.stories` lists them, when the listing the store keeps
    is current (None: it takes reading every story's rows)."""
    text = store.kept_story_listing()
    return None if text is None else from_listing_text(text)
