"""Moving through a story outlet by outlet, and what the screen says about a story.

Pure functions over `Story` (reader.core.model): the TUI's `]`/`[` keys and its story rows
ask them, so the order they follow is tested without a screen.
"""

from __future__ import annotations

from reader.core.model import Story, StoryArticle, outlet_name


def outlet_of(article: StoryArticle) -> str:
    return outlet_name(article.source)


def outlet_order(story: Story) -> list[str]:
    """The story's outlets, alphabetically (case-insensitive): the order `]` steps in."""
    return sorted({outlet_of(a) for a in story.articles}, key=str.casefold)


def next_outlet_article(story: Story, article_id: str | None, step: int = 1) -> str | None:
    """The story's article from the next (`step` 1) or previous (-1) outlet after the one of
    `article_id`, round the outlets; the newest of that outlet's articles. None when the
    story has one outlet only."""
    outlets = outlet_order(story)
    if len(outlets) < 2:
        return None
    current = next((a for a in story.articles if a.id == article_id), None)
    here = outlets.index(outlet_of(current)) if current else -1 if step > 0 else 0
    wanted = outlets[(here + step) % len(outlets)]
    theirs = [a for a in story.articles if outlet_of(a) == wanted]
    newest = max(theirs, key=lambda a: (a.published or "", a.id))
    return newest.id


def other_outlets(story: Story, article_id: str | None) -> list[str]:
    """The outlets of the story other than the one of `article_id`."""
    current = next((a for a in story.articles if a.id == article_id), None)
    mine = outlet_of(current) if current else None
    return [name for name in outlet_order(story) if name != mine]


def story_dates(story: Story) -> str:
    """'2022-02-21 – 2022-02-23', one date when first and last are the same day, or
    'undated'."""
    first, last = (story.first or "")[:10], (story.last or "")[:10]
    if not first:
        return "undated"
    return first if first == last else f"{first} – {last}"
