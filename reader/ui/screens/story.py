"""The story half of the main screen: the stories the left pane groups by, the story of the
article being read, and the corpus the right panel shows (that story's, or the whole archive's
once widened), as typed reactives the panes are bound to (see MainScreen).

A story's own merge (its actors, timeline and quotes) is read in a thread worker: the first
time, the Library builds it, which reads the story's articles. It is asked again only when a
refresh changed that story's articles (CorpusLoaded.stories).
"""

from __future__ import annotations

from enum import Enum

from textual import on, work
from textual.reactive import reactive
from textual.worker import get_current_worker

from reader.core.library import Corpus
from reader.core.model import Story
from reader.ui.messages import CorpusLoaded, StoriesLoaded, StoryLoaded
from reader.ui.screens.reading import ReadingScreen
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.source_list import SourceList

STORY_GROUP = "story"


class Grouping(Enum):
    """How the left pane groups articles."""

    STORY = "story"
    OUTLET = "outlet"


def default_grouping(stories: list[Story]) -> Grouping:
    """By story when some story was told by several outlets (that is what grouping by story
    shows that grouping by outlet does not), else by outlet."""
    return Grouping.STORY if any(len(s.outlets) > 1 for s in stories) else Grouping.OUTLET


class StoryScreen(ReadingScreen):
    """The stories, the story being read, and what the right panel follows."""

    stories: reactive[list[Story]] = reactive(list, always_update=True, init=False)
    """The stories, in the Library's order (several outlets first, then the newest)."""
    grouping: reactive[Grouping] = reactive(Grouping.OUTLET, init=False)
    """How the left pane groups articles (`b` switches)."""
    story: reactive[Story | None] = reactive(None, always_update=True, init=False)
    """The story of the article being read (None: in no story, or not known yet)."""
    story_corpus: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """That story's own merge: its actors, timeline and quotes."""
    wide: reactive[bool] = reactive(False, init=False)
    """The right panel shows the whole archive instead of the story (`w` switches)."""
    panel: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """What the right panel shows: the story's merge, or the whole archive's (derived)."""
    panel_story: reactive[Story | None] = reactive(None, always_update=True, init=False)
    """The story the right panel shows (None: the whole archive) (derived)."""

    grouping_chosen = False
    """The reader chose a grouping: loads no longer choose it."""
    auto_opened: str | None = None
    """The article opened for the reader (the list's first), not by the reader."""

    async def open_first(self) -> None:
        """Open the first article listed (without marking it read)."""
        sources = self.query_one(SourceList)
        first = next(iter(sources.option_ids), None)
        if first:
            self.auto_opened = first
            sources.select_article(first)
            await self.open_article(first, mark_read=False)

    # The stories ----------------------------------------------------------------------------

    @on(StoriesLoaded)
    async def _stories_loaded(self, message: StoriesLoaded) -> None:
        await self.show_stories(message.stories)

    async def show_stories(self, stories: list[Story], complete: bool = True) -> None:
        """Group by the stories; without `complete`, the top ones alone (a warm start's first
        list comes with them: the article opened first is then the top story's, and stays
        open when every story follows)."""
        self.stories = stories
        self.query_one(SourceList).show_stories(stories, complete)
        if not self.grouping_chosen and self.grouping != default_grouping(stories):
            self.grouping = default_grouping(stories)
            if self.article_id == self.auto_opened:  # the reader has not moved: the top story
                await self.open_first()
        if not complete:
            return  # (the story read is looked up on its own, and may be further down)
        if self.story is not None:  # the same story, perhaps with new articles
            self.story = next((s for s in stories if s.id == self.story.id), None)
        if self.story is None:
            self.follow_story(force=True)

    def watch_grouping(self) -> None:
        sources = self.query_one(SourceList)
        # grouped as the stories came, the reader not moved yet: the top story is opened next
        to_top = not self.grouping_chosen and self.article_id == self.auto_opened
        sources.group_by_story(self.grouping is Grouping.STORY, keep_cursor=not to_top)
        if self.article_id and not to_top:
            sources.select_article(self.article_id)

    def action_toggle_grouping(self) -> None:
        if not self.stories and self.grouping is Grouping.OUTLET:
            self.notify("No stories yet: they come once the articles are analysed.", timeout=3)
            return
        self.grouping_chosen = True
        self.grouping = Grouping.OUTLET if self.grouping is Grouping.STORY else Grouping.STORY

    # The story being read -------------------------------------------------------------------

    def watch_article_id(self) -> None:
        self._derive()
        self.follow_story()

    def watch_merged(self) -> None:
        self._choose_panel()

    def watch_panel(self) -> None:
        self._derive()

    def actors_corpus(self) -> Corpus:
        """The right panel's corpus: its actors' names are the ones chosen there."""
        return self.panel or self.corpus

    def watch_story_corpus(self) -> None:
        self._choose_panel()

    def watch_wide(self) -> None:
        self._choose_panel()

    def action_widen(self) -> None:
        self.wide = not self.wide

    def _choose_panel(self) -> None:
        narrowed = not self.wide and self.story_corpus is not None
        self.panel_story = self.story if narrowed else None
        self.panel = self.story_corpus if narrowed else self.merged

    def follow_story(self, force: bool = False) -> None:
        """Look up the story of the article on screen, unless it is the one already shown: at
        once, before the stories are listed (listing a large archive's takes seconds; the
        story on screen is read from the store alone)."""
        if not self.article_id:
            return
        story = self.story
        if not force and story and any(a.id == self.article_id for a in story.articles):
            return
        self.find_story(self.article_id)

    @work(thread=True, exclusive=True, group=STORY_GROUP, exit_on_error=False, name="story")
    @said_when_it_fails
    def find_story(self, article_id: str) -> None:
        """The story of `article_id` and its merge (built on first ask: it reads articles)."""
        try:
            with self.lease.use() as library:
                if library is None:
                    return
                story_id = library.story_of(article_id)
                story = library.story(story_id) if story_id else None
                corpus = library.story_corpus(story_id) if story_id else None
        except Exception:
            self._story_shown.set()  # no panels will come: a load waiting for them goes on
            raise
        if not get_current_worker().is_cancelled:
            self.post_message(StoryLoaded(article_id, story, corpus))

    @on(StoryLoaded)
    def _story_loaded(self, message: StoryLoaded) -> None:
        if message.article_id != self.article_id:
            return  # another article is on screen: its own look-up follows
        self.call_after_refresh(self._story_shown.set)
        if message.story is None and self.story is None and self.story_corpus is None:
            return  # still in no story (not placed yet): the panels stay as they are
        self.story = message.story
        self.story_corpus = message.corpus

    @on(CorpusLoaded)
    def _stories_changed(self, message: CorpusLoaded) -> None:
        """A refresh changed the story being read: its merge is read again."""
        if self.story is not None and self.story.id in message.stories:
            self.follow_story(force=True)
