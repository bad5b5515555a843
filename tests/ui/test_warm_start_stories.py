"""A warm start on a store that keeps its stories' listing: the list is grouped by story from
its first paint, so the article opened first is the top story's, and the stories coming in
never replace it with another (nor make its panels fill twice). Real files, real store."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.story import StoryScreen
from tests.ui.conftest import WIDE, settle
from tests.ui.story_fixture import ARTICLES

FIRST_OUTLET = "Aardvark Post"
"""The volcano story's oldest article's outlet, renamed to come first by outlet: the article
listed first by outlet is then not the one listed first by story (the ferry story, newer)."""


def write_news(folder: Path) -> Path:
    folder.mkdir()
    renamed = [
        dict(article, outlet=FIRST_OUTLET) if article["id"] == "volcano-reykjavik" else article
        for article in ARTICLES
    ]
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in renamed), encoding="utf-8")
    return path


async def test_a_warm_start_opens_the_top_storys_article_alone(tmp_path, monkeypatch) -> None:
    path = write_news(tmp_path / "news")

    def app() -> ReaderApp:
        return ReaderApp(paths=[str(path)], state=ReadingState(tmp_path / "state.sqlite3"))

    async with app().run_test(size=WIDE) as pilot:  # the store filled, its stories listed
        await settle(pilot)
        assert pilot.app.screen.article_id == "ferry-coastal"
    opened: list[str] = []
    open_article = ReadingScreen.open_article

    async def noted(screen: ReadingScreen, article_id: str, *args, **kwargs) -> None:
        if article_id != screen.article_id:
            opened.append(article_id)
        await open_article(screen, article_id, *args, **kwargs)

    monkeypatch.setattr(ReadingScreen, "open_article", noted)
    async with app().run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.story is not None and screen.story_corpus is not None
        assert screen.article_id == "ferry-coastal"
    assert opened == ["ferry-coastal"], "opened once: the top story's, from the first paint"
