"""The stories' listing as the store keeps it (`reader.core.stories.listing` writes it), read
back: whole, or its head alone (the top stories), without the stories package, so that the
first list of a warm start is grouped by its top stories before anything slower is imported.

The listing's text is a JSON array of stories, each an array of its fields in `Story`'s order,
its articles arrays of `StoryArticle`'s; it is decoded one story at a time from the start of
the text: the whole of it with each story's own text (`listed_texts`), or as far as the stories
asked for (`kept_listing_head`)."""

from __future__ import annotations

import json

from reader.core.model import Story, StoryArticle
from reader.core.store import BaseStore

HEAD_CHARACTERS = 65_536
"""Characters of the kept listing read first for its head (more when its stories hold fewer
articles than asked for)."""


def listed_texts(text: str) -> list[tuple[Story, str]]:
    """The listing kept as `text`, in its order, each story with its own text in it: a patch
    of the listing writes out again only the stories it changed."""
    decoder = json.JSONDecoder()
    found = []
    at = 1  # after the listing's opening bracket
    while text[at] != "]":
        row, end = decoder.raw_decode(text, at)
        found.append((_listed_story(row), text[at:end]))
        at = end + (text[end] == ",")
    return found


def _listed_story(row: list) -> Story:
    """One story of the listing, from its JSON array (see `stories.listing.story_text`)."""
    id, title, outlets, first, last, articles, actors = row
    return Story(id, title, outlets, first, last, [StoryArticle(*a) for a in articles], actors)


def kept_listing_head(store: BaseStore, articles: int) -> list[Story] | None:
    """The first stories of the kept listing, holding `articles` articles or more (all the
    stories when they hold fewer), read from the start of its text alone: a few
    hundredths of a second where the whole listing takes half a second at 100,000
    articles. None when the listing kept is not current (see `kept_story_listing`)."""
    length = HEAD_CHARACTERS
    while True:
        text = store.kept_story_listing(length)
        if text is None:
            return None
        stories, whole = _head(text, articles)
        if whole or len(text) < length:  # enough stories, or the text held every one
            return stories
        length *= 4


def _head(text: str, articles: int) -> tuple[list[Story], bool]:
    """The stories decoded from the start of the listing's `text` until they hold `articles`
    articles or the text ends; whether they do hold that many."""
    decoder = json.JSONDecoder()
    stories: list[Story] = []
    held, at = 0, 1  # after the listing's opening bracket
    while held < articles and at < len(text) and text[at] != "]":
        try:
            row, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError:  # the text read stops inside this story
            return stories, False
        stories.append(_listed_story(row))
        held += len(stories[-1].articles)
        at += text[at : at + 1] == ","
    return stories, held >= articles
