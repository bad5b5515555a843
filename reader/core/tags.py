"""Tags: names for the articles a reader follows, from the config file.

A tag is search queries (the search language of reader.core.search: words, "phrases",
`@actor`, `source:"Kyiv Post"`, `after:`/`before:` dates), and the feeds that carry it:

    [tags]
    ukraine = ['source:"Kyiv Post"', "@zelensky"]   # a list: an article matching any
    markets = "stocks after:2022-01-01"               # one query

    [[feeds]]
    url = "https://example.org/rss.xml"
    tags = ["world"]                                  # this feed's articles are tagged world

A tag selects every article one of its queries matches (unranked, however many) and every
article of its feeds.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.corpus import Corpus
from reader.core.subscriptions import Config


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    queries: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    """The URLs of the feeds that carry the tag."""


def tags_of(config: Config) -> list[Tag]:
    """The config's tags: the [tags] table's in its order, then the ones only feeds name."""
    queries: dict[str, list[str]] = {name: list(q) for name, q in config.tags.items()}
    feeds: dict[str, list[str]] = {name: [] for name in queries}
    for feed in config.feeds:
        for name in feed.tags:
            feeds.setdefault(name, []).append(feed.url)
    return [Tag(name, tuple(queries.get(name, ())), tuple(urls)) for name, urls in feeds.items()]


def tag_members(corpus: Corpus, tag: Tag) -> tuple[set[str], list[str]]:
    """The ids of the articles `tag` selects in `corpus`, and what in its queries could not
    be read (said to the reader, never silently matched by nothing)."""
    selected: set[str] = set()
    problems: list[str] = []
    if tag.queries:
        from reader.core.search import index_of, select_all  # (with rapidfuzz: not at start)

        store = index_of(corpus)
        for query in tag.queries:
            found, unread = select_all(store, query)
            selected |= found
            problems += [f"tag {tag.name}: {problem}" for problem in unread]
    if tag.feeds:
        feeds = set(tag.feeds)
        selected |= {article.id for article in corpus.articles if article.path in feeds}
    return selected, problems
