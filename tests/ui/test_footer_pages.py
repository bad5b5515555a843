"""Pilot tests for the footer's pages: every key of the main screen is shown on some page at
every width, each page fits, `.` turns the pages, and every key works whatever page shows."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from reader.ui.screens.habits import STARRED_ONLY, UNREAD_ONLY
from reader.ui.screens.help import KEYS
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.paged_footer import PagedFooter
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import settle

WIDTHS = [80, 119, 120, 140, 160, 170]
EVERY_ACTION = {binding.action for binding in MainScreen.BINDINGS} | {"quit", "command_palette"}


async def shown_page(pilot, width: int) -> set[str]:
    """The actions the footer shows once it is composed and laid out (the same twice running:
    a busy machine may still be composing it), each key checked to be whole on screen."""
    shown: set[str] = set()
    for _ in range(100):
        keys = list(pilot.app.screen.query(FooterKey))
        laid_out = bool(keys) and all(key.region.width for key in keys)
        if laid_out and {key.action for key in keys} == shown:
            break
        shown = {key.action for key in keys} if laid_out else set()
        await pilot.pause(0.05)
    else:
        raise AssertionError("the footer did not settle")
    assert all(0 <= key.region.x and key.region.right <= width for key in keys), [
        (key.key_display, key.region) for key in keys if key.region.right > width
    ]
    return shown


@pytest.mark.parametrize("width", WIDTHS)
async def test_every_key_is_shown_on_some_footer_page_and_each_page_fits(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(PagedFooter)
        assert footer.views == (2 if width >= 140 else 4)
        seen: list[set[str]] = []
        for _ in range(footer.views):
            seen.append(await shown_page(pilot, width))
            assert {"footer_page", "help"} <= seen[-1], "`.` and `?` are on every page"
            await pilot.press("full_stop")
            await pilot.pause()
        assert set().union(*seen) == EVERY_ACTION
        assert await shown_page(pilot, width) == seen[0], "after the last page, the first"
        label = next(key for key in app.screen.query(FooterKey) if key.action == "footer_page")
        assert label.description == f"More 1/{footer.views}"


@pytest.mark.parametrize("width", [80, 170])
async def test_keys_work_whatever_page_the_footer_shows(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        sources = screen.query_one(SourceList)
        for page in range(screen.query_one(PagedFooter).views):
            shown = await shown_page(pilot, width)
            for key, name in (("U", UNREAD_ONLY), ("S", STARRED_ONLY)):
                await pilot.press(key)
                await settle(pilot)
                assert name in sources.filters, f"{key} on page {page + 1}"
                await pilot.press(key)
                await settle(pilot)
                assert name not in sources.filters
            classes = set(screen.classes)
            await pilot.press("p")
            await pilot.pause()
            assert set(screen.classes) != classes, f"p on page {page + 1} ({sorted(shown)})"
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("full_stop")
            await pilot.pause()


def test_the_help_names_every_key_of_the_footer():
    helped = {token for key, _ in KEYS for token in key.replace(",", " ").split() if token != "/"}
    helped |= {"/", "esc"}  # the help's `/` (search) and `escape`
    names = {"slash": "/", "left_square_bracket": "[", "right_square_bracket": "]"}
    for binding in MainScreen.BINDINGS:
        shown = binding.key_display or names.get(binding.key, binding.key)
        assert shown in helped, binding


async def test_footer_is_composed_again_only_when_its_keys_change(make_app):
    """Bindings updates that change no key shown keep the footer's keys as they are (at start
    they come dozens of times); one that changes a key (the search's escape) shows it."""
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        before = list(app.screen.query(FooterKey))
        for _ in range(5):
            app.screen.refresh_bindings()
            await pilot.pause()
        await settle(pilot)
        assert list(app.screen.query(FooterKey)) == before
        await pilot.press("slash")
        await settle(pilot)
        escape = [key for key in app.screen.query(FooterKey) if key.key == "escape"]
        assert [key.description for key in escape] == ["Close search"]
        await pilot.press("escape")
        await settle(pilot)
        shown = list(app.screen.query(FooterKey))
        assert "Close search" not in {key.description for key in shown}
        assert [key.action for key in shown] == [key.action for key in before]
