"""The main screen: sources, the article, and the timeline and actors that follow it.

The screen's state is a handful of typed reactives (the article, the selected actor, the
search hits and what `n`/`N` step through); the panes are bound to them with `data_bind` and
render themselves when they change. Message handlers and actions only set that state, except
for the article itself, whose paragraphs are mounted (awaited) by `open_article`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Header, Label
from textual.worker import get_current_worker

from reader.core.corpus import Corpus
from reader.core.feeds import is_url
from reader.core.links import web_url
from reader.core.model import Analysis, SearchHit
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.core.subscriptions import REFRESH_MINUTES
from reader.ui.browser import open_link
from reader.ui.highlight import ACTOR_EMPHASIS, SEARCH_EMPHASIS
from reader.ui.messages import (
    ArticlesLoaded,
    CorpusLoaded,
    MentionFound,
)
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.loading import FOLLOW_GROUP, LibraryScreen
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView, Emphasis
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.status_bar import Status, StatusBar
from reader.ui.widgets.timeline_panel import TimelinePanel

__all__ = ["FOLLOW_GROUP", "MainScreen", "MatchMode"]

NARROW_WIDTH = 120
"""Below this many columns the right panel folds away (`p` shows it)."""
MENTION_GROUP = "mention"


class MatchMode(Enum):
    """What `n`/`N` step through."""

    SEARCH = "search"
    """The hits of the last search."""
    ACTOR = "actor"
    """The selected actor's mentions, on into the other articles that mention it."""


