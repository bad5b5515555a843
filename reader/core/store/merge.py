"""Merge storage: actors, events and quotes built across every article, kept for a stamp.

The merge is slow to build (minutes at 100,000 articles) and changes only when an article
does, so it is kept with the stamp of the articles it was built from and read back lazily.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.actors import ActorIndex
from reader.core.corpus import Corpus
from reader.core.model import Actor, Article, CorpusQuote, Event
from reader.core.store import codec
from reader.core.store.db import Connections


class MergeTables:
    """The kept merge of a store (a mixin: `self.db` is the store's Connections)."""

    db: Connections

    def save_merged(self, corpus: Corpus, stamp: str) -> None:
        """Keep a corpus's actors, events and quotes, and each article's actor mentions."""
        mentions = corpus.actor_index.mentions_by_article()
        with self.db.write() as db:
            for table in ("merge_stamp", "actors", "events", "quotes", "article_actors"):
                db.execute(f"DELETE FROM {table}")
            db.executemany(
                "INSERT INTO article_actors VALUES (?, ?)",
                ((key, codec.to_data(data)) for key, data in mentions.items()),
            )
            tables: list[tuple[str, Sequence[Actor | Event]]] = [
                ("actors", corpus.actors),
                ("events", corpus.events),
            ]
            for table, items in tables:
                db.executemany(
                    f"INSERT INTO {table} VALUES (?, ?)",
                    (
                        (position, codec.packed(item.to_json()))
                        for position, item in enumerate(items)
                    ),
                )
            db.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)",
                (codec.quote_row(quote, position) for position, quote in enumerate(corpus.quotes)),
            )
            db.execute("INSERT INTO merge_stamp VALUES (?)", (stamp,))

    def merged_stamp(self) -> str | None:
        """The stamp the kept merge was built for; None when there is none."""
        with self.db.read() as db:
            row = db.execute("SELECT stamp FROM merge_stamp").fetchone()
        return row[0] if row else None

    def load_merged(self, headers: list[Article], stamp: str) -> Corpus | None:
        """A lazy corpus over `headers` with the merge kept for `stamp`; None when stale.

        Read one actor or event at a time, with article ids shared with the headers' rather
        than read anew for every actor and event that cites them (see `codec.packed`), and
        equal sentences shared: in a large corpus these are most of the merge's memory.
        """
        with self.db.read() as db:
            if db.execute("SELECT stamp FROM merge_stamp").fetchone() != (stamp,):
                return None
            ids = {article.id: article.id for article in headers}
            actors = [
                codec.actor_from_data(data, ids)
                for (data,) in db.execute("SELECT data FROM actors ORDER BY position")
            ]
            events = [
                codec.event_from_data(data, ids)
                for (data,) in db.execute("SELECT data FROM events ORDER BY position")
            ]
        texts: dict[str, str] = {}
        for event in events:
            for mention in event.mentions:
                mention.article = ids.get(mention.article, mention.article)
                mention.text = texts.setdefault(mention.text, mention.text)
        return Corpus(
            articles=headers,
            actor_index=ActorIndex(actors=actors, loader=self.actor_mentions),
            events=events,
            search_index=self,
            stored=self,  # type: ignore[arg-type]  # a Store: MergeTables with ArticleTables
        )

    def quotes(self, speaker: str | None = None) -> list[CorpusQuote]:
        """The kept quotes, in corpus order: all of them, or one speaker's."""
        sql = 'SELECT speaker, text, article, start, "end" FROM quotes'
        with self.db.read() as db:
            if speaker is None:
                rows = db.execute(f"{sql} ORDER BY position").fetchall()
            else:
                sql = f"{sql} WHERE speaker = ? ORDER BY position"
                rows = db.execute(sql, (speaker,)).fetchall()
        return [CorpusQuote(*row) for row in rows]

    def actor_mentions(self, article_id: str) -> dict:
        """One article's share of the merge: which of its mentions are which actor."""
        with self.db.read() as db:
            row = db.execute(
                "SELECT data FROM article_actors WHERE id = ?", (article_id,)
            ).fetchone()
        return codec.mentions_from_data(row[0] if row else None)
