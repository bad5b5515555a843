"""Pilot tests of the compare view on real files: `c` lines up the outlets of the story being
read, `escape` goes back to where the reader was, `enter` on a cell opens that outlet's
article at the row's paragraph, rows one outlet alone carries are marked and found, a story
of one outlet says so, and the view fits 80x24 with six outlets."""

from __future__ import annotations

import json
from pathlib import Path

from textual.geometry import Region

from reader.core.compare import Comparison, Place, Row
from reader.core.model import StoryArticle
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.comparing import ONE_OUTLET
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.compare_table import ABSENT, ONLY, CompareTable, cut
from tests.ui.conftest import NARROW, WIDE, settle
from tests.ui.story_fixture import ARTICLES
from tests.ui.test_live import notifications
from tests.ui.test_stories_tui import open_and_settle

LONE = {
    "id": "lone-chess",
    "outlet": "Chess Weekly",
    "published": "2023-01-09",
    "title": "Chess olympiad opens in Chennai",
    "text": "The chess olympiad opened in Chennai on Monday. Arbiter Priya Raman said the "
    'halls were full. "Every board is taken," Priya Raman said.',
}


def story_app(tmp_path: Path, extra: list[dict] | None = None) -> ReaderApp:
    """The two stories of the story fixture, a paragraph a sentence (and `extra` articles)."""
    folder = tmp_path / "news"
    folder.mkdir()
    articles = [
        {**a, "text": a["text"].replace(". ", ".\n\n")} for a in [*ARTICLES, *(extra or [])]
    ]
    (folder / "news.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    return ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))


async def open_compare(pilot) -> CompareScreen:
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def shown_lines(widget) -> list[str]:
    """The widget's lines as the terminal shows them."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


async def test_c_opens_the_compare_view_and_escape_goes_back_to_the_same_place(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = await open_and_settle(pilot, "volcano-nordic")
        view = main.query_one(ArticleView)
        view.focus()
        await pilot.press("j", "j")
        cursor, scroll = view.cursor, view.scroll_y
        assert cursor == 2

        compare = await open_compare(pilot)
        assert sorted(compare.comparison.outlets) == ["Nordic Wire", "Reykjavik Daily"]
        table = compare.query_one(CompareTable)
        labels = [column.label.plain for column in table.ordered_columns]
        assert labels[1:] == compare.comparison.outlets
        kinds = [line.kind for line in table.lines if line.row is None]
        assert kinds == ["actor", "quote", "event"], "three sections, in that order"
        assert app.focused is table

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert main.article_id == "volcano-nordic"
        assert (view.cursor, view.scroll_y) == (cursor, scroll)
        assert app.focused is view

        await open_compare(pilot)
        await pilot.press("c")  # c again closes it too
        await pilot.pause()
        assert app.screen is main and main.article_id == "volcano-nordic"


async def test_enter_on_a_cell_opens_that_outlets_article_at_the_rows_paragraph(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = await open_and_settle(pilot, "volcano-reykjavik")
        compare = await open_compare(pilot)
        table = compare.query_one(CompareTable)
        index, line = next(
            (i, line)
            for i, line in enumerate(table.lines)
            if line.row and line.row.kind == "quote" and line.row.outlets == ["Nordic Wire"]
        )
        (place,) = line.row.places
        assert place.article == "volcano-nordic" and place.paragraph is not None

        empty = 1 + compare.comparison.outlets.index("Reykjavik Daily")
        table.move_cursor(row=index, column=empty)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is compare, "an empty cell opens nothing"
        assert notifications(app)[-1] == (
            "Reykjavik Daily does not carry this quote: see Nordic Wire."
        )

        table.move_cursor(row=index, column=1 + compare.comparison.outlets.index("Nordic Wire"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        view = main.query_one(ArticleView)
        assert main.article_id == "volcano-nordic"
        assert view.cursor == place.paragraph
        assert "lava flow is slowing down" in view.article.paragraphs[view.cursor]
        assert app.focused is view

        compare = await open_compare(pilot)  # an actor both outlets name, in the other one
        table = compare.query_one(CompareTable)
        index, line = next(
            (i, line)
            for i, line in enumerate(table.lines)
            if line.row and line.row.kind == "actor" and len(line.row.outlets) == 2
        )
        table.move_cursor(row=index, column=1 + compare.comparison.outlets.index("Reykjavik Daily"))
        await pilot.press("enter")
        await settle(pilot)
        assert main.article_id == "volcano-reykjavik"
        assert main.selected_actor == line.row.text, "its mentions emphasised"
        first = view.paragraph_at(main.actor_matches[0][0])
        assert view.cursor == first, "at its first mention"

        compare = await open_compare(pilot)  # on the row's words: its first outlet's place
        table = compare.query_one(CompareTable)
        index, line = next(
            (i, line) for i, line in enumerate(table.lines) if line.row and line.row.kind == "event"
        )
        table.move_cursor(row=index, column=0)
        await pilot.press("enter")
        await settle(pilot)
        place = line.row.places[0]
        assert (main.article_id, view.cursor) == (place.article, place.paragraph)


async def test_rows_one_outlet_alone_carries_are_marked_found_and_filtered(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_and_settle(pilot, "ferry-gazette")
        compare = await open_compare(pilot)
        table = compare.query_one(CompareTable)
        outlets = compare.comparison.outlets
        rows = [(i, line.row) for i, line in enumerate(table.lines) if line.row]
        alone = [(i, row) for i, row in rows if len(row.outlets) == 1]
        shared = [(i, row) for i, row in rows if len(row.outlets) > 1]
        assert alone and shared
        for i, row in alone:
            cells = [cell.plain.strip() for cell in table.get_row_at(i)]
            assert cells[0].startswith("◆ ")
            assert cells[1 + outlets.index(row.outlets[0])] == ONLY
            assert cells.count(ABSENT) == len(outlets) - 1
        for i, _ in shared:
            cells = [cell.plain.strip() for cell in table.get_row_at(i)]
            assert not cells[0].startswith("◆") and ONLY not in cells

        heading = table.get_row_at(0)[0].plain
        actors_alone = sum(1 for _, row in alone if row.kind == "actor")
        assert heading.endswith(f"· ◆ {actors_alone} only-in")

        table.move_cursor(row=0, column=0)
        await pilot.press("n")
        first = alone[0][0]
        assert table.cursor_coordinate.row == first
        detail = str(compare.query_one("#compare-detail").render())
        assert f"only in {alone[0][1].outlets[0]}" in detail
        await pilot.press("n", "N")
        assert table.cursor_coordinate.row == first

        await pilot.press("o")
        await pilot.pause()
        kept = [line.row for line in table.lines if line.row]
        assert kept == [row for _, row in alone]
        actors = sum(1 for _, row in rows if row.kind == "actor")
        assert table.get_row_at(0)[0].plain.endswith(f"· ◆ {actors_alone} of {actors} only-in")
        await pilot.press("o")
        await pilot.pause()
        assert [line.row for line in table.lines if line.row] == [row for _, row in rows]


async def test_a_story_of_one_outlet_says_so_without_a_screen(tmp_path):
    app = story_app(tmp_path, extra=[LONE])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = await open_and_settle(pilot, "lone-chess")
        assert main.story is not None and main.story.outlets == ["Chess Weekly"]
        await pilot.press("c")
        await settle(pilot)
        assert app.screen is main
        assert notifications(app)[-1] == ONE_OUTLET


def six_outlets() -> Comparison:
    outlets = [f"Outlet number {n}" for n in range(6)]
    quote = "words " * 40 + "end"
    three = [Place(o, f"a{n}", 0, 0) for n, o in enumerate(outlets[:3])]
    rows = [
        Row("quote", quote, outlets[:3], three, speaker="Someone"),
        Row("actor", "Lone Actor", [outlets[5]], [Place(outlets[5], "a5")], type="person"),
    ]  # fmt: skip
    articles = [StoryArticle(f"a{n}", o, "t", None) for n, o in enumerate(outlets)]
    return Comparison("a0", "Six outlets", outlets, articles, [rows[1]], [rows[0]], [])


async def test_six_outlets_fit_80x24_and_their_columns_scroll(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.push_screen(CompareScreen(six_outlets()))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(CompareTable)
        for widget in screen.query("#compare-title, #compare-outlets, #compare-detail, Footer"):
            assert screen.region.contains_region(widget.region)
        assert table.region.height >= 10
        assert table.virtual_size.width > table.size.width, "six outlets: columns scroll"

        quote_row = next(
            i for i, line in enumerate(table.lines) if line.row and line.row.kind == "quote"
        )
        text = table.get_row_at(quote_row)[0].plain
        assert text.endswith("…") and " wor…" not in text and len(text) <= table.columns[
            table.ordered_columns[0].key].width  # fmt: skip
        table.move_cursor(row=quote_row)
        await pilot.pause()
        detail = str(screen.query_one("#compare-detail").render())
        assert "end”" in detail, "the full quote below"

        await pilot.press(*["l"] * 6)
        await pilot.pause()
        assert table.scroll_x > 0
        last = shown_lines(table)[0]
        assert last.lstrip().startswith("Actor / quote / event"), "the row column stays put"
        assert "Outlet number 5" in last


def test_cut_stops_at_a_word_with_an_ellipsis():
    assert cut("the big game tonight", 14) == "the big game…"
    assert cut("short", 14) == "short"
    assert cut("Supercalifragilistic", 8) == "Superca…"
    assert cut("two\nlines \x1b[31mred", 20) == "two lines red"


async def test_q_still_quits_from_the_compare_view(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.push_screen(CompareScreen(six_outlets()))
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
