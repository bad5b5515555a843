"""Actor resolution: within an article, across articles, fuzzy surnames, roles."""

from __future__ import annotations

from reader.core.actors import resolve_actors
from reader.core.analysis import analyze_article
from reader.core.model import Article
from reader.core.nlp.roles import role_before


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


def test_abbreviation_joins_the_name_it_shortens():
    index = resolve(article("a", "The United States acted. The U.S. said so."))
    places = [a for a in index.actors if a.type == "place"]
    assert len(places) == 1 and set(places[0].aliases) | {places[0].name} == {
        "U.S.",
        "United States",
    }


def test_honorifics_are_not_roles():
    text = "Industry Secretary Patricia Hewitt spoke. Ms Hewitt then left."
    hewitt = people(resolve(article("a", text)))["Patricia Hewitt"]
    assert hewitt.roles == ["Industry Secretary"]
    assert hewitt.mentions == 2


def test_role_never_reaches_into_the_previous_sentence():
    text = "He backed the EU. Mr Blair disagreed."
    assert role_before(text, text.index("Blair")) is None


def test_lone_surname_in_another_article_joins_the_one_person_who_bears_it():
    index = resolve(
        article("a", "President Donald Trump spoke in Ohio."),
        article("b", "Officials said Trump would not come."),
    )
    trump = people(index)["Donald Trump"]
    assert trump.articles == ["a", "b"]
    assert not [a for a in index.actors if a.name == "Trump"]


def test_bare_surname_across_articles_goes_to_a_dominant_bearer_only():
    main = "President Donald Trump spoke. Donald Trump left. Donald Trump came. Donald Trump sat."
    index = resolve(
        article("a", main, "Donald Trump Jr. smiled."),
        article("b", "Officials said Trump would not come."),
    )
    assert people(index)["Donald Trump"].articles == ["a", "b"]
    even = resolve(
        article("a", "Bill Clinton spoke.", "Hillary Clinton spoke."),
        article("b", "Officials said Clinton would not come."),
    )
    assert people(even)["Bill Clinton"].articles == ["a"]
    assert people(even)["Hillary Clinton"].articles == ["a"]


def test_role_keeps_of_inside_a_title_only():
    text = "He met the head of President Donald Trump's team and Secretary of State John Kerry."
    assert role_before(text, text.index("Donald")) == "President"
    assert role_before(text, text.index("John")) == "Secretary of State"


def test_first_name_variants_and_initials_merge_but_other_first_names_do_not():
    index = resolve(
        article("a", "Kremlin spokesman Dmitry Peskov spoke."),
        article("b", "Kremlin spokesman Dmitri Peskov spoke. J. Biden and Joe Biden too."),
        article("c", "Bill Clinton and Hillary Clinton spoke."),
    )
    names = people(index)
    assert names["Dmitry Peskov"].articles == ["a", "b"]
    assert names["Joe Biden"].mentions == 2
    assert "Bill Clinton" in names and "Hillary Clinton" in names


def test_plural_group_joins_its_singular():
    index = resolve(article("a", "Ukrainian troops moved. Ukrainians cheered."))
    groups = [a for a in index.actors if a.type == "group"]
    assert [(g.name, g.aliases, g.mentions) for g in groups] == [("Ukrainian", ["Ukrainians"], 2)]


def test_canonical_maps_a_speaker_named_without_title_or_place_to_its_actor():
    text = (
        "Sen. Angus King of Maine spoke first. Prime Minister Tony Blair replied. "
        "Bill Clinton and Hillary Clinton listened."
    )
    index = resolve(article("a", text))
    assert index.canonical("a", "Angus King") == "Angus King"
    assert index.canonical("a", "Mr Blair") == "Tony Blair"
    assert index.canonical("a", "Blair") == "Tony Blair"
    assert index.canonical("a", "Clinton") == "Clinton"  # two actors carry it: left as written
    assert index.canonical("b", "Mr Blair") == "Mr Blair"  # another article's actors do not count


def test_canonical_finds_a_speaker_inside_a_titled_mention():
    from reader.core.actors import ActorIndex

    index = ActorIndex(by_surface={("a", "Sen. Angus King of Maine"): "Angus King"})
    assert index.canonical("a", "Angus King") == "Angus King"
    assert index.canonical("a", "Sen. King") == "Angus King"
    assert index.canonical("a", "Angus Young") == "Angus Young"


def test_a_nickname_and_the_full_first_name_with_one_surname_are_one_person():
    index = resolve(
        article("a", "Gov. Tom Hadley signed the bill. Hadley said it was fair."),
        article("b", "Governor Thomas Hadley vetoed another bill on Friday."),
        article("c", "Senator Bill Orrin spoke. Later, William Orrin left the hall."),
    )
    found = people(index)
    assert found["Thomas Hadley"].articles == ["a", "b"]
    assert "Tom Hadley" in found["Thomas Hadley"].aliases
    assert "Bill Orrin" in found["William Orrin"].aliases
    assert "Tom Hadley" not in found and "Bill Orrin" not in found


