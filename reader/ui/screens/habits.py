"""The reading habits of the main screen (newsboat's): unread counts, next unread, marking a
group or everything read, the unread-only, starred-only and tag filters, copying the URL.

The marks live in the ReadingState; the source list counts and filters from its in-memory
sets, and says what it counts with SourceList.Counted; this screen shows that in the status
line and routes the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.reactive import reactive
from textual.worker import get_current_worker

from reader.core.paths import is_url
from reader.core.safe_text import clean
from reader.core.subscriptions import Config, ConfigError, Feed, load_config, with_feeds
from reader.core.tags import Tag, tag_members, tags_of
from reader.core.unread import tally
from reader.ui.messages import ArticlesLoaded, Notice
from reader.ui.screens.story import StoryScreen
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.source_list import SourceList

if TYPE_CHECKING:
    from reader.ui.screens.feeds import FeedEdits

UNREAD_ONLY = "unread"
STARRED_ONLY = "starred"
TAGGED = "tagged "
"""The source list's filter of a tag is named this, then the tag's name."""
TAG_GROUP = "tag"


@dataclass
class TagFound(Message):
    """The articles `tag` selects (in the corpus listed when it was asked)."""

    tag: Tag
    members: set[str]


class HabitsScreen(StoryScreen):
    """Keys over the reading state: `u`, `A`, `C`, `U`, `S`, `y`."""

    counts: reactive[str] = reactive("", init=False)
    """The status line's `unread/total` of the list, and the filters that narrow it."""
    tag: Tag | None = None
    """The tag the list is filtered by."""
    marked: list[str] = []
    """The articles the last `A` or `C` marked read (ctrl+z marks them unread again)."""

    @on(SourceList.Counted)
    def _counted(self, message: SourceList.Counted) -> None:
        self.show_counts(message.unread, message.total)

    def show_counts(self, unread: int, total: int) -> None:
        """The list's unread of total in the status line, with the filters that narrow it."""
        filters = self.query_one(SourceList).filters
        shown = f"{tally(unread, total)} unread"
        self.counts = f"{shown} · only {', '.join(filters)}" if filters else shown

    async def action_next_unread(self) -> None:
        """The next unread article in list order (this group, then the next ones, wrapping)."""
        target = self.query_one(SourceList).next_unread(self.article_id)
        if target is None:
            self.notify("No unread articles left.", timeout=3)
            return
        await self.open_article(target)

    def action_mark_group_read(self) -> None:
        """Mark every article of the current outlet or story read."""
        sources = self.query_one(SourceList)
        name, ids = sources.group_articles(self.article_id or "")
        if not ids:
            self.notify("No article selected.", timeout=3)
            return
        self._mark_read(ids, f"in {clean(name)}")

    def action_mark_all_read(self) -> None:
        """Mark every article listed read."""
        self._mark_read(self.query_one(SourceList).listed_ids(), "")

    def _mark_read(self, ids: list[str], where: str) -> None:
        self.marked = self._mark(ids, True)
        count = len(self.marked)
        said = f"Marked {count} article{'s' if count != 1 else ''} read"
        undo = " ctrl+z: undo." if count else ""
        self.notify(f"{said} {where}".strip() + "." + undo, timeout=4)

    def action_undo_mark(self) -> None:
        """Mark the articles the last `A` or `C` marked read unread again."""
        if not self.marked:
            self.notify("Nothing to undo.", timeout=2)
            return
        count = len(self._mark(self.marked, False))
        self.marked = []
        self.notify(f"Marked {count} article{'s' if count != 1 else ''} unread again.", timeout=3)

    def _mark(self, ids: list[str], read: bool) -> list[str]:
        """Mark articles read or unread, and show it; the ids changed."""
        sources = self.query_one(SourceList)
        changed = self.state.set_read_many(ids, read)
        if UNREAD_ONLY in sources.filters:
            sources.relist()
        else:
            sources.refresh_articles(changed)
        return changed

    def action_toggle_unread_only(self) -> None:
        self._toggle_filter(UNREAD_ONLY, lambda article: not self.state.is_read(article.id))

    def action_toggle_starred_only(self) -> None:
        self._toggle_filter(STARRED_ONLY, lambda article: self.state.is_starred(article.id))

    def _toggle_filter(self, name: str, keep) -> None:
        sources = self.query_one(SourceList)
        on = name not in sources.filters
        sources.set_filter(name, keep if on else None)
        self.notify(f"Listing only {name} articles." if on else "Listing all articles.", timeout=2)

    @said_when_it_fails
    def action_copy_url(self) -> None:
        """Copy the article's URL to the clipboard (the terminal's, through OSC 52)."""
        article = self.corpus.article(self.article_id or "")
        if article is None or not article.url:
            self.notify("This article has no URL to copy.", severity="warning")
            return
        url = clean(article.url)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", timeout=3)  # shown literally (ReaderApp.notify)

    # Tags -----------------------------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.library.settings.config_dir / "config.toml"

    def read_config(self) -> Config:
        """The config file, read again at each ask: an edit takes effect at once."""
        try:
            return load_config(self.config_path, lambda text: self.notify(text, severity="warning"))
        except ConfigError as error:
            self.notify(str(error), severity="warning")
            return Config()

    def action_next_tag(self) -> None:
        """Filter by the next tag of the config; after the last, list everything again."""
        tags = tags_of(self.read_config())
        if not tags:
            path = self.config_path
            self.notify(f"No tags: add a [tags] table to {path} (see the README).", timeout=5)
            return
        names = [tag.name for tag in tags]
        following = names.index(self.tag.name) + 1 if self.tag and self.tag.name in names else 0
        if following == len(tags):
            self.show_tag(None)
            self.notify("Listing all articles.", timeout=2)
        else:
            self.find_tag(tags[following])

    @work(thread=True, exclusive=True, group=TAG_GROUP, exit_on_error=False, name="tag")
    def find_tag(self, tag: Tag) -> None:
        """The articles a tag selects (its queries read the search index: a thread)."""
        corpus = self.corpus
        try:
            with self.lease.use() as library:
                if library is None:
                    return
                members, problems = tag_members(corpus, tag)
        except Exception as error:  # a bad query must not take the reader down
            self.post_message(Notice(f"Tag {tag.name} failed: {error!r}"))
            return
        for problem in problems:
            self.post_message(Notice(problem))
        if not get_current_worker().is_cancelled:
            self.post_message(TagFound(tag, members))

    @on(TagFound)
    def _tag_found(self, message: TagFound) -> None:
        again = self.tag == message.tag
        self.show_tag(message.tag, message.members)
        if not again:
            count = len(message.members)
            said = f"{count} article{'s' if count != 1 else ''}. t: next tag · escape: all"
            self.notify(f"Tag {message.tag.name}: {said}", timeout=3)

    @on(ArticlesLoaded)
    def _relisted(self) -> None:
        """New articles may carry the tag shown: it is asked again."""
        if self.tag is not None:
            self.find_tag(self.tag)

    def show_tag(self, tag: Tag | None, members: set[str] | None = None) -> None:
        """List only the articles `members` of `tag` (None: of any tag)."""
        sources = self.query_one(SourceList)
        if self.tag is not None:
            sources.filters.pop(TAGGED + self.tag.name, None)
        self.tag = tag
        keep = None if members is None else (lambda article: article.id in members)
        sources.set_filter(TAGGED + tag.name if tag else "", keep)

    async def action_clear(self) -> None:
        """escape: the actor or the search highlight first (ReadingScreen), then the tag."""
        if self.tag is not None and not self.selected_actor and self.hit_index < 0:
            self.show_tag(None)
            self.notify("Listing all articles.", timeout=2)
        else:
            await super().action_clear()

    # Feeds ----------------------------------------------------------------------------------

    @said_when_it_fails
    def action_reload_feed(self) -> None:
        """Fetch the feed of the article on screen again, and only that feed."""
        article = self.corpus.article(self.article_id or "")
        if article is None or not is_url(article.path) or article.path not in self.paths:
            self.notify("This article is not from a feed: R reads everything again.", timeout=3)
            return
        self.notify(f"Fetching {article.path}…", timeout=2)
        self.load_changes(announce=True, feeds=[article.path])

    def action_manage_feeds(self) -> None:
        from reader.ui.screens.feeds import FeedsScreen  # (a screen shown later: not at start)

        self.app.push_screen(FeedsScreen(self.config_path), self.feeds_edited)

    def feeds_edited(self, edits: FeedEdits | None) -> None:
        """Follow what the feeds screen changed: fetch the feeds added or renamed (a name
        names the outlet), drop the ones removed."""
        if not edits:
            return
        self.set_paths(with_feeds(self.paths, edits.added, edits.removed))
        self.load_changes(announce=True, feeds=edits.added + edits.renamed)

    def follow_feeds(self, feeds: list[Feed]) -> None:
        """Read the feeds subscribed to since the reader opened too."""
        added = [feed.url for feed in feeds if feed.url not in self.paths]
        if added:
            self.set_paths(with_feeds(self.paths, added, []))

    def set_paths(self, paths: list[str]) -> None:
        """What the library reads from the next sync on (a sync under way keeps its own)."""
        self.paths = list(paths)
        self.library.paths = list(paths)
