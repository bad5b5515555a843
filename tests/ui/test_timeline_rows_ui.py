"""Pilot tests for the timeline's rows: hanging indent, no silent wrap, a readable cursor."""

from __future__ import annotations

import re

from textual.geometry import Region
from textual.strip import Strip

from reader.core.dates_shown import show_date
from reader.ui.widgets.timeline_panel import TimelinePanel
from tests.ui.conftest import settle

DATE = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4} +")


def rendered(timeline: TimelinePanel) -> list[Strip]:
    width, height = timeline.size
    return timeline.render_lines(Region(0, 0, width, height))


async def test_a_wrapped_event_hangs_under_its_text_not_its_date(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = [s.text for s in rendered(app.screen.query_one(TimelinePanel)) if s.text.strip()]
        text_column, continued = None, 0
        for line in lines:
            if date := DATE.search(line):
                text_column = date.end()
            elif text_column is not None:
                continued += 1
                indent = len(line) - len(line.lstrip())
                assert indent == text_column, f"{line!r} does not hang under the text"
        assert continued, "the fixture's events wrap at this width"


async def focused_timeline(app, pilot) -> TimelinePanel:
    """The seeds' timeline, loaded and focused."""
    await settle(pilot)
    timeline = app.screen.query_one(TimelinePanel)
    timeline.focus()
    return timeline


async def test_k_stops_at_the_first_event_and_j_at_the_last(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        timeline = await focused_timeline(app, pilot)
        await pilot.press("home", "k")
        await settle(pilot)
        assert timeline.highlighted == 0
        await pilot.press("end", "j")
        await settle(pilot)
        assert timeline.highlighted == timeline.option_count - 1


async def test_the_selected_event_is_drawn_in_the_cursor_colours(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        timeline = await focused_timeline(app, pilot)
        await pilot.press("home", "j", "k")
        await settle(pilot)
        assert timeline.highlighted == 0
        cursor = timeline.get_visual_style("option-list--option", "option-list--option-highlighted")
        shown = show_date(timeline.events[timeline.current()].date)
        row = next(strip for strip in rendered(timeline) if shown in strip.text)
        text = [seg for seg in row if seg.text.strip(" │") and seg.style]  # not the border
        colours = {seg.style.color for seg in text}
        colours.discard(None)
        assert colours <= {cursor.rich_style.color}, "no text colour of its own on the cursor"
