"""Hostile file names, outlets, URLs and a hostile theme in the TUI: every pane and every
notification shows them as text; clicking a notification made from them does nothing."""

from __future__ import annotations

import json
import webbrowser

from textual.command import CommandPalette
from textual.geometry import Region
from textual.widgets import Label, OptionList
from textual.widgets._toast import Toast

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.messages import LoadFailed
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.source_list import SourceList
from tests.hostile import (
    CONTROL,
    LINK,
    LINK_NAME,
    OSC_TITLE,
    QUIT,
    screenshot_click,
    write_hostile,
)
from tests.ui.conftest import WIDE, settle
from tests.ui.test_live import wait_for
from tests.ui.test_pilot_panes import prompts

TITLE = f"Putin title {LINK} {QUIT} end"


def messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def hostile_app(tmp_path, **kwargs) -> ReaderApp:
    folder = write_hostile(tmp_path / "hostile", tmp_path, names_only=True).root
    state = ReadingState(tmp_path / "state.sqlite3")
    return ReaderApp(paths=[str(folder)], state=state, **kwargs)


def browser(monkeypatch, opens: bool) -> list[str]:
    """webbrowser.open replaced: the URLs it was given; it says whether a browser opened."""
    calls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: calls.append(url) or opens)
    return calls


async def click_text(pilot, needle: str) -> None:
    """Click the character where `needle` shows in a notification (exactly where markup
    would have put its action), wherever the toast's lines wrap it."""
    for toast in pilot.app.screen.query(Toast):
        cells = [  # every character the toast shows, with where it shows, line after line
            (x, y, char)
            for y, line in enumerate(toast.render_lines(Region(0, 0, *toast.outer_size)))
            for x, char in enumerate(line.text.rstrip())
            if x >= 2  # past the toast's border and padding
        ]
        at = "".join(char for _, _, char in cells).find(needle)
        if at >= 0:
            x, y, _ = cells[at]
            await pilot.click(toast, offset=(x, y))
            await pilot.pause(0.3)
            return
    raise AssertionError(f"no notification shows {needle!r}")


