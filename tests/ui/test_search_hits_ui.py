"""Pilot tests for the search pop-up's hits: outlet and day, whole words, `n` within an article."""

from __future__ import annotations

import re

from textual.widgets import OptionList

from reader.core.model import SearchHit
from reader.core.snippets import snippet_of
from reader.ui.highlight import CURRENT_MATCH
from reader.ui.match_stops import chosen_stop, match_stops
from reader.ui.widgets.article_view import ArticleView, Paragraph, line_of
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


def test_a_hit_of_no_outlet_says_so_as_the_list_does():
    hit = SearchHit("a", "A title", 1.0, "a snippet", 0, published="2022-02-21T09:14")
    assert hit_label(hit).plain.split("\n")[0].endswith("Unknown source · 21 Feb 2022")


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
        found = [spans(re.compile(target + r"\w*"), text)]
        snippet, offset, highlights = snippet_of(text, found, 60)
        assert snippet.split()[0] in vocabulary and snippet.split()[-1] in vocabulary
        assert text[offset : offset + len(snippet)] == snippet
        assert any(snippet[s:e].startswith(target) for s, e in highlights)


def test_a_title_that_is_a_whole_text_is_cut_between_words():
    title = " ".join(f"word{n}" for n in range(200))
    hit = SearchHit("a", title, 1.0, "a snippet", 0, [], [], "Fox News", "2022-05-04T10:00")
    first_line = hit_label(hit).plain.split("\n")[0]
    assert first_line.startswith("word0 word1") and " …  Fox News · 4 May 2022" in first_line
    assert len(first_line) < TITLE_WIDTH + 40


def words_search(words: str):
    """A search that finds `words` (a regex) in each article, hits in corpus order, so these
    tests step through known matches whatever the ranking in core."""

    def search(corpus, query, limit=20):
        hits = []
        for article in corpus.articles:
            spans = [m.span() for m in re.finditer(words, article.text)]
            if spans:
                start = spans[0][0]
                snippet = article.text[start : start + 30]
                hits.append(
                    SearchHit(
                        article.id,
                        article.title,
                        1.0,
                        snippet,
                        start,
                        [(0, spans[0][1] - start)],
                        spans,
                    )
                )
        return hits[:limit]

    return search


async def stops_seen(pilot, key: str, count: int) -> list[tuple[str, int, str]]:
    """Press `key` `count` times; each time the article, the cursor paragraph and the one
    match drawn as the current one."""
    screen = pilot.app.screen
    seen = []
    for _ in range(count):
        await pilot.press(key)
        await settle(pilot)
        text = screen.corpus.article(screen.article_id).text
        current = [text[s:e] for s, e, style in screen.emphasis if style == CURRENT_MATCH]
        assert len(current) == 1, "one match is the current one"
        seen.append((screen.article_id, screen.query_one(ArticleView).cursor, current[0]))
    return seen


async def test_every_match_is_a_stop_and_N_retraces_n_exactly(make_app, monkeypatch):
    monkeypatch.setattr("reader.core.search.search", words_search(r"sanctions|Russia|summit|Putin"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"x")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        status = screen.query_one("#status-text").render().plain
        stops = len(screen.stops)
        assert stops == 4 + 2  # moscow-1: summit, Putin, summit, Putin; kyiv-1: sanctions, Russia
        assert status.startswith(f"Match 1 of {stops} · hit 1 of 2")
        forward = await stops_seen(pilot, "n", stops)
        words = ["Putin", "summit", "Putin", "sanctions", "Russia", "summit"]
        assert [word for *_, word in forward] == words, "each match a stop; n wraps round"
        assert [paragraph for _, paragraph, _ in forward[:3]] == [0, 1, 2]
        backward = await stops_seen(pilot, "N", stops)
        assert backward == forward[-2::-1] + [forward[-1]]
        assert backward[0] == ("kyiv-1", 0, "Russia"), "N wraps round to the last match"
        assert backward[2] == ("moscow-1", 2, "Putin"), "back into a hit: its last match"
        status = screen.query_one("#status-text").render().plain
        assert status.startswith(f"Match 1 of {stops}")


async def test_the_current_match_looks_unlike_the_others(make_app, monkeypatch):
    monkeypatch.setattr("reader.core.search.search", words_search(r"summit|Putin"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"x", "enter", "n")
        await settle(pilot)
        first = app.screen.query(Paragraph).first()
        segments = [seg for y in range(first.size.height) for seg in first.render_line(y)]
        background = {seg.text.strip(): seg.style.bgcolor for seg in segments}
        assert background["Putin"] != background["summit"], "the current match and another"
        assert background["summit"] != background["called off a"], "both highlighted"


def test_overlapping_matches_are_one_stop_and_a_hit_without_any_is_one():
    hits = [
        SearchHit("a", "A", 1.0, "resigns resigned", 10, [(0, 7)], [(10, 17), (10, 15), (30, 38)]),
        SearchHit("b", "Resigns", 0.5, "text", 0, [], []),
    ]
    stops = match_stops(hits)
    assert [(s.hit, s.start, s.end) for s in stops] == [(0, 10, 17), (0, 30, 38), (1, 0, 0)]
    assert chosen_stop(stops, hits, 0) == 0 and chosen_stop(stops, hits, 1) == 2


def test_line_of_finds_the_wrapped_line_of_an_offset():
    text = " ".join(f"word{n:02}" for n in range(30))  # 7 characters a word
    assert line_of(text, 0, 16) == 0
    assert line_of(text, text.index("word02"), 16) == 1  # two words a line
    assert line_of(text, text.index("word29"), 16) == 14


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]
