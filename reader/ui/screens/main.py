"""The main screen: sources, the article, and the timeline, actors and quotes that follow it.

The screen's state is a handful of typed reactives, kept by its bases: the corpus, the merged
corpus and the status line (LibraryScreen, screens/loading.py), the article, the selected
actor, the search hits and what `n`/`N` step through (ReadingScreen, screens/reading.py), the
stories, the story being read and what the right panel shows (StoryScreen, screens/story.py),
the compare view of that story (ComparingScreen, screens/comparing.py).
Here the panes are laid out and bound to that state with `data_bind` (they render themselves
when it changes), and messages and keys are routed to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Label

from reader.core.library import Corpus
from reader.core.links import web_url
from reader.core.model import Story
from reader.core.paths import is_url
from reader.core.safe_text import clean
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.core.story_nav import next_outlet_article
from reader.core.subscriptions import REFRESH_MINUTES
from reader.ui import collector
from reader.ui.messages import ArticlesLoaded, CorpusLoaded
from reader.ui.screens.comparing import ComparingScreen
from reader.ui.screens.habits import HabitsScreen
from reader.ui.screens.loading import FOLLOW_GROUP
from reader.ui.screens.reading import MatchMode
from reader.ui.screens.story import Grouping
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.paged_footer import PAGE_ACTION, PagedFooter
from reader.ui.widgets.quotes_panel import QuotesPanel
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.status_bar import Status, StatusBar
from reader.ui.widgets.timeline_panel import TimelinePanel

__all__ = ["FOLLOW_GROUP", "Grouping", "MainScreen", "MatchMode"]

COLLECTOR_WAIT = 10.0
"""Seconds after the main screen mounts by which the collector is on again, list or not."""
NARROW_WIDTH = 120
"""Below this many columns the right panel folds away (`p` shows it)."""
COMPACT_WIDTH = 170
"""Below this many columns the footer is compact."""
TWO_PAGE_WIDTH = 140
"""From this many columns the footer shows two pages of keys at once."""
MATCHES = Binding.Group("Match", compact=True)
OUTLETS = Binding.Group("Outlet", compact=True)

READING = [
    Binding("slash", "search", "Search"),
    Binding("n", "next_match(1)", "Next", group=MATCHES),
    Binding("N", "next_match(-1)", "Prev", key_display="N", group=MATCHES),
    Binding("u", "next_unread", "Next unread"),
    Binding("r", "toggle_read", "Read"),
    Binding("s", "toggle_star", "Star"),
    Binding("c", "compare", "Compare"),
]
MOVING = [
    Binding("b", "toggle_grouping", "Group"),
    Binding("left_square_bracket", "next_outlet(-1)", "Prev outlet", group=OUTLETS),
    Binding("right_square_bracket", "next_outlet(1)", "Next outlet", group=OUTLETS),
    Binding("p", "toggle_panel", "Panel"),
    Binding("w", "widen", "Widen"),
    Binding("o", "open_url", "URL"),
    Binding("y", "copy_url", "Copy URL"),
    Binding("t", "next_tag", "Tag"),
]
LISTS = [
    Binding("U", "toggle_unread_only", "Unread only", key_display="U"),
    Binding("S", "toggle_starred_only", "Starred only", key_display="S"),
    Binding("A", "mark_group_read", "Group read", key_display="A"),
    Binding("C", "mark_all_read", "All read", key_display="C"),
    Binding("ctrl+z", "undo_mark", "Undo"),
]
FEEDS = [
    Binding("R", "refresh", "Refresh", key_display="R"),
    Binding("ctrl+r", "reload_feed", "Reload feed"),
    Binding("F", "manage_feeds", "Feeds", key_display="F"),
    Binding("escape", "clear", "Clear", key_display="esc"),
]
FOOTER_PAGES = [
    [binding.action for binding in READING],
    [binding.action for binding in MOVING],
    [binding.action for binding in LISTS],
    [*(binding.action for binding in FEEDS), "command_palette", "quit"],  # the app's ctrl+p, q
]
"""The footer's pages of keys: `.` turns them; `.` and `?` show on every page."""


def empty_text(paths: Sequence[str]) -> str:
    """What the article pane says when there is nothing to read, and what happens next."""
    folders = [path for path in paths if not is_url(path) and Path(path).is_dir()]
    if not folders:
        return "No articles to read."
    names = ", ".join(folders)
    return f"{names} is empty. It is watched: articles saved there appear here."


def footer_fit(width: int) -> tuple[bool, int]:
    """Whether the footer is compact at `width` columns, and how many pages of keys it shows."""
    return width < COMPACT_WIDTH, 2 if width >= TWO_PAGE_WIDTH else 1


