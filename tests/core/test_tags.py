"""Tags from a real config file: parsed, kept when the config is saved, and the articles each
selects through the search language and through the feeds that carry it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.core.corpus import Corpus
from reader.core.subscriptions import Feed, load_config, save_config, with_feeds
from reader.core.tags import Tag, tag_members, tags_of
from tests.ui.fixture_corpus import build_corpus

CONFIG = """
[tags]
ukraine = ['source:"Kyiv Post"', "@peskov"]
summit = "summit"
broken = 3

[[feeds]]
url = "https://example.org/rss.xml"
tags = ["world", "summit"]
"""


def test_tags_are_read_warned_and_kept_when_the_config_is_saved(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    said: list[str] = []
    config = load_config(path, said.append)
    assert config.tags == {"ukraine": ['source:"Kyiv Post"', "@peskov"], "summit": ["summit"]}
    assert len(said) == 1 and "broken" in said[0]
    config.add(Feed("https://example.com/feed"))  # what `reader feeds add` does
    save_config(config, path)
    assert load_config(path).tags == config.tags
    assert [t.name for t in tags_of(load_config(path))] == ["ukraine", "summit", "world"]
    summit = tags_of(config)[1]
    assert summit == Tag("summit", ("summit",), ("https://example.org/rss.xml",))


def test_a_tag_selects_what_its_queries_match_and_its_feeds_carry():
    corpus = build_corpus()
    assert tag_members(corpus, Tag("k", ('source:"Kyiv Post"',))) == ({"kyiv-1"}, [])
    assert tag_members(corpus, Tag("p", ("@peskov",))) == ({"moscow-1"}, [])
    both = Tag("ukraine", ('source:"Kyiv Post"', "@peskov"))
    assert tag_members(corpus, both)[0] == {"kyiv-1", "moscow-1"}
    assert tag_members(corpus, Tag("n", ("nosuchwordanywhere",))) == (set(), [])
    found, problems = tag_members(corpus, Tag("d", ("after:whenever",)))
    assert found == set() and problems and "tag d" in problems[0]


def test_a_feed_tag_selects_the_feed_articles():
    fixture = build_corpus()
    feed = replace(fixture.articles[0], id="feed-1", path="https://example.org/rss.xml")
    corpus = Corpus.build([*fixture.articles, feed])
    tag = Tag("world", feeds=("https://example.org/rss.xml",))
    assert tag_members(corpus, tag) == ({"feed-1"}, [])


def test_with_feeds_drops_the_removed_and_adds_the_new_once():
    paths = ["/news", "https://a.example/rss", "https://b.example/rss"]
    added = ["https://c.example/rss", "https://a.example/rss", "https://c.example/rss"]
    assert with_feeds(paths, added, ["https://b.example/rss"]) == [
        "/news",
        "https://a.example/rss",
        "https://c.example/rss",
    ]
