"""The reading half of the main screen: the article on screen, what is emphasised in it,
and what `n`/`N` step through, as typed reactives the panes are bound to (see MainScreen).

Opening an article is awaited (its paragraphs are mounted); everything else follows from the
state by watchers: the actor's mentions and the emphasis here, the panes in the widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from enum import Enum

from textual import on, work
from textual.reactive import reactive
from textual.worker import WorkerCancelled, WorkerFailed, get_current_worker

from reader.core.library import Corpus
from reader.core.model import Analysis, Event, SearchHit
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.ui.highlight import ACTOR_EMPHASIS, CURRENT_MATCH, SEARCH_EMPHASIS
from reader.ui.match_stops import MatchStop, chosen_stop, match_stops
from reader.ui.messages import MentionFound
from reader.ui.screens.loading import LibraryScreen
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.article_view import ArticleView, Emphasis
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.status_bar import Status

MENTION_GROUP = "mention"


class MatchMode(Enum):
    """What `n`/`N` step through."""

    SEARCH = "search"
    """The hits of the last search."""
    ACTOR = "actor"
    """The selected actor's mentions, on into the other articles that mention it."""


class ReadingScreen(LibraryScreen):
    """The article and its emphasis; the actor's mentions and the search hits to step through."""

    article_id: reactive[str | None] = reactive(None, init=False)
    """The article on screen."""
    selected_actor: reactive[str | None] = reactive(None, init=False)
    """The actor whose mentions are emphasised and whose quotes are shown."""
    hits: reactive[list[SearchHit]] = reactive(list, init=False)
    """The hits of the search last chosen from."""
    stop: reactive[int] = reactive(-1, init=False)
    """The match `n`/`N` stopped on, an index into `stops` (-1: none)."""
    match_mode: reactive[MatchMode] = reactive(MatchMode.SEARCH, init=False)
    """What `n`/`N` step through."""
    actor_matches: reactive[list[tuple[int, int]]] = reactive(list, init=False)
    """Where the selected actor is mentioned in the article on screen (derived)."""
    emphasis: reactive[Emphasis] = reactive(Emphasis, always_update=True, init=False)
    """What the article view emphasises: the actor's mentions and the hit's matches (derived)."""
    cursor_event: reactive[int | None] = reactive(None, always_update=True, init=False)
    """The event told in the paragraph under the article cursor."""

    def __init__(
        self, paths: Sequence[str], state: ReadingState, settings: Settings | None = None
    ) -> None:
        super().__init__(paths, settings)
        self.state = state
        """Read and starred marks."""
        self.stops: list[MatchStop] = []
        """Every match of every hit, in the order `n` steps through them (from `hits`)."""

    @property
    def hit_index(self) -> int:
        """The hit of the match on screen (-1: none)."""
        return self.stops[self.stop].hit if 0 <= self.stop < len(self.stops) else -1

    @said_when_it_fails
    def _derive(self) -> None:
        """The actor's mentions and the emphasis, after whatever they depend on changed."""
        if self.selected_actor and self.article_id:
            corpus = self.actors_corpus()
            matches = self.library.actor_mentions(corpus, self.article_id, self.selected_actor)
        else:
            matches = []
        self.actor_matches = matches
        spans = [(start, end, ACTOR_EMPHASIS) for start, end in matches]
        if 0 <= self.stop < len(self.stops):
            here = self.stops[self.stop]
            hit = self.hits[here.hit]
            if hit.article == self.article_id:
                styles = {False: SEARCH_EMPHASIS, True: CURRENT_MATCH}
                spans += [(s, e, styles[here.holds(s)]) for s, e in hit.matches]
        self.emphasis = Emphasis(self.article_id, tuple(spans))

    def watch_hits(self) -> None:
        self.stops = match_stops(self.hits)
        self.stop = -1

    watch_article_id = watch_selected_actor = watch_stop = watch_merged = _derive

    def actors_corpus(self) -> Corpus:
        """The corpus whose actors are chosen and looked for: the whole one, here."""
        return self.corpus

    @said_when_it_fails
    async def open_article(
        self, article_id: str, offset: int | None = None, mark_read: bool = True
    ) -> None:
        """Show an article (cursor on the paragraph holding `offset`); the panels follow."""
        article = self.corpus.article(article_id)
        if article is None:
            return
        view = self.query_one(ArticleView)
        sources = self.query_one(SourceList)
        if article_id != self.article_id or view.article is None:
            self.article_id = article_id
            await view.show(article, self.corpus.analysis(article_id) or Analysis())
        if offset is not None:
            view.go_to_offset(offset)
        if mark_read and not self.state.is_read(article_id):
            self.state.set_read(article_id)
            sources.refresh_article(article_id)
        sources.select_article(article_id)

    @said_when_it_fails
    async def analysis_progressed(self) -> None:
        """The article on screen, listed before its analysis, shown again with it once it is
        in (its highlights; the panels follow)."""
        shown = self.query_one(ArticleView).analysis
        article_id = self.article_id
        if self.analysing and article_id and shown == Analysis():
            if self.corpus.analysed_since(article_id):
                await self.reopen_article()

    async def reopen_article(self) -> None:
        """Show the open article again (its file changed), at the same paragraph."""
        view = self.query_one(ArticleView)
        offset = view.offsets[view.cursor] if view.offsets else 0
        article_id = self.article_id
        self.set_reactive(ReadingScreen.article_id, None)
        if article_id:
            await self.open_article(article_id, offset, mark_read=False)

    @said_when_it_fails
    async def jump_to_event(self, event: Event) -> None:
        """Open the article that tells an event (this one if it does) at its sentence."""
        mention = self.library.mention_in(event, self.article_id or "") or (
            event.mentions[0] if event.mentions else None
        )
        if mention is not None:
            await self.open_article(mention.article, mention.start)
            self.query_one(ArticleView).focus()

    async def select_actor(self, name: str | None) -> None:
        """Emphasise an actor's mentions; `n`/`N` then step through them.

        An actor this article does not mention opens the first article that does.
        """
        self.selected_actor = name
        self.match_mode = MatchMode.ACTOR if name else MatchMode.SEARCH
        if name and not self.actor_matches:
            await self.look_for_mention(name, None, 1)
        elif self.actor_matches:
            self.query_one(ArticleView).go_to_offset(self.actor_matches[0][0])

    async def open_hit(self, index: int) -> None:
        """Open search hit `index` at the match its snippet shows, all its matches emphasised."""
        if self.hits:
            await self.go_to_stop(chosen_stop(self.stops, self.hits, index))

    async def go_to_stop(self, position: int) -> None:
        """Open the article of stop `position` (wrapping round) with the cursor on its match."""
        if not self.stops:
            return
        self.stop = position % len(self.stops)
        here = self.stops[self.stop]
        self.status = Status(
            f"Match {self.stop + 1} of {len(self.stops)} · hit {here.hit + 1} of "
            f"{len(self.hits)} · n next · N previous"
        )
        await self.open_article(self.hits[here.hit].article)
        self.query_one(ArticleView).go_to_match(here.start)

    async def action_next_match(self, step: int) -> None:
        """The next (step 1) or previous (-1) match: the actor's mentions, or the search's
        matches, each its own stop, this article's then the next hit's."""
        if self.match_mode is MatchMode.ACTOR and self.selected_actor:
            await self.next_mention(step)
        elif self.stops:
            await self.go_to_stop(self.stop + step if self.stop >= 0 else 0)

    async def next_mention(self, step: int) -> None:
        """The selected actor's next (step 1) or previous (-1) mention, then other articles'."""
        starts = [start for start, _ in self.actor_matches]
        if not self.query_one(ArticleView).step_to(starts, step) and self.selected_actor:
            await self.look_for_mention(self.selected_actor, self.article_id, step)

    async def look_for_mention(self, name: str, article_id: str | None, step: int) -> None:
        """Look for the article with the actor's next mention in a thread, and wait for it
        (not for the article to open: MentionFound does that), so that whoever awaits `n` or
        select_actor finds the look done, as it was when the lookup ran in asyncio.to_thread."""
        with suppress(WorkerCancelled, WorkerFailed):  # a newer look, or a failed read
            await self.find_mention(name, article_id, step).wait()

    @work(thread=True, exclusive=True, group=MENTION_GROUP, exit_on_error=False, name="mention")
    @said_when_it_fails
    def find_mention(self, name: str, article_id: str | None, step: int) -> None:
        """Look for the article with the actor's next mention (it reads articles: a thread)."""
        with self.lease.use() as library:
            corpus = self.actors_corpus()
            found = library and library.next_mention(corpus, name, article_id, step)
        if found and not get_current_worker().is_cancelled:
            self.post_message(MentionFound(name, found[0], step))

    @on(MentionFound)
    async def _mention_found(self, message: MentionFound) -> None:
        if message.name != self.selected_actor:
            return  # another actor was chosen meanwhile
        if message.article_id != self.article_id:
            await self.open_article(message.article_id, mark_read=False)
        if self.actor_matches:
            first_or_last = 0 if message.step > 0 else -1
            self.query_one(ArticleView).go_to_offset(self.actor_matches[first_or_last][0])

    async def action_clear(self) -> None:
        if self.selected_actor:
            await self.select_actor(None)
        elif self.stop >= 0:  # the search's highlight goes; `n` no longer steps hits
            self.hits = []
