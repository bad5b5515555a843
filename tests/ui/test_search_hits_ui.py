"""Pilot tests for the search pop-up's hits: outlet and day, whole words, `n` within an article."""

from __future__ import annotations

import re

from textual.widgets import OptionList

from reader.core.model import SearchHit
from reader.core.search import make_snippet
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_panel import TITLE_WIDTH, SearchPanel, hit_label
from tests.ui.conftest import settle


async def test_each_hit_names_its_outlet_and_day(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"summit")
        await settle(pilot)
        panel = app.screen.query_one(SearchPanel)
        hit = panel.hits[0]
        label = panel.query_one("#search-hits", OptionList).get_option_at_index(0).prompt.plain
        assert hit.source and hit.source in label
        assert "23 Feb 2022" in label
        assert hit.more and label.endswith("…"), "the article goes on after the snippet"


async def test_n_reaches_the_other_matches_in_the_article_before_the_next_hit(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"summit", "enter")
        await settle(pilot)
        screen = app.screen
        first = screen.article_id
        view = screen.query_one(ArticleView)
        assert view.cursor == 0
        await pilot.press("n")
        await settle(pilot)
        assert screen.article_id == first, "the second paragraph's 'summit' comes first"
        assert view.cursor == 1
        await pilot.press("N")
        await settle(pilot)
        assert (screen.article_id, view.cursor) == (first, 0)


def test_a_snippet_never_cuts_a_word_and_says_where_it_was_cut():
    words = [f"word{i}" + "x" * (i % 7) for i in range(400)]
    for long in (3, 99, 101, 389):  # no space to cut at near a match
        words[long] = "https://example.org/" + "long-path-" * 8
    text = " ".join(words)
    vocabulary = set(words)
    for target in ("word2", "word100", "word390"):
        snippet, offset, highlights = make_snippet(text, [re.compile(target + r"\w*")], 60)
        assert snippet.split()[0] in vocabulary and snippet.split()[-1] in vocabulary
        assert text[offset : offset + len(snippet)] == snippet
        assert any(snippet[s:e].startswith(target) for s, e in highlights)


def test_a_title_that_is_a_whole_text_is_cut_between_words():
    title = " ".join(f"word{n}" for n in range(200))
    hit = SearchHit("a", title, 1.0, "a snippet", 0, [], [], "Fox News", "2022-05-04T10:00")
    first_line = hit_label(hit).plain.split("\n")[0]
    assert first_line.startswith("word0 word1") and " …  Fox News · 4 May 2022" in first_line
    assert len(first_line) < TITLE_WIDTH + 40
