"""Actor resolution: within an article, across articles, fuzzy surnames, roles."""

from __future__ import annotations

from reader.core.actors import resolve_actors, role_before
from reader.core.analysis import analyze_article
from reader.core.model import Article


def article(article_id: str, *paragraphs: str) -> Article:
    return Article(
        id=article_id, path=f"{article_id}.txt", source=None, title="", paragraphs=list(paragraphs)
    )


def resolve(*articles: Article):
    return resolve_actors([(a, analyze_article(a)) for a in articles])


def people(index) -> dict[str, object]:
    return {a.name: a for a in index.actors if a.type == "person"}


def test_surname_after_full_name_is_the_same_person():
    index = resolve(article("a", "Russian President Vladimir Putin spoke.", "Later Putin left."))
    putin = people(index)["Vladimir Putin"]
    assert putin.mentions == 2
    assert "Putin" in putin.aliases
    assert putin.roles == ["Russian President"]


def test_one_actor_across_articles_lists_every_article():
    index = resolve(
        article("a", "President Joe Biden spoke in Washington."),
        article("b", "Biden met Vladimir Putin. Joe Biden said no."),
    )
    biden = people(index)["Joe Biden"]
    assert biden.articles == ["a", "b"]
    assert biden.mentions == 3


def test_misspelled_surname_merges_with_its_full_name():
    index = resolve(
        article(
            "a",
            "It was welcomed by Ukrainian Foreign Minister Dymtro Kulbela.",
            "“Yes,” Kubela said.",
        )
    )
    kulbela = [a for a in index.actors if "Kubela" in a.aliases]
    assert len(kulbela) == 1 and kulbela[0].name == "Dymtro Kulbela"
    assert "Kubela" not in people(index)


def test_people_sharing_a_surname_do_not_merge():
    index = resolve(
        article("a", "President Bill Clinton spoke.", "Later Hillary Clinton spoke too."),
        article("b", "Senator Hillary Clinton spoke in Iowa."),
    )
    names = people(index)
    assert names["Bill Clinton"].articles == ["a"]
    assert names["Hillary Clinton"].articles == ["a", "b"]


def test_lone_surname_joins_the_closest_full_name_before_it():
    text = "Bill Clinton spoke. Then Hillary Clinton spoke. Clinton smiled."
    index = resolve(article("a", text))
    assert index.actor_at("a", text.index("Clinton smiled")) == "Hillary Clinton"
    assert index.actor_at("a", text.index("Bill")) == "Bill Clinton"


def test_index_maps_mentions_and_surfaces_to_canonical_names():
    text = "Kremlin spokesman Dmitry Peskov spoke. Peskov repeated it."
    index = resolve(article("a", text))
    assert index.actor_at("a", text.index("Peskov repeated")) == "Dmitry Peskov"
    assert index.canonical("a", "Peskov") == "Dmitry Peskov"
    assert index.canonical("a", "Nobody Known") == "Nobody Known"
    assert index.canonical("a", None) is None
    assert people(index)["Dmitry Peskov"].roles == ["Kremlin spokesman"]


def test_acronym_joins_its_long_form():
    index = resolve(article("a", "NATO met. The North Atlantic Treaty Organization agreed."))
    nato = [a for a in index.actors if a.type == "organization"]
    assert len(nato) == 1 and nato[0].mentions == 2


def test_role_before_stops_at_sentence_end():
    text = "They met in Ukraine. White House spokeswoman Jen Psaki said so."
    assert role_before(text, text.index("Jen")) == "White House spokeswoman"
    assert role_before(text, text.index("Ukraine")) is None
