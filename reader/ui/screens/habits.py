"""The reading habits of the main screen (newsboat's): unread counts, next unread, marking a
group or everything read, the unread-only and starred-only filters, copying the URL.

The marks live in the ReadingState; the source list counts and filters from its in-memory
sets, and says what it counts with SourceList.Counted; this screen shows that in the status
line and routes the keys.
"""

from __future__ import annotations

from textual import on
from textual.reactive import reactive

from reader.core.safe_text import clean
from reader.core.unread import tally
from reader.ui.screens.story import StoryScreen
from reader.ui.widgets.source_list import SourceList

UNREAD_ONLY = "unread"
STARRED_ONLY = "starred"


class HabitsScreen(StoryScreen):
    """Keys over the reading state: `u`, `A`, `C`, `U`, `S`, `y`."""

    counts: reactive[str] = reactive("", init=False)
    """The status line's `unread/total` of the list, and the filters that narrow it."""

    @on(SourceList.Counted)
    def _counted(self, message: SourceList.Counted) -> None:
        filters = self.query_one(SourceList).filters
        shown = f"{tally(message.unread, message.total)} unread"
        self.counts = f"{shown} · only {', '.join(filters)}" if filters else shown

    async def action_next_unread(self, _shown: bool = True) -> None:
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
        sources = self.query_one(SourceList)
        changed = self.state.set_read_many(ids)
        if UNREAD_ONLY in sources.filters:
            sources.relist()
        else:
            sources.refresh_articles(changed)
        count = len(changed)
        said = f"Marked {count} article{'s' if count != 1 else ''} read"
        self.notify(f"{said} {where}".strip() + ".", timeout=3)

    def action_toggle_unread_only(self, _shown: bool = True) -> None:
        self._toggle_filter(UNREAD_ONLY, lambda article: not self.state.is_read(article.id))

    def action_toggle_starred_only(self) -> None:
        self._toggle_filter(STARRED_ONLY, lambda article: self.state.is_starred(article.id))

    def _toggle_filter(self, name: str, keep) -> None:
        sources = self.query_one(SourceList)
        on = name not in sources.filters
        sources.set_filter(name, keep if on else None)
        self.notify(f"Listing only {name} articles." if on else "Listing all articles.", timeout=2)

    def action_copy_url(self) -> None:
        """Copy the article's URL to the clipboard (the terminal's, through OSC 52)."""
        article = self.corpus.article(self.article_id or "")
        if article is None or not article.url:
            self.notify("This article has no URL to copy.", severity="warning")
            return
        url = clean(article.url)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", timeout=3)  # shown literally (ReaderApp.notify)
