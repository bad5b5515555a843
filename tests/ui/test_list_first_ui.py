"""Pilot tests for a cold load that lists first (reader.core.list_first): the articles are
listed and the first one shown while their analysis is held; the status counts files read and
articles analysed; once the analysis comes, the article on screen gets its highlights and the
panels fill. Real files, a real store; the analysis is gated, not replaced."""

from __future__ import annotations

import time

from reader.core import list_first
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.source_list import SourceList
from tests.core.conftest import write
from tests.core.test_list_first import Gate
from tests.ui.conftest import WIDE

WAIT = 30.0
"""Seconds a test waits for the screen (never reached when it works)."""


async def until(pilot, condition) -> None:
    """Let the app run until `condition()` holds (not waiting for its workers to finish, as
    `wait_for` does: the load is held)."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the screen to update"
        await pilot.pause(0.05)


def status_text(app) -> str:
    return app.screen.query_one("#status-text").render().plain


async def test_articles_are_listed_and_shown_before_their_analysis(tmp_path, monkeypatch):
    monkeypatch.setattr(list_first, "LIST_FIRST_FROM", 2)
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder, "a.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron in Moscow.")
    write(folder, "b.txt", "Sanctions imposed", "New sanctions hit Russian banks on Tuesday.")
    write(folder, "c.txt", "Markets fall", "Shares fell sharply in Moscow on Monday.")
    gate = Gate(monkeypatch)
    app = ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        with gate:  # released before the app waits for its workers, should an assert fail
            sources = app.screen.query_one(SourceList)
            view = app.screen.query_one(ArticleView)
            await until(pilot, lambda: len(sources.articles) == 3 and view.article is not None)
            await until(pilot, gate.waiting.is_set)  # the analysis has begun, and waits
            await pilot.pause()
            assert gate.count == 0, "listed while the analysis is held"
            assert view.article.title == "Talks resume"
            assert not view.analysis.entities, "shown before its analysis"
            assert app.screen.merged is None, "no panels yet"
            assert status_text(app) == "Read 3 of 3 files · analysed 0 of 3 articles"
            gate.release.set()
            await until(pilot, lambda: app.screen.merged is not None)
            assert gate.count == 3
            assert view.article.title == "Talks resume"
            assert {e.text for e in view.analysis.entities} >= {"Vladimir Putin", "Moscow"}
            panel = app.screen.query_one(ActorPanel)
            labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
            assert any("Vladimir Putin" in label for label in labels)
            assert "actors" in status_text(app)


async def test_the_article_on_screen_gets_its_highlights_as_soon_as_it_is_analysed(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(list_first, "LIST_FIRST_FROM", 2)
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder, "a.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron in Moscow.")
    write(folder, "b.txt", "Sanctions imposed", "New sanctions hit Russian banks on Tuesday.")
    gate = Gate(monkeypatch)
    app = ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        with gate:
            view = app.screen.query_one(ArticleView)
            await until(pilot, lambda: view.article is not None and gate.waiting.is_set())
            assert view.article.title == "Talks resume" and not view.analysis.entities
            gate.allowed.add("Talks resume")  # this one analysed; the other still held
            await until(pilot, lambda: bool(view.analysis.entities))
            assert gate.count == 1 and app.screen.merged is None, "before the rest"
            assert "Vladimir Putin" in {e.text for e in view.analysis.entities}
