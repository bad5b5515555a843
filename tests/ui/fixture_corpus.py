"""A small hand-made corpus with real entities, dates, quotes, actors and events.

UI tests use it so they do not depend on the quality of the analysis.
"""

from __future__ import annotations

from reader.core.actors import ActorIndex
from reader.core.corpus import Corpus
from reader.core.model import (
    Actor,
    Analysis,
    Article,
    CorpusQuote,
    Entity,
    Event,
    EventMention,
    Quote,
    Timex,
)

MOSCOW = Article(
    id="moscow-1",
    path="moscow-1.txt",
    source="Moscow Times",
    title="Summit called off",
    published="2022-02-23T10:00",
    url="https://example.org/summit",
    paragraphs=[
        "The United States called off a summit with Vladimir Putin on Wednesday.",
        'Kremlin spokesman Dmitry Peskov said on Monday that talk of a summit was "premature."',
        "Putin later met Peskov in Moscow, where [bold]markup[/bold] and \x1b[31mred\x1b[0m "
        "codes are only text.",
    ],
)

KYIV = Article(
    id="kyiv-1",
    path="kyiv-1.txt",
    source="Kyiv Post",
    title="Sanctions on Russia",
    published="2022-02-22T09:00",
    paragraphs=[
        "Joe Biden announced sanctions against Russia on Tuesday.",
        "Oleksandr Kulbela of the Ukrainian army said NATO allies agreed.",
    ],
)

ENTITIES = {
    "moscow-1": [
        ("United States", "place", "United States"),
        ("Vladimir Putin", "person", "Vladimir Putin"),
        ("Kremlin", "organization", "Kremlin"),
        ("Dmitry Peskov", "person", "Dmitry Peskov"),
        ("Putin later", "person", "Vladimir Putin"),
        ("Peskov in", "person", "Dmitry Peskov"),
        ("Moscow", "place", "Moscow"),
    ],
    "kyiv-1": [
        ("Joe Biden", "person", "Joe Biden"),
        ("Russia", "place", "Russia"),
        ("Oleksandr Kulbela", "person", "Oleksandr Kulbela"),
        ("Ukrainian", "group", "Ukrainian"),
        ("NATO", "organization", "NATO"),
    ],
}
"""(text to find, type, actor); a trailing word only disambiguates where to look."""

TIMEXES = {
    "moscow-1": [("Wednesday", "2022-02-23"), ("Monday", "2022-02-21")],
    "kyiv-1": [("Tuesday", "2022-02-22")],
}


def _entity(article: Article, probe: str, kind: str) -> Entity:
    word = probe.split(" later")[0].split(" in")[0] if probe.endswith((" later", " in")) else probe
    start = article.text.index(probe)
    return Entity(start, start + len(word), word, kind)


def build_corpus() -> Corpus:
    """Two articles from two outlets, three events, ten actors, one quote."""
    articles = [MOSCOW, KYIV]
    analyses: dict[str, Analysis] = {}
    index = ActorIndex()
    actors: dict[str, Actor] = {}
    for article in articles:
        entities = []
        for probe, kind, name in ENTITIES[article.id]:
            entity = _entity(article, probe, kind)
            entities.append(entity)
            index.by_mention[(article.id, entity.start)] = name
            index.by_surface[(article.id, entity.text)] = name
            actor = actors.setdefault(name, Actor(name=name, type=kind))
            actor.mentions += 1
            if entity.text != name and entity.text not in actor.aliases:
                actor.aliases.append(entity.text)
            if article.id not in actor.articles:
                actor.articles.append(article.id)
        timexes = []
        for word, value in TIMEXES[article.id]:
            start = article.text.index(word)
            timexes.append(Timex(start, start + len(word), word, "DATE", value))
        analyses[article.id] = Analysis(
            entities=sorted(entities, key=lambda e: e.start), timexes=timexes
        )
    actors["Dmitry Peskov"].roles.append("Kremlin spokesman")
    actors["Vladimir Putin"].roles.append("president")
    quote_start = MOSCOW.text.index('"premature."')
    analyses["moscow-1"].quotes.append(
        Quote(quote_start, quote_start + 12, '"premature."', "Dmitry Peskov")
    )
    index.actors = list(actors.values())

    def mention(article: Article, sentence: str, expression: str) -> EventMention:
        start = article.text.index(sentence)
        return EventMention(article.id, sentence, expression, start, start + len(sentence))

    events = [
        Event(
            "2022-02-21",
            "on Monday",
            "The Kremlin called talk of a summit premature",
            ["Dmitry Peskov"],
            ["moscow-1"],
            [mention(MOSCOW, MOSCOW.paragraphs[1], "on Monday")],
        ),
        Event(
            "2022-02-22",
            "on Tuesday",
            "Joe Biden announced sanctions against Russia",
            ["Joe Biden", "Russia"],
            ["kyiv-1"],
            [mention(KYIV, KYIV.paragraphs[0], "on Tuesday")],
        ),
        Event(
            "2022-02-23",
            "on Wednesday",
            "The United States called off a summit with Putin",
            ["United States", "Vladimir Putin"],
            ["moscow-1"],
            [mention(MOSCOW, MOSCOW.paragraphs[0], "on Wednesday")],
        ),
    ]
    quotes = [CorpusQuote("Dmitry Peskov", "premature", "moscow-1", quote_start, quote_start + 12)]
    return Corpus(articles, analyses, index, events, quotes)
