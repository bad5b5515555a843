"""Each story's merge (actors, timeline, quotes) in tables, and the whole archive read from them.

A story is merged over its own articles alone (`reader.core.stories`) and kept here with the
stamp of the articles it was built from, one row per actor, event, quote and article. The whole
archive is never merged in one piece: its actors are the stories' actors combined by SQL (one
actor per normalised name, see `actor_key`), its timeline the union of the stories' events
read a page at a time in date order, its quotes the stories' quotes. A new or changed article
thus costs the merge of its own story.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from reader.core.model import Actor, CorpusQuote, Event
from reader.core.store import codec
from reader.core.store.archive_pages import ArchiveQuotes, actor_key
from reader.core.store.db import Connections, Sql, in_batches, pairs_in, upsert
from reader.core.store.stories import drop_story_merges

_STORY_MENTIONS = upsert("story_mentions", ("id", "story", "data"), ("id",))


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


@dataclass(slots=True)
class StoryMerge:
    """A story's merge as kept: built over its articles alone, for their `stamp`."""

    story: str
    stamp: str
    actors: Sequence[Actor]
    events: Sequence[Event]
    quotes: Sequence[CorpusQuote]
    mentions: dict[str, dict]
    """Per article, which of its mentions are which actor (`ActorIndex.mentions_by_article`)."""


class ArchiveTables:
    """Each story's kept merge, and the archive's view across them (a mixin: `self.db` is
    the store's Connections)."""

    db: Connections

    # One story ------------------------------------------------------------------------------

    def story_stamps(self, stories: Collection[str] | None = None) -> dict[str, str]:
        """The stamp each story's kept merge (of every story, or of `stories`) was built for."""
        sql = "SELECT story, stamp FROM story_corpora"
        with self.db.read() as db:
            if stories is None:
                return dict(db.execute(sql).fetchall())
            return pairs_in(db, f"{sql} WHERE story IN ({{marks}})", sorted(stories))

    def save_story_merges(self, merges: Sequence[StoryMerge]) -> None:
        """Keep stories' merges in one transaction, each in place of the one kept before
        (several at once: a commit costs a small story about what merging it does). On a
        shared archive, two merges of one story, or of two stories that both name an article
        (it moved), are kept one at a time; the others at once. The articles whose rows the
        merges drop (those kept for the stories, some moved since) are locked with their own,
        all in one order: two stories swapping articles wait for each other rather than
        deadlock."""
        from reader.core.timeline import sort_key  # (the merge's: not to read the store)

        merges = list({merge.story: merge for merge in merges}.values())  # a story's last
        stories = [merge.story for merge in merges]
        locks = {f"story merge {story}" for story in stories}
        locks |= {f"mentions {article}" for merge in merges for article in merge.mentions}
        with self.db.read() as db:
            locks |= {f"mentions {article}" for article in _mentioned(db, stories)}
        while True:  # what another merge kept for the stories meanwhile: locked too, again
            with self.db.write(lock=sorted(locks)) as db:
                kept = {f"mentions {article}" for article in _mentioned(db, stories)}
                if not kept <= locks:
                    locks |= kept
                    continue
                drop_story_merges(db, stories)
                db.executemany(
                    "INSERT INTO story_corpora VALUES (?, ?)", [(m.story, m.stamp) for m in merges]
                )
                db.executemany(
                    "INSERT INTO story_actors VALUES (?, ?, ?, ?, ?)",
                    (
                        (m.story, n, actor_key(a.name), a.mentions, codec.packed(a.to_json()))
                        for m in merges
                        for n, a in enumerate(m.actors)
                    ),
                )
                db.executemany(
                    "INSERT INTO story_events VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        (m.story, n, *sort_key(e.date), codec.packed(e.to_json()))
                        for m in merges
                        for n, e in enumerate(m.events)
                    ),
                )
                db.executemany(
                    "INSERT INTO story_quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        (
                            m.story,
                            n,
                            q.speaker,
                            actor_key(q.speaker or ""),
                            q.article,
                            q.start,
                            q.end,
                            q.text,
                        )
                        for m in merges
                        for n, q in enumerate(m.quotes)
                    ),
                )
                rows = {  # an article that moved: the last story's (one statement on a server)
                    article: (article, m.story, codec.to_data(data))
                    for m in merges
                    for article, data in m.mentions.items()
                }
                db.executemany(_STORY_MENTIONS, rows.values())
                return

    def story_merge(
        self, story: str, stamp: str
    ) -> tuple[list[Actor], list[Event], list[CorpusQuote]] | None:
        """A story's kept merge when it was built for `stamp` (else None)."""
        with self.db.read() as db:
            if (
                db.execute(
                    "SELECT 1 FROM story_corpora WHERE story = ? AND stamp = ?", (story, stamp)
                ).fetchone()
                is None
            ):
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


def _mentioned(db: Sql, stories: Sequence[str]) -> list[str]:
    """The articles whose mentions are kept for `stories`."""
    sql = "SELECT id FROM story_mentions WHERE story = ?"
    return [i for story in stories for (i,) in db.execute(sql, (story,))]
