"""Each story merged over its own articles and kept in the store; the whole archive read from
those merges.

A story's merge is kept with the stamp of its articles' content, so only a story whose
articles changed is merged again: a new article costs its story's merge, not the archive's.
The whole archive's actors, timeline and quotes are the stories' combined in the store
(`reader.core.store.archive`); bringing them up to date merges the stale stories alone, in
worker processes when there are many (the first load of a large archive).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

from reader.core.actor_index import ActorIndex
from reader.core.cancelling import check
from reader.core.corpus import Corpus
from reader.core.model import Analysis, Article, CorpusQuote
from reader.core.store import BaseStore, StoryRow, codec, reopen
from reader.core.store.archive import StoryMerge
from reader.core.store.archive_pages import ArchiveActors, ArchiveEvents
from reader.core.workers import Cancelled, EventLike, Pool, stopping, wait_for, worker_count

APART_FROM = 200
"""From this many stale stories the merges run in worker processes."""
CHUNK = 100
"""Stories merged by a worker at once."""
STORY_CLAIM = "story:"
"""What a story's claim starts with (files are claimed by their absolute paths, feeds by URL)."""
KEPT_TOGETHER = 25
"""Stories merged one after another whose merges are kept in one transaction at most."""
KEPT_ARTICLES = 200
"""Articles whose mentions one such transaction keeps at most: on a shared archive it locks
each story and article by name, and beyond `pg_db.OWN_LOCKS` (256) names whole buckets of
names, which would hold off the indexers' writes."""


