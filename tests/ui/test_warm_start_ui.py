"""The first paint comes first: the list and its unread count reach the screen before the first
article is opened (its view and its story's panels are built a frame later). Real files, a real
store."""

from __future__ import annotations

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_view import ArticleView
from tests.core.conftest import write
from tests.ui.conftest import WIDE
from tests.ui.test_live import wait_for


async def test_the_list_and_its_count_are_shown_before_the_first_article_opens(
    tmp_path, monkeypatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder, "a.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron in Moscow.")
    write(folder, "b.txt", "Markets fall", "Shares fell sharply in Moscow on Monday.")
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
