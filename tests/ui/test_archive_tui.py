"""A reader's TUI on a shared archive (a throwaway PostgreSQL server, tests/pg_cluster.py):
it lists the archive as it stands, lists what an indexer adds while it runs (LISTEN/NOTIFY),
and shows a hostile title that travelled through the archive as text."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from reader.core.settings import Settings
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import WIDE, settle

psycopg = pytest.importorskip("psycopg")
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402
from reader.core.sync import sync  # noqa: E402

_names = itertools.count()
HOSTILE = "Late news [@click=app.quit]Quit\x1b]0;PWNED\x07 [b]bold[/b] title"
WAIT = 15.0
"""Seconds a test waits for what should come within two (never a measure of speed)."""


def titles(app: ReaderApp) -> list[str]:
    sources = app.screen.query_one(SourceList)
    options = [sources.get_option_at_index(i) for i in range(sources.option_count)]
    return [option.prompt.plain for option in options if not option.disabled]


def index(url: str, folder) -> None:
    """What an indexer on another machine does: sync a folder into the archive."""
    with ArchiveStore(parse_store_url(url)) as store:
        sync(store, [str(folder)], lambda message: None)


def indexed_desk(postgres, tmp_path) -> tuple[str, Path, Settings]:
    """A new archive an indexer filled from a folder of one article: its URL, the folder,
    and the settings of a reader that opens it with the read-only role."""
    name = f"tui_{next(_names)}"
    url = postgres.new_database(name)
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "first.txt").write_text("Talks open in Geneva\n\nDelegates met on Monday.\n")
    index(url, desk)
    viewer = parse_store_url(postgres.url("viewer", database=name))
    settings = Settings.resolve(cache=tmp_path / "cache", data=tmp_path / "data", store=viewer)
    return url, desk, settings


async def test_a_reader_lists_what_an_indexer_adds_and_shows_it_as_text(postgres, tmp_path):
    url, desk, settings = indexed_desk(postgres, tmp_path)
    app = ReaderApp(paths=[], settings=settings)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert any("Talks open in Geneva" in t for t in titles(app))
        (desk / "second.txt").write_text(f"{HOSTILE}\n\nIt came later, on Tuesday.\n")
        await asyncio.to_thread(index, url, desk)
        for _ in range(int(WAIT / 0.2)):
            if any("bold" in t for t in titles(app)):
                break
            await pilot.pause(0.2)
        listed = [t for t in titles(app) if "bold" in t]
        assert listed, "the new article is listed without a restart"
        assert "[@click=app.quit]" in listed[0] and "[b]bold[/b]" in listed[0]
        assert "\x1b" not in listed[0] and "\x07" not in listed[0]
        assert app.is_running


def status_text(app: ReaderApp) -> str:
    return app.screen.status.text


async def test_a_reader_started_before_its_server_says_so_then_loads(postgres, tmp_path):
    settings = indexed_desk(postgres, tmp_path)[2]
    postgres.stop()
    try:
        app = ReaderApp(paths=[], settings=settings)
        async with app.run_test(size=WIDE) as pilot:
            for _ in range(int(WAIT / 0.2)):
                if "cannot reach" in status_text(app):
                    break
                await pilot.pause(0.2)
            said = status_text(app)
            assert f"127.0.0.1:{postgres.port}" in said and "viewer-secret" not in said
            assert "\n" not in said.strip()
            postgres.start()
            for _ in range(int(3 * WAIT / 0.2)):
                if any("Talks open in Geneva" in t for t in titles(app)):
                    break
                await pilot.pause(0.2)
            assert any("Talks open in Geneva" in t for t in titles(app))
            assert app.is_running
    finally:
        if not _answers(postgres):
            postgres.start()


def _answers(cluster) -> bool:
    try:
        psycopg.connect(cluster.url(), connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


async def test_a_reader_whose_server_goes_away_says_so_and_goes_on(postgres, tmp_path, monkeypatch):
    """The server stopped under a reader: what the keys then ask of the archive (another
    article, its story, a search, the panels) is said to be out of reach, one line naming
    host and port, and the reader goes on; once the server is back, articles open again."""
    from reader.core.store import pg_db

    monkeypatch.setattr(pg_db, "CONNECT_SECONDS", 1.0)  # a stopped server: said within a second
    monkeypatch.setattr(pg_db, "QUICK_SECONDS", 0.2)  # and each key after that, at once
    url, desk, settings = indexed_desk(postgres, tmp_path)
    for number, day in enumerate(["Tuesday", "Wednesday", "Thursday"]):
        (desk / f"later{number}.txt").write_text(f"Talks go on {day}\n\nThe delegates met again.\n")
    index(url, desk)
    app = ReaderApp(paths=[], settings=settings)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert len(titles(app)) >= 4
        shown = app.screen.query_one(ArticleView).article.id
        postgres.stop()
        try:
            keys = ["down", "down", "up", "u", "y", "t", "tab", "down", "tab", "down", "p", "c"]
            for key in [*keys, "escape", "slash", "t", "a", "l", "enter", "escape", "end"]:
                await pilot.press(key)
                await pilot.pause(0.1)
                assert app.is_running, f"still running after {key!r}"
            said = " ".join(str(n.message) for n in app._notifications) + status_text(app)
            assert f"cannot reach the archive at 127.0.0.1:{postgres.port}" in said
            assert "viewer-secret" not in said
        finally:
            if not _answers(postgres):
                postgres.start()
        view = app.screen.query_one(ArticleView)
        app.screen.query_one(SourceList).focus()
        for turn in range(int(3 * WAIT / 0.2)):
            await pilot.press("down" if turn % 2 else "up")
            await pilot.pause(0.2)
            if view.article is not None and view.article.id not in (shown, None):
                break
        assert view.article is not None and view.article.id != shown, "articles open again"
        for _ in range(int(3 * WAIT / 0.2)):
            if "cannot reach" not in status_text(app):
                break
            await pilot.pause(0.2)
        assert "cannot reach" not in status_text(app), "the archive read again once it is back"
        assert app.is_running
