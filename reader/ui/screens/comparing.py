"""The compare half of the main screen: `c` compares the outlets of the story being read.

The comparison is built in a thread worker (it matches quotes across outlets), then shown on
a screen of its own (screens/compare.py); what the reader chooses there opens here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.worker import get_current_worker

from reader.ui.screens.story import StoryScreen
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from reader.core.compare import Comparison
    from reader.ui.screens.compare import Chosen

COMPARE_GROUP = "compare"
ONE_OUTLET = "Only one outlet tells this story."


@dataclass
class ComparisonLoaded(Message):
    """The comparison of the story of article `article_id` (None: in no story yet)."""

    article_id: str
    comparison: Comparison | None


class ComparingScreen(StoryScreen):
    """Opens the compare view of the story being read, and the article chosen there."""

    def action_compare(self) -> None:
        if self.story is not None and len(self.story.outlets) < 2:
            self.notify(ONE_OUTLET)
        elif self.article_id:  # (its story may still be looked up: the worker asks too)
            self.load_comparison(self.article_id)

    @work(thread=True, exclusive=True, group=COMPARE_GROUP, exit_on_error=False, name="compare")
    @said_when_it_fails
    def load_comparison(self, article_id: str) -> None:
        with self.lease.use() as library:
            story_id = library.story_of(article_id) if library else None
            comparison = library.comparison(story_id) if library and story_id else None
        if not get_current_worker().is_cancelled:
            self.post_message(ComparisonLoaded(article_id, comparison))

    @on(ComparisonLoaded)
    def _comparison_loaded(self, message: ComparisonLoaded) -> None:
        comparison = message.comparison
        if message.article_id != self.article_id:
            return  # the reader moved to another article meanwhile
        if comparison is None:
            self.notify("No story for this article yet: stories come once it is analysed.")
        elif len(comparison.outlets) < 2:
            self.notify(ONE_OUTLET)
        else:
            from reader.ui.screens.compare import CompareScreen  # (its table: not at start)

            self.app.push_screen(CompareScreen(comparison), self.compared)

    async def compared(self, chosen: Chosen | None) -> None:
        """Open what was chosen in the compare view (nothing: the reader is where they were)."""
        if chosen is None:
            return
        place = chosen.place
        await self.open_article(place.article, place.start)
        self.query_one(ArticleView).focus()
        if chosen.actor:
            await self.select_actor(chosen.actor)
