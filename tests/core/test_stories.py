"""Story grouping: real articles through the real analysis, grouped one at a time."""

from __future__ import annotations

import json
import random

import pytest

from reader.core.analysis import analyze_article
from reader.core.ingest import load_articles
from reader.core.model import Article
from reader.core.stories import StoryIndex, group

TOPICS = {
    "dam": [
        "Flood waters breach the Karnaphuli dam near Chittagong",
        "Engineers said the Karnaphuli dam gave way after monsoon rains swelled the reservoir. "
        "Villages downstream of Chittagong were evacuated as the flood waters rose, and the "
        "Bangladesh Water Development Board sent pumps and sandbags to the breach.",
    ],
    "chess": [
        "Magnus Carlsen loses the Tata Steel chess final in Wijk aan Zee",
        "The world champion Magnus Carlsen resigned the last game of the Tata Steel chess "
        "tournament in Wijk aan Zee after a long endgame, handing the trophy to Anish Giri, "
        "whose opening preparation with the Berlin defence surprised the champion.",
    ],
    "vaccine": [
        "Regulators approve a malaria vaccine for children in Ghana",
        "Ghana's Food and Drugs Authority approved the R21 malaria vaccine developed at the "
        "University of Oxford, the first approval for children under five. The Serum "
        "Institute of India will manufacture the doses for the immunisation campaign.",
    ],
}


def article(topic: str, outlet: str, published: str | None, number: int = 0) -> Article:
    """An outlet's own telling of a topic: the same facts, a sentence of its own."""
    title, body = TOPICS[topic]
    own = f"{outlet} reporters filed this account, number {number}, on the day."
    return Article(
        id=f"{topic}-{outlet.lower().replace(' ', '-')}-{number}",
        path=f"{topic}-{outlet}.txt",
        source=outlet,
        title=title if number % 2 == 0 else f"{title}, officials say",
        published=published,
        paragraphs=[body, own] if number % 2 == 0 else [own, body],
    )


@pytest.fixture(scope="module")
def collection() -> list[tuple[Article, object]]:
    articles = [
        article("dam", "Daily Star", "2023-08-07", 0),
        article("dam", "Reuters", "2023-08-08", 1),
        article("chess", "Chessbase", "2023-01-29", 0),
        article("chess", "The Guardian", "2023-01-29", 1),
        article("chess", "El Pais", "2023-01-30", 2),
        article("vaccine", "BBC", None, 0),
        article("vaccine", "Nature", None, 1),
    ]
    return [(a, analyze_article(a)) for a in articles]


def partition(index: StoryIndex) -> dict[str, list[str]]:
    return {s.id: sorted(a.id for a in s.articles) for s in index.stories()}


def build(items) -> StoryIndex:
    index = StoryIndex()
    for item, analysis in items:
        index.add(item, analysis)
    return index


def test_the_seeds_are_one_story(seeds):
    articles = load_articles([seeds])
    stories = group(articles, [analyze_article(a) for a in articles])
    assert len(articles) == 2
    assert [len(s.articles) for s in stories] == [2]
    assert len(stories[0].outlets) == 2  # one seed names no outlet: an outlet of its own
    assert stories[0].first < stories[0].last


def test_each_topic_is_one_story_and_topics_stay_apart(collection):
    stories = partition(build(collection))
    topics = sorted(sorted({member.split("-")[0] for member in ids}) for ids in stories.values())
    assert topics == [["chess"], ["dam"], ["vaccine"]]


def test_the_order_of_arrival_changes_nothing(collection):
    expected = partition(build(collection))
    for seed in range(5):
        shuffled = list(collection)
        random.Random(seed).shuffle(shuffled)
        assert partition(build(shuffled)) == expected


def test_a_story_is_named_by_its_earliest_article(collection):
    index = build(collection)
    chess = index.story_of("chess-chessbase-0")
    assert chess == "chess-chessbase-0"
    assert index.story_of("chess-el-pais-2") == chess
    story = next(s for s in index.stories() if s.id == chess)
    assert story.outlets == ["Chessbase", "El Pais", "The Guardian"]
    assert (story.first, story.last) == ("2023-01-29", "2023-01-30")
    assert "Magnus Carlsen" in story.actors
    assert index.story(chess) == story
    assert index.story("no-such-story") is None


def test_the_same_article_twice_is_one_story(collection):
    original, analysis = collection[2]
    copy = Article(**{**original.to_json(), "id": "chess-copy", "source": "Aggregator"})
    index = build([*collection, (copy, analysis)])
    assert index.story_of("chess-copy") == index.story_of(original.id)


def test_an_unrelated_article_leaves_the_ids_alone(collection):
    index = build(collection)
    before = partition(index)
    stray = Article(
        id="stray",
        path="stray.txt",
        source="Gazette",
        title="Bakery wins a sourdough prize",
        published="2023-01-29",
        paragraphs=[
            "A bakery in Lyon won the national sourdough baguette contest with a "
            "loaf proofed for forty hours."
        ],
    )
    assert index.add(stray, analyze_article(stray)) == "stray"
    after = partition(index)
    assert after.pop("stray") == ["stray"]
    assert after == before


def test_articles_months_apart_are_different_stories(collection):
    early, analysis = collection[0]
    late = Article(**{**early.to_json(), "id": "dam-late", "published": "2024-03-01"})
    index = build([(early, analysis), (late, analysis)])
    assert index.story_of("dam-late") != index.story_of(early.id)


def test_remove_takes_an_article_out_and_renames_a_story_that_loses_its_first(collection):
    index = build(collection)
    index.remove("chess-chessbase-0")
    assert "chess-chessbase-0" not in index
    assert index.story_of("chess-the-guardian-1") == "chess-the-guardian-1"
    assert partition(index)["chess-the-guardian-1"] == ["chess-el-pais-2", "chess-the-guardian-1"]
    assert partition(index) == partition(build(collection[:2] + collection[3:]))
    index.remove("no-such-article")
    assert len(index) == len(collection) - 1


def test_the_state_survives_a_json_round_trip(collection):
    index = build(collection)
    restored = StoryIndex.from_json(json.loads(json.dumps(index.to_json())))
    assert [s.to_json() for s in restored.stories()] == [s.to_json() for s in index.stories()]
    extra = article("dam", "AP", "2023-08-08", 3)
    assert restored.add(extra, analyze_article(extra)) == "dam-daily-star-0"


def test_an_index_restored_from_its_links_goes_on_as_the_original(collection):
    from reader.core.stories import ArticleVector, vectorize

    original = build(collection[:-1])
    vectors = {article.id: vectorize(article, analysis) for article, analysis in collection}
    links = original.links()
    assert links  # the restore has links to take
    restored = StoryIndex.restore(
        (a, ArticleVector.from_json(vectors[a].to_json()), links.get(a))
        for a in original.assignments()
    )
    assert restored.assignments() == original.assignments()
    assert partition(restored) == partition(original)
    last = collection[-1]
    assert restored.add(*last) == original.add(*last)
    assert restored.assignments() == original.assignments()
    assert restored.links() == original.links()
