"""Pilot tests for focus in the side panel: each list its own border, the actors' cursor."""

from __future__ import annotations

from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.timeline_panel import TimelinePanel
from tests.ui.conftest import settle


async def test_tab_into_the_actors_shows_a_cursor_and_only_their_border(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        actors = app.screen.query_one(ActorPanel)
        timeline = app.screen.query_one(TimelinePanel)
        for _ in range(6):
            if app.focused is actors:
                break
            await pilot.press("tab")
            await settle(pilot)
        assert app.focused is actors
        assert actors.highlighted is not None
        assert not actors.get_option_at_index(actors.highlighted).disabled
        assert actors.styles.border_top[0] == "round"
        assert timeline.styles.border_top[0] != "round", "the timeline's border stays dark"
        timeline.focus()
        await settle(pilot)
        assert timeline.styles.border_top[0] == "round"
        assert actors.styles.border_top[0] != "round"


async def test_narrow_the_side_lists_keep_their_rows_until_focused(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        timeline = app.screen.query_one(TimelinePanel)
        assert timeline.region.height > 0
        assert timeline.styles.border_top[0] in ("", "none"), "no blank frame eating rows"
        timeline.focus()
        await settle(pilot)
        assert timeline.styles.border_top[0] == "round"
