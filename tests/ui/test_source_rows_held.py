"""The source list makes and measures its rows as the reader nears them (GrowingOptions): a big
list never holds thousands of rows it does not show, and every key still reaches every row."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.ui.widgets import growing_options, source_list
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import WIDE, settle

ARTICLES = 40
AHEAD = 5


@pytest.fixture
def few_ahead(monkeypatch):
    """Rows held ahead, and in a first frame, as few as a small list shows it."""
    monkeypatch.setattr(growing_options, "AHEAD", AHEAD)
    monkeypatch.setattr(source_list, "AHEAD", AHEAD)
    monkeypatch.setattr(source_list, "FIRST_ROWS", 4)


def one_outlet() -> list[Article]:
    """ARTICLES articles of one outlet, the newest (listed first) numbered 0."""
    return [
        Article(id=f"n{n}", path=f"n{n}.txt", source="Outlet", title=f"Story {n}",
                published=f"2022-{12 - n // 28:02d}-{28 - n % 28:02d}",
                paragraphs=[f"Body {n}."])
        for n in range(ARTICLES)
    ]  # fmt: skip


@asynccontextmanager
async def listed(make_app, articles: list[Article], size: tuple[int, int] = WIDE):
    """The app on `articles`, settled: its pilot and its source list."""
    app = make_app(corpus=Corpus.build(articles))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot, app.screen.query_one(SourceList)


def titles(sources: SourceList) -> list[str]:
    rows = [sources.get_option_at_index(i).prompt.plain for i in range(sources.option_count)]
    return [row[row.index("Story") :] for row in rows if "Story" in row]


async def test_rows_are_held_as_the_cursor_nears_them_and_end_reaches_the_last(make_app, few_ahead):
    async with listed(make_app, one_outlet()) as (pilot, sources):
        assert sources.row_count == ARTICLES + 1  # the outlet's header, then its articles
        held = sources.option_count
        assert held < sources.row_count, "the rows far below the view are not made yet"
        assert titles(sources) == [f"Story {n}" for n in range(held - 1)], "in list order"
        sources.focus()
        sources.highlighted = held - 1
        await pilot.press("j")
        await pilot.pause()
        assert sources.option_count > held, "nearing the end of the rows held holds more"
        await pilot.press("end")
        await pilot.pause()
        assert sources.option_count == sources.row_count
        assert sources.get_option_at_index(sources.highlighted).prompt.plain.endswith(
            f"Story {ARTICLES - 1}"
        )
        assert titles(sources) == [f"Story {n}" for n in range(ARTICLES)]


async def test_an_article_far_down_is_chosen_and_marked_before_its_row_is_made(make_app, few_ahead):
    async with listed(make_app, one_outlet()) as (_, sources):
        far = f"n{ARTICLES - 3}"
        assert sources.option_count < sources.row_count
        sources.state.set_read(far)
        sources.refresh_article(far)  # its row is not made: made later, with the mark
        sources.select_article(far)
        row = sources.get_option_at_index(sources.highlighted).prompt.plain
        assert row.endswith(f"Story {ARTICLES - 3}") and "●" not in row
        next_row = sources.get_option_at_index(sources.highlighted + 1).prompt.plain
        assert "●" in next_row, "the others are still unread"
        header = sources.get_option_at_index(0).prompt.plain
        assert header == f"Outlet ({ARTICLES - 1}/{ARTICLES})"


async def test_a_scrolled_list_is_listed_again_when_more_articles_come(make_app, few_ahead):
    """Rebuilding the rows scrolls the list back to its top; the rows that scroll brings are
    the new list's, made once (a feed arriving while the reader had scrolled down once
    made them twice: DuplicateID, and the reader quit)."""
    articles = one_outlet()
    async with listed(make_app, articles[:30], (WIDE[0], 20)) as (pilot, sources):
        sources.focus()
        await pilot.press("end")
        await pilot.pause()
        assert sources.scroll_y > 0
        sources.show_articles(articles)
        await pilot.pause()
        assert sources.row_count == ARTICLES + 1
        assert titles(sources) == [f"Story {n}" for n in range(len(titles(sources)))]


async def test_a_new_list_holds_no_more_rows_than_the_terminal_has_lines(make_app):
    """Its first frame makes and measures a screenful (each row takes a line at least), not
    FIRST_ROWS whatever the terminal's height; the rows up to AHEAD follow that frame."""
    many = source_list.FIRST_ROWS + 80
    articles = [
        Article(id=f"n{n}", path=f"n{n}.txt", source="Outlet", title=f"Story {n}",
                published=f"2022-01-01T{n // 60:02d}:{n % 60:02d}", paragraphs=["Body."])
        for n in range(many)
    ]  # fmt: skip
    lines = 24
    async with listed(make_app, articles[:2], (WIDE[0], lines)) as (pilot, sources):
        sources.clear_options()
        sources.show_articles(articles)
        assert sources.option_count == lines, "a screenful in the first frame"
        for _ in range(100):  # the rest follows the frame
            await pilot.pause(0.02)
            if sources.option_count > lines:
                break
        assert sources.option_count == many + 1, "the header and every article (AHEAD more)"
