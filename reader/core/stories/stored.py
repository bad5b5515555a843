"""A store's stories, kept in step with its articles one change at a time.

The store keeps each article's vector, its link to its nearest neighbour, its story and its
key terms (see `reader.core.store.stories`). An update compares the kept vectors with the
articles written or removed since the last one (noted by the store's writers, the sync's
changes handed over through the store: no article is looked at that did not change), places
only the new and changed articles and takes out the gone ones; the stories and links those
touch are rewritten, no other. The index it places them with starts
empty and reads from the store what a change reaches: the candidates from the kept key terms,
then the kept stories of those (no article is read, vectorised or compared again), so one new
article costs a few stories, not the archive. A change large beside what is kept loads every
kept story at once instead. The index is kept while the process runs (the TUI's refreshes).
Listing stories and a story's merge need no index: they read the store (the listing kept
there while the stories stay as they are, see `reader.core.stories.listing`).
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Container, Mapping, Sequence
from typing import NamedTuple

from reader.core.cancelling import EventLike, check
from reader.core.corpus import Corpus
from reader.core.kept_listing import listed_texts
from reader.core.model import Story
from reader.core.store import BaseStore, StaleStories, StoryRow
from reader.core.stories.index import Link, Settings, StoryIndex, state_version
from reader.core.stories.listing import (
    joined_listing,
    make_story,
    story_order,
    story_text,
)
from reader.core.stories.merged import story_corpus
from reader.core.story_vector import (
    DEFAULT_WEIGHTS,
    ArticleVector,
    Weights,
    from_kept,
    vectorize,
)

BATCH = 1000
"""Articles read, vectorised and saved at once."""
ATTEMPTS = 5
"""Updates begun again when another process saved stories meanwhile, before leaving the rest
to that process."""
PATCHED_MOST = 300
"""Stories an update may change for the listing kept before it to be patched (those stories
listed again from their rows); more, and the next listing reads every story's rows."""
LOAD_ALL = 500
"""Every kept story is loaded at once when the changes times this reach the kept articles:
placing one article from the store (its candidates' vectors read, parsed and compared) costs
about what loading this many kept articles does (more at 100,000 kept: about 3,000)."""


class Listing(NamedTuple):
    """A listing kept in the store, as stories in its order and as each story's text in it."""

    generation: int
    """The generation of the kept stories it lists."""
    stories: list[Story]
    texts: dict[str, str]
    """Each story's text in the listing (`story_text`), by the story's id."""

    @classmethod
    def read(cls, generation: int, text: str) -> Listing:
        found = listed_texts(text)
        return cls(generation, [story for story, _ in found], {s.id: t for s, t in found})


def _link(similarity: float | None, neighbour: str | None) -> Link | None:
    return None if similarity is None or neighbour is None else (similarity, neighbour)


def _pair(link: Link | None) -> tuple[float | None, str | None]:
    return (None, None) if link is None else link


class _Kept:
    """A store's kept grouping as the index reads it, a part at a time: refused (StaleStories)
    once another process has saved stories since the index began."""

    def __init__(self, stored: StoredStories) -> None:
        self._stored = stored

    def candidates(self, keys: Mapping[str, int], at_least: int) -> list[str]:
        postings = self._stored.settings.postings
        return self._stored.store.story_candidates(keys, at_least, postings)

    def vectors(self, ids: Sequence[str]) -> list[tuple[str, ArticleVector]]:
        return [
            (article_id, ArticleVector.from_json(json.loads(text)))
            for article_id, text in self._stored.store.story_vectors(ids)
        ]

    def stories_with(
        self, ids: Sequence[str] | None, known: Container[str] = (), bare: Container[str] = ()
    ) -> list[tuple[str, str, ArticleVector | None, Link | None]]:
        store = self._stored.store
        rows = store.story_state_of(ids)
        if store.story_generation() != self._stored.generation:
            raise StaleStories
        return [
            (
                article_id,
                story,
                None if article_id in bare else ArticleVector.from_json(json.loads(text)),
                _link(similarity, near),
            )
            for article_id, story, text, similarity, near in rows
            if article_id in bare or article_id not in known
        ]


def _story(story_id: str, rows: list[StoryRow]) -> Story:
    return make_story(story_id, [(row.id, row) for row in rows])


