"""The JSON forms written out by hand (for speed) hold every field, in field order, as
`dataclasses.asdict` would: a field added to the class and not to its `to_json` fails here."""

from dataclasses import asdict

import pytest

from reader.core.model import (
    Actor,
    Article,
    CorpusQuote,
    Entity,
    Event,
    EventMention,
    Quote,
    Timex,
)

ITEMS = [
    Article(
        id="a1",
        path="folder/a.txt",
        source="BBC",
        title="Talks resume",
        published="2022-02-21T09:14",
        updated="2022-02-22",
        url="https://example.org/a",
        section="world",
        paragraphs=["First paragraph.", "Second one."],
        author="A. Writer",
        format="html",
        date_source="capture",
    ),
    Entity(3, 9, "Moscow", "place"),
    Timex(12, 18, "Monday", "DATE", "2022-02-21"),
    Quote(20, 40, "We will talk", None),
    Actor("Sergei Lavrov", "person", ["Lavrov"], ["foreign minister"], ["a1", "a2"], 4),
    Event(
        "2022-02-21",
        "Monday",
        "Talks resume in Geneva.",
        ["Sergei Lavrov"],
        ["a1"],
        [EventMention("a1", "Talks resume in Geneva.", "Monday", 3, 9)],
    ),
    CorpusQuote(None, "We will talk", "a1", 20, 40),
]


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: type(item).__name__)
def test_to_json_is_asdict(item):
    data = item.to_json()
    assert data == asdict(item)
    assert list(data) == list(asdict(item))


def test_an_articles_json_is_a_copy():
    article = ITEMS[0]
    assert isinstance(article, Article)
    article.to_json()["paragraphs"].append("changed")
    assert article.paragraphs == ["First paragraph.", "Second one."]
