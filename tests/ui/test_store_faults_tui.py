"""Faults of Reader's own files in the TUI: a clear notice, never a crash or a blank screen;
and feeds already in are listed while a slow one still loads."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.widgets.source_list import SourceList
from tests.conftest import SEEDS
from tests.hostile import hostile_feed_server
from tests.ui.conftest import WIDE, settle


def notifications(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_damaged_reading_state_is_kept_aside_and_said_so(tmp_path: Path):
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"\x00junk" * 1000)
    app = ReaderApp(paths=[str(SEEDS)], state=ReadingState(path))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        (aside,) = tmp_path.glob("state.sqlite3.damaged-*")
        assert any(f"kept it as {aside}" in note for note in notifications(app))
        assert app.query_one(SourceList).articles, "the reader goes on"


async def test_a_file_where_the_cache_should_be_is_a_clear_notice(tmp_path: Path):
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("mine")
    app = ReaderApp(
        paths=[str(SEEDS)],
        state=ReadingState(tmp_path / "state.sqlite3"),
        settings=Settings.resolve(cache=in_the_way),
    )
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert any(
            f"cannot use the cache at {in_the_way}: a file is in the way" in note
            for note in notifications(app)
        )
        await pilot.press("question_mark")  # the screen still answers
        assert app.screen.__class__.__name__ == "HelpScreen"
    assert in_the_way.read_text() == "mine"


async def test_feeds_in_are_shown_while_a_slow_one_loads(tmp_path: Path):
    with hostile_feed_server() as (base, release):
        app = ReaderApp(
            paths=[f"{base}/fast", f"{base}/held"],
            state=ReadingState(tmp_path / "state.sqlite3"),
            settings=Settings.resolve(cache=tmp_path / "cache"),
        )
        async with app.run_test(size=WIDE) as pilot:
            deadline = time.monotonic() + 8
            while not app.query_one(SourceList).articles:
                assert time.monotonic() < deadline, "nothing listed while a feed is held"
                await pilot.pause(0.1)
            assert not release.is_set()
            paths = {a.path for a in app.query_one(SourceList).articles.values()}
            assert paths == {f"{base}/fast"}
            release.set()
            await settle(pilot)
            paths = {a.path for a in app.query_one(SourceList).articles.values()}
            assert paths == {f"{base}/fast", f"{base}/held"}


async def test_q_ends_the_fetches_still_running(tmp_path: Path):
    with hostile_feed_server() as (base, _release):
        app = ReaderApp(
            paths=[f"{base}/huge", f"{base}/slow", f"{base}/held"],
            state=ReadingState(tmp_path / "state.sqlite3"),
            settings=Settings.resolve(cache=tmp_path / "cache"),
        )
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause(0.5)  # the fetches under way
            assert any(t.name.startswith("feed") for t in threading.enumerate())
            await pilot.press("q")
        deadline = time.monotonic() + 10
        while any(t.name.startswith("feed") for t in threading.enumerate()):
            assert time.monotonic() < deadline, "fetches went on after q"
            time.sleep(0.05)
