"""The screen's workers and what they hold: the library is closed once its last user is done,
and `o` hands the terminal to a console browser but keeps a graphical one off the UI thread."""

from __future__ import annotations

import threading
import webbrowser
from contextlib import contextmanager
from pathlib import Path

from reader.core.library import Library
from reader.core.settings import Settings
from reader.ui.app import ReaderApp
from reader.ui.browser import runs_in_terminal
from reader.ui.lease import LibraryLease
from reader.ui.widgets.article_view import ArticleView
from tests.ui.conftest import WIDE, settle

SUMMIT = "https://example.org/summit"
"""The fixture's moscow-1 link."""
CLOSE_WAIT = 10.0
"""Seconds to wait for an event that should come at once (a bound, not a timing)."""


def folder_library(tmp_path: Path) -> Library:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text("First title\n\nSome text.\n")
    settings = Settings.resolve(cache=tmp_path / "cache", data=tmp_path / "data")
    return Library([str(folder)], settings)


def test_the_library_closes_when_its_last_user_lets_go(tmp_path):
    library = folder_library(tmp_path)
    lease = LibraryLease(library)
    with lease.use() as held:
        assert held is library
        library.sync(lambda text: None)
        lease.release()  # the screen goes while a worker still reads
        assert not lease.closed.is_set()
        assert [a.id for a in library.store.headers()]  # still open for the worker
    assert lease.closed.is_set()
    assert library._store is None
    with lease.use() as late:  # a worker started after the close gets nothing
        assert late is None


async def test_closing_the_reader_closes_the_library_after_its_workers(make_app, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text("First title\n\nSome text.\n")
    app = make_app(corpus=None, paths=[str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not screen.lease.closed.is_set()
        follow = [w for w in app.workers if w.group == "follow"]
        assert follow, "the folder is watched by a worker that runs until the end"
    assert screen.lease.closed.wait(CLOSE_WAIT)
    assert screen.library._store is None


def test_console_browsers_are_told_from_graphical_ones():
    assert runs_in_terminal(webbrowser.GenericBrowser("w3m"))
    assert not runs_in_terminal(webbrowser.BackgroundBrowser("xdg-open"))
    assert not runs_in_terminal(webbrowser.Chrome("chromium"))
    assert runs_in_terminal(webbrowser.Elinks("elinks"))


def recording_browser(monkeypatch, console: bool) -> list[tuple[bool, bool]]:
    """webbrowser with a console (w3m) or graphical browser that records, for each URL it
    is given, whether it ran on the UI (main) thread and with the app suspended."""
    calls: list[tuple[bool, bool]] = []
    suspended = [False]

    @contextmanager
    def suspend(self):
        suspended[0] = True
        yield
        suspended[0] = False

    monkeypatch.setattr(ReaderApp, "suspend", suspend)
    chosen = webbrowser.GenericBrowser("w3m") if console else webbrowser.BackgroundBrowser("x")
    monkeypatch.setattr(webbrowser, "get", lambda using=None: chosen)

    def open_url(url: str, *args, **kwargs) -> bool:
        calls.append((threading.current_thread() is threading.main_thread(), suspended[0]))
        return True

    monkeypatch.setattr(webbrowser, "open", open_url)
    return calls


async def test_a_graphical_browser_is_started_off_the_ui_thread(make_app, monkeypatch):
    calls = recording_browser(monkeypatch, console=False)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        await pilot.press("o")
        await settle(pilot)
        assert calls == [(False, False)]
        assert [n.message for n in app._notifications][-1] == f"Opening {SUMMIT}"


async def test_a_console_browser_runs_on_the_ui_thread_with_the_app_suspended(
    make_app, monkeypatch
):
    calls = recording_browser(monkeypatch, console=True)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        await pilot.press("o")
        await settle(pilot)
        assert calls == [(True, True)]
        assert [n.message for n in app._notifications][-1] == f"Opening {SUMMIT}"


async def test_the_panes_follow_the_screen_state(make_app):
    """Setting the selected actor is all it takes: the quotes and the emphasis follow."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        screen = app.screen
        screen.selected_actor = "Dmitry Peskov"
        await pilot.pause()
        assert "premature" in screen.query_one("#quotes-text").render().plain
        view = screen.query_one(ArticleView)
        text = screen.corpus.article("moscow-1").text
        assert [text[s:e] for s, e, _ in view.emphasis] == ["Dmitry Peskov", "Peskov"]
        screen.selected_actor = None
        await pilot.pause()
        assert list(view.emphasis) == []
        assert "escape" not in screen.query_one("#quotes-text").render().plain
