"""Command palette providers: go to an article, an actor or a date."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.highlight import sanitize


class _ReaderProvider(Provider):
    """Shared plumbing: the main screen, and matching (text, help, command) candidates."""

    @property
    def main(self):
        from reader.ui.screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def candidates(self) -> Iterator[tuple[str, str, object]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, help, command in self.candidates():
            yield DiscoveryHit(text, command, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help, command in self.candidates():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help)


class ArticleCommands(_ReaderProvider):
    """`Article: <title>` opens the article."""

    def candidates(self) -> Iterator[tuple[str, str, object]]:
        main = self.main
        if main is None:
            return
        for article in main.corpus.articles:
            title = sanitize(article.title or article.id)[0]
            help = " · ".join(x for x in (article.source, article.published) if x)
            yield f"Article: {title}", help, partial(main.open_article, article.id)


class ActorCommands(_ReaderProvider):
    """`Actor: <name>` selects the actor and emphasises its mentions."""

    def candidates(self) -> Iterator[tuple[str, str, object]]:
        main = self.main
        if main is None:
            return
        for actor in main.corpus.actors:
            help = f"{actor.type} · {actor.mentions} mentions"
            yield f"Actor: {sanitize(actor.name)[0]}", help, partial(main.select_actor, actor.name)


class DateCommands(_ReaderProvider):
    """`Date: <date> <event>` jumps to the event's sentence."""

    def candidates(self) -> Iterator[tuple[str, str, object]]:
        main = self.main
        if main is None:
            return
        for index, event in enumerate(main.corpus.events):
            text = sanitize(event.text.replace("\n", " "))[0][:80]
            yield f"Date: {event.date} {text}", event.expression, partial(main.jump_to_event, index)
