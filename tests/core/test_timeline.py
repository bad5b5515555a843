"""The timeline: dated sentences become events, outlets' tellings merge, periods sort sensibly."""

from reader.core.actors import ActorIndex
from reader.core.analysis import analyze_article
from reader.core.model import Analysis, Article, Entity
from reader.core.timeline import build_timeline, sentence_spans, sort_key


def article(id: str, published: str, *paragraphs: str) -> Article:
    return Article(
        id=id,
        path=f"{id}.txt",
        source=id,
        title=id,
        published=published,
        paragraphs=list(paragraphs),
    )


def timeline(*articles: Article, actors: ActorIndex | None = None):
    docs = [(a, analyze_article(a)) for a in articles]
    return build_timeline(docs, actors or ActorIndex())


def test_sentences_do_not_split_at_abbreviations():
    text = "The U.S. President spoke. Mr. Smith left on Feb. 3 early.\n\nA new paragraph."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The U.S. President spoke.",
        "Mr. Smith left on Feb. 3 early.",
        "A new paragraph.",
    ]


def test_each_dated_sentence_is_an_event_at_its_precision():
    a = article(
        "a",
        "2022-02-23",
        "Biden on Tuesday imposed new sanctions on Russia. Nothing else happened here.",
        "This week, Putin signed treaties with the republics. Putin took Crimea in 2014.",
    )
    events = timeline(a)
    assert [(e.date, e.expression) for e in events] == [
        ("2014", "in 2014"),
        ("2022-W08", "This week"),
        ("2022-02-22", "on Tuesday"),
    ]
    tuesday = events[2]
    assert tuesday.text == "Biden on Tuesday imposed new sanctions on Russia."
    assert tuesday.articles == ["a"]
    mention = tuesday.mentions[0]
    assert mention.article == "a"
    assert a.text[mention.start : mention.end] == tuesday.text


def test_the_dateline_is_not_an_event():
    events = timeline(
        article(
            "a",
            "2022-02-23",
            "February 23, 2022",
            "Updated: February 23, 2022 9:14am",
            "The talks collapsed on Monday after hours of argument.",
        )
    )
    assert [e.date for e in events] == ["2022-02-21"]


def test_durations_and_unresolved_dates_are_not_events():
    events = timeline(
        article(
            "a",
            None,
            "He served three years in prison before release.",
            "The minister resigned on Sunday after the vote.",
        )
    )
    assert events == []


def test_time_of_day_gives_a_day_event_named_by_its_day():
    events = timeline(
        article(
            "a", "2022-02-21T09:14", "Psaki released a statement Sunday evening about the summit."
        )
    )
    assert [(e.date, e.expression) for e in events] == [("2022-02-20", "Sunday")]


def test_two_outlets_telling_one_event_make_one_row():
    events = timeline(
        article(
            "x", "2022-02-23", "Biden on Tuesday imposed new sanctions on Russia over Ukraine."
        ),
        article(
            "y", "2022-02-22", "President Biden imposed new sanctions on Russia today over Ukraine."
        ),
        article("z", "2022-02-22", "Markets in Tokyo fell sharply today as oil prices climbed."),
    )
    assert [e.articles for e in events] == [["x", "y"], ["z"]]
    assert [m.article for m in events[0].mentions] == ["x", "y"]
    assert events[0].mentions[1].text.startswith("President Biden")


def test_actors_are_canonical_names_of_entities_in_the_sentence():
    a = article(
        "a", "2022-02-23", "Macron spoke with Putin on Sunday in Paris. Lavrov stayed home."
    )
    analysis = Analysis(
        entities=[
            Entity(0, 6, "Macron", "person"),
            Entity(18, 23, "Putin", "person"),
            Entity(37, 42, "Paris", "place"),
            Entity(44, 50, "Lavrov", "person"),
        ],
        timexes=analyze_article(a).timexes,
    )
    actors = ActorIndex(by_mention={("a", 18): "Vladimir Putin"})
    [event] = build_timeline([(a, analysis)], actors)
    assert event.actors == ["Macron", "Vladimir Putin", "Paris"]


def test_sort_key_keeps_periods_in_order():
    dates = ["2022-02-22", "2022-W08", "2022", "199", "2022-02", "2022-02-20"]
    assert sorted(dates, key=sort_key) == [
        "199",
        "2022",
        "2022-02",
        "2022-02-20",
        "2022-W08",
        "2022-02-22",
    ]


def test_a_sentence_after_a_dotted_acronym_still_starts():
    text = "He wants to rebuild the U.S.S.R. In 2005, he spoke. The U.S. President left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He wants to rebuild the U.S.S.R.",
        "In 2005, he spoke.",
        "The U.S. President left.",
    ]


def test_he_or_she_takes_the_person_named_just_before():
    a = article("a", "2022-02-23", "Putin wants a new empire. In 2005, he told parliament so.")
    analysis = Analysis(
        entities=[Entity(0, 5, "Putin", "person")], timexes=analyze_article(a).timexes
    )
    actors = ActorIndex(by_mention={("a", 0): "Vladimir Putin"})
    [event] = build_timeline([(a, analysis)], actors)
    assert (event.date, event.actors) == ("2005", ["Vladimir Putin"])


def test_one_sentence_is_one_event_at_the_date_nearest_the_articles_own():
    a = article(
        "a",
        "2022-02-23",
        "Prosecutors on Tuesday charged him with hacking party emails in 2016.",
        "The firm, founded in 2001, posted losses in 2021 and in 2022.",
    )
    assert [(e.date, e.expression) for e in timeline(a)] == [
        ("2022", "in 2022"),
        ("2022-02-22", "on Tuesday"),
    ]
