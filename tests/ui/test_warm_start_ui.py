"""The first paint comes first: the list and its unread count reach the screen before the first
article is opened (its view and its story's panels are built a frame later). Real files, a real
store."""

from __future__ import annotations

from pathlib import Path

from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.messages import ArticlesLoaded
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.source_list import SourceList
from tests.core.conftest import write
from tests.ui.conftest import WIDE
from tests.ui.test_live import wait_for


def two_articles(tmp_path: Path) -> Path:
    """A folder of two short articles."""
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder, "a.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron in Moscow.")
    write(folder, "b.txt", "Markets fall", "Shares fell sharply in Moscow on Monday.")
    return folder


async def test_the_list_and_its_count_are_shown_before_the_first_article_opens(
    tmp_path, monkeypatch
) -> None:
    folder = two_articles(tmp_path)
    counted_when_opened: list[str] = []
    open_first = MainScreen.open_first

    async def noting_open_first(self: MainScreen) -> None:
        counted_when_opened.append(self.query_one("#status-counts").render().plain)
        await open_first(self)

    monkeypatch.setattr(MainScreen, "open_first", noting_open_first)
    app = ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        view = app.screen.query_one(ArticleView)
        await wait_for(pilot, lambda: view.article is not None, seconds=60)
        assert counted_when_opened[0] == "2/2 unread"
        assert view.article.title in {"Talks resume", "Markets fall"}


async def test_a_warm_start_lists_the_stored_articles_before_the_load_sends_any(
    tmp_path, monkeypatch
) -> None:
    """The stored list is in the first frame: read as the screen mounts, not sent again by the
    load (which finds nothing changed)."""
    folder = two_articles(tmp_path)
    settings = Settings.resolve(cache=tmp_path / "cache", data=tmp_path / "data")
    with Library([str(folder)], settings) as library:
        list(library.steps(print, lambda done, total: None))
    listed_at_resume: list[int] = []
    sent: list[ArticlesLoaded] = []
    resume, post = MainScreen._on_screen_resume, MainScreen.post_message

    def noting_resume(self: MainScreen, event) -> None:
        listed_at_resume.append(len(self.query_one(SourceList).articles))
        resume(self, event)

    def noting_post(self: MainScreen, message) -> bool:
        if isinstance(message, ArticlesLoaded):
            sent.append(message)
        return post(self, message)

    monkeypatch.setattr(MainScreen, "_on_screen_resume", noting_resume)
    monkeypatch.setattr(MainScreen, "post_message", noting_post)
    state = ReadingState(tmp_path / "state.sqlite3")
    app = ReaderApp(paths=[str(folder)], state=state, settings=settings)
    async with app.run_test(size=WIDE) as pilot:
        await app.settled()
        await pilot.pause()
        assert listed_at_resume[0] == 2, "both articles listed before the first frame"
        assert sent == [], "the load sent no list: the stored one was shown, nothing changed"
        assert app.screen._read_ahead is None, "not held once the load passed it"
        assert app.screen.query_one("#status-counts").render().plain == "2/2 unread"
