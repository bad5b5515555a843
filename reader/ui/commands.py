"""Command palette providers: go to an article, an actor or a date.

Titles, names and outlets are data: Textual reads a str prompt or help as markup (and its
matcher's `highlight` builds Content from markup), so every hit is built here as Content.

A corpus can hold thousands of articles and tens of thousands of actors: each provider builds
its candidates once per corpus, narrows them per keystroke with rapidfuzz (C), and gives only
the best few to Textual's slower matcher to score and highlight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from reader.core.dates_shown import show_date
from reader.core.safe_text import clean
from reader.ui.screens.main import MainScreen
from reader.ui.store_faults import FAULTS, tell

Command = Callable[[], Any]
Candidate = tuple[str, str, Command]
PLACEHOLDER = "Go to an article, actor or date…"
MOST = 40
"""Hits each provider gives per keystroke (the palette shows a screenful)."""
DISCOVERED = 30
"""Actors listed when the palette opens, most mentioned first."""
ACTORS = 5000
"""Actors the palette matches, the most mentioned: a whole archive's are ranked by the store,
never read and sorted whole (100,000 articles name hundreds of thousands)."""
WEIGHTS = {"Actor": 1.0, "Article": 0.95, "Date": 0.8}
"""Equal matches list actors, then articles, then dates (dates are many and alike)."""


def literal(text: str) -> str:
    """`text` as Content, which the palette shows as is (Hit.help is typed str, but the
    palette reads a str as markup and takes Content unchanged)."""
    return cast(str, Content(text))


def highlighted(matcher: Matcher, text: str) -> Content:
    """`text` as plain Content with the characters matching the query emphasised."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def best(query: str, texts: list[str], most: int = MOST) -> list[int]:
    """The indexes of the (at most `most`) texts that hold the query's letters in order,
    likeliest first."""
    letters = [re.escape(c) for c in query.casefold() if not c.isspace()]
    if not letters:
        return []
    # `[^m]*m[^i]*i…`: each letter at its first place after the last (no backtracking)
    in_order = re.compile("".join(f"[^{c}]*{c}" for c in letters), re.IGNORECASE)
    kept = [i for i, text in enumerate(texts) if in_order.match(text)]
    if len(kept) <= most:
        return kept
    from rapidfuzz import fuzz, process  # (the palette's: imported when it first narrows)

    found = process.extract(
        query, {i: texts[i] for i in kept}, scorer=fuzz.partial_ratio, limit=most
    )
    return [index for _, _, index in found]


class _ReaderProvider(Provider):
    """Shared plumbing: the main screen, and matching (text, help, command) candidates."""

    KIND = ""
    _built: tuple[object, object, list[Candidate], list[str]] | None = None
    """The last main screen and corpus, their candidates and texts (built once per corpus)."""

    @property
    def main(self) -> MainScreen | None:
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def candidates(self) -> Iterator[Candidate]:
        """(text, help, command) with text and help already cleaned of control sequences."""
        raise NotImplementedError

    def _listed(self) -> tuple[list[Candidate], list[str]]:
        main = self.main
        corpus = main.corpus if main is not None else None
        built = type(self)._built
        if built is None or built[0] is not main or built[1] is not corpus:
            try:
                listed = list(self.candidates())
            except FAULTS as error:  # a store that cannot be read now: nothing, built again next
                if main is not None:
                    tell(main, error)
                return [], []
            built = (main, corpus, listed, [text for text, _, _ in listed])
            type(self)._built = built
        return built[2], built[3]

    async def discover(self) -> Hits:
        return
        yield  # only the actors are listed on opening

    async def search(self, query: str) -> Hits:
        listed, texts = self._listed()
        matcher = self.matcher(query)
        weight = WEIGHTS.get(self.KIND, 1.0)
        for index in best(query, texts):
            text, help, command = listed[index]
            score = matcher.match(text)
            if score > 0:
                display = highlighted(matcher, text)
                yield Hit(score * weight, display, command, text=text, help=literal(help))


class ArticleCommands(_ReaderProvider):
    """`Article: <title>` opens the article."""

    KIND = "Article"

    def candidates(self) -> Iterator[Candidate]:
        main = self.main
        if main is None:
            return
        for article in main.corpus.articles:
            title = clean(article.title or article.id)
            help = clean(" · ".join(x for x in (article.source, article.published) if x))
            yield f"Article: {title}", help, partial(main.open_article, article.id)


class ActorCommands(_ReaderProvider):
    """`Actor: <name>` selects the actor and emphasises its mentions; the most mentioned are
    listed when the palette opens (and only the ACTORS most mentioned are matched)."""

    KIND = "Actor"

    def candidates(self) -> Iterator[Candidate]:
        main = self.main
        if main is None:
            return
        for actor in main.library.top_actors(main.corpus, ACTORS):
            help = f"{actor.type} · {actor.mentions} mentions"
            yield f"Actor: {clean(actor.name)}", help, partial(main.select_actor, actor.name)

    async def discover(self) -> Hits:
        listed, _ = self._listed()
        for text, help, command in listed[:DISCOVERED]:
            yield DiscoveryHit(Content(text), command, text=text, help=literal(help))


class DateCommands(_ReaderProvider):
    """`Date: <date> <event>` jumps to the event's sentence."""

    KIND = "Date"

    def candidates(self) -> Iterator[Candidate]:
        main = self.main
        if main is None:
            return
        for event in main.corpus.events:
            text = clean(event.text.replace("\n", " "))[:80]
            help = clean(event.expression)
            yield f"Date: {show_date(event.date)} {text}", help, partial(main.jump_to_event, event)
