"""A store's stories, kept in step with its articles one change at a time.

The store keeps each article's vector and story (see `reader.core.store.stories`). An update
compares the kept vectors with the stored articles and places only the new and changed
articles and takes out the gone ones; the stories those touch are rewritten, no other. The
grouping's links live in memory: a process that must change stories first rebuilds them from
the kept vectors (no article is read or vectorised again), then keeps them while it runs (the
TUI's refreshes). Listing stories and a story's merge need no index: they read the store.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import defaultdict
from typing import Protocol

from reader.core.corpus import Corpus
from reader.core.model import Story
from reader.core.store import Store, StoryRow, codec
from reader.core.stories.features import ArticleVector, day_of, vectorize
from reader.core.stories.index import Settings, StoryIndex, make_story, story_order

BATCH = 1000
"""Articles read, vectorised and saved at once."""


class EventLike(Protocol):
    def is_set(self) -> bool: ...


class Cancelled(Exception):
    """The update stopped because its cancel event was set; what was saved stays."""


def _vector_text(vector: ArticleVector) -> str:
    return json.dumps(vector.to_json(), ensure_ascii=False, separators=(",", ":"))


def _light(row: StoryRow) -> ArticleVector:
    """What a story's listing needs of an article's vector, from its row."""
    return ArticleVector(
        features={},
        keys=(),
        day=day_of(row.published),
        published=row.published,
        source=row.source,
        title=row.title,
        actors=tuple(row.actors),
    )


def _story(story_id: str, rows: list[StoryRow]) -> Story:
    return make_story(story_id, [(row.id, _light(row)) for row in rows])


class StoredStories:
    """The stories of one store: updated from its articles, listed, and merged per story."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._lock = threading.Lock()
        self._index: StoryIndex | None = None
        self._contents: dict[str, str] = {}
        """What the index holds: article id -> the content its vector was computed from."""

    # Keeping them in step -------------------------------------------------------------------

    def update(self, cancel: EventLike | None = None) -> set[str]:
        """Place new and changed articles, take out gone ones; the ids of the stories that
        changed (as they were and as they are). Raises Cancelled between batches."""
        with self._lock:
            changes = self.store.story_changes()
            if not changes:
                return set()
            index = self._loaded()
            touched: set[str] = set()
            if changes.gone:
                before = index.assignments()
                for article_id in changes.gone:
                    index.remove(article_id)
                    self._contents.pop(article_id, None)
                self._save(index, before, [], changes.gone, touched)
            pending = changes.pending
            for start in range(0, len(pending), BATCH):
                if cancel is not None and cancel.is_set():
                    raise Cancelled
                batch = dict(pending[start : start + BATCH])
                before = index.assignments()
                rows = []
                for article, analysis in self.store.story_articles(list(batch)):
                    vector = vectorize(article, analysis, index.weights)
                    index.add_vector(article.id, vector)
                    rows.append((article.id, batch[article.id], vector))
                    self._contents[article.id] = batch[article.id]
                self._save(index, before, rows, [], touched)
            return touched

    def _loaded(self) -> StoryIndex:
        """The index of the kept vectors: the one in memory while it matches them."""
        kept = self.store.story_contents()
        if self._index is None or kept != self._contents:
            index = StoryIndex(self.settings)
            for article_id, text in self.store.story_vectors():
                index.add_vector(article_id, ArticleVector.from_json(json.loads(text)))
            self._index, self._contents = index, kept
        return self._index

    def _save(
        self,
        index: StoryIndex,
        before: dict[str, str],
        rows: list[tuple[str, str, ArticleVector]],
        gone: list[str],
        touched: set[str],
    ) -> None:
        after = index.assignments()
        moved = {a: s for a, s in after.items() if before.get(a) != s}
        touched.update(moved.values())
        touched.update(before[a] for a in moved if a in before)
        touched.update(before[a] for a in gone if a in before)
        vectors = [
            (a, content, after[a], _vector_text(v), "\n".join(v.actors)) for a, content, v in rows
        ]
        self.store.save_stories(vectors, gone, moved)

    # Reading them ---------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every kept story: those with several outlets first, then the most recent first."""
        members: dict[str, list[StoryRow]] = defaultdict(list)
        for row in self.store.story_rows():
            members[row.story].append(row)
        return sorted((_story(s, rows) for s, rows in members.items()), key=story_order)

    def story(self, story_id: str) -> Story | None:
        rows = self.store.story_rows(story_id)
        return _story(story_id, rows) if rows else None

    def story_of(self, article_id: str) -> str | None:
        return self.store.story_of(article_id)

    def corpus(self, story_id: str) -> Corpus | None:
        """The story's actors, timeline and quotes, merged over its articles alone: kept in
        the store for its articles' content, so only a story whose articles changed is
        merged again."""
        rows = self.store.story_rows(story_id)
        if not rows:
            return None
        rows.sort(key=lambda row: (row.published is None, row.published or "", row.id))
        digest = hashlib.blake2b(codec.ANALYZER_VERSION.encode(), digest_size=16)
        for row in rows:
            digest.update(f"{row.id}\0{row.content}\n".encode("utf-8", "surrogatepass"))
        stamp = digest.hexdigest()
        headers = [row.header() for row in rows]
        corpus = self.store.story_corpus(story_id, stamp, headers)
        if corpus is None:
            loaded = self.store.story_articles([row.id for row in rows])
            built = Corpus.build([a for a, _ in loaded], {a.id: n for a, n in loaded})
            self.store.save_story_corpus(story_id, stamp, built)
            corpus = self.store.story_corpus(story_id, stamp, headers)
            assert corpus is not None
        return corpus
