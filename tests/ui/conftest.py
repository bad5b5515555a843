"""UI fixtures: a temp data dir, no cursor blink, a fixed-size app on the fixture corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from tests.ui.fixture_corpus import build_corpus

WIDE = (160, 50)
NARROW = (80, 24)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Reading state and cache in tmp_path, and an Input cursor that never blinks."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., ReaderApp]:
    def make(**kwargs) -> ReaderApp:
        kwargs.setdefault("corpus", build_corpus())
        kwargs.setdefault("state", ReadingState(tmp_path / "state.sqlite3"))
        return ReaderApp(**kwargs)

    return make


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.app.settled()
    await pilot.pause()
