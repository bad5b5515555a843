"""Comparing a story's outlets: the same quote in several outlets is one row, wording aside;
two quotes stay two; a row one outlet alone carries says so; events and actors by outlet."""

from __future__ import annotations

from reader.core.compare import (
    Place,
    article_outlets,
    compare,
    normalise,
    quote_rows,
    speakers_agree,
)
from reader.core.corpus import Corpus
from reader.core.model import Article, CorpusQuote, Story, StoryArticle


def _rows(*quotes: tuple[str, str | None, str]):
    """Rows of quotes given as (article, speaker, text); article "f*" is Fox, "n*" NYT."""
    items = [CorpusQuote(speaker, text, article) for article, speaker, text in quotes]
    outlets = {"f": "Fox News", "n": "The New York Times", "h": "HuffPost"}
    return quote_rows(
        items, lambda q: Place(outlets[q.article[0]], q.article), list(outlets.values())
    )


def test_curly_and_straight_quotes_and_hyphens_are_the_same_words():
    assert normalise("It’s a “big-game” hunt") == normalise('it\'s a "big game" hunt')


def test_the_same_quote_in_slightly_different_words_is_one_row():
    rows = _rows(
        ("f1", "Jen Psaki", "We’re always ready for diplomacy, and ready for a big-game fight."),
        ("n1", "Jen Psaki", "We're always ready for diplomacy and ready for a big game fight."),
        ("h1", None, "We're always ready for diplomacy and for a big game fight."),
    )
    assert len(rows) == 1
    assert rows[0].outlets == ["Fox News", "The New York Times", "HuffPost"]
    assert rows[0].speaker == "Jen Psaki"
    assert rows[0].articles == ["f1", "n1", "h1"]


def test_a_part_of_a_longer_quote_is_that_quote():
    rows = _rows(
        ("f1", "Dmitry Peskov", "It is premature to talk about any specific plans for a summit."),
        ("n1", None, "premature to talk about any specific plans"),
    )
    assert [row.outlets for row in rows] == [["Fox News", "The New York Times"]]


def test_two_different_quotes_by_one_speaker_stay_two_rows():
    rows = _rows(
        ("f1", "Joe Biden", "I am hoping diplomacy is still available."),
        ("n1", "Joe Biden", "We remain open to diplomacy if it is serious."),
    )
    assert len(rows) == 2
    assert [row.only_in(["Fox News", "The New York Times"]) for row in rows] == [
        "Fox News",
        "The New York Times",
    ]


def test_a_fragment_does_not_bridge_two_quotes():
    rows = _rows(
        ("f1", "Joe Biden", "We will act in the coming days, with our allies in Europe."),
        ("h1", None, "act in the coming days"),
        ("n1", "Joe Biden", "Sanctions will follow in the coming days, as we promised."),
    )
    assert len(rows) == 2


def test_the_same_words_by_other_speakers_stay_apart_unless_verbatim_and_long():
    short = _rows(("f1", "Mitt Romney", "a tender topic"), ("n1", "Barack Obama", "a tender topic"))
    assert len(short) == 2
    long = "this strategy is very cynical but very obvious and transparent to everyone"
    assert len(_rows(("f1", "Harry Reid", long), ("n1", "Jim Manley", long))) == 1
    assert speakers_agree("Arizona Sheriff Joe Arpaio", "Sheriff Arpaio")
    assert speakers_agree("John G. Roberts Jr.", "John Roberts")
    assert not speakers_agree("Joe Biden", "Jen Psaki")


def test_articles_of_no_known_outlet_are_outlets_of_their_own():
    articles = [StoryArticle("a", None, "t", None), StoryArticle("b", "CNN", "t", None)]
    assert article_outlets(articles) == {"a": "Unknown source", "b": "CNN"}
    two = [StoryArticle("a", None, "t", None), StoryArticle("c", None, "t", None)]
    assert article_outlets(two) == {"a": "Unknown source 1", "c": "Unknown source 2"}


def test_a_story_compared_by_outlet_with_paragraphs():
    fox = Article(
        "fox",
        "fox.txt",
        "Fox News",
        "Summit off",
        "2022-02-21",
        paragraphs=[
            "Vladimir Putin spoke in Moscow on Monday about the summit with Joe Biden.",
            "“It is premature to talk about a summit,” Dmitry Peskov told reporters.",
        ],
    )
    nyt = Article(
        "nyt",
        "nyt.txt",
        "The New York Times",
        "No summit",
        "2022-02-21",
        paragraphs=[
            "Dmitry Peskov said on Monday that it was too early.",
            "“It’s premature to talk about a summit,” Mr. Peskov said.",
        ],
    )
    corpus = Corpus.build([fox, nyt])
    story = Story(
        "fox",
        "Summit off",
        ["Fox News", "The New York Times"],
        articles=[StoryArticle(a.id, a.source, a.title, a.published) for a in (fox, nyt)],
    )
    comparison = compare(story, corpus)
    assert comparison.outlets == ["Fox News", "The New York Times"]
    (quote,) = [q for q in comparison.quotes if "premature" in q.text]
    assert quote.outlets == ["Fox News", "The New York Times"]
    assert {(p.article, p.paragraph) for p in quote.places} == {("fox", 1), ("nyt", 1)}
    actors = {row.text: row.outlets for row in comparison.actors}
    assert actors["Dmitry Peskov"] == ["Fox News", "The New York Times"]
    assert actors["Joe Biden"] == ["Fox News"]
    data = comparison.to_json()
    assert set(data) >= {"story", "title", "outlets", "articles", "actors", "quotes", "events"}
    biden = next(a for a in data["actors"] if a["name"] == "Joe Biden")
    assert biden["only_in"] == "Fox News" and biden["type"] == "person"
    assert all(set(e) >= {"date", "text", "outlets"} for e in data["events"])
