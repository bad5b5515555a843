"""Each story's merge (actors, timeline, quotes) in tables, and the whole archive read from them.

A story is merged over its own articles alone (`reader.core.stories`) and kept here with the
stamp of the articles it was built from, one row per actor, event, quote and article. The whole
archive is never merged in one piece: its actors are the stories' actors combined by SQL (one
actor per normalised name, see `actor_key`), its timeline the union of the stories' events
read a page at a time in date order, its quotes the stories' quotes. A new or changed article
thus costs the merge of its own story.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from reader.core.model import Actor, CorpusQuote, Event
from reader.core.store import codec
from reader.core.store.db import Connections, Sql, in_batches, upsert
from reader.core.timeline import sort_key

_STORY_MENTIONS = upsert("story_mentions", ("id", "story", "data"), ("id",))

PAGE = 200
"""Events read from the store at once."""
PAGES_KEPT = 8
"""Pages of the whole timeline kept in memory after they were read."""

_SPACES = re.compile(r"\s+")


def actor_key(name: str) -> str:
    """What makes actors of different stories one actor of the archive: the same name, case
    and spacing aside. Kept simple on purpose: a story's resolution already merged its name
    variants ("Putin" with "Vladimir Putin"); across stories only equal names meet."""
    return _SPACES.sub(" ", name).strip().casefold()


def combined_actor(parts: list[Actor]) -> Actor:
    """One actor of the archive from its stories' actors (the most mentioned one first)."""
    first = parts[0]
    names = [first.name, *(alias for part in parts for alias in (part.name, *part.aliases))]
    return Actor(
        name=first.name,
        type=first.type,
        aliases=[n for n in dict.fromkeys(names) if n != first.name],
        roles=list(dict.fromkeys(role for part in parts for role in part.roles)),
        articles=[article for part in parts for article in part.articles],
        mentions=sum(part.mentions for part in parts),
    )


