"""Snapshot tests of the main views on the fixture corpus (fixed size, no blink, no clock).

Update after an intended change with `python -m pytest tests/ui --snapshot-update`.
"""

from __future__ import annotations

from reader.core.model import SearchHit
from tests.ui.conftest import NARROW, WIDE, settle


def fixed_search(corpus, query, limit=20):
    """A fixed hit, so the snapshot does not follow changes in core's ranking."""
    snippet = "Oleksandr Kulbela of the Ukrainian army said NATO allies agreed."
    return [SearchHit("kyiv-1", "Sanctions on Russia", 1.0, snippet, 58, [(10, 17)], [(68, 75)])]


def test_main_view_wide(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=settle)


def test_main_view_narrow(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=NARROW, run_before=settle)


def test_search_open_with_results(snap_compare, make_app, monkeypatch):
    monkeypatch.setattr("reader.core.search.search", fixed_search)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", "k")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=run_before)


def test_actor_selected(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.app.screen.select_actor("Dmitry Peskov")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=run_before)


def test_help_screen(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=NARROW, run_before=run_before)


def test_compare_view_on_the_seeds(snap_compare, tmp_path):
    """The seeds' one story, its two outlets side by side, at 80x24 (the seeds are read for
    real: the compare view needs the store's stories)."""
    from reader.core.paths import seeds_dir
    from reader.core.state import ReadingState
    from reader.ui.app import ReaderApp
    from reader.ui.screens.compare import CompareScreen
    from tests.ui.test_live import wait_for

    app = ReaderApp(paths=[str(seeds_dir())], state=ReadingState(tmp_path / "state.sqlite3"))

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.screen.story is not None)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CompareScreen))

    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)
