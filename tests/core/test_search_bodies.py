"""Search scores candidates on what the index holds (titles, actor names) and reads the body
of only the articles that may be among the hits shown: the count of bodies read is bounded by
the hits asked for, not by the candidates, and the ranking is the one reading them all gives."""

from __future__ import annotations

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.core.search import search_store
from reader.core.store import Store


class CountingStore(Store):
    """A store that counts the article bodies it hands to search, however they are asked for:
    in the candidate rows or through `bodies`."""

    def __init__(self, articles: list[Article]) -> None:
        super().__init__(":memory:")
        self.add_corpus(Corpus(articles))
        self.texts = {article.text for article in articles}
        self.bodies_read = 0

    def candidates(self, *args, **kwargs):
        rows = super().candidates(*args, **kwargs)
        self.bodies_read += sum(value in self.texts for row in rows for value in row)
        return rows

    def bodies(self, places):
        found = super().bodies(places)
        self.bodies_read += len(found)
        return found


def article(id: str, title: str, body: str) -> Article:
    return Article(id, f"/news/{id}.txt", "Wire", title, "2024-05-01", paragraphs=[body])


def test_only_the_bodies_of_the_hits_shown_are_read():
    articles = [
        article(f"a{n}", f"Harbour report number {n}", f"Dockers began a walkout at pier {n}.")
        for n in range(40)
    ]
    store = CountingStore(articles)
    hits = search_store(store, "walkout", limit=3)
    assert len(hits) == 3 and all("walkout" in hit.snippet for hit in hits)
    assert store.bodies_read <= 3


def test_a_body_holding_the_word_itself_ranks_above_one_holding_another_form():
    """The index ranks `forms` first (the word's other form three times in a short body);
    reading the bodies of the best, the word itself counts more than its other form."""
    articles = [
        article("forms", "Harbour news", "Walkouts, walkouts, walkouts."),
        article("exact", "Dock news", "After a long and tiring week at the docks a walkout began."),
        *(
            article(f"x{n}", f"Other news {n}", f"Ferries sailed on time, day {n}.")
            for n in range(8)
        ),
    ]
    store = CountingStore(articles)
    assert [hit.article for hit in search_store(store, "walkout", limit=1)] == ["exact"]
    assert [hit.article for hit in search_store(store, "walkout")] == ["exact", "forms"]