async def test_a_hostile_folder_loads_and_every_pane_shows_its_names_as_text(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        listed = prompts(screen.query_one(SourceList))
        assert f"[/]{QUIT}Outlet (1/1)" in listed
        assert any(line.endswith(TITLE) for line in listed)
        header = screen.query_one("#article-header").visual.plain
        assert TITLE in header and f"https://example.org/[/]{screenshot_click(tmp_path)}" in header
        assert "1 articles" in str(screen.query_one("#status-text", Label).visual)
        skipped = [m for m in messages(app) if "skipped" in m]
        assert skipped and f"{LINK_NAME}{QUIT}skipped.txt: skipped" in skipped[0]
        for text in [*listed, header, *messages(app)]:
            assert not CONTROL.search(text.replace("\n", ""))
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == "hostile-1"
    assert app.return_code in (None, 0)


async def test_an_outlet_named_like_markup_dropped_into_the_folder_is_announced_as_text(
    tmp_path,
):
    app = hostile_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        record = {"title": "Biden spoke", "outlet": f"[/]{QUIT}", "text": "Biden spoke."}
        (tmp_path / "hostile" / "new.json").write_text(json.dumps(record))
        await pilot.press("R")
        announced = f"1 new article from [/]{QUIT}"
        await wait_for(pilot, lambda: announced in messages(app))
        assert app.return_code is None


async def test_clicking_a_notification_from_a_hostile_file_name_does_not_quit(
    tmp_path, monkeypatch
):
    shown = ReaderApp.notify  # the notification stays until clicked, however slow the load
    monkeypatch.setattr(
        ReaderApp, "notify", lambda self, *a, **k: shown(self, *a, **{**k, "timeout": 600})
    )
    app = hostile_app(tmp_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await click_text(pilot, "skipped.txt")
        assert app.return_code is None and app.is_running
        await pilot.press("j")  # still answering keys
        await settle(pilot)


async def test_o_on_a_hostile_url_says_so_literally(tmp_path, monkeypatch):
    calls = browser(monkeypatch, opens=True)
    app = hostile_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        url = f"https://example.org/[/]{screenshot_click(tmp_path)}"
        assert calls == [url]
        assert messages(app)[-1] == f"Opening {url}"


async def test_clicking_the_notification_of_a_hostile_url_writes_no_file(
    make_app, tmp_path, monkeypatch
):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    browser(monkeypatch, opens=True)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        url = f"https://example.org/{screenshot_click(tmp_path)}victim-page"
        monkeypatch.setattr(app.screen.corpus.article("moscow-1"), "url", url)  # restored after
        await pilot.press("o")
        await pilot.pause()
        await click_text(pilot, "victim-page")
        assert app.return_code is None
    assert victim.read_text() == "precious"
    assert list(tmp_path.glob("*.svg")) == []


async def test_o_refuses_links_that_are_not_web_links(make_app, monkeypatch):
    calls = browser(monkeypatch, opens=True)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        article = app.screen.corpus.article(app.screen.article_id)
        for url in [
            "javascript:alert('[/]')",
            "file:///etc/passwd",
            "data:text/html,x",
            "--remote-debugging-port=9222",
            "https://example.org/\x1b]0;PWNED\x07x",
        ]:
            monkeypatch.setattr(article, "url", url)  # the fixture's article, restored after
            await pilot.press("o")
            await pilot.pause()
            assert messages(app)[-1].startswith("Not a web link: ")
            assert not CONTROL.search(messages(app)[-1])
        assert messages(app)[0] == "Not a web link: javascript:alert('[/]')"
        assert calls == []


async def test_o_says_when_no_browser_could_open_the_link(make_app, monkeypatch):
    calls = browser(monkeypatch, opens=False)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        await pilot.press("o")
        await pilot.pause()
        assert calls == ["https://example.org/summit"]
        assert messages(app) == ["No browser could open https://example.org/summit"]


async def test_a_theme_named_like_markup_is_shown_as_text(make_app):
    app = make_app(theme="[/]")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert messages(app) == ["No theme called '[/]'; using the default."]


async def test_clicking_the_notification_of_a_hostile_theme_does_not_quit(make_app):
    app = make_app(theme=f"{QUIT}quit-me")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert messages(app) == [f"No theme called '{QUIT}quit-me'; using the default."]
        await click_text(pilot, "quit-me")
        assert app.return_code is None


async def test_the_palette_shows_hostile_titles_and_outlets_as_text(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"title")
        await pilot.pause(0.5)
        shown = [str(option.prompt) for option in app.screen.query("CommandList").first().options]
        assert any(f"Article: {TITLE}" in text and f"[/]{QUIT}Outlet" in text for text in shown)


async def test_search_hits_and_the_status_line_show_hostile_text_literally(tmp_path):
    app = hostile_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"putin")
        await settle(pilot)
        hits = prompts(app.screen.query_one("#search-hits", OptionList))
        assert hits and hits[0].startswith(TITLE)
        app.screen.post_message(LoadFailed(f"Could not load {LINK}{OSC_TITLE}{QUIT}"))
        await pilot.pause()
        status = str(app.screen.query_one("#status-text", Label).visual)
        assert status == f"Could not load {LINK}{QUIT}"
        assert app.return_code is None


async def test_the_compare_view_shows_hostile_outlets_and_quotes_as_text(make_app):
    from reader.core.compare import Comparison, Place, Row
    from reader.core.model import StoryArticle
    from reader.ui.screens.compare import CompareScreen
    from reader.ui.widgets.compare_table import CompareTable

    outlets, words = ["[/]", f"{OSC_TITLE}Wire"], f"{QUIT}x"
    quote = Row("quote", words, ["[/]"], [Place("[/]", "moscow-1", 0, 0)], speaker=f"{LINK}Psaki")
    articles = [
        StoryArticle("moscow-1", "[/]", TITLE, None),
        StoryArticle("kyiv-1", "W", "t", None),
    ]
    comparison = Comparison("moscow-1", TITLE, outlets, articles, [], [quote], [])
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(CompareScreen(comparison))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(CompareTable)
        region = Region(0, 0, *table.outer_size)
        shown = "\n".join(strip.text for strip in table.render_lines(region))
        assert "[/]" in shown and f"{LINK}Psaki: “{words}”" in shown
        assert "Wire" in shown and not CONTROL.search(shown.replace("\n", ""))
        title = str(screen.query_one("#compare-title").render())
        assert TITLE in title
        table.move_cursor(row=2, column=1)
        await pilot.pause()
        detail = str(screen.query_one("#compare-detail").render())
        assert f"“{words}”" in detail and "only in [/]" in detail
        table.move_cursor(row=2, column=2)
        await pilot.press("enter")
        await pilot.pause()
        assert messages(app)[-1] == "Wire does not carry this quote: see [/]."
        await click_text(pilot, "see [/]")
        assert app.return_code is None and app.is_running


async def test_a_store_damaged_under_the_reader_is_said_and_read_again_on_r(tmp_path):
    """The embedded store's file overwritten while the reader runs: the keys that read it say
    so, the reader goes on, and R reads the articles into it again."""
    import random

    folder = tmp_path / "news"
    folder.mkdir()
    draw = random.Random(5)
    words = "talks vote court minister river harbour strike budget election storm".split()
    for number in range(60):
        body = " ".join(draw.choice(words) for _ in range(400))
        (folder / f"{number:02d}.txt").write_text(f"Report {number} on talks\n\n{body}.\n")
    app = ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        for damaged in (tmp_path / "cache").glob("corpus-*.sqlite3*"):
            damaged.write_bytes(draw.randbytes(damaged.stat().st_size))
        for key in ["u", "u", "u", "down", "u"]:
            await pilot.press(key)
            await pilot.pause(0.1)
            assert app.is_running, f"still running after {key!r}"
        assert any("The store cannot be read" in text for text in messages(app))
        await pilot.press("R")
        await settle(pilot)
        shown = view.article.id if view.article else None
        app.screen.query_one(SourceList).focus()
        for _ in range(40):
            await pilot.press("u")
            await pilot.pause(0.2)
            if view.article is not None and view.article.id != shown:
                break
        assert view.article is not None and view.article.id != shown, "articles open again"
        assert app.is_running
