"""A new list under the same stories is grouped again only where it changed: the same groups,
in the same order, as grouping it whole, for new, removed and changed articles and an article
that moves to another group; and the source list keeps its cursor on the reader's article."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult

from reader.core.model import Article, Story, StoryArticle
from reader.core.state import ReadingState
from reader.ui.widgets.list_groups import Members
from reader.ui.widgets.source_list import Filter, SourceList

OUTLETS = ["Outlet A", "outlet b", "Outlet C"]


def corpus(count: int = 60) -> list[Article]:
    """Articles of three outlets, some sharing a date (their order then is the corpus's)."""
    return [
        Article(
            id=f"a{n:02d}",
            path=f"a{n:02d}.txt",
            source=OUTLETS[n % 3],
            title=f"Report {n}",
            published=f"2024-01-{1 + n % 7:02d}" if n % 5 else None,
        )
        for n in range(count)
    ]


def stories_of(articles: list[Article]) -> list[Story]:
    """Stories of every fourth article, one article held by two (the first lists it)."""
    members = [articles[start::4][:5] for start in range(4)] + [[articles[1], articles[2]]]
    return story_list(members)


def story_list(members: list[list[Article]]) -> list[Story]:
    """A story of each list of articles."""
    return [
        Story(
            id=f"s{place}",
            title=f"Story {place}",
            articles=[StoryArticle(a.id, a.source, a.title or "", a.published) for a in held],
        )
        for place, held in enumerate(members)
    ]


def changes(articles: list[Article]) -> dict[str, list[Article]]:
    """New lists of the same stories: with new articles, without some, with changed ones."""

    def with_changed(ids: set[str], **changed) -> list[Article]:
        return [dataclasses.replace(a, **changed) if a.id in ids else a for a in articles]

    new = [dataclasses.replace(articles[0], id=f"new{n}", published="2024-01-03") for n in range(3)]
    retitled = with_changed({"a04", "a33"}, title="Changed")
    moved = with_changed({"a07"}, source="Outlet Z")
    redated = with_changed({"a08"}, published="2030-01-01")
    return {
        "new": [*articles[:10], *new, *articles[10:]],
        "removed": [a for a in articles if a.id not in {"a00", "a05", "a09", "a31"}],
        "changed": retitled,
        "moved to another outlet": moved,
        "moved to the top of its group": redated,
        "every kind": [*new, *[a for a in moved if a.id != "a12"]],
    }  # fmt: skip


def nonempty(members: Members) -> dict[str, list[str]]:
    return {key: [a.id for a in group] for key, group in members.groups.items() if group}


@pytest.mark.parametrize("by_story", [False, True])
@pytest.mark.parametrize("kind", list(changes(corpus())))
def test_groups_made_again_where_they_changed_are_those_made_whole(by_story, kind):
    articles = corpus()
    stories = stories_of(articles) if by_story else None
    members = Members({a.id: a for a in articles}, stories)
    new = {a.id: a for a in changes(articles)[kind]}
    changed = members.update(new)
    assert changed, "some groups changed"
    assert nonempty(members) == nonempty(Members(new, stories))
    assert members.update(new) == set(), "nothing changed: no group made again"


def test_a_new_list_in_another_order_is_grouped_whole():
    articles = corpus()
    members = Members({a.id: a for a in articles}, None)
    assert members.update({a.id: a for a in reversed(articles)}) is None


class Scanned(list):
    """Stories that count the times they are read through."""

    scans = 0

    def __iter__(self):
        self.scans += 1
        return super().__iter__()


def test_changed_stories_are_found_without_a_scan_each():
    """A batch that changes 200 of 30,000 stories must not read the stories through 200
    times (a main-thread second at 1,000 changes)."""
    articles = corpus()
    pairs = [articles[n : n + 2] for n in range(0, len(articles), 2)]
    scans = []
    for retitled in (1, 10):  # as many reads through the stories for 1 story changed as 10
        stories = Scanned(story_list(pairs))
        members = Members({a.id: a for a in articles}, stories)
        ids = {pair[0].id for pair in pairs[:retitled]}
        new = [dataclasses.replace(a, title="New") if a.id in ids else a for a in articles]
        stories.scans = 0
        assert len(members.update({a.id: a for a in new}) or ()) == retitled
        scans.append(stories.scans)
    assert scans[0] == scans[1]


class Listing(App):
    def __init__(self) -> None:
        super().__init__()
        self.state = ReadingState()

    def compose(self) -> ComposeResult:
        yield SourceList(self.state)


FILTERS: dict[str, Callable[[ReadingState], dict[str, Filter]]] = {
    "none": lambda state: {},
    "unread": lambda state: {"unread": lambda a: not state.is_read(a.id)},
    "starred": lambda state: {"starred": lambda a: state.is_starred(a.id)},
    "search": lambda state: {"search": lambda a: a.source != "Outlet C" and a.title != "Changed"},
}
"""Filters by marks (which change between two lists) and by what an article says."""


def listed(sources: SourceList) -> tuple:
    """What the list lists: its groups, their unread counts, each article's group, the ids."""
    shown = sources._shown
    return dict(shown.groups), dict(shown.unread), dict(shown.group_of), sources.listed_ids()


def expected_scroll(sources: SourceList, scrolled: float) -> float:
    """Where the list should be after a new list: where it was (as far as the list is long
    enough), or as little away as shows the cursor's row whole."""
    height = sources.scrollable_content_region.height
    scrolled = min(scrolled, len(sources._lines) - height)
    top = sources._index_to_line[sources.highlighted or 0]
    bottom = top + sources._heights[sources.highlighted or 0]
    return min(max(scrolled, bottom - height), top)


@pytest.mark.parametrize("by_story", [False, True])
@pytest.mark.parametrize("filters", list(FILTERS))
async def test_the_list_grouped_again_where_it_changed_is_the_list_grouped_whole(by_story, filters):
    """Marks change between lists (the reader reads and stars): a new list filters every
    group by the marks of now, as a list grouped whole does."""
    articles = corpus()
    app = Listing()
    async with app.run_test() as pilot:
        sources = app.query_one(SourceList)
        sources.group_by_story(by_story)
        sources.show_stories(stories_of(articles))
        for article in articles[::2]:
            sources.state.toggle_star(article.id)
        sources.state.toggle_read("a03")
        for name, keep in FILTERS[filters](sources.state).items():
            sources.set_filter(name, keep)
        sources.show_articles(articles)
        await pilot.pause()
        reader_at = sources.listed_ids()[-6]  # far enough down to scroll to
        sources.select_article(reader_at)
        await pilot.pause()
        await pilot.pause()  # (scrolled to the cursor once its rows are measured)
        assert sources.scroll_y > 0, "the list scrolled to its cursor"
        for turn, (kind, new) in enumerate(changes(articles).items()):
            marked = [a.id for a in articles[turn * 7 % 60 :][:2] if a.id != reader_at]
            for article_id in marked:  # (the reader reads one, stars another)
                sources.state.toggle_read(article_id)
                sources.state.toggle_star(article_id)
            sources.refresh_articles(marked)
            sources.scroll_to(y=sources.scroll_y + 2, animate=False, immediate=True)
            await pilot.pause()  # (the cursor off the view's edge)
            scrolled = sources.scroll_y
            sources.show_articles(new)
            assert sources._highlighted_article() == reader_at, "the cursor stays on it"
            assert sources.scroll_y == expected_scroll(sources, scrolled), kind
            grouped = listed(sources)
            sources.relist()  # grouped whole
            whole = listed(sources)
            assert grouped == whole, kind
