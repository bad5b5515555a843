"""Pilot tests of the story view on real files: the Library groups the fixture's two stories,
the left pane lists them, the centre names the story and steps outlet by outlet, and the right
panel shows only the story being read until `w` widens it."""

from __future__ import annotations

from pathlib import Path

from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.screens.story import Grouping
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.quotes_panel import QuotesPanel
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.timeline_panel import TimelinePanel
from tests.ui.conftest import NARROW, WIDE, settle
from tests.ui.story_fixture import FERRY, write_stories
from tests.ui.test_pilot_panes import prompts

VOLCANO_IDS = {"volcano-reykjavik", "volcano-nordic"}


def story_app(tmp_path: Path) -> ReaderApp:
    path = write_stories(tmp_path / "news")
    return ReaderApp(paths=[str(path)], state=ReadingState(tmp_path / "state.sqlite3"))


async def open_and_settle(pilot, article_id: str) -> MainScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    await screen.open_article(article_id)
    await settle(pilot)
    return screen


def side_title(screen: MainScreen) -> str:
    title = screen.query_one("#side").border_title
    return str(title)


async def test_stories_group_the_left_pane_and_b_switches_to_outlets(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.grouping is Grouping.STORY, "stories with several outlets: by story"
        rows = prompts(screen.query_one(SourceList))
        ferry = next(r for r in rows if r.startswith("▌Ferry strike"))
        assert "2/2 unread · 2024-05-02 – 2024-05-03" in ferry
        assert "Coastal Times, Harbour Gazette" in ferry
        # The newest story first, its articles newest first, each naming its outlet.
        assert rows.index(ferry) < next(i for i, r in enumerate(rows) if "▌Volcano" in r)
        under = rows[rows.index(ferry) + 1 : rows.index(ferry) + 3]
        assert "2024-05-03 Coastal Times · " in under[0]
        assert "2024-05-02 Harbour Gazette · " in under[1]
        assert screen.article_id == "ferry-coastal", "the top story's newest article opens"

        await pilot.press("b")
        assert screen.grouping is Grouping.OUTLET
        rows = prompts(screen.query_one(SourceList))
        assert rows[0] == "Coastal Times (1/1)" and "Reykjavik Daily (1/1)" in rows
        assert screen.query_one(SourceList).highlighted == 1, "the article read stays selected"
        await pilot.press("b")
        assert screen.grouping is Grouping.STORY


async def test_the_right_panel_follows_the_story_and_w_widens_it(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await open_and_settle(pilot, "volcano-reykjavik")
        assert screen.story is not None and {a.id for a in screen.story.articles} == VOLCANO_IDS
        panel = screen.panel
        assert panel is not None and panel is screen.story_corpus
        assert panel.actors and panel.events
        assert all(set(a.articles) <= VOLCANO_IDS for a in panel.actors)
        assert all(set(e.articles) <= VOLCANO_IDS for e in panel.events)
        timeline = prompts(screen.query_one(TimelinePanel))
        assert len(timeline) == len(panel.events)
        assert all("Harbour Gazette" not in t and "Coastal Times" not in t for t in timeline)
        assert any("Reykjavik Daily" in t or "Nordic Wire" in t for t in timeline)
        actors = prompts(screen.query_one(ActorPanel))
        assert f"In this story ({len(panel.actors)})" in actors
        quotes = screen.query_one("#quotes-text").render().plain
        assert "defences are doing their job" in quotes
        assert "crews will not sail" not in quotes
        assert side_title(screen).startswith("This story · Volcano erupts")

        await pilot.press("w")
        await pilot.pause()
        assert screen.wide and screen.panel is screen.merged
        assert side_title(screen) == "Whole archive"
        assert any(not set(a.articles) <= VOLCANO_IDS for a in screen.panel.actors)
        assert any(t.startswith("All articles") for t in prompts(screen.query_one(ActorPanel)))
        assert "crews will not sail" in screen.query_one("#quotes-text").render().plain

        await pilot.press("w")
        await pilot.pause()
        assert not screen.wide and screen.panel is screen.story_corpus

        await open_and_settle(pilot, "ferry-gazette")  # another story: the panel follows
        assert screen.story is not None and screen.story.title.startswith(FERRY[:12])
        assert all(not set(e.articles) & VOLCANO_IDS for e in screen.panel.events)


async def test_bracket_keys_read_the_story_outlet_by_outlet(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await open_and_settle(pilot, "volcano-reykjavik")
        line = screen.query_one("#story-line").render().plain
        assert line.startswith("Story Volcano erupts near Grindavik")
        assert "Also told by Nordic Wire" in line
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.article_id == "volcano-nordic"
        assert "Also told by Reykjavik Daily" in screen.query_one("#story-line").render().plain
        assert screen.panel is screen.story_corpus, "the same story: its panel stays"
        await pilot.press("right_square_bracket")
        assert screen.article_id == "volcano-reykjavik", "round the outlets"
        await pilot.press("left_square_bracket")
        assert screen.article_id == "volcano-nordic"


async def test_quotes_have_a_scrollable_pane_of_their_own(tmp_path):
    app = story_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = await open_and_settle(pilot, "ferry-coastal")
        await pilot.press("p")  # narrow: the side panel instead of the sources
        quotes = screen.query_one(QuotesPanel)
        while app.focused is not quotes:
            await pilot.press("tab")
        text = screen.query_one("#quotes-text").render().plain
        assert "money back" in text and "crews will not sail" in text
        assert quotes.region.height >= 3 and quotes.virtual_size.height > quotes.region.height
        await pilot.press("j", "j")
        await pilot.pause()
        assert quotes.scroll_y > 0
        speaker = next(q.speaker for q in screen.panel.quotes_of() if q.speaker)
        await screen.select_actor(speaker)
        await pilot.pause()
        shown = screen.query_one("#quotes-text").render().plain
        assert all(
            q.text.strip("“”\"' ")[:20] in shown
            for q in screen.panel.quotes_of()
            if q.speaker == speaker
        )
        others = [q for q in screen.panel.quotes_of() if q.speaker != speaker]
        assert others and all(q.text.strip("“”\"' ")[:20] not in shown for q in others)


def test_story_titles_and_outlets_are_data_on_every_story_line():
    from reader.core.model import Story, StoryArticle
    from reader.ui.widgets.article_view import story_line
    from reader.ui.widgets.source_list import story_label

    hostile = "[bold]Big[/] \x1b[31mred[@click=app.quit]"
    story = Story(
        "s", hostile, ["[red]Wire"], "2022-02-20", "2022-02-21",
        [StoryArticle("a", "[red]Wire", hostile, "2022-02-20"),
         StoryArticle("b", "Other [/]", hostile, "2022-02-21")],
    )  # fmt: skip
    for content in (story_label(story, 2, 2), story_line(story, "a")):
        assert "[bold]Big[/]" in content.plain and "\x1b" not in content.plain
    assert "Other [/]" in story_line(story, "a").plain
    assert "[red]Wire" in story_label(story, 2, 2).plain


async def test_the_panel_follows_the_story_before_the_stories_are_listed(tmp_path, monkeypatch):
    async with story_app(tmp_path).run_test(size=WIDE) as pilot:  # places the stories
        await settle(pilot)
    # Listing every story of a large archive takes seconds: the story on screen is read first.
    monkeypatch.setattr("reader.core.library.Library.stories", lambda self: [])
    app = story_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.stories == [], "no story listed"
        assert screen.story is not None and screen.story_corpus is not None
        assert screen.article_id in {article.id for article in screen.story.articles}
        assert screen.panel is screen.story_corpus