class MainScreen(LibraryScreen):
    """Three panes; the right one follows the article and its cursor."""

    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("n", "next_match(1)", "Next"),
        Binding("N", "next_match(-1)", "Prev", key_display="N"),
        Binding("o", "open_url", "URL"),
        Binding("r", "toggle_read", "Read"),
        Binding("R", "refresh", "Refresh", key_display="R"),
        Binding("s", "toggle_star", "Star"),
        Binding("p", "toggle_panel", "Panel"),
        Binding("escape", "clear", "Clear", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    article_id: reactive[str | None] = reactive(None, init=False)
    """The article on screen."""
    selected_actor: reactive[str | None] = reactive(None, init=False)
    """The actor whose mentions are emphasised and whose quotes are shown."""
    hits: reactive[list[SearchHit]] = reactive(list, init=False)
    """The hits of the search last chosen from."""
    hit_index: reactive[int] = reactive(-1, init=False)
    """The hit on screen (-1: none)."""
    match_mode: reactive[MatchMode] = reactive(MatchMode.SEARCH, init=False)
    """What `n`/`N` step through."""
    actor_matches: reactive[list[tuple[int, int]]] = reactive(list, init=False)
    """Where the selected actor is mentioned in the article on screen (derived)."""
    emphasis: reactive[Emphasis] = reactive(Emphasis, always_update=True, init=False)
    """What the article view emphasises: the actor's mentions and the hit's matches (derived)."""
    cursor_event: reactive[int | None] = reactive(None, always_update=True, init=False)
    """The event told in the paragraph under the article cursor."""

    def __init__(
        self,
        paths: Sequence[str],
        state: ReadingState,
        corpus: Corpus | None = None,
        refresh_minutes: int = REFRESH_MINUTES,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(paths, settings)
        self.refresh_minutes = refresh_minutes
        self.state = state
        self.preloaded = corpus
        if corpus is not None:
            self.set_reactive(MainScreen.corpus, corpus)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield SourceList(self.state, id="sources")
            yield ArticleView(id="article").data_bind(MainScreen.emphasis, MainScreen.merged)
            with Vertical(id="side"):
                yield Label("Timeline", classes="pane-title")
                yield TimelinePanel(id="timeline").data_bind(
                    MainScreen.merged, MainScreen.article_id, MainScreen.cursor_event
                )
                yield Label("Actors", classes="pane-title")
                yield ActorPanel(id="actors").data_bind(
                    MainScreen.merged, MainScreen.article_id, MainScreen.selected_actor
                )
        yield SearchPanel(self.lease, id="search").data_bind(MainScreen.corpus, MainScreen.merged)
        yield StatusBar(id="status").data_bind(MainScreen.status)
        yield Footer()

    def on_mount(self) -> None:
        self.apply_width(self.app.size.width)
        if self.preloaded is not None:
            self.post_message(ArticlesLoaded(self.preloaded))
            self.post_message(CorpusLoaded(self.preloaded))
        else:
            self.load()
            if any(is_url(path) for path in self.paths):
                self.set_interval(60 * self.refresh_minutes, self.load_changes)

    def on_resize(self) -> None:
        self.apply_width(self.size.width)

    def apply_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)  # every key fits in 80 columns (ctrl+p is in the help)
        footer.compact = narrow
        if footer.show_command_palette == narrow:
            footer.show_command_palette = not narrow
            footer.refresh(recompose=True)

    # Derived state ----------------------------------------------------------------------------

    def _derive(self) -> None:
        """The actor's mentions and the emphasis, after whatever they depend on changed."""
        if self.selected_actor and self.article_id:
            matches = self.library.actor_mentions(self.corpus, self.article_id, self.selected_actor)
        else:
            matches = []
        self.actor_matches = matches
        spans = [(start, end, ACTOR_EMPHASIS) for start, end in matches]
        if 0 <= self.hit_index < len(self.hits):
            hit = self.hits[self.hit_index]
            if hit.article == self.article_id:
                spans += [(start, end, SEARCH_EMPHASIS) for start, end in hit.matches]
        self.emphasis = Emphasis(self.article_id, tuple(spans))

    watch_article_id = watch_selected_actor = watch_hit_index = watch_merged = _derive

    # Loading --------------------------------------------------------------------------------

    @on(ArticlesLoaded)
    async def _articles_loaded(self, message: ArticlesLoaded) -> None:
        self.corpus = message.corpus
        sources = self.query_one(SourceList)
        sources.show_articles(message.corpus.articles)
        self.call_after_refresh(self.articles_painted)
        changes = message.changes
        if changes:
            self.notify(changes.summary(sources.articles), title="Sources changed", timeout=6)
        if not message.corpus.articles:
            self.status = Status("No articles found.")
            return
        count = len(message.corpus.articles)
        self.status = Status(f"{count} articles; merging actors and the timeline…")
        if self.article_id in sources.articles:  # listed again: stay where the reader is
            sources.select_article(self.article_id)
            if changes and self.article_id in changes.changed:
                await self.reopen_article()
            return
        first = next(iter(sources.option_ids), None)
        if first:
            sources.select_article(first)
            await self.open_article(first, mark_read=False)
        sources.focus()

    # The article and the panels that follow it ----------------------------------------------

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

    async def reopen_article(self) -> None:
        """Show the open article again (its file changed), at the same paragraph."""
        view = self.query_one(ArticleView)
        offset = view.offsets[view.cursor] if view.offsets else 0
        article_id = self.article_id
        self.set_reactive(MainScreen.article_id, None)
        if article_id:
            await self.open_article(article_id, offset, mark_read=False)

    @on(SourceList.ArticleHighlighted)
    async def _article_highlighted(self, message: SourceList.ArticleHighlighted) -> None:
        await self.open_article(message.article_id, mark_read=False)

    @on(SourceList.ArticleOpened)
    async def _article_opened(self, message: SourceList.ArticleOpened) -> None:
        await self.open_article(message.article_id)
        self.query_one(ArticleView).focus()

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        where = (message.article_id, message.start, message.end)
        self.cursor_event = self.library.event_at(self.corpus, *where)

    @on(TimelinePanel.EventChosen)
    async def _event_chosen(self, message: TimelinePanel.EventChosen) -> None:
        await self.jump_to_event(message.index)

    async def jump_to_event(self, index: int) -> None:
        """Open the article that tells an event (this one if it does) at its sentence."""
        event = self.corpus.events[index]
        mention = self.library.mention_in(event, self.article_id or "") or (
            event.mentions[0] if event.mentions else None
        )
        if mention is not None:
            await self.open_article(mention.article, mention.start)
            self.query_one(ArticleView).focus()

    @on(ActorPanel.ActorChosen)
    async def _actor_chosen(self, message: ActorPanel.ActorChosen) -> None:
        await self.select_actor(message.name)

    async def select_actor(self, name: str | None) -> None:
        """Emphasise an actor's mentions; `n`/`N` then step through them.

        An actor this article does not mention opens the first article that does.
        """
        self.selected_actor = name
        self.match_mode = MatchMode.ACTOR if name else MatchMode.SEARCH
        if name and not self.actor_matches:
            self.find_mention(name, None, 1)
        elif self.actor_matches:
            self.query_one(ArticleView).go_to_offset(self.actor_matches[0][0])

    # Search and n/N ---------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(SearchPanel).open()

    @on(SearchPanel.HitChosen)
    async def _hit_chosen(self, message: SearchPanel.HitChosen) -> None:
        self.query_one(SearchPanel).close()
        self.hits = list(message.hits)
        self.match_mode = MatchMode.SEARCH
        await self.open_hit(message.index)
        self.query_one(ArticleView).focus()

    @on(SearchPanel.Closed)
    def _search_closed(self) -> None:
        self.query_one(ArticleView).focus()

    async def open_hit(self, index: int) -> None:
        """Open search hit `index` scrolled to its match, with the matched words emphasised."""
        if not self.hits:
            return
        self.hit_index = index % len(self.hits)
        hit = self.hits[self.hit_index]
        await self.open_article(hit.article, hit.matches[0][0] if hit.matches else hit.offset)

    async def action_next_match(self, step: int) -> None:
        if self.match_mode is MatchMode.ACTOR and self.selected_actor:
            self.next_mention(step)
        elif self.hits:
            await self.open_hit(self.hit_index + step)

    def next_mention(self, step: int) -> None:
        """The selected actor's next (step 1) or previous (-1) mention, then other articles'."""
        starts = [start for start, _ in self.actor_matches]
        if not self.query_one(ArticleView).step_to(starts, step) and self.selected_actor:
            self.find_mention(self.selected_actor, self.article_id, step)

    @work(thread=True, exclusive=True, group=MENTION_GROUP, exit_on_error=False)
    def find_mention(self, name: str, article_id: str | None, step: int) -> None:
        """Look for the article with the actor's next mention (it reads articles: a thread)."""
        found = self.library.next_mention(self.corpus, name, article_id, step)
        if found is not None and not get_current_worker().is_cancelled:
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

    # Other keys -----------------------------------------------------------------------------

    def action_open_url(self) -> None:
        article = self.corpus.article(self.article_id or "")
        if article is None or not article.url:
            self.notify("This article has no URL.", severity="warning")
            return
        url = web_url(article.url)
        if url is None:
            self.notify(f"Not a web link: {article.url[:200]}", severity="warning")
            return
        open_link(self.app, url)

    def action_refresh(self) -> None:
        if not self.paths:
            self.notify("Nothing to refresh: this corpus has no files or feeds.", timeout=3)
            return
        self.notify("Checking files and feeds…", timeout=2)
        self.load_changes(announce=True)

    def action_toggle_read(self) -> None:
        if self.article_id:
            self.query_one(SourceList).toggle_read(self.article_id)

    def action_toggle_star(self) -> None:
        if self.article_id:
            self.query_one(SourceList).toggle_star(self.article_id)

    def action_toggle_panel(self) -> None:
        self.toggle_class("-side-shown" if self.has_class("-narrow") else "-side-hidden")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())
