"""The questions the panes ask of the stories (a story, its articles' corpus, how its outlets
compare), answered from a library's kept stories. Library offers each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.corpus import Corpus
from reader.core.model import Story

if TYPE_CHECKING:
    from reader.core.compare import Comparison
    from reader.core.stories import StoredStories


class StoryQuestions:
    """What a library answers about its stories, as last brought up to date."""

    @property
    def kept_stories(self) -> StoredStories:
        """The store's stories (Library keeps them)."""
        raise NotImplementedError

    def stories(self) -> list[Story]:
        """The stories as last brought up to date (by `sync`, `open` or `steps`): those with
        several outlets first, then the most recent first."""
        return self.kept_stories.stories()

    def story(self, story_id: str) -> Story | None:
        return self.kept_stories.story(story_id)

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to."""
        return self.kept_stories.story_of(article_id)

    def story_corpus(self, story_id: str) -> Corpus | None:
        """One story's actors, timeline and quotes, merged over its articles alone; None for
        an unknown story."""
        return self.kept_stories.corpus(story_id)

    def comparison(self, story_id: str) -> Comparison | None:
        """What each outlet of the story told (reader.core.compare); None for an unknown story."""
        from reader.core.compare import compare

        story, corpus = self.story(story_id), self.story_corpus(story_id)
        return compare(story, corpus) if story and corpus else None
