"""Pilot tests for the defects a new user hit: pane widths, the headline, focus, search, empty."""

from __future__ import annotations

import pytest

from tests.ui.conftest import settle


@pytest.mark.parametrize("width", [119, 120, 140])
async def test_the_article_pane_keeps_most_of_the_width(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        article = screen.query_one("#article").outer_size.width
        sources = screen.query_one("#sources").outer_size.width
        side = screen.query_one("#side")
        side_width = side.outer_size.width if side.display else 0
        assert sources + article + side_width == width
        assert article >= 50, (sources, article, side_width)
        assert article > max(sources, side_width)
        assert bool(side.display) == (width >= 120)
