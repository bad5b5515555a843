"""Pilot tests: search, the article keys, help, the palette, quitting, loading from files."""

from __future__ import annotations

import webbrowser

from textual.command import CommandPalette
from textual.widgets import Input, OptionList, ProgressBar

from reader.core.model import SearchHit
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.commands import ActorCommands, ArticleCommands, DateCommands
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import WIDE, settle
from tests.ui.fixture_corpus import build_corpus


async def test_search_updates_as_you_type_and_enter_opens_the_match(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.article_id == "kyiv-1"
        await pilot.press("j")  # to moscow-1, so the search really switches articles
        await pilot.press("slash")
        panel = screen.query_one(SearchPanel)
        assert panel.is_open and isinstance(app.focused, Input)
        await pilot.press("k", "u")
        app.focused.insert_text_at_cursor("lbela")
        await settle(pilot)
        assert panel.hits[0].article == "kyiv-1"
        hits = panel.query_one("#search-hits", OptionList)
        label = hits.get_option_at_index(0).prompt
        assert "Sanctions on Russia" in label.plain and "Kulbela" in label.plain
        await pilot.press("enter")
        await settle(pilot)
        assert not panel.is_open
        assert screen.article_id == "kyiv-1"
        view = screen.query_one(ArticleView)
        assert view.cursor == 1 and app.focused is view
        text = screen.corpus.article("kyiv-1").text
        emphasised = [text[s:e] for s, e, style in view.emphasis]
        assert emphasised == ["Kulbela"]


def fake_search(corpus, query, limit=20):
    """Two fixed hits, so this test does not depend on the ranking in core."""
    return [
        SearchHit(
            "moscow-1",
            "Summit called off",
            2.0,
            "met Peskov in Moscow",
            173,
            [(4, 10)],
            [(176, 182)],
        ),
        SearchHit(
            "kyiv-1", "Sanctions on Russia", 1.0, "Oleksandr Kulbela of", 58, [(10, 17)], [(68, 75)]
        ),
    ][:limit]


async def test_n_and_N_step_through_search_hits(make_app, monkeypatch):
    monkeypatch.setattr("reader.core.search.search", fake_search)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"x")
        await settle(pilot)
        panel = screen.query_one(SearchPanel)
        assert [hit.article for hit in panel.hits] == ["moscow-1", "kyiv-1"]
        await pilot.press("escape")
        assert not panel.is_open and screen.article_id == "kyiv-1"
        await pilot.press("slash", "down", "enter")
        await settle(pilot)
        assert screen.hit_index == 1 and screen.article_id == "kyiv-1"
        await pilot.press("n")
        await settle(pilot)
        assert screen.hit_index == 0 and screen.article_id == "moscow-1"
        assert screen.query_one(ArticleView).cursor == 2
        await pilot.press("N")
        await settle(pilot)
        assert screen.hit_index == 1 and screen.article_id == "kyiv-1"


async def test_o_opens_the_url_in_a_browser(make_app, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")  # kyiv-1 has no URL: a notice, no browser
        assert opened == []
        await pilot.press("j", "o")
        assert opened == ["https://example.org/summit"]


async def test_r_and_s_toggle_read_and_star_and_persist(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        await pilot.press("r", "s")
        label = sources.get_option_at_index(1).prompt.plain
        assert label.startswith(" ★")
        await pilot.press("j", "s", "r", "r")
    state = ReadingState(tmp_path / "state.sqlite3")
    state.track(build_corpus().articles)  # marks are kept by article, found through their ids
    assert state.is_read("kyiv-1") and state.is_starred("kyiv-1")
    assert not state.is_read("moscow-1") and state.is_starred("moscow-1")
    await_app = make_app(state=state)
    async with await_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s")
    assert not ReadingState(tmp_path / "state.sqlite3").is_starred("kyiv-1")


async def test_question_mark_shows_help_listing_every_key(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text()
        for key in ("j / k", "tab", "enter", "/", "n / N", "o", "r", "s", "?", "q", "ctrl+p"):
            assert key in text
        assert "search" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_q_in_the_search_box_is_typed_not_quit(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#search-input", Input).value == "q"


async def test_palette_selects_an_actor(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"kulb")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.selected_actor == "Oleksandr Kulbela"


async def test_palette_providers_go_to_articles_and_dates(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        articles = dict((t, c) for t, _, c in ArticleCommands(screen).candidates())
        await articles["Article: Summit called off"]()
        assert screen.article_id == "moscow-1"
        dates = [(t, c) for t, _, c in DateCommands(screen).candidates()]
        assert [t[:17] for t, _ in dates] == [
            "Date: 21 Feb 2022",
            "Date: 22 Feb 2022",
            "Date: 23 Feb 2022",
        ]
        await dates[1][1]()
        assert screen.article_id == "kyiv-1"
        actors = [t for t, _, _ in ActorCommands(screen).candidates()]
        assert "Actor: Dmitry Peskov" in actors


async def test_loads_files_in_a_worker_articles_first(make_app, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text("First title\n\nSome [red]body[/red] text.\n")
    (folder / "two.txt").write_text("Second title\n\nMore text here.\n")
    (folder / "empty.txt").write_text("")
    app = make_app(corpus=None, paths=[str(folder)])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert len(screen.corpus.articles) == 2
        assert all(screen.corpus.analysis(a.id) is not None for a in screen.corpus.articles)
        assert screen.article_id is not None
        assert not screen.query_one(ProgressBar).display
        assert "2 articles" in str(screen.query_one("#status-text").render())
        assert any("empty.txt" in n.message for n in app._notifications)


async def test_a_star_stays_with_its_article_not_with_a_same_named_file(tmp_path):
    """Starring politics/010.txt leaves business/010.txt (the same id, `010`, when each folder
    is opened alone) unstarred: marks follow the article, not its id."""
    for section, title in (("politics", "Vote delayed"), ("business", "Shares fall")):
        (tmp_path / section).mkdir()
        (tmp_path / section / "010.txt").write_text(f"{title}\n\n{title} today.\n")
    for section, press in (("politics", "s"), ("business", None)):
        state = ReadingState(tmp_path / "state.sqlite3")  # the app closes it when it quits
        app = ReaderApp(paths=[str(tmp_path / section)], state=state)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert app.screen.article_id == "010"
            if press:
                await pilot.press(press)
            starred = state.is_starred("010")
        assert starred == (section == "politics")