class MainScreen(ComparingScreen, HabitsScreen):
    """Three panes; the right one follows the story being read and the article's cursor."""

    follows_subscriptions = False
    """Opened on the subscriptions (`reader` with no PATH): `R` also fetches those added since."""
    first_opens_due = 0
    """First articles to open once their list is painted (ReaderApp.settled waits for them)."""

    BINDINGS = [
        *READING,
        *MOVING,
        *LISTS,
        *FEEDS,
        Binding("full_stop", PAGE_ACTION, "More", key_display="."),
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
            yield ArticleView(id="article").data_bind(
                MainScreen.emphasis, MainScreen.merged, MainScreen.story
            )
            with Vertical(id="side"):
                yield Label("Timeline", id="timeline-title", classes="pane-title")
                yield TimelinePanel(id="timeline").data_bind(
                    MainScreen.article_id, MainScreen.cursor_event, merged=MainScreen.panel
                )
                yield Label("Actors", id="actors-title", classes="pane-title")
                yield ActorPanel(id="actors").data_bind(
                    MainScreen.article_id, merged=MainScreen.panel, story=MainScreen.panel_story
                )
                yield Label("Quotes", id="quotes-title", classes="pane-title")
                yield QuotesPanel(id="quotes").data_bind(
                    MainScreen.selected_actor, merged=MainScreen.panel
                )
        yield SearchPanel(self.lease, id="search").data_bind(MainScreen.corpus, MainScreen.merged)
        yield StatusBar(id="status").data_bind(MainScreen.status, MainScreen.counts)
        compact, per_view = footer_fit(self.app.size.width)  # fitted now, not re-laid after
        yield PagedFooter(FOOTER_PAGES, per_view, compact=compact)

    async def on_mount(self) -> None:
        # The collector on again after the list's first frame (see `_articles_loaded`): a
        # shared archive's list comes from a worker, after the first frame, and reading its
        # headers with the collector on cost twice the CPU; at the latest after
        # COLLECTOR_WAIT seconds (an archive that does not answer lists nothing).
        self.set_timer(COLLECTOR_WAIT, collector.release)
        self.query_one(SourceList).empty_hint = "U, S and t (or escape) list all again."
        self.apply_width(self.app.size.width)
        self.watch_panel_story()
        if self.preloaded is not None:
            self.post_message(ArticlesLoaded(self.preloaded))
            self.post_message(CorpusLoaded(self.preloaded))
        else:
            head = self.stored_list(head=True)
            if head is None:
                await self._list_stored()
            else:  # the top stories in the first frame; the whole list right after it
                await self._articles_loaded(head)
                self.call_after_refresh(self._list_stored)

    async def _list_stored(self) -> None:
        """List what the store holds, then load: bring it up to date, merge."""
        stored = self.stored_list()
        if stored is not None:  # listed in the first frame (or right after the head's)
            await self._articles_loaded(stored)
        self.load()
        if any(is_url(path) for path in self.paths):
            self.set_interval(60 * self.refresh_minutes, self.load_changes)

    def on_resize(self) -> None:
        self.apply_width(self.size.width)

    def apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        footer = self.query_one(PagedFooter)
        footer.compact, footer.per_view = footer_fit(width)

    def action_footer_page(self) -> None:
        """The footer's next page of keys (after the last, the first)."""
        self.query_one(PagedFooter).page += 1

    # Loading --------------------------------------------------------------------------------

    @on(ArticlesLoaded)
    async def _articles_loaded(self, message: ArticlesLoaded) -> None:
        if message.head:  # its rows alone: the list's counts, its article and the rest follow
            self.state.know_keys(message.corpus.articles)
            self.query_one(SourceList).head = True  # (from its grouping on)
            await self.show_stories(message.top or [], complete=False)
            self.query_one(SourceList).show_articles(message.corpus.articles, head=True)
            return
        self.corpus = message.corpus
        analysed = self.analysing and not message.analysing  # the article on screen too
        self.analysing = message.analysing
        # Marks belong to articles (path and words), not to ids that other files can change.
        self.state.track(message.corpus.articles)
        if message.top:  # grouped by the top stories from the first paint
            await self.show_stories(message.top, complete=False)
        sources = self.query_one(SourceList)
        sources.show_articles(message.corpus.articles)
        self.show_counts(*sources.counts())  # in the list's own frame (Counted comes after it)
        self.call_after_refresh(self.articles_painted)
        self.call_after_refresh(collector.release)  # (nothing after the first time)
        changes = message.changes
        if changes:
            self.notify(changes.summary(sources.articles), title="Sources changed", timeout=6)
        if not message.corpus.articles:
            self._story_shown.set()  # no article opens: a load waiting for its panels goes on
            self.status = Status("No articles found.")
            await self.query_one(ArticleView).show_message(empty_text(self.paths))
            return
        count = len(message.corpus.articles)
        if message.analysing:
            self.status = Status(f"{count:,} articles listed · analysing…")
        else:
            self.status = Status(f"{count} articles; merging actors and the timeline…")
        if self.article_id in sources.articles:  # listed again: stay where the reader is
            self._story_shown.set()  # (its story is on screen, or looked up already)
            sources.select_article(self.article_id)
            if analysed or (changes and self.article_id in changes.changed):
                await self.reopen_article()
            return
        # The list and its counts are painted first; the first article and its panels after.
        if self.call_after_refresh(self._open_first_focused):  # (False: the screen is closing)
            self.first_opens_due += 1

    async def _open_first_focused(self) -> None:
        try:
            await self.open_first()
            self.query_one(SourceList).focus()
        finally:
            self.first_opens_due -= 1
            if self.article_id is None:  # none opened (e.g. the filters leave none): no
                self._story_shown.set()  # panels to wait for

    # The article and the panels that follow it ----------------------------------------------

    @on(SourceList.ArticleHighlighted)
    async def _article_highlighted(self, message: SourceList.ArticleHighlighted) -> None:
        await self.open_article(message.article_id, mark_read=False)

    @on(SourceList.ArticleOpened)
    async def _article_opened(self, message: SourceList.ArticleOpened) -> None:
        await self.open_article(message.article_id)
        self.query_one(ArticleView).focus()

    @on(ArticleView.CursorMoved)
    @said_when_it_fails
    def _cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        where = (message.article_id, message.start, message.end)
        self.cursor_event = self.library.event_at(self.panel or self.corpus, *where)

    @on(TimelinePanel.EventChosen)
    @said_when_it_fails
    async def _event_chosen(self, message: TimelinePanel.EventChosen) -> None:
        await self.jump_to_event(self.query_one(TimelinePanel).events[message.index])

    def watch_panel_story(self) -> None:
        """The side panel's title says what it follows, and how to switch."""
        side = self.query_one("#side")
        story: Story | None = self.panel_story
        if story is not None:
            side.border_title = Content(f"This story · {clean(story.title)}")
            side.border_subtitle = "w: whole archive"
        elif self.story_corpus is not None:
            side.border_title, side.border_subtitle = "Whole archive", "w: this story"
        else:
            side.border_title, side.border_subtitle = "Whole archive", ""
        scope = "story" if story is not None else "archive"
        self.query_one("#timeline-title", Label).update(f"Timeline · {scope}")
        self.query_one("#actors-title", Label).update(f"Actors · {scope}")
        self.query_one("#quotes-title", Label).update(f"Quotes · {scope}")

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

    @said_when_it_fails
    def action_open_url(self) -> None:
        article = self.corpus.article(self.article_id or "")
        if article is None or not article.url:
            self.notify("This article has no URL.", severity="warning")
            return
        url = web_url(article.url)
        if url is None:
            self.notify(f"Not a web link: {article.url[:200]}", severity="warning")
            return
        from reader.ui.browser import open_link  # (webbrowser: on the first `o`, not at start)

        open_link(self.app, url)

    def action_refresh(self) -> None:
        if not self.paths:
            self.notify("Nothing to refresh: this corpus has no files or feeds.", timeout=3)
            return
        self.notify("Checking files and feeds…", timeout=2)
        if self.follows_subscriptions:  # a feed added meanwhile (`reader feeds add`)
            self.follow_feeds(self.read_config().feeds)
        self.load_changes(announce=True)

    def action_toggle_read(self) -> None:
        if self.article_id:
            self.query_one(SourceList).toggle_read(self.article_id)

    def action_toggle_star(self) -> None:
        if self.article_id:
            self.query_one(SourceList).toggle_star(self.article_id)

    async def action_next_outlet(self, step: int) -> None:
        """The same story in the next (step 1) or previous (-1) outlet's article."""
        target = next_outlet_article(self.story, self.article_id, step) if self.story else None
        if target is None:
            self.notify("No other outlet told this story.", timeout=3)
            return
        await self.open_article(target)

    def action_toggle_panel(self) -> None:
        side = self.query_one("#side")
        had_focus = self.focused is not None and side in self.focused.ancestors_with_self
        self.toggle_class("-side-shown" if self.has_class("-narrow") else "-side-hidden")
        if had_focus:  # the panel folded away with the focus: give it to a pane still shown
            sources = self.query_one(SourceList)
            (sources if self.has_class("-narrow") else self.query_one(ArticleView)).focus()

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen  # (a screen shown later: not at start)

        self.app.push_screen(HelpScreen())
