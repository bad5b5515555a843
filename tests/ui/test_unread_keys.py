"""Pilot tests of the reading habits: unread counts, `u`, `A`, `C`, `U`, `S` and `y`."""

from __future__ import annotations

from reader.ui.screens.story import Grouping
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import WIDE, settle
from tests.ui.test_live import notifications
from tests.ui.test_stories_tui import story_app


def headers(app) -> list[str]:
    sources = app.screen.query_one(SourceList)
    options = [sources.get_option_at_index(i) for i in range(sources.option_count)]
    return [option.prompt.plain for option in options if option.disabled]


def counts(app) -> str:
    return app.screen.query_one("#status-counts").render().plain


async def test_counts_follow_opening_and_r_but_not_the_preview(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert headers(app) == ["Kyiv Post (1/1)", "Moscow Times (1/1)"]
        assert counts(app) == "2/2 unread"
        await pilot.press("j")  # the preview of moscow-1 leaves it unread
        await settle(pilot)
        assert app.screen.article_id == "moscow-1"
        assert not app.state.is_read("moscow-1") and counts(app) == "2/2 unread"
        await pilot.press("enter")  # opening it marks it read
        await settle(pilot)
        assert app.state.is_read("moscow-1")
        assert headers(app) == ["Kyiv Post (1/1)", "Moscow Times (0/1)"]
        assert counts(app) == "1/2 unread"
        await pilot.press("r")
        await settle(pilot)
        assert headers(app)[1] == "Moscow Times (1/1)" and counts(app) == "2/2 unread"


async def test_u_opens_the_next_unread_wrapping_then_says_none_is_left(make_app):
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.article_id == "kyiv-1"  # the first, shown but not read
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.article_id == "moscow-1" and app.state.is_read("moscow-1")
        await pilot.press("u")  # wraps round to the first group
        await settle(pilot)
        assert app.screen.article_id == "kyiv-1" and app.state.is_read("kyiv-1")
        assert counts(app) == "0/2 unread"
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.article_id == "kyiv-1"
        assert notifications(app)[-1] == "No unread articles left."


async def test_A_marks_the_group_read_and_C_everything(make_app):
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert notifications(app)[-1] == "Marked 1 article read in Kyiv Post. ctrl+z: undo."
        assert app.state.is_read("kyiv-1") and not app.state.is_read("moscow-1")
        assert headers(app) == ["Kyiv Post (0/1)", "Moscow Times (1/1)"]
        await pilot.press("r")  # unread again, then everything read
        await pilot.press("C")
        await settle(pilot)
        assert notifications(app)[-1] == "Marked 2 articles read. ctrl+z: undo."
        assert counts(app) == "0/2 unread"
        assert headers(app) == ["Kyiv Post (0/1)", "Moscow Times (0/1)"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1] == "Marked 2 articles unread again."
        assert counts(app) == "2/2 unread" and not app.state.is_read("kyiv-1")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1] == "Nothing to undo."


async def test_U_lists_only_unread_and_says_so_when_there_is_none(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.state.set_read("kyiv-1")
        await pilot.press("U")
        await settle(pilot)
        assert headers(app) == ["Moscow Times (1/1)"]
        assert counts(app) == "1/1 unread · only unread"
        await pilot.press("C")
        await settle(pilot)
        assert headers(app) == ["No unread articles here. U, S and t (or escape) list all again."]
        await pilot.press("U")
        await settle(pilot)
        assert headers(app) == ["Kyiv Post (0/1)", "Moscow Times (0/1)"]
        assert counts(app) == "0/2 unread"


async def test_S_lists_only_starred(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s", "S")
        await settle(pilot)
        assert headers(app) == ["Kyiv Post (1/1)"]
        assert counts(app) == "1/1 unread · only starred"
        await pilot.press("S")
        await settle(pilot)
        assert len(headers(app)) == 2


async def test_y_copies_the_url_and_says_so_literally(make_app):
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("y")  # kyiv-1 has no URL
        await settle(pilot)
        assert notifications(app)[-1] == "This article has no URL to copy."
        assert app.clipboard == ""
        await pilot.press("j", "y")
        await settle(pilot)
        assert app.clipboard == "https://example.org/summit"
        assert notifications(app)[-1] == "Copied https://example.org/summit"


async def test_t_cycles_the_config_tags_and_escape_lists_all(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert notifications(app)[-1].startswith("No tags: add a [tags] table")
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "config.toml").write_text(
            "[tags]\nkyiv = 'source:\"Kyiv Post\"'\n\"[b]p[/b]\" = ['@peskov']\n",
            encoding="utf-8",
        )  # read at each `t`: no restart
        await pilot.press("t")
        await settle(pilot)
        assert headers(app) == ["Kyiv Post (1/1)"]
        assert counts(app) == "1/1 unread · only tagged kyiv"
        await pilot.press("t")
        await settle(pilot)
        assert headers(app) == ["Moscow Times (1/1)"]
        assert counts(app) == "1/1 unread · only tagged [b]p[/b]", "a tag's name is data"
        await pilot.press("t")  # after the last tag, everything
        await settle(pilot)
        assert len(headers(app)) == 2 and counts(app) == "2/2 unread"
        await pilot.press("t", "U")
        await settle(pilot)
        assert counts(app) == "1/1 unread · only tagged kyiv, unread"
        await pilot.press("escape")
        await settle(pilot)
        assert counts(app) == "2/2 unread · only unread"


async def test_many_marks_at_once_list_again_with_the_counts(make_app, monkeypatch):
    monkeypatch.setattr("reader.ui.widgets.source_list.MANY_MARKED", 1)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert headers(app) == ["Kyiv Post (0/1)", "Moscow Times (0/1)"]
        assert counts(app) == "0/2 unread"
        sources = app.screen.query_one(SourceList)
        assert all("●" not in sources.get_option_at_index(i).prompt.plain for i in (1, 3))
        assert sources.highlighted == 1, "the cursor stays on the article"


async def test_story_headers_count_and_A_marks_the_story_read(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.grouping is Grouping.STORY

        def ferry() -> str:
            return next(h for h in headers(app) if h.startswith("▌Ferry strike"))

        assert "2/2 unread" in ferry()
        await pilot.press("enter")  # the top story's newest article
        await settle(pilot)
        assert "1/2 unread" in ferry()
        await pilot.press("A")
        await settle(pilot)
        assert "0/2 unread" in ferry()
        assert notifications(app)[-1].startswith("Marked 1 article read in Ferry strike")
        total = len(app.screen.corpus.articles)
        assert counts(app) == f"{total - 2}/{total} unread"
