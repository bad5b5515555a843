"""Pilot test for the cold load's status: files analysed of the total, never a bare "--%"."""

from __future__ import annotations

from textual.widgets import ProgressBar

from reader.ui.messages import AnalysisProgress
from reader.ui.widgets.status_bar import Status, StatusBar
from tests.ui.conftest import settle


async def test_the_status_counts_the_files_analysed_of_the_total(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        bar = screen.query_one(StatusBar).query_one(ProgressBar)
        screen.status = Status()  # loading, nothing counted yet
        await pilot.pause()
        assert not bar.display, "no progress bar saying --% before anything is counted"
        screen.post_message(AnalysisProgress(120, 2225))
        await pilot.pause()
        text = screen.query_one("#status-text").render().plain
        assert text == "Analysed 120 of 2,225 files"
        assert bar.display and bar.percentage is not None
