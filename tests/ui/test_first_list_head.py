"""A warm start whose first frame lists the top stories' articles alone (`reader.core.first_list`):
the whole list, every row and count of it, comes right after that frame, and the screen then
settles as a start that listed the whole list first; the head's own counts are never said."""

from __future__ import annotations

from pathlib import Path

from reader.core import first_list
from reader.ui.screens.habits import HabitsScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import WIDE, settle
from tests.ui.story_fixture import FERRY
from tests.ui.test_pilot_panes import prompts
from tests.ui.test_warm_start_top_stories import new_app, write_corpus


async def settled_screen(tmp_path: Path, path: Path) -> tuple[list[str], str, str | None, str]:
    """A warm start, settled: the list's rows, its counts, the article open, the status."""
    app = new_app(tmp_path, path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        rows = prompts(screen.query_one(SourceList))
        return rows, screen.counts, screen.article_id, screen.status.text


async def test_the_whole_list_follows_its_head_and_settles_the_same(tmp_path, monkeypatch):
    path = write_corpus(tmp_path / "news")
    async with new_app(tmp_path, path).run_test(size=WIDE) as pilot:  # indexed, stories kept
        await settle(pilot)
    whole = await settled_screen(tmp_path, path)  # (fewer articles than a head: none)

    heads: list[tuple[list[str], list[str]]] = []  # the head's articles, and its rows
    counted: list[tuple[int, int]] = []
    show_articles, show_counts = SourceList.show_articles, HabitsScreen.show_counts

    def recorded_list(self, articles, head=False):
        show_articles(self, articles, head)
        if head:
            heads.append(([a.id for a in articles], prompts(self)))

    def recorded_counts(self, unread, total):
        counted.append((unread, total))
        show_counts(self, unread, total)

    monkeypatch.setattr(first_list, "HEAD_ARTICLES", 1)  # the top story alone makes a head
    monkeypatch.setattr(SourceList, "show_articles", recorded_list)
    monkeypatch.setattr(HabitsScreen, "show_counts", recorded_counts)
    assert await settled_screen(tmp_path, path) == whole, "every row and count, as without"
    assert len(heads) == 1
    ids, rows = heads[0]
    assert sorted(ids) == ["ferry-coastal", "ferry-gazette"], "the top story's articles alone"
    assert rows[0].startswith(f"▌{FERRY[:12]}") and rows[1:] == whole[0][1:3]
    total = int(whole[1].split()[0].split("/")[1])
    assert counted and all(seen == total for _, seen in counted), "the head's never counted"
