"""Pilot tests for the defects a new user hit: pane widths, the headline, focus, search, empty."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_panel import SearchPanel
from tests.ui.conftest import settle
from tests.ui.fixture_corpus import build_corpus
from tests.ui.test_live import wait_for


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


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_an_article_opens_at_its_headline_and_home_returns_to_it(make_app, size, monkeypatch):
    corpus = build_corpus()
    article = corpus.article("kyiv-1")
    assert article is not None  # the fixture's article, lengthened for this test only
    long_first = article.paragraphs[0] + " Talks went on." * 200
    monkeypatch.setattr(article, "paragraphs", [long_first, *article.paragraphs[1:]])
    app = make_app(corpus=corpus)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.article_id == "kyiv-1" and app.focused is view
        assert view.scroll_y == 0
        assert view.query_one("#article-header").region.y >= view.region.y
        await pilot.press("j", "j")
        await settle(pilot)
        assert view.scroll_y > 0
        await pilot.press("k")
        await settle(pilot)
        assert view.cursor == 0 and view.scroll_y == 0
        view.scroll_end(animate=False)
        await settle(pilot)
        assert view.scroll_y > 0
        await pilot.press("k")
        await settle(pilot)
        assert view.scroll_y == 0
        view.scroll_end(animate=False)
        await settle(pilot)
        await pilot.press("home")
        await settle(pilot)
        assert view.scroll_y == 0
        view.scroll_end(animate=False)
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        await settle(pilot)
        await app.screen.open_article("kyiv-1")
        await settle(pilot)
        assert view.scroll_y == 0, "an article opens at its headline"


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_p_from_the_right_panel_moves_focus_to_a_visible_pane(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if size[0] < 120:
            await pilot.press("p")
            await settle(pilot)
        app.screen.query_one("#timeline").focus()
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        side = app.screen.query_one("#side")
        assert not side.display or side.styles.display == "none"
        assert app.focused is not None and side not in app.focused.ancestors_with_self
        assert app.focused.region.area > 0
        await pilot.press("j")  # keys are alive
        await settle(pilot)


@pytest.mark.parametrize("width", [80, 120, 160])
async def test_search_fits_counts_hits_clears_and_says_what_it_did_not_read(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"russia after:whenever")
        await settle(pilot)
        panel = screen.query_one(SearchPanel)
        assert panel.region.right <= width and panel.region.x >= 0
        options = panel.query_one("#search-hits", OptionList)
        first = options.get_option_at_index(0)
        assert first.disabled and "after" in first.prompt.plain
        assert panel.hits, "the words still search"
        await pilot.press("enter")
        await settle(pilot)
        status = screen.query_one("#status-text").render().plain
        assert f"hit 1 of {len(panel.hits)}" in status
        assert any(style for *_, style in screen.emphasis)
        await pilot.press("escape")
        await settle(pilot)
        assert list(screen.emphasis) == []


async def test_an_empty_folder_says_it_is_empty_and_watched(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    app = ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#article-message")))
        said = app.screen.query_one("#article-message").render().plain
        assert str(folder) in said and "empty" in said and "watched" in said
        assert app.screen.query_one(ArticleView).article is None
