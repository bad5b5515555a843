"""Feeds in the TUI with a real local HTTP server and a real config file: ctrl+r reloads one
feed, `F` adds, renames and removes subscriptions without a restart, `R` fetches a feed
subscribed to meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reader.core.state import ReadingState
from reader.core.subscriptions import Config, Feed, load_config, save_config
from reader.ui.app import ReaderApp
from reader.ui.screens.feeds import FeedsScreen
from reader.ui.widgets.source_list import SourceList
from tests.conftest import rss
from tests.ui.conftest import WIDE, settle
from tests.ui.test_live import wait_for
from tests.ui.test_pilot_panes import prompts


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder))
    return folder


def two_feeds(server, config_dir: Path) -> tuple[str, str]:
    """Two feeds served, the first of them subscribed to."""
    root, base, _, _ = server
    (root / "a.xml").write_bytes(rss(["Alpha one"]))
    (root / "b.xml").write_bytes(rss(["Beta one"]))
    first, second = f"{base}/a.xml", f"{base}/b.xml"
    save_config(Config([Feed(first)]), config_dir / "config.toml")
    return first, second


def listed(app) -> str:
    return str(prompts(app.screen.query_one(SourceList)))


async def test_ctrl_r_fetches_the_feed_of_the_article_only(server, tmp_path, config_dir):
    root, base, _, _ = server
    (root / "a.xml").write_bytes(rss(["Alpha one"]))
    (root / "b.xml").write_bytes(rss(["Beta one"]))
    paths = [f"{base}/a.xml", f"{base}/b.xml"]
    app = ReaderApp(paths=paths, state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: "Beta one" in listed(app) and "Alpha one" in listed(app))
        (root / "a.xml").write_bytes(rss(["Alpha one", "Alpha two"]))
        (root / "b.xml").write_bytes(rss(["Beta one", "Beta two"]))
        alpha = next(a for a in app.screen.corpus.articles if a.title == "Alpha one")
        await app.screen.open_article(alpha.id)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "Alpha two" in listed(app))
        assert "Beta two" not in listed(app), "the other feed was not fetched"
        await pilot.press("R")
        await wait_for(pilot, lambda: "Beta two" in listed(app))


async def test_F_adds_renames_and_removes_feeds_without_a_restart(server, tmp_path, config_dir):
    first, second = two_feeds(server, config_dir)
    app = ReaderApp(paths=[first], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: "Alpha one" in listed(app))
        await pilot.press("F")
        await settle(pilot)
        feeds = app.screen
        assert isinstance(feeds, FeedsScreen)
        await pilot.press("a", *"ftp://x", "enter")
        await settle(pilot)
        problem = feeds.query_one("#feed-problem").render().plain
        assert "only http:// and https://" in problem
        field = feeds.query_one(Input)
        field.value = second
        await pilot.press("enter")
        await settle(pilot)
        assert [f.url for f in load_config(config_dir / "config.toml").feeds] == [first, second]
        await pilot.press("down", "e")
        await settle(pilot)
        feeds.query_one(Input).value = "Beta [b]Wire[/b]"
        await pilot.press("enter", "escape")
        await wait_for(pilot, lambda: "Beta one" in listed(app))
        await wait_for(pilot, lambda: "Beta [b]Wire[/b] (1/1)" in listed(app))
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("down", "d", "escape")
        await wait_for(pilot, lambda: "Beta one" not in listed(app))
        assert [f.url for f in load_config(config_dir / "config.toml").feeds] == [first]


async def test_R_fetches_a_feed_subscribed_to_meanwhile(server, tmp_path, config_dir):
    first, second = two_feeds(server, config_dir)
    state = ReadingState(tmp_path / "state.sqlite3")
    app = ReaderApp(paths=[first], state=state, follows_subscriptions=True)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: "Alpha one" in listed(app))
        save_config(Config([Feed(first), Feed(second)]), config_dir / "config.toml")
        await pilot.press("R")
        await wait_for(pilot, lambda: "Beta one" in listed(app))


async def test_F_never_saves_over_a_config_it_cannot_read(make_app, config_dir):
    config_dir.mkdir()
    broken = "[[feeds]\nurl = 'https://example.org/rss.xml'\n"
    (config_dir / "config.toml").write_text(broken, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("F", "a")
        await settle(pilot)
        problem = app.screen.query_one("#feed-problem").render().plain
        assert "fix it first" in problem
        assert not app.screen.query_one(Input).display
        await pilot.press("escape")
    assert (config_dir / "config.toml").read_text(encoding="utf-8") == broken