class StoredStories:
    """The stories of one store: updated from its articles, listed, and merged per story."""

    def __init__(self, store: BaseStore, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.weights = DEFAULT_WEIGHTS
        self.version = state_version(self.settings, self.weights)
        self._lock = threading.Lock()
        self._index: StoryIndex | None = None
        self.generation = -1
        """The kept stories' generation the index in memory matches."""
        self._listing: Listing | None = None
        """The listing an update patched last (see `_patched`)."""
        self.untold = True
        """Whether the kept stories may have changed in ways no update's stories told (another
        process saved, or an update stopped midway) since the owner last cleared it: a merge
        of the stories updates told would then miss some."""

    # Keeping them in step -------------------------------------------------------------------

    def update(self, cancel: EventLike | None = None) -> set[str]:
        """Place new and changed articles, take out gone ones; the ids of the stories that
        changed (as they were and as they are). Raises Cancelled between batches.

        Another process may place articles in the same store meanwhile: a save over kept
        stories that changed since they were read is refused, and the update starts again
        from what is kept then."""
        touched: set[str] = set()
        with self._lock:
            if self.store.story_generation() != self.generation:
                self.untold = True  # saved by another process since this one's last save
            for _ in range(ATTEMPTS):
                try:
                    self._update(cancel, touched)
                    break
                except StaleStories:
                    self._index = None
                    self.untold = True
                except BaseException:  # a save that failed: the index may be ahead of the store
                    self._index = None
                    self.untold = True  # what was saved before is told to no one
                    raise
        return touched

    def _update(self, cancel: EventLike | None, touched: set[str]) -> None:
        changes = self.store.story_changes(self.version)
        if not changes:
            self.store.story_done(changes.done)
            return
        index = self._loaded()
        changed = len(changes.pending) + len(changes.gone)
        base = self._kept_listing_of(self.generation) if changed <= PATCHED_MOST else None
        if index.partial and changed * LOAD_ALL >= self.store.story_count():
            index.load_all()
        if changes.gone:
            for article_id in changes.gone:
                index.remove(article_id)
            self._save(index, [], changes.gone, touched)
        pending = changes.pending
        for start in range(0, len(pending), BATCH):
            check(cancel)
            batch = dict(pending[start : start + BATCH])
            rows = []
            for article_id, vector, text in self._vectors(list(batch), index.weights):
                index.add_vector(article_id, vector)
                rows.append((article_id, batch[article_id], vector, text))
            self._save(index, rows, [], touched)
        self.store.story_done(changes.done)
        if base is not None and len(touched) <= PATCHED_MOST:
            self._patched(base, touched)

    def _kept_listing_of(self, generation: int) -> Listing | None:
        """The listing kept for the stories of `generation` (see `story_listing_of`): the one
        this process patched last when it is that one (the text is not decoded again: 0.2 s
        at 100,000 articles), else read."""
        text = self.store.story_listing_of(generation)
        if text is None:
            return None
        if self._listing is not None and self._listing.generation == generation:
            return self._listing
        return Listing.read(generation, text)

    def _patched(self, base: Listing, touched: set[str]) -> None:
        """Keep the listing of the stories as saved now: `base`, the listing kept for the
        generation this update's saves began from, with the stories they changed (`touched`)
        listed again from their rows, the others as they were. Every save since `base` was
        this update's (a save over another's is refused), and every article whose listed
        fields changed was placed again by it, so its story is among `touched`; notes of
        articles written meanwhile leave the listing not current, as ever. Only the stories
        listed again are written out as text: the others keep theirs."""
        generation = self.generation
        again = [story for story_id in sorted(touched) if (story := self.story(story_id))]
        kept = [story for story in base.stories if story.id not in touched]
        stories = sorted([*kept, *again], key=story_order)
        texts = {story_id: text for story_id, text in base.texts.items() if story_id not in touched}
        texts.update((story.id, story_text(story)) for story in again)
        self.store.keep_story_listing(generation, joined_listing(texts[s.id] for s in stories))
        self._listing = Listing(generation, stories, texts)

    def _vectors(self, ids: list[str], weights: Weights) -> list[tuple[str, ArticleVector, str]]:
        """The vectors (parsed, and as text) of those of `ids` the store holds, in the order
        of `ids`: those kept with the articles read, the others computed from the article and
        its analysis (an article stored without one, or with one of other weights)."""
        texts = {a: from_kept(kept, weights) for a, kept in self.store.kept_vectors(ids).items()}
        missing = [a for a, text in texts.items() if text is None]
        computed = {
            article.id: vectorize(article, analysis, weights)
            for article, analysis in (self.store.story_articles(missing) if missing else [])
        }
        found = []
        for a in ids:
            text = texts.get(a)
            if text is not None:
                found.append((a, ArticleVector.from_json(json.loads(text)), text))
            elif a in computed:
                found.append((a, computed[a], computed[a].text()))
        return found

    def _loaded(self) -> StoryIndex:
        """The index of what is kept: the one in memory, brought up to date with what other
        processes saved since (the stories of the articles whose kept story or link changed
        read again, as the store's log of its saves names them: the vectors only of those
        whose vector changed, or not held), else, when the log cannot tell (too old), a new
        one that reads the kept stories as it needs them."""
        generation, index = self.store.story_generation(), self._index
        if index is not None and generation == self.generation:
            return index
        changed = None if index is None else self.store.story_changed(self.generation)
        if index is None or changed is None:
            self._index = index = StoryIndex(self.settings, self.weights, kept=_Kept(self))
            self.generation = generation
        else:
            since, (self.generation, articles) = self.generation, changed
            replaced = self.store.story_replaced(since, self.generation)
            index.renew(articles, _Kept(self), replaced)
        return index

    def _save(
        self,
        index: StoryIndex,
        rows: list[tuple[str, str, ArticleVector, str]],
        gone: list[str],
        touched: set[str],
    ) -> None:
        """Keep `rows` (new vectors, parsed and as text) and every story and link that changed
        since the last save; once kept, add the stories whose articles changed (as they were
        and are) or were placed again (their content changed) to `touched`."""
        changes = index.changes()
        new = {row[0] for row in rows}
        vectors = []
        for a, content, v, text in rows:
            story, link = index.story_of(a), index.link(a)
            assert story is not None, a  # every placed article is in a story
            vectors.append((a, content, story, *_pair(link), text, "\n".join(v.actors)))
        keys = [
            (key, row[0], weight) for row in rows for key, weight in row[2].key_weights().items()
        ]
        moved = [
            (story, *_pair(index.link(a)), a)
            for a in sorted(changes)
            if a not in new and (story := index.story_of(a)) is not None
        ]
        left = {was for was, _ in changes.values() if was is not None}
        self.generation = self.store.save_stories(vectors, keys, gone, moved, left, self.generation)
        for a, (was, _) in changes.items():
            now = index.story_of(a)
            if now != was:
                touched.update(s for s in (was, now) if s is not None)
        touched.update(s for a in new if (s := index.story_of(a)) is not None)  # (new content)

    # Reading them ---------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every kept story: those with several outlets first, then the most recent first.
        The listing kept for them when it is current, else one made from their rows (and
        kept in the embedded store; a shared archive's indexers keep it, see `keep_listing`:
        its readers may not write). The listing kept is decoded once while it stays current
        (this process keeps the one it read or patched last: an update's patch starts from
        it), so its stories are the same objects at each call (a new list of them): callers
        read them and never change them (none does: the CLI writes them out, the UI lists
        them)."""
        generation = self.store.current_listing()
        listing = self._listing
        if generation is None:
            return self._listed(keep=not self.store.shared)
        if listing is None or listing.generation != generation:
            text = self.store.kept_story_listing()
            if text is None:  # (made not current since)
                return self._listed(keep=not self.store.shared)
            listing = Listing.read(generation, text)
            if self.store.current_listing() == generation:  # the text read is of it
                self._listing = listing  # (an update's patch then starts from it)
        return list(listing.stories)

    def keep_listing(self) -> None:
        """Keep the stories' listing in the store, unless the one kept is current (asked of
        the store, not read back: an indexer never shows it)."""
        if self.store.current_listing() is None:
            self._listed(keep=True)

    def _listed(self, keep: bool) -> list[Story]:
        generation = self.store.story_generation()  # before the rows (see keep_story_listing)
        members: dict[str, list[StoryRow]] = defaultdict(list)
        for row in self.store.story_rows():
            members[row.story].append(row)
        stories = sorted((_story(s, rows) for s, rows in members.items()), key=story_order)
        if keep:
            texts = {story.id: story_text(story) for story in stories}
            self.store.keep_story_listing(generation, joined_listing(texts.values()))
            self._listing = Listing(generation, stories, texts)
        return stories

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
        return story_corpus(self.store, story_id, rows) if rows else None