class ArchiveEvents(Sequence[Event]):
    """The whole archive's timeline, oldest first, read from the store a page at a time:
    only a few pages are ever held (a large archive has hundreds of thousands of events)."""

    def __init__(self, tables: ArchiveTables) -> None:
        self._tables = tables
        self._pages: OrderedDict[int, list[Event]] = OrderedDict()
        self._lock = threading.Lock()
        self._length: int | None = None
        self._told: dict[str, list[tuple[int, int]]] = {}

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._tables.archive_event_count()
        return self._length

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.page(index // PAGE)[index % PAGE]

    def page(self, number: int) -> list[Event]:
        """Events number*PAGE to (number+1)*PAGE - 1, kept among the last pages read."""
        with self._lock:
            if number in self._pages:
                self._pages.move_to_end(number)
                return self._pages[number]
        events = self._tables.archive_events(number * PAGE, PAGE)
        with self._lock:
            self._pages[number] = events
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        return events

    def __iter__(self) -> Iterator[Event]:
        for number in range(0, (len(self) + PAGE - 1) // PAGE):
            yield from self.page(number)

    def told_in(self, article_id: str) -> list[tuple[int, int]]:
        """(mention start, timeline index) of the events an article tells, sorted: read
        from its story's events, not by reading the whole timeline."""
        with self._lock:
            if article_id in self._told:
                return self._told[article_id]
        told = self._tables.archive_event_starts(article_id)
        with self._lock:
            self._told[article_id] = told
        return told


class ArchiveActors(Sequence[Actor]):
    """The whole archive's actors, combined from the stories' when first listed: counting
    them is quick, combining them is the slow part of the archive's view, and a reader who
    follows the story being read never needs them."""

    def __init__(self, tables: ArchiveTables) -> None:
        self._tables = tables
        self._actors: list[Actor] | None = None
        self._lock = threading.Lock()

    def _listed(self) -> list[Actor]:
        with self._lock:
            if self._actors is None:
                self._actors = self._tables.archive_actors()
            return self._actors

    def __len__(self) -> int:
        if self._actors is None:
            return self._tables.archive_actor_count()
        return len(self._actors)

    @overload
    def __getitem__(self, index: int) -> Actor: ...
    @overload
    def __getitem__(self, index: slice) -> list[Actor]: ...
    def __getitem__(self, index: int | slice) -> Actor | list[Actor]:
        return self._listed()[index]

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._listed())


class ArchiveTables:
    """Each story's kept merge, and the archive's view across them (a mixin: `self.db` is
    the store's Connections)."""

    db: Connections

    # One story ------------------------------------------------------------------------------

    def story_stamps(self) -> dict[str, str]:
        """The stamp each story's kept merge was built for."""
        with self.db.read() as db:
            return dict(db.execute("SELECT story, stamp FROM story_corpora").fetchall())

    def save_story_merge(
        self,
        story: str,
        stamp: str,
        actors: Sequence[Actor],
        events: Sequence[Event],
        quotes: Sequence[CorpusQuote],
        mentions: dict[str, dict],
    ) -> None:
        """Keep a story's merge (built over its articles alone) for `stamp`, in place of the
        one kept before (on a shared archive, one indexer at a time: two may merge one story)."""
        with self.db.write(lock="story merges") as db:
            drop_story_merges(db, [story])
            db.execute("INSERT INTO story_corpora VALUES (?, ?)", (story, stamp))
            db.executemany(
                "INSERT INTO story_actors VALUES (?, ?, ?, ?, ?)",
                (
                    (story, n, actor_key(a.name), a.mentions, codec.packed(a.to_json()))
                    for n, a in enumerate(actors)
                ),
            )
            db.executemany(
                "INSERT INTO story_events VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (story, n, *sort_key(e.date), codec.packed(e.to_json()))
                    for n, e in enumerate(events)
                ),
            )
            db.executemany(
                "INSERT INTO story_quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (story, n, q.speaker, actor_key(q.speaker or ""), q.article, q.start, q.end,
                     q.text)
                    for n, q in enumerate(quotes)
                ),
            )
            db.executemany(
                _STORY_MENTIONS,
                ((article, story, codec.to_data(data)) for article, data in mentions.items()),
            )

    def story_merge(
        self, story: str, stamp: str
    ) -> tuple[list[Actor], list[Event], list[CorpusQuote]] | None:
        """A story's kept merge when it was built for `stamp` (else None)."""
        with self.db.read() as db:
            if db.execute(
                "SELECT 1 FROM story_corpora WHERE story = ? AND stamp = ?", (story, stamp)
            ).fetchone() is None:
                return None
            actors = [
                codec.actor_from_data(data, {})
                for (data,) in db.execute(
                    "SELECT data FROM story_actors WHERE story = ? ORDER BY position", (story,)
                )
            ]
            events = [
                codec.event_from_data(data, {})
                for (data,) in db.execute(
                    "SELECT data FROM story_events WHERE story = ? ORDER BY position", (story,)
                )
            ]
            quotes = [
                CorpusQuote(*row)
                for row in db.execute(
                    'SELECT speaker, text, article, start, "end" FROM story_quotes'
                    " WHERE story = ? ORDER BY position",
                    (story,),
                )
            ]
        return actors, events, quotes

    def article_mentions(self, article_id: str) -> dict:
        """One article's share of its story's merge: which of its mentions are which actor."""
        with self.db.read() as db:
            row = db.execute(
                "SELECT data FROM story_mentions WHERE id = ?", (article_id,)
            ).fetchone()
        return codec.mentions_from_data(row[0] if row else None)

    # The whole archive ------------------------------------------------------------------------

    def archive_actors(self) -> list[Actor]:
        """Every actor of the archive: the stories' actors of one `actor_key` combined (their
        mentions summed, articles and aliases joined), the most mentioned first."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT s.key, s.data FROM story_actors s JOIN"
                " (SELECT key, sum(mentions) AS total FROM story_actors GROUP BY key) t"
                " ON t.key = s.key ORDER BY t.total DESC, s.key, s.mentions DESC, s.story"
            )
            actors: list[Actor] = []
            parts: list[Actor] = []
            key = None
            for row_key, data in rows:
                if row_key != key and parts:
                    actors.append(combined_actor(parts))
                    parts = []
                key = row_key
                parts.append(codec.actor_from_data(data, {}))
            if parts:
                actors.append(combined_actor(parts))
        actors.sort(key=lambda a: (-a.mentions, a.name.lower()))
        return actors

    def archive_actor_count(self) -> int:
        with self.db.read() as db:
            (count,) = db.execute("SELECT count(DISTINCT key) FROM story_actors").fetchone()
        return count

    def archive_event_count(self) -> int:
        with self.db.read() as db:
            (count,) = db.execute("SELECT count(*) FROM story_events").fetchone()
        return count

    def archive_events(self, offset: int, limit: int) -> list[Event]:
        """A page of the archive's timeline: every story's events, oldest first."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT data FROM story_events ORDER BY day, precision, date, story, position"
                " LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [codec.event_from_data(data, {}) for (data,) in rows]

    def archive_event_starts(self, article_id: str) -> list[tuple[int, int]]:
        """(mention start, timeline index) of the events an article tells, sorted."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT e.story, e.position, e.day, e.precision, e.date, e.data"
                " FROM story_events e JOIN story_articles a ON a.story = e.story"
                " WHERE a.id = ?",
                (article_id,),
            ).fetchall()
            told = []
            for *order, data in rows:
                starts = [
                    mention.start
                    for mention in codec.event_from_data(data, {}).mentions
                    if mention.article == article_id
                ]
                if starts:
                    (index,) = db.execute(
                        "SELECT count(*) FROM story_events"
                        " WHERE (day, precision, date, story, position) < (?, ?, ?, ?, ?)",
                        (*order[2:], order[0], order[1]),
                    ).fetchone()
                    told += [(start, index) for start in starts]
        return sorted(told)

    def quotes(self, speaker: str | None = None) -> list[CorpusQuote]:
        """Every story's quotes (all, or one speaker's, by `actor_key`), in corpus order."""
        sql = (
            'SELECT q.speaker, q.text, q.article, q.start, q."end" FROM story_quotes q'
            " LEFT JOIN articles a ON a.id = q.article"
        )
        order = " ORDER BY a.path, a.position, q.story, q.position"
        with self.db.read() as db:
            if speaker is None:
                rows = db.execute(sql + order).fetchall()
            else:
                rows = db.execute(f"{sql} WHERE q.key = ?{order}", (actor_key(speaker),)).fetchall()
        return [CorpusQuote(*row) for row in rows]


MERGE_TABLES = ("story_corpora", "story_actors", "story_events", "story_quotes", "story_mentions")


def drop_story_merges(db: Sql, stories: Iterable[str]) -> None:
    """Forget the kept merges of `stories` (within the caller's transaction)."""
    stories = list(stories)
    for batch in in_batches(db, stories, reserved=0):
        marks = ",".join("?" * len(batch))
        for table in MERGE_TABLES:
            db.execute(f"DELETE FROM {table} WHERE story IN ({marks})", list(batch))
