"""Command palette providers: go to an article, an actor or a date.

Titles, names and outlets are data: Textual reads a str prompt or help as markup (and its
matcher's `highlight` builds Content from markup), so every hit is built here as Content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from reader.core.dates_shown import show_date
from reader.core.safe_text import clean
from reader.ui.screens.main import MainScreen

Command = Callable[[], Any]


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


class _ReaderProvider(Provider):
    """Shared plumbing: the main screen, and matching (text, help, command) candidates."""

    @property
    def main(self) -> MainScreen | None:

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def candidates(self) -> Iterator[tuple[str, str, Command]]:
        """(text, help, command) with text and help already cleaned of control sequences."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, help, command in self.candidates():
            yield DiscoveryHit(Content(text), command, text=text, help=literal(help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help, command in self.candidates():
            score = matcher.match(text)
            if score > 0:
                display = highlighted(matcher, text)
                yield Hit(score, display, command, text=text, help=literal(help))


class ArticleCommands(_ReaderProvider):
    """`Article: <title>` opens the article."""

    def candidates(self) -> Iterator[tuple[str, str, Command]]:
        main = self.main
        if main is None:
            return
        for article in main.corpus.articles:
            title = clean(article.title or article.id)
            help = clean(" · ".join(x for x in (article.source, article.published) if x))
            yield f"Article: {title}", help, partial(main.open_article, article.id)


class ActorCommands(_ReaderProvider):
    """`Actor: <name>` selects the actor and emphasises its mentions."""

    def candidates(self) -> Iterator[tuple[str, str, Command]]:
        main = self.main
        if main is None:
            return
        for actor in main.corpus.actors:
            help = f"{actor.type} · {actor.mentions} mentions"
            yield f"Actor: {clean(actor.name)}", help, partial(main.select_actor, actor.name)


class DateCommands(_ReaderProvider):
    """`Date: <date> <event>` jumps to the event's sentence."""

    def candidates(self) -> Iterator[tuple[str, str, Command]]:
        main = self.main
        if main is None:
            return
        for event in main.corpus.events:
            text = clean(event.text.replace("\n", " "))[:80]
            help = clean(event.expression)
            yield f"Date: {show_date(event.date)} {text}", help, partial(main.jump_to_event, event)
