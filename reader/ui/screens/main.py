"""The main screen: sources, the article, and the timeline and actors that follow it."""

from __future__ import annotations

import asyncio
import threading
import webbrowser
from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar
from textual.worker import get_current_worker

from reader.core.analysis import warm_up
from reader.core.corpus import Corpus
from reader.core.feeds import is_url
from reader.core.library import Library
from reader.core.links import web_url
from reader.core.model import Analysis, CorpusQuote, SearchHit
from reader.core.safe_text import clean
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.core.subscriptions import REFRESH_MINUTES
from reader.core.watch import watch_folders
from reader.ui.highlight import ACTOR_EMPHASIS, SEARCH_EMPHASIS
from reader.ui.messages import (
    AnalysisProgress,
    ArticlesLoaded,
    CorpusLoaded,
    FilesChanged,
    LoadFailed,
    Notice,
    SearchFinished,
)
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.timeline_panel import TimelinePanel

SEARCH_LIMIT = 50
FOLLOW_GROUP = "follow"
"""The worker group that watches folders: it runs until the screen closes."""
PAINT_WAIT = 2.0
"""Seconds a load waits for its first list to reach the screen before it goes on."""
NARROW_WIDTH = 120
"""Below this many columns the right panel folds away (`p` shows it)."""


class MainScreen(Screen):
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
        super().__init__()
        self.paths = list(paths)
        self.refresh_minutes = refresh_minutes
        self.state = state
        self.corpus = corpus or Corpus()
        self.preloaded = corpus is not None
        self.article_id: str | None = None
        self.selected_actor: str | None = None
        self.actor_matches: list[tuple[int, int]] = []
        self.hits: list[SearchHit] = []
        self.hit_index = -1
        self.match_mode = "search"
        """What `n`/`N` step through: "search" hits or the selected "actor"'s mentions."""
        self.library = Library(self.paths, settings)
        self._stop_work = threading.Event()
        """Set when the screen closes: the folder watch and any load stop."""
        self._following = False
        self._painted = threading.Event()
        """Set once the articles are listed on screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield SourceList(self.state, id="sources")
            yield ArticleView(id="article")
            with Vertical(id="side"):
                yield Label("Timeline", classes="pane-title")
                yield TimelinePanel(id="timeline")
                yield Label("Actors", classes="pane-title")
                yield ActorPanel(id="actors")
        yield SearchPanel(id="search")
        with Horizontal(id="status"):
            yield Label("Loading…", id="status-text")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.apply_width(self.app.size.width)
        if self.preloaded:
            self.post_message(ArticlesLoaded(self.corpus))
            self.post_message(CorpusLoaded(self.corpus))
        else:
            self.load()
            if any(is_url(path) for path in self.paths):
                self.set_interval(60 * self.refresh_minutes, self.load_changes)

    def on_unmount(self) -> None:
        self._stop_work.set()
        self._painted.set()  # a load waiting for its first paint goes on, and sees the cancel
        self.workers.cancel_node(self)  # a load in progress stops: sync, pool and merge

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

    @work(thread=True, group="load", exit_on_error=False, description="load")
    def load(self) -> None:
        """Show the stored articles, bring the store up to date, then merge the corpus."""
        self.run_steps(refresh=False)

    @work(thread=True, group="load", exit_on_error=False, description="refresh")
    def load_changes(self, announce: bool = False) -> None:
        """Sync files and feeds again; show what changed (with `announce`, also nothing)."""
        if not self.run_steps(refresh=True, coalesce=not announce) and announce:
            self.post_message(Notice("Up to date: nothing new.", "information"))

    def run_steps(self, refresh: bool, coalesce: bool = True) -> bool:
        """Post each step of a load or refresh (see Library.steps); whether there was any."""

        def warn(text: str) -> None:
            self.post_message(Notice(text))

        def progress(done: int, total: int) -> None:
            self.post_message(AnalysisProgress(done, total))

        shown = False
        cancel = get_current_worker().cancelled_event
        try:
            for step in self.library.steps(warn, progress, refresh, coalesce, cancel):
                shown = True
                if step.merged:
                    self.post_message(CorpusLoaded(step.corpus))
                else:
                    self.post_message(ArticlesLoaded(step.corpus, step.changes))
                    # The list on screen before the next (slower) step takes the CPU from it.
                    self._painted.wait(timeout=PAINT_WAIT)
                if self._stop_work.is_set() or cancel.is_set():
                    break
        except Exception as error:  # shown on screen: a bad corpus must not crash the reader
            self.post_message(LoadFailed(f"Could not load the articles: {error}"))
        return shown

    def start_following(self) -> None:
        """Watch the folders once the first articles are listed (not sooner: setting up the
        watch of a large folder would slow the first paint)."""
        local = [path for path in self.paths if not is_url(path)]
        if local and not self._following:
            self._following = True
            self.follow_folders(local)

    @work(thread=True, group=FOLLOW_GROUP, exit_on_error=False, description="follow folders")
    def follow_folders(self, local: list[str]) -> None:
        """Refresh whenever a file under the local paths is added, changed or deleted."""
        try:
            warm_up()
            cache = self.library.settings.cache_dir
            for _batch in watch_folders(local, self._stop_work, ignore=[cache]):
                self.post_message(FilesChanged())
        except Exception as error:  # e.g. too many folders for the system's watch limit
            self.post_message(Notice(f"Not watching for new files: {error}"))

    @on(FilesChanged)
    def _files_changed(self) -> None:
        self.load_changes()

    @on(Notice)
    def _notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, timeout=8)

    @on(ArticlesLoaded)
    async def _articles_loaded(self, message: ArticlesLoaded) -> None:
        self.corpus = message.corpus
        sources = self.query_one(SourceList)
        sources.show_articles(message.corpus.articles)
        self.call_after_refresh(self._painted.set)
        self.call_after_refresh(self.start_following)
        changes = message.changes
        if changes:
            self.notify(changes.summary(sources.articles), title="Sources changed", timeout=6)
        if not message.corpus.articles:
            self.set_status("No articles found.")
            return
        count = len(message.corpus.articles)
        self.set_status(f"{count} articles; merging actors and the timeline…")
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

    @on(AnalysisProgress)
    def _progress(self, message: AnalysisProgress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self.set_status(f"Analysing {message.done} of {message.total} files…")

    @on(CorpusLoaded)
    def _corpus_loaded(self, message: CorpusLoaded) -> None:
        self.corpus = message.corpus
        corpus = message.corpus
        self.set_status(
            f"{len(corpus.articles)} articles · {len(corpus.actors)} actors · "
            f"{len(corpus.events)} events",
            done=True,
        )
        self.refresh_article_state()
        if self.query_one(SearchPanel).is_open:
            self.run_search(self.query_one("#search-input").value)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.set_status(message.reason, done=True)
        self.notify(message.reason, severity="error")
        self.start_following()

    def set_status(self, text: str, done: bool = False) -> None:
        self.query_one("#status-text", Label).update(Content(clean(text)))
        self.query_one(ProgressBar).display = not done

    # The article and the panels that follow it ----------------------------------------------

    async def open_article(
        self, article_id: str, offset: int | None = None, mark_read: bool = True
    ) -> None:
        """Show an article (cursor on the paragraph holding `offset`) and update the panels."""
        article = self.corpus.article(article_id)
        if article is None:
            return
        view = self.query_one(ArticleView)
        if article_id != self.article_id or view.article is None:
            self.article_id = article_id
            self.actor_matches = self._actor_matches()
            await view.show(article, self._analysis(), self._emphasis())
            self.refresh_panels()
        if offset is not None:
            view.go_to_offset(offset)
        if mark_read and not self.state.is_read(article_id):
            self.state.set_read(article_id)
            self.query_one(SourceList).refresh_article(article_id)
        self.query_one(SourceList).select_article(article_id)

    async def reopen_article(self) -> None:
        """Show the open article again (its file changed), at the same paragraph."""
        view = self.query_one(ArticleView)
        offset = view.offsets[view.cursor] if view.offsets else 0
        article_id, self.article_id = self.article_id, None
        if article_id:
            await self.open_article(article_id, offset, mark_read=False)

    def refresh_article_state(self) -> None:
        """New analysis results: restyle the article and rebuild the panels."""
        self.actor_matches = self._actor_matches()
        self.query_one(ArticleView).restyle(self._analysis(), self._emphasis())
        self.refresh_panels()
        view = self.query_one(ArticleView)
        if view.article is not None:
            view.go_to_offset(view.offsets[view.cursor] if view.offsets else 0)

    def refresh_panels(self) -> None:
        self.query_one(TimelinePanel).show_events(self.corpus.events, self.article_id)
        counts = self.library.article_actor_counts(self.corpus, self.article_id or "")
        actors = self.query_one(ActorPanel)
        actors.show_actors(self.corpus.actors, counts, self.selected_actor)
        actors.show_quotes(self.selected_actor, self._quotes(), self._title)

    def _quotes(self) -> list[CorpusQuote]:
        return self.corpus.quotes_of(self.selected_actor) if self.selected_actor else []

    def _title(self, article_id: str) -> str:
        header = self.corpus.header(article_id)
        return header.title if header else article_id

    def _analysis(self) -> Analysis:
        return self.corpus.analysis(self.article_id or "") or Analysis()

    def _actor_matches(self) -> list[tuple[int, int]]:
        if not (self.selected_actor and self.article_id):
            return []
        return self.library.actor_mentions(self.corpus, self.article_id, self.selected_actor)

    def _emphasis(self) -> list[tuple[int, int, str]]:
        spans = [(start, end, ACTOR_EMPHASIS) for start, end in self.actor_matches]
        if 0 <= self.hit_index < len(self.hits):
            hit = self.hits[self.hit_index]
            if hit.article == self.article_id:
                spans += [(s, e, SEARCH_EMPHASIS) for s, e in hit.matches]
        return spans

    @on(SourceList.ArticleHighlighted)
    async def _article_highlighted(self, message: SourceList.ArticleHighlighted) -> None:
        await self.open_article(message.article_id, mark_read=False)

    @on(SourceList.ArticleOpened)
    async def _article_opened(self, message: SourceList.ArticleOpened) -> None:
        await self.open_article(message.article_id)
        self.query_one(ArticleView).focus()

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        index = self.library.event_at(self.corpus, message.article_id, message.start, message.end)
        self.query_one(TimelinePanel).mark_cursor_event(index)

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
        self.match_mode = "actor" if name else "search"
        self.actor_matches = self._actor_matches()
        if name and not self.actor_matches:
            elsewhere = await asyncio.to_thread(
                self.library.next_mention, self.corpus, name, None, 1
            )
            if elsewhere:
                await self.open_article(elsewhere[0], mark_read=False)
                self.actor_matches = self._actor_matches()
        self.query_one(ArticleView).restyle(self._analysis(), self._emphasis())
        self.query_one(ActorPanel).show_quotes(name, self._quotes(), self._title)
        if self.actor_matches:
            self.query_one(ArticleView).go_to_offset(self.actor_matches[0][0])

    # Search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(SearchPanel).open()

    @on(SearchPanel.QueryChanged)
    def _query_changed(self, message: SearchPanel.QueryChanged) -> None:
        self.run_search(message.query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="search")
    def run_search(self, query: str) -> None:
        try:
            hits = self.library.search(self.corpus, query, SEARCH_LIMIT) if query.strip() else []
        except Exception as error:  # a search bug must not take the reader down
            self.post_message(Notice(f"Search failed: {error!r}"))
            hits = []
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(query, hits))

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        self.query_one(SearchPanel).show_hits(message.query, message.hits)

    @on(SearchPanel.HitChosen)
    async def _hit_chosen(self, message: SearchPanel.HitChosen) -> None:
        panel = self.query_one(SearchPanel)
        self.hits = list(panel.hits)
        panel.close()
        self.match_mode = "search"
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
        self.query_one(ArticleView).restyle(self._analysis(), self._emphasis())

    # Keys -----------------------------------------------------------------------------------

    async def action_next_match(self, step: int) -> None:
        if self.match_mode == "actor" and self.selected_actor:
            await self.next_mention(step)
        elif self.hits:
            await self.open_hit(self.hit_index + step)

    async def next_mention(self, step: int) -> None:
        """The selected actor's next (step 1) or previous (-1) mention, then other articles'."""
        view = self.query_one(ArticleView)
        starts = [start for start, _ in self.actor_matches]
        if step > 0:
            here = [s for s in starts if view.paragraph_at(s) > view.cursor]
        else:
            here = [s for s in starts if view.paragraph_at(s) < view.cursor]
        if here:
            view.go_to_offset(here[0] if step > 0 else here[-1])
            return
        found = await asyncio.to_thread(  # reads articles: off the UI thread
            self.library.next_mention, self.corpus, self.selected_actor or "", self.article_id, step
        )
        if found is None:
            return
        target = found[0]
        if target != self.article_id:
            await self.open_article(target, mark_read=False)
            self.actor_matches = self._actor_matches()
            view.restyle(self._analysis(), self._emphasis())
        if self.actor_matches:
            view.go_to_offset(self.actor_matches[0 if step > 0 else -1][0])

    def action_open_url(self) -> None:
        article = self.corpus.article(self.article_id or "")
        if article is None or not article.url:
            self.notify("This article has no URL.", severity="warning")
            return
        url = web_url(article.url)
        if url is None:
            self.notify(f"Not a web link: {article.url[:200]}", severity="warning")
            return
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error as error:
            self.notify(f"No browser to open {url}: {error}", severity="warning")
            return
        if opened:
            self.notify(f"Opening {url}")
        else:
            self.notify(f"No browser could open {url}", severity="warning")

    def action_refresh(self) -> None:
        if not self.paths:
            self.notify("Nothing to refresh: this corpus has no files or feeds.", timeout=3)
            return
        self.notify("Checking files and feeds…", timeout=2)
        self.load_changes(announce=True)

    def action_toggle_read(self) -> None:
        if self.article_id:
            read = self.state.toggle_read(self.article_id)
            self.query_one(SourceList).refresh_article(self.article_id)
            self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def action_toggle_star(self) -> None:
        if self.article_id:
            starred = self.state.toggle_star(self.article_id)
            self.query_one(SourceList).refresh_article(self.article_id)
            self.notify("Starred." if starred else "Unstarred.", timeout=2)

    def action_toggle_panel(self) -> None:
        self.toggle_class("-side-shown" if self.has_class("-narrow") else "-side-hidden")

    async def action_clear(self) -> None:
        if self.selected_actor:
            await self.select_actor(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())