def test_two_full_first_names_the_table_links_one_way_only_stay_two_people():
    index = resolve(
        article("a", "Mary Quillon spoke first. Her sister Maureen Quillon spoke later."),
        article("b", "Jim Quillon and James Quillon are one man; Molly Quillon is Mary."),
    )

    def actor_of(name: str) -> str:
        return next(a.name for a in people(index).values() if name in (a.name, *a.aliases))

    assert actor_of("Mary Quillon") != actor_of("Maureen Quillon")
    assert actor_of("Molly Quillon") == actor_of("Mary Quillon")
    assert actor_of("Jim Quillon") == actor_of("James Quillon")


def test_relatives_with_one_surname_and_generations_stay_apart():
    index = resolve(
        article(
            "a",
            "Harold Penrose Jr. met reporters. His father, Harold Penrose, stayed away.",
            "Penrose Jr. said no. Alice Penrose, his sister, said yes.",
        )
    )
    found = people(index)
    assert found["Harold Penrose Jr."].mentions == 2
    assert found["Harold Penrose"].mentions == 1
    assert "Alice Penrose" in found


def test_a_bare_surname_is_the_person_last_named_in_full():
    index = resolve(
        article("a", "Alice Penrose arrived first. Then Harold Penrose spoke.", "Penrose said no.")
    )
    assert people(index)["Harold Penrose"].mentions == 2
    assert people(index)["Alice Penrose"].mentions == 1


def test_a_bare_surname_before_any_full_name_is_the_person_named_most():
    index = resolve(
        article(
            "a",
            "Penrose wins the vote in the county.",
            "Alice Penrose voted. Harold Penrose won. Harold Penrose thanked his sister.",
        )
    )
    assert people(index)["Harold Penrose"].mentions == 3
    assert people(index)["Alice Penrose"].mentions == 1


def test_a_qualifier_opening_a_sentence_is_no_part_of_a_name():
    index = resolve(
        article(
            "a",
            "Former Labour minister Ann Hadley said the plan was bad.",
            "Top Democrats said the plan failed. Former Chelsea striker Joe Orrin agreed.",
        )
    )
    names = {a.name for a in index.actors}
    assert {"Ann Hadley", "Joe Orrin", "Labour", "Democrats"} <= names
    assert not any(n.startswith(("Former", "Top")) for n in names)


def test_a_word_mostly_named_as_a_thing_is_not_a_person_for_once_speaking():
    index = resolve(
        article("a", "He wrote on Twitter that he would run. Twitter said it banned him."),
        article("b", "Posts on Twitter spread. A clip on Twitter was shared widely."),
    )
    assert "Twitter" not in people(index)


def test_two_sons_named_jr_with_two_surnames_are_two_people():
    index = resolve(article("a", "John Orrin Jr. spoke first. Then Jon Hadley Jr. spoke."))
    assert {"John Orrin Jr.", "Jon Hadley Jr."} <= set(people(index))


def test_an_institution_with_inner_words_is_one_actor_and_its_acronym_links_to_it():
    index = resolve(
        article(
            "a",
            "The Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF) opened a case.",
            "The ATF said on Monday that agents had left.",
        ),
        article("b", "The Department of Health and Human Services spoke. HHS said so."),
    )
    names = {a.name: {a.name, *a.aliases} for a in index.actors if a.type == "organization"}
    assert {"ATF", "Bureau of Alcohol, Tobacco, Firearms and Explosives"} in names.values()
    assert {"HHS", "Department of Health and Human Services"} in names.values()
    assert next(a for a in index.actors if a.name == "ATF").mentions == 3


def test_roles_from_titles_before_a_name_and_no_byline_words():
    text = (
        "Senate Majority Leader Mitch Orrin spoke. CNN anchor Jake Hadley asked. "
        "Apple chief executive Tim Penrose said so. "
        "Jessica Estepa USA TODAY President Ann Hadley agreed. Reuters President Joe Orrin left."
    )
    roles = {
        name: role_before(text, text.index(name))
        for name in ("Mitch Orrin", "Jake Hadley", "Tim Penrose", "Ann Hadley", "Joe Orrin")
    }
    assert roles == {
        "Mitch Orrin": "Senate Majority Leader",
        "Jake Hadley": "CNN anchor",
        "Tim Penrose": "Apple chief executive",
        "Ann Hadley": "President",
        "Joe Orrin": "President",
    }


def test_a_dateline_in_capitals_opening_an_article_is_not_an_actor():
    index = resolve(article("a", "AUGUSTA, Maine (AP) — Gov. Ann Hadley vetoed the bill."))
    names = {a.name for a in index.actors}
    assert "AUGUSTA" not in names and "Ann Hadley" in names
