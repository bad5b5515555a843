"""Pilot tests of a warm start on real files: the first list comes grouped by the top stories
(the head of the listing the store keeps), the article opened first is the top story's and
stays open when every story follows, and its story's panels fill without another article
opening first."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens import loading
from reader.ui.screens.loading import LibraryScreen
from reader.ui.screens.main import MainScreen
from reader.ui.screens.story import Grouping
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import WIDE, settle
from tests.ui.story_fixture import ARTICLES, FERRY
from tests.ui.test_pilot_panes import prompts

LONE = {
    "id": "almanac-tides",
    "outlet": "Almanac Weekly",  # listed first by outlet; its story has one outlet: not the top
    "published": "2024-01-09",
    "title": "Spring tides expected along the northern coast",
    "text": "The harbour office said on Tuesday that spring tides would reach the quays.",
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in [LONE, *ARTICLES]), encoding="utf-8")
    return path


def new_app(tmp_path: Path, path: Path) -> ReaderApp:
    return ReaderApp(paths=[str(path)], state=ReadingState(tmp_path / "state.sqlite3"))


async def test_a_warm_start_opens_the_top_story_at_once_and_keeps_it_open(tmp_path, monkeypatch):
    path = write_corpus(tmp_path / "news")
    async with new_app(tmp_path, path).run_test(size=WIDE) as pilot:  # indexed, stories kept
        await settle(pilot)

    opened: list[str] = []
    grouped: list[tuple[str, bool, str | None]] = []  # top story, complete, article open then
    open_article, show_stories = MainScreen.open_article, MainScreen.show_stories

    async def recorded_open(self, article_id, *args, **kwargs):
        opened.append(article_id)
        await open_article(self, article_id, *args, **kwargs)

    async def recorded_stories(self, stories, complete=True):
        grouped.append((stories[0].title, complete, self.article_id))
        await show_stories(self, stories, complete)

    monkeypatch.setattr(MainScreen, "open_article", recorded_open)
    monkeypatch.setattr(MainScreen, "show_stories", recorded_stories)
    app = new_app(tmp_path, path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        top, complete, article_id = grouped[0]
        assert top.startswith(FERRY[:12]) and not complete, "the top stories, with the first list"
        assert article_id is None, "before any article opened"
        assert grouped[1:] and all(c for _, c, _ in grouped[1:]), "then every story"
        assert set(opened) == {"ferry-coastal"}, "the top story's article, and no other, opens"
        assert screen.query_one(SourceList).stories_complete and screen.grouping is Grouping.STORY
        rows = prompts(screen.query_one(SourceList))
        assert rows[0].startswith("▌Ferry strike") and "Coastal Times · " in rows[1]
        assert "Not in a story yet" not in " ".join(rows)
        story = screen.story
        assert story is not None and story.title.startswith(FERRY[:12])
        assert screen.panel is screen.story_corpus and screen.story_corpus is not None
        assert {a.id for a in story.articles} == {"ferry-coastal", "ferry-gazette"}


async def test_the_top_stories_alone_list_the_other_articles_after_them(tmp_path):
    path = write_corpus(tmp_path / "news")
    async with new_app(tmp_path, path).run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        top = screen.stories[:1]
        sources = screen.query_one(SourceList)
        sources.show_stories(top, complete=False)
        rows = prompts(sources)
        assert rows[0].startswith("▌Ferry strike")
        rest = next(r for r in rows if r.startswith("Other stories · listing…"))
        assert rest.endswith("(3/3)"), "the volcano's two articles and the lone one, unread"
        sources.show_stories(screen.stories)
        rows = prompts(sources)
        assert not any(r.startswith("Other stories") for r in rows)
        assert any(r.startswith("▌Volcano erupts") for r in rows)


class RecordedEvent(threading.Event):
    """An event that records what each wait on it returned (False: it timed out)."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[bool] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(super().wait(timeout))
        return self.waits[-1]


async def test_with_no_article_opened_the_stories_wait_for_no_panels(tmp_path, monkeypatch):
    path = write_corpus(tmp_path / "news")
    async with new_app(tmp_path, path).run_test(size=WIDE) as pilot:  # indexed, stories kept
        await settle(pilot)

    events: list[RecordedEvent] = []
    screen_init = LibraryScreen.__init__

    def recorded_init(self, *args, **kwargs):
        screen_init(self, *args, **kwargs)
        self._story_shown = RecordedEvent()
        events.append(self._story_shown)

    async def open_none(self) -> None:  # as when the filters leave no article to open
        """Open nothing."""

    monkeypatch.setattr(LibraryScreen, "__init__", recorded_init)
    monkeypatch.setattr(MainScreen, "open_first", open_none)
    monkeypatch.setattr(loading, "STORY_WAIT", 3.0)  # (before the fix: timed out)
    app = new_app(tmp_path, path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article_id is None
        assert screen.query_one(SourceList).stories_complete, "every story listed"
        [event] = events
        assert event.waits == [True], "the load waited for no panels: none were to come"
