"""Live sources in the TUI: files written into a watched folder while the reader runs, and
the refresh key. Real files, a real store, a real watcher."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from reader.core.library import Changes
from reader.core.model import Article
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens.story import Grouping
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.timeline_panel import TimelinePanel
from tests.conftest import SEEDS, rss
from tests.ui.conftest import WIDE, settle
from tests.ui.test_pilot_panes import prompts

NEW_ARTICLE = """Grain Corridor Talks Resume in Istanbul

March 10, 2022

Turkish Foreign Minister Mevlut Cavusoglu said on Tuesday that the talks would resume.

"We are hopeful," Cavusoglu told reporters in Istanbul.

Original url:

<https://www.themoscowtimes.com/2022/03/10/grain-corridor-talks-a1>
"""


def reader_on_a_folder(tmp_path) -> tuple[Path, ReaderApp]:
    """A folder holding copies of the seeds, and the reader opened on it."""
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    app = ReaderApp(paths=[str(folder)], state=ReadingState(tmp_path / "state.sqlite3"))
    return folder, app


async def wait_for(pilot, condition, seconds: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the screen to update"
        await pilot.pause(0.1)
    await pilot.app.settled()
    await pilot.pause()


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_file_dropped_into_a_watched_folder_updates_every_pane(tmp_path):
    folder, app = reader_on_a_folder(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        reading = screen.article_id
        view = screen.query_one(ArticleView)
        view.go_to_offset(view.offsets[3])
        assert not any("Grain Corridor" in p for p in prompts(screen.query_one(SourceList)))
        assert not any("Cavusoglu" in p for p in prompts(screen.query_one(ActorPanel)))

        await pilot.press("w")  # the whole archive: the new article is another story
        assert screen.wide
        (folder / "003_grain.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        await wait_for(pilot, lambda: "8 Mar 2022" in str(prompts(screen.query_one(TimelinePanel))))

        assert any("Grain Corridor" in p for p in prompts(screen.query_one(SourceList)))
        if screen.grouping is Grouping.STORY:
            await pilot.press("b")
        assert "The Moscow Times (2/2)" in prompts(screen.query_one(SourceList))
        assert any("Cavusoglu" in p for p in prompts(screen.query_one(ActorPanel)))
        assert "1 new article from The Moscow Times" in notifications(app)
        assert screen.article_id == reading, "the article being read never jumps"
        assert view.cursor == 3
        assert any((q.speaker or "").endswith("Cavusoglu") for q in screen.corpus.quotes_of())


async def test_a_changed_file_is_shown_again_and_a_deleted_one_leaves(tmp_path):
    folder, app = reader_on_a_folder(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        reading = screen.article_id
        path = folder / f"{reading}.txt"
        text = path.read_text(encoding="utf-8")
        longer = text.replace("Vladimir Putin", "Vladimir Vladimirovich Putin")
        path.write_text(longer, encoding="utf-8")
        view = screen.query_one(ArticleView)
        await wait_for(pilot, lambda: "Vladimirovich" in "".join(view.article.paragraphs))
        assert screen.article_id == reading
        assert "1 updated" in notifications(app)

        path.unlink()
        await wait_for(pilot, lambda: reading not in screen.query_one(SourceList).articles)
        assert screen.article_id != reading
        assert screen.corpus.article(reading) is None
        assert "1 removed" in notifications(app)
        assert all(
            mention.article != reading
            for event in screen.corpus.events
            for mention in event.mentions
        )


async def test_a_watched_file_lists_the_stories_once_they_are_merged(tmp_path, monkeypatch):
    folder, app = reader_on_a_folder(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, listed = app.screen, []
        stories = screen.library.stories  # (before the merge: every story's rows read)
        monkeypatch.setattr(screen.library, "stories", lambda: listed.append(1) or stories())
        (folder / "003_grain.txt").write_text(NEW_ARTICLE, encoding="utf-8")

        def grain() -> bool:
            return any("Grain Corridor" in a.title for s in screen.stories for a in s.articles)

        await wait_for(pilot, grain)
        assert listed == [1], "listed once, with the merge"
        assert any("Grain Corridor" in p for p in prompts(screen.query_one(SourceList)))


async def test_refresh_key_says_when_nothing_changed(tmp_path):
    _, app = reader_on_a_folder(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: "Up to date: nothing new." in notifications(app))


async def test_a_feed_url_reads_online_then_offline_and_refreshes(server, tmp_path):
    root, base, _, httpd = server
    (root / "world.xml").write_bytes(rss(["Peskov spoke in Moscow", "Scholz went to Kyiv"]))
    url = f"{base}/world.xml"
    state = ReadingState(tmp_path / "state.sqlite3")
    async with ReaderApp(paths=[url], state=state).run_test(size=WIDE) as pilot:
        await settle(pilot)
        listed = prompts(pilot.app.screen.query_one(SourceList))
        assert any("Peskov spoke in Moscow" in line for line in listed)
        (root / "world.xml").write_bytes(
            rss(["Peskov spoke in Moscow", "Scholz went to Kyiv", "Lavrov met Blinken"])
        )
        await pilot.press("R")
        screen = pilot.app.screen
        await wait_for(
            pilot, lambda: "Lavrov met Blinken" in str(prompts(screen.query_one(SourceList)))
        )
        assert "1 new article from T" in notifications(pilot.app)
    httpd.shutdown()
    httpd.server_close()
    async with ReaderApp(paths=[url], state=state).run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert len(pilot.app.screen.query_one(SourceList).articles) == 3
        assert any("showing cached items" in note for note in notifications(pilot.app))


async def test_an_unreachable_feed_never_blocks_the_screen(tmp_path):
    app = ReaderApp(
        paths=["http://127.0.0.1:9/feed.xml"], state=ReadingState(tmp_path / "state.sqlite3")
    )
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert any("unreachable" in note for note in notifications(app))
        await pilot.press("question_mark")
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_the_configured_theme_is_used_and_an_unknown_one_is_reported(make_app):
    async with make_app(theme="nord").run_test(size=WIDE) as pilot:
        assert pilot.app.theme == "nord"
    async with make_app(theme="no-such-theme").run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert pilot.app.theme != "no-such-theme"
        assert any("no-such-theme" in note for note in notifications(pilot.app))


def test_the_changes_summary_names_the_outlets_with_most_new_articles():
    outlets = ["BBC", "BBC", "Reuters", "AP", "AP", "AP", "DW", "NHK"]
    headers = {
        str(n): Article(id=str(n), path="", source=name, title="") for n, name in enumerate(outlets)
    }
    before = {"old": 1, "gone": 2}
    after = {"old": 3, **{i: 0 for i in headers}}
    summary = Changes.between(before, after).summary(headers)
    assert summary == (
        "8 new articles: 3 from AP, 2 from BBC, 1 from Reuters, 2 more outlets"
        " · 1 updated · 1 removed"
    )
