"""Stepping through a story outlet by outlet, and the story's dates as the screen shows them."""

from __future__ import annotations

from reader.core.model import Story, StoryArticle, article_outlets, outlets_line
from reader.core.story_nav import next_outlet_article, other_outlets, story_dates


def story(*articles: tuple[str, str | None, str | None]) -> Story:
    listed = [StoryArticle(i, source, f"title {i}", published) for i, source, published in articles]
    dates = sorted(p for _, _, p in articles if p)
    return Story(
        "s",
        "A story",
        sorted({s for _, s, _ in articles if s}),
        dates[0] if dates else None,
        dates[-1] if dates else None,
        listed,
    )


THREE = story(
    ("b1", "BBC", "2022-02-20"),
    ("c1", "CNN", "2022-02-21"),
    ("c2", "CNN", "2022-02-23"),
    ("a1", None, None),
)


def test_next_outlet_goes_round_the_outlets_alphabetically_to_their_newest_article():
    assert next_outlet_article(THREE, "b1") == "c2"
    assert next_outlet_article(THREE, "c1") == "a1"  # "Unknown source" after CNN
    assert next_outlet_article(THREE, "a1") == "b1"
    assert next_outlet_article(THREE, "b1", -1) == "a1"
    assert next_outlet_article(THREE, "not-in-it") == "b1"


def test_one_outlet_has_no_next():
    alone = story(("x", "BBC", "2022-01-01"), ("y", "BBC", "2022-01-02"))
    assert next_outlet_article(alone, "x") is None
    assert other_outlets(alone, "x") == []


def test_other_outlets_and_dates():
    assert other_outlets(THREE, "c1") == ["BBC", "Unknown source"]
    assert story_dates(THREE) == "2022-02-20 – 2022-02-23"
    assert story_dates(story(("x", "BBC", "2022-01-01T10:00"))) == "2022-01-01"
    assert story_dates(story(("x", "BBC", None))) == "undated"


def test_a_story_line_counts_its_articles_of_no_outlet_instead_of_numbering_them():
    articles = [StoryArticle(i, s, "t", None) for i, s in [("1", "BBC"), ("2", None), ("3", None)]]
    outlets = sorted(set(article_outlets(articles).values()))
    assert outlets == ["BBC", "Unknown source 1", "Unknown source 2"]
    assert outlets_line(outlets) == "BBC, 2 of unknown source"
    assert outlets_line(["CNN", "Unknown source"]) == "CNN, Unknown source"
    assert outlets_line([]) == "Unknown source"
