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
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar, overload

from reader.core.model import Actor, CorpusQuote, Event
from reader.core.store import codec
from reader.core.store.db import Connections, Sql, in_batches, upsert

_STORY_MENTIONS = upsert("story_mentions", ("id", "story", "data"), ("id",))

PAGE = 200
"""Events (or actors) read from the store at once."""
PAGES_KEPT = 8
"""Pages of the whole timeline (or actors) kept in memory after they were read."""
T = TypeVar("T")

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


class _Paged(Sequence[T]):
    """A long list read from the store a page at a time: only a few pages are ever held."""

    def __init__(self) -> None:
        self._pages: OrderedDict[int, list[T]] = OrderedDict()
        self._lock = threading.Lock()
        self._length: int | None = None

    def _count(self) -> int:
        raise NotImplementedError

    def _read(self, offset: int, limit: int) -> list[T]:
        raise NotImplementedError

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._count()
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.page(index // PAGE)[index % PAGE]

    def page(self, number: int) -> list[T]:
        """Items number*PAGE to (number+1)*PAGE - 1, kept among the last pages read."""
        with self._lock:
            if number in self._pages:
                self._pages.move_to_end(number)
                return self._pages[number]
        items = self._read(number * PAGE, PAGE)
        with self._lock:
            self._pages[number] = items
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        return items

    def __iter__(self) -> Iterator[T]:
        for number in range(0, (len(self) + PAGE - 1) // PAGE):
            yield from self.page(number)


class ArchiveEvents(_Paged[Event]):
    """The whole archive's timeline, oldest first, read from the store a page at a time
    (a large archive has hundreds of thousands of events)."""

    def __init__(self, tables: ArchiveTables) -> None:
        super().__init__()
        self._tables = tables
        self._told: dict[str, list[tuple[int, int]]] = {}

    def _count(self) -> int:
        return self._tables.archive_event_count()

    def _read(self, offset: int, limit: int) -> list[Event]:
        return self._tables.archive_events(offset, limit)

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


class ArchiveActors(_Paged[Actor]):
    """The whole archive's actors, the most mentioned first, combined from the stories' by
    the store a page at a time: widening the panel to the archive lists the first page and
    counts the rest, whatever the archive's size. Iterating ranks their keys in one query and
    reads the actors a page of keys at a time (`reader entities`, the command palette's list:
    the stories' actors of the whole archive, over a million rows at 100,000 articles, are
    never held at once); look one up by name with `named`."""

    def __init__(self, tables: ArchiveTables) -> None:
        super().__init__()
        self._tables = tables
        self._top: dict[int, list[Actor]] = {}

    def _count(self) -> int:
        return self._tables.archive_actor_count()

    def _read(self, offset: int, limit: int) -> list[Actor]:
        return self._tables.archive_actors(offset, limit)

    def __iter__(self) -> Iterator[Actor]:
        keys = self._tables.archive_actor_keys()
        for start in range(0, len(keys), PAGE):
            page = keys[start : start + PAGE]
            found = self._tables.archive_actors_of(page)
            yield from (found[key] for key in page if key in found)  # (one gone meanwhile)

    def top(self, limit: int) -> list[Actor]:
        """The `limit` most mentioned, as a list shows them: each as the story that mentions
        it most names it (its type and roles), with the whole archive's mentions. Their
        articles and aliases are not read (the most mentioned are in thousands of stories):
        `named` reads an actor whole. Read once per view (the panel asks on every article)."""
        if limit not in self._top:
            self._top[limit] = list(self._tables.archive_actor_ranks(limit).values())
        return self._top[limit]

    def listed(self, names: Iterable[str]) -> dict[str, Actor]:
        """The actor of each name (by `actor_key`) that has one, as `top` lists them."""
        return _by_name(names, lambda keys: self._tables.archive_actor_ranks(keys=keys))

    def named(self, names: Iterable[str]) -> dict[str, Actor]:
        """The actor of each name (by `actor_key`) that has one, whole."""
        return _by_name(names, self._tables.archive_actors_of)


def _by_name(
    names: Iterable[str], read: Callable[[Collection[str]], dict[str, Actor]]
) -> dict[str, Actor]:
    """Per name, the actor `read` finds for its `actor_key`."""
    wanted = {name: actor_key(name) for name in names}
    found = read(set(wanted.values()))
    return {name: found[key] for name, key in wanted.items() if key in found}


class ArchiveQuotes(_Paged[CorpusQuote]):
    """The whole archive's quotes (or one speaker's), in corpus order, read a page at a time:
    the quotes panel shows the first ones and counts the rest. Iterating reads them in one
    query (the CLI prints them all)."""

    def __init__(self, tables: ArchiveTables, key: str | None) -> None:
        super().__init__()
        self._tables = tables
        self._key = key

    def _count(self) -> int:
        return self._tables.archive_quote_count(self._key)

    def _read(self, offset: int, limit: int) -> list[CorpusQuote]:
        return self._tables.archive_quotes(self._key, offset, limit)

    def __iter__(self) -> Iterator[CorpusQuote]:
        return iter(self._tables.archive_quotes(self._key))


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
        one kept before. On a shared archive, two merges of one story, or of two stories that
        both name an article (it moved), are kept one at a time; the others at once."""
        from reader.core.timeline import sort_key  # (the merge's: not to read the store)

        locks = [f"story merge {story}", *(f"mentions {article}" for article in mentions)]
        with self.db.write(lock=locks) as db:
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

    def archive_actors(self, offset: int, limit: int) -> list[Actor]:
        """The archive's actors, the most mentioned first (ties by `actor_key`), `limit` of
        them from `offset`: the stories' actors of one key combined (their mentions summed,
        articles and aliases joined). Only the page's actors are read."""
        with self.db.read() as db:
            rows = db.execute(
                "WITH top AS (SELECT key, sum(mentions) AS total FROM story_actors"
                f" GROUP BY key ORDER BY total DESC, key LIMIT {int(limit)} OFFSET {int(offset)})"
                " SELECT s.key, s.data FROM top JOIN story_actors s ON s.key = top.key"
                " ORDER BY top.total DESC, top.key, s.mentions DESC, s.story"
            )
            return list(_combined(rows).values())

    def archive_actor_keys(self) -> list[str]:
        """Every actor's `actor_key`, ranked as `archive_actors` ranks them."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT key FROM story_actors GROUP BY key ORDER BY sum(mentions) DESC, key"
            )
            return [key for (key,) in rows]

    def archive_actor_ranks(
        self, limit: int | None = None, keys: Collection[str] = ()
    ) -> dict[str, Actor]:
        """The `limit` most mentioned actors (ranked as `archive_actors`), or those of `keys`,
        by key: each its most mentioned story's actor with the archive's mentions, without
        articles or aliases (one row each, however many stories name it)."""
        found: dict[str, Actor] = {}
        with self.db.read() as db:
            if limit is not None:
                wanted = [f"GROUP BY key ORDER BY total DESC, key LIMIT {int(limit)}"]
                batches: list[Sequence[str]] = [[]]
            else:
                batches = list(in_batches(db, list(keys), reserved=0))
                wanted = [f"WHERE key IN ({','.join('?' * len(b))}) GROUP BY key" for b in batches]
            for where, batch in zip(wanted, batches, strict=True):
                rows = db.execute(
                    f"SELECT top.key, top.total, (SELECT s.data FROM story_actors s"
                    " WHERE s.key = top.key ORDER BY s.mentions DESC, s.story LIMIT 1)"
                    f" FROM (SELECT key, sum(mentions) AS total FROM story_actors {where}) top"
                    " ORDER BY top.total DESC, top.key",
                    list(batch),
                )
                for key, total, data in rows:
                    actor = codec.actor_from_data(data, {})
                    found[key] = replace(actor, mentions=total, aliases=[], articles=[])
        return found

    def archive_actors_of(self, keys: Collection[str]) -> dict[str, Actor]:
        """The archive's actors of these `actor_key`s, by key."""
        found: dict[str, Actor] = {}
        with self.db.read() as db:
            for batch in in_batches(db, list(keys), reserved=0):
                marks = ",".join("?" * len(batch))
                rows = db.execute(
                    f"SELECT key, data FROM story_actors WHERE key IN ({marks})"
                    " ORDER BY key, mentions DESC, story",
                    list(batch),
                )
                found.update(_combined(rows))
        return found

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

    def quotes(self, speaker: str | None = None) -> ArchiveQuotes:
        """Every story's quotes (all, or one speaker's, by `actor_key`), in corpus order:
        counted, and read a page at a time or in one go."""
        return ArchiveQuotes(self, None if speaker is None else actor_key(speaker))

    def archive_quotes(
        self, key: str | None, offset: int = 0, limit: int | None = None
    ) -> list[CorpusQuote]:
        """`limit` quotes from `offset` (all when None), of one speaker `key` or all."""
        where, args = ("", []) if key is None else (" WHERE q.key = ?", [key])
        page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
        with self.db.read() as db:
            rows = db.execute(
                'SELECT q.speaker, q.text, q.article, q.start, q."end" FROM story_quotes q'
                f" LEFT JOIN articles a ON a.id = q.article{where}"
                f" ORDER BY a.path, a.position, q.story, q.position{page}",
                args,
            ).fetchall()
        return [CorpusQuote(*row) for row in rows]

    def archive_quote_count(self, key: str | None) -> int:
        where, args = ("", []) if key is None else (" WHERE key = ?", [key])
        with self.db.read() as db:
            (count,) = db.execute(f"SELECT count(*) FROM story_quotes{where}", args).fetchone()
        return count


def _combined(rows: Iterable[tuple[str, str]]) -> dict[str, Actor]:
    """(key, story actor) rows, grouped by key and the most mentioned first within one, as
    one combined actor per key (in the rows' order)."""
    parts: dict[str, list[Actor]] = {}
    for key, data in rows:
        parts.setdefault(key, []).append(codec.actor_from_data(data, {}))
    return {key: combined_actor(actors) for key, actors in parts.items()}


MERGE_TABLES = ("story_corpora", "story_actors", "story_events", "story_quotes", "story_mentions")


def drop_story_merges(db: Sql, stories: Iterable[str]) -> None:
    """Forget the kept merges of `stories` (within the caller's transaction)."""
    stories = list(stories)
    for batch in in_batches(db, stories, reserved=0):
        marks = ",".join("?" * len(batch))
        for table in MERGE_TABLES:
            db.execute(f"DELETE FROM {table} WHERE story IN ({marks})", list(batch))
