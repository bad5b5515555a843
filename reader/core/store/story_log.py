"""The log of the stories' saves: the articles each save changed (their kept story or link),
and of those the ones whose kept vector it replaced or dropped. A process whose stories in
memory another's saves made old reads again what the log names, not every kept story (see
`reader.core.stories.stored`), and keeps the vectors it holds of the articles whose story or
link alone moved.
"""

from __future__ import annotations

from collections.abc import Collection

from reader.core.store.db import Connections, Sql

LOGGED = 64
"""Saves whose articles are kept in the logs (the last ones)."""


def log_save(db: Sql, generation: int, changed: Collection[str], replaced: Collection[str]) -> None:
    """Log the save of `generation` (in its transaction): the articles it `changed`, those of
    them whose vector it `replaced` or dropped, each log with a row of no article saying the
    save was logged in it; the saves older than the last LOGGED are let go."""
    for log, ids in (("story_changed", changed), ("story_replaced", replaced)):
        db.executemany(
            f"INSERT INTO {log} VALUES (?, ?)",
            [(generation, None), *((generation, a) for a in sorted(set(ids)))],
        )
        db.execute(f"DELETE FROM {log} WHERE generation <= ?", (generation - 1 - LOGGED,))


class StoryLog:
    """The logs read (a mixin: `self.db` is the store's Connections)."""

    db: Connections

    def story_changed(self, since: int) -> tuple[int, list[str]] | None:
        """The kept stories' generation and the articles whose kept story or link the saves
        since generation `since` changed (added, moved, relinked, dropped), read at once;
        None when the log does not tell (saves of then no longer logged, or never: a store
        written by an older Reader; stories of an earlier generation: a store made anew)."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT g.generation, c.generation, c.id FROM story_generation g"
                " LEFT JOIN story_changed c ON c.generation > ?",
                (since,),
            ).fetchall()
        now = rows[0][0] if rows else None
        logged = {saved for _, saved, article_id in rows if article_id is None} - {None}
        if now is None or now < since or not _every_save_logged(logged, since, now):
            return None
        return now, sorted({article_id for *_, article_id in rows if article_id is not None})

    def story_replaced(self, since: int, now: int) -> set[str] | None:
        """Of the articles the saves after generation `since` up to `now` changed, those whose
        kept vector they replaced or dropped; None when not every one of those saves logged
        them (an older Reader's: any may have)."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT generation, id FROM story_replaced"
                " WHERE generation > ? AND generation <= ?",
                (since, now),
            ).fetchall()
        logged = {saved for saved, article_id in rows if article_id is None}
        if not _every_save_logged(logged, since, now):
            return None
        return {article_id for _, article_id in rows if article_id is not None}


def _every_save_logged(logged: set[int], since: int, now: int) -> bool:
    """Whether each save after generation `since` up to `now` left its row of no article in a
    log (`logged`: the generations of those rows)."""
    return logged == set(range(since + 1, now + 1))
