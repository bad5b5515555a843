"""Search over an in-memory corpus: typos, ranking, filters, phrases, snippets and offsets."""

from __future__ import annotations

import re

import pytest

from reader.core.actors import ActorIndex
from reader.core.corpus import Corpus
from reader.core.model import Actor, Analysis, Article, Entity
from reader.core.search import search
from reader.core.snippets import snippet_of


def article(id: str, title: str, *paragraphs: str, source=None, published=None) -> Article:
    return Article(
        id=id,
        path=f"/news/{id}.txt",
        source=source,
        title=title,
        published=published,
        paragraphs=list(paragraphs),
    )


@pytest.fixture
def corpus() -> Corpus:
    articles = [
        article(
            "body",
            "Markets slide in Moscow",
            "Traders blamed the new sanctions on Russian banks.",
            "Peskov was not asked about it, nor was Peskow.",
            source="Moscow Daily",
            published="2022-02-23",
        ),
        article(
            "title",
            "Sanctions hit Russian banks",
            "The measures take effect on Tuesday, officials said.",
            source="Wire Service",
            published="2022-02-22T10:00",
        ),
        article(
            "kremlin",
            "Kremlin says summit premature",
            'Kremlin spokesman Dmitry Peskov told reporters it was "premature" to talk.',
            source="Moscow Daily",
            published="2022-02-21T09:14",
        ),
    ]
    kremlin_text = articles[2].text
    start = kremlin_text.index("Dmitry Peskov")
    analyses = {
        "kremlin": Analysis(entities=[Entity(start, start + 13, "Dmitry Peskov", "person")]),
    }
    actors = ActorIndex(
        actors=[Actor("Dmitry Peskov", "person", aliases=["Peskov"], articles=["kremlin"])]
    )
    return Corpus(articles, analyses, actors)


def ids(hits) -> list[str]:
    return [hit.article for hit in hits]


def test_a_title_match_ranks_above_a_body_match(corpus):
    assert ids(search(corpus, "sanctions")) == ["title", "body"]


def test_typos_find_the_word(corpus):
    assert ids(search(corpus, "sanctons")) == ["title", "body"]
    assert ids(search(corpus, "premture")) == ["kremlin"]


def test_every_word_must_match(corpus):
    assert ids(search(corpus, "sanctions tuesday")) == ["title"]
    assert search(corpus, "sanctions zzzzqx") == []
    assert search(corpus, "") == []


def test_actor_filter_keeps_to_articles_of_that_actor(corpus):
    # "body" names Peskov in its text but the actor index places him in "kremlin" only.
    assert ids(search(corpus, "@peskov")) == ["kremlin"]
    assert ids(search(corpus, "@pesko")) == ["kremlin"]  # fuzzy: a prefix or a typo
    # "Peskow" is indexed (in "body"), yet an @name also takes close spellings.
    assert ids(search(corpus, "@peskow talk")) == ["kremlin"]
    assert search(corpus, "@peskov sanctions") == []


def test_source_and_date_filters(corpus):
    assert ids(search(corpus, "source:moscow russian")) == ["body"]
    assert sorted(ids(search(corpus, "source:moscow"))) == ["body", "kremlin"]
    assert ids(search(corpus, "after:2022-02-22 sanctions")) == ["title", "body"]
    assert ids(search(corpus, "before:2022-02-22 kremlin")) == ["kremlin"]
    assert ids(search(corpus, "after:2022-02-23")) == ["body"]


def test_quoted_phrases_match_words_in_order(corpus):
    assert ids(search(corpus, '"russian banks"')) == ["title", "body"]
    assert search(corpus, '"banks russian"') == []


def test_hit_snippet_points_into_the_article_text(corpus):
    (hit,) = search(corpus, "peskov told", limit=1)
    text = corpus.article("kremlin").text
    assert hit.title == "Kremlin says summit premature"
    assert text[hit.offset : hit.offset + len(hit.snippet)] == hit.snippet
    words = [hit.snippet[start:end] for start, end in hit.highlights]
    assert words == ["Peskov", "told"]
    assert set(hit.to_json()) >= {"article", "title", "score", "snippet", "offset", "highlights"}


def test_snippet_is_one_line_around_the_best_match():
    text = "Intro words.\n\n" + "filler " * 60 + "the summit was called off " + "tail " * 60
    snippet, offset, highlights = snippet_of(text, [spans(re.compile(r"\bsummit\b"), text)])
    assert "\n" not in snippet and len(snippet) <= 160
    assert text[offset : offset + len(snippet)] == snippet
    ((start, end),) = highlights
    assert snippet[start:end] == "summit"
    assert 20 <= start <= 60  # some context before the match


def test_a_whole_title_finds_its_article_first(corpus):
    assert ids(search(corpus, "Kremlin says summit premature"))[0] == "kremlin"


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]
