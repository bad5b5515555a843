"""The garbage collector is off while `reader` starts (reader.ui.collector) and on again once
the main screen's first list is drawn (its first frame when the list is stored); what the start
made is frozen (skipped by later collections)."""

from __future__ import annotations

import gc
import threading

import pytest

from reader.core.library import Library
from reader.core.state import ReadingState
from reader.ui import collector
from reader.ui.app import ReaderApp
from tests.ui.conftest import WIDE
from tests.ui.test_warm_start_ui import two_articles


@pytest.fixture
def restored():
    yield
    collector.release()
    gc.unfreeze()
    gc.enable()


def test_hold_turns_the_collector_off_and_release_freezes_and_turns_it_on(restored) -> None:
    collector.hold()
    assert not gc.isenabled()
    collector.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0, "what the start made is frozen"


def test_release_without_hold_leaves_the_collector_alone(restored) -> None:
    gc.disable()  # turned off by someone else: not ours to turn on
    frozen = gc.get_freeze_count()  # (whatever earlier tests froze)
    collector.release()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == frozen, "nothing frozen"


def test_a_start_that_ends_before_the_first_frame_turns_the_collector_on_again(
    tmp_path, monkeypatch, restored
) -> None:
    from reader import cli

    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    assert cli.main([str(tmp_path / "missing")]) == cli.EXIT_USAGE
    assert gc.isenabled(), "a path not found"

    def failing(app: ReaderApp) -> None:
        assert not gc.isenabled(), "held while the app starts"
        raise RuntimeError("the app failed before its first frame")

    folder = str(two_articles(tmp_path))
    monkeypatch.setattr(ReaderApp, "run", failing)
    with pytest.raises(RuntimeError):
        cli.main([folder])
    assert gc.isenabled(), "the app raised"
    monkeypatch.setattr(ReaderApp, "run", lambda app: None)
    assert cli.main([folder]) == 0
    assert gc.isenabled(), "the app quit before its first frame"


async def test_the_collector_is_on_again_after_the_main_screens_first_frame(
    tmp_path, restored
) -> None:
    folder, state = two_articles(tmp_path), ReadingState(tmp_path / "state.sqlite3")
    collector.hold()
    app = ReaderApp(paths=[str(folder)], state=state)
    async with app.run_test(size=WIDE) as pilot:
        await app.settled()
        await pilot.pause()
        assert gc.isenabled()


async def test_the_collector_stays_off_until_a_list_read_by_a_worker_is_drawn(
    tmp_path, restored, monkeypatch
) -> None:
    # (a shared archive's list, or files not stored yet: read by the load's worker, after the
    # first frame; reading them with the collector on cost twice the CPU)
    folder, state = two_articles(tmp_path), ReadingState(tmp_path / "state.sqlite3")
    go, steps = threading.Event(), Library.steps

    def held_steps(self, *args, **kwargs):
        go.wait(timeout=30)
        yield from steps(self, *args, **kwargs)

    monkeypatch.setattr(Library, "steps", held_steps)
    collector.hold()
    app = ReaderApp(paths=[str(folder)], state=state)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not gc.isenabled(), "the first frame drawn, no list yet"
        go.set()
        await app.settled()
        await pilot.pause()
        assert gc.isenabled()