def story_stamp(rows: Sequence[StoryRow]) -> str:
    """What a story's merge depends on: its articles' ids and content (rows in story order)."""
    digest = hashlib.blake2b(codec.ANALYZER_VERSION.encode(), digest_size=16)
    for row in rows:
        digest.update(f"{row.id}\0{row.content}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def in_story_order(rows: list[StoryRow]) -> list[StoryRow]:
    """A story's articles in the order its merge reads them: oldest first."""
    return sorted(rows, key=lambda row: (row.published is None, row.published or "", row.id))


def merge_story(
    store: BaseStore, story_id: str, rows: list[StoryRow], held: list[StoryMerge] | None = None
) -> Corpus:
    """Merge a story over its articles (`rows`, in story order) and keep the merge (unless
    the store may only be read): now, or with `held`, added to it to be kept with others."""
    loaded = store.story_articles([row.id for row in rows])
    built = Corpus.build([a for a, _ in loaded], {a.id: n for a, n in loaded})
    if store.read_only:
        return built
    merge = StoryMerge(
        story_id,
        story_stamp(rows),
        built.actors,
        built.events,
        built.quotes,
        built.actor_index.mentions_by_article(),
    )
    if held is None:
        store.save_story_merges([merge])
    else:
        held.append(merge)
    return built


def story_corpus(store: BaseStore, story_id: str, rows: list[StoryRow]) -> Corpus:
    """A story's actors, timeline and quotes over its articles' headers: the kept merge when
    it is current, else merged now and kept. Bodies and analyses are read when asked for."""
    rows = in_story_order(rows)
    headers = [row.header() for row in rows]
    kept = store.story_merge(story_id, story_stamp(rows))
    if kept is None:
        built = merge_story(store, story_id, rows)
        actors, events, quotes = built.actors, built.events, built.quotes
    else:
        actors, events, quotes = kept
    return Corpus(
        articles=headers,
        actor_index=ActorIndex(actors=actors, loader=store.article_mentions),
        events=events,
        quotes=quotes,
        search_index=store,
        stored=_StoryArticles(store, quotes),
    )


def stale_stories(
    store: BaseStore, among: Collection[str] | None = None, cancel: EventLike | None = None
) -> dict[str, list[StoryRow]]:
    """The stories (of every story, or of those `among`) whose kept merge is missing or was
    built for other articles, with their articles in story order. Raises Cancelled when
    `cancel` is set while they are read."""
    members: dict[str, list[StoryRow]] = defaultdict(list)
    for row in store.story_rows(None if among is None else sorted(among), cancel):
        members[row.story].append(row)
    stamps = store.story_stamps(among)
    stale = {}
    for story_id, rows in members.items():
        rows = in_story_order(rows)
        if stamps.get(story_id) != story_stamp(rows):
            stale[story_id] = rows
    return stale


def merge_stale(
    store: BaseStore, cancel: EventLike | None = None, among: Collection[str] | None = None
) -> list[str]:
    """Merge every story (or every one `among`) whose kept merge is stale; the ids merged
    here. On a shared archive the indexers merging at once share them out
    (`BaseStore.claim`), each story merged by one. Raises Cancelled when `cancel` is set (the
    stories merged by then stay kept)."""
    ids = sorted(stale_stories(store, among, cancel))
    merged: list[str] = []
    pool = Pool(worker_count()) if len(ids) >= APART_FROM and not store.in_memory else None
    cancelled = False
    try:
        claims = [(STORY_CLAIM + story_id, story_id) for story_id in ids]
        for part in store.claim(claims, part=CHUNK * worker_count()):
            taken = [story_id for _, story_id in part]
            if pool is None:
                _merge_here(store, taken, cancel)
            else:
                _merge_apart(pool, store.location, taken, cancel)
            merged += taken
        if store.shared:  # another indexer held these: merged as they were before our update?
            held = sorted(set(ids) - set(merged))
            claims = [(STORY_CLAIM + story_id, story_id) for story_id in held]
            for part in store.claim(claims, part=CHUNK, wait=True):
                again = sorted(stale_stories(store, [story_id for _, story_id in part], cancel))
                _merge_here(store, again, cancel)
                merged += again
    except Cancelled:
        cancelled = True
        raise
    finally:
        if pool is not None:
            pool.close(cancelled)
    return merged


def _merge_here(store: BaseStore, ids: list[str], cancel: EventLike | None) -> None:
    if _merge_each(store, ids, lambda: cancel is not None and cancel.is_set()):
        check(cancel)


def _merge_apart(pool: Pool, location: str, ids: list[str], cancel: EventLike | None) -> None:
    futures = [
        pool.executor.submit(_merge_chunk, location, ids[start : start + CHUNK])
        for start in range(0, len(ids), CHUNK)
    ]
    never = _Never()
    for future in futures:
        wait_for(future, cancel or never)


def _merge_chunk(location: str, ids: list[str]) -> None:
    """In a worker: merge the stories `ids` (stopping between them when the pool stops)."""
    with reopen(location) as store:
        _merge_each(store, ids, stopping)


def _merge_each(store: BaseStore, ids: list[str], stop: Callable[[], bool]) -> bool:
    """Merge the stories `ids` until `stop` says to (True: it did, before the last), their
    merges kept several at a time (KEPT_TOGETHER, KEPT_ARTICLES); those merged before a stop
    or a failure are kept all the same."""
    held: list[StoryMerge] = []
    try:
        for story_id in ids:
            if stop():
                return True
            rows = store.story_rows(story_id)
            if rows:
                merge_story(store, story_id, in_story_order(rows), held)
            if len(held) >= KEPT_TOGETHER or sum(len(m.mentions) for m in held) >= KEPT_ARTICLES:
                batch, held = held, []
                store.save_story_merges(batch)
        return False
    finally:
        if held:
            store.save_story_merges(held)


def archive_corpus(store: BaseStore, headers: list[Article]) -> Corpus:
    """The whole archive over `headers`: every story's actors combined when first listed, the
    stories' events read a page at a time, their quotes read when asked for (merge the stale
    stories first, `merge_stale`)."""
    return Corpus(
        articles=headers,
        actor_index=ActorIndex(
            actors=ArchiveActors(store),  # type: ignore[arg-type]  # a Sequence, combined when listed
            loader=store.article_mentions,
        ),
        events=ArchiveEvents(store),  # type: ignore[arg-type]  # a Sequence, read in pages
        search_index=store,
        stored=store,
    )


class _Never:
    def is_set(self) -> bool:
        return False


class _StoryArticles:
    """A story corpus's articles, read from the store, and the story's own quotes."""

    def __init__(self, store: BaseStore, quotes: list[CorpusQuote]) -> None:
        self._store = store
        self._quotes = quotes

    def article(self, article_id: str) -> tuple[Article, Analysis] | None:
        return self._store.article(article_id)

    def quotes(self, speaker: str | None = None) -> list[CorpusQuote]:
        return [q for q in self._quotes if speaker is None or q.speaker == speaker]
