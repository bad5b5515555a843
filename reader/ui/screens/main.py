"""The main screen: sources, the article, and the timeline and actors that follow it.

The screen's state is a handful of typed reactives, kept by its bases: the corpus, the merged
corpus and the status line (LibraryScreen, screens/loading.py), the article, the selected
actor, the search hits and what `n`/`N` step through (ReadingScreen, screens/reading.py).
Here the panes are laid out and bound to that state with `data_bind` (they render themselves
when it changes), and messages and keys are routed to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label

from reader.core.feeds import is_url
from reader.core.library import Corpus
from reader.core.links import web_url
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.core.subscriptions import REFRESH_MINUTES
from reader.ui.browser import open_link
from reader.ui.messages import ArticlesLoaded, CorpusLoaded
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.loading import FOLLOW_GROUP
from reader.ui.screens.reading import MatchMode, ReadingScreen
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.status_bar import Status, StatusBar
from reader.ui.widgets.timeline_panel import TimelinePanel

__all__ = ["FOLLOW_GROUP", "MainScreen", "MatchMode"]

NARROW_WIDTH = 120
"""Below this many columns the right panel folds away (`p` shows it)."""


class MainScreen(ReadingScreen):
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

    def __init__(
        self,
        paths: Sequence[str],
        state: ReadingState,
        corpus: Corpus | None = None,
        refresh_minutes: int = REFRESH_MINUTES,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(paths, state, settings)
        self.refresh_minutes = refresh_minutes
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

    @on(ActorPanel.ActorChosen)
    async def _actor_chosen(self, message: ActorPanel.ActorChosen) -> None:
        await self.select_actor(message.name)

    # Search ---------------------------------------------------------------------------------

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

    # Keys -----------------------------------------------------------------------------------

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
