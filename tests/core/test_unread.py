"""Unread counts and the next unread article, from a real reading state on disk."""

from __future__ import annotations

import time
from pathlib import Path

from reader.core.model import Article
from reader.core.state import ReadingState
from reader.core.unread import count_unread, next_unread


def article(number: int, source: str = "Wire") -> Article:
    return Article(id=f"a{number}", path=f"/news/{number}.txt", source=source, title=str(number))


def test_count_and_next_unread_follow_the_marks(tmp_path: Path):
    state = ReadingState(tmp_path / "state.sqlite3")
    groups = [[article(1), article(2)], [article(3)]]
    state.track([a for group in groups for a in group])
    assert count_unread(groups[0], state) == 2
    assert next_unread(groups, None, state) == "a1"
    assert next_unread(groups, "a1", state) == "a2"
    state.set_read("a2")
    assert count_unread(groups[0], state) == 1
    assert next_unread(groups, "a1", state) == "a3", "on to the next group"
    assert next_unread(groups, "a3", state) == "a1", "wrapping round"
    state.set_read("a1")
    state.set_read("a3")
    assert next_unread(groups, "a3", state) is None


def test_set_read_many_marks_in_one_go_keeps_stars_and_survives_reopening(tmp_path: Path):
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    articles = [article(n) for n in range(5)]
    state.track(articles)
    state.set_read("a0")
    state.toggle_star("a1")
    changed = state.set_read_many([a.id for a in articles])
    assert changed == ["a1", "a2", "a3", "a4"]
    assert count_unread(articles, state) == 0
    state.close()
    again = ReadingState(path)
    again.track(articles)
    assert all(again.is_read(a.id) for a in articles) and again.is_starred("a1")
    assert again.set_read_many(["a3"], read=False) == ["a3"]
    assert count_unread(articles, again) == 1
    again.close()


def test_counting_a_hundred_thousand_articles(tmp_path: Path):
    """A figure, not a limit: counting reads the in-memory marks only."""
    state = ReadingState(tmp_path / "state.sqlite3")
    articles = [article(n, f"Outlet {n % 50}") for n in range(100_000)]
    state.track(articles)
    state.set_read_many([a.id for a in articles[::3]])
    started = time.perf_counter()
    unread = count_unread(articles, state)
    print(f"counted 100,000 articles in {time.perf_counter() - started:.3f} s")
    assert unread == 100_000 - len(articles[::3])
