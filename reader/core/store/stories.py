"""Story storage: each article's story, the vector the grouping compares it by and its link
to its nearest neighbour (each story's merge is kept in `reader.core.store.archive`).

The grouping itself lives in `reader.core.stories`; this module keeps its state as opaque
text. A vector row remembers the content it was computed from (the grouping's version, the
article's content key, outlet and title), so comparing it with the articles table tells
exactly which articles are new or changed and which are gone: the stories update those alone.
What to compare is what the articles' writers noted in `story_todo` since the last update (the
ids they wrote or removed, in the same transaction), not every article: one new file costs a
look at its own articles, whatever the archive's size.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reader.core.cancelling import EventLike, checked
from reader.core.model import Analysis, Article
from reader.core.store import codec
from reader.core.store.db import Connections, Sql, in_batches, pairs_in, upsert
from reader.core.store.story_log import StoryLog, log_save

CONTENT = "a.key || '\x1f' || coalesce(a.source, '') || '\x1f' || coalesce(a.title, '')"
"""What an article's story vector depends on, as SQL over the articles table `a` (the parts
apart by a unit separator: PostgreSQL's text holds no NUL)."""
KEPT_LISTING = "generation = (SELECT coalesce(max(generation), 0) FROM story_generation)"
"""The listing kept is of the kept stories (a later save's would hold a greater generation)."""
CURRENT_LISTING = f"{KEPT_LISTING} AND NOT EXISTS (SELECT 1 FROM story_todo)"
"""The listing kept is current: of the kept stories, and no article written since."""
_STORY_ARTICLE = upsert(
    "story_articles",
    ("id", "content", "story", "similarity", "neighbour", "vector", "actors"),
    ("id",),
)


@dataclass(slots=True)
class StoryChanges:
    """How the kept story vectors differ from the stored articles."""

    pending: list[tuple[str, str]]
    """(article id, content) of the articles with no vector yet, or one of older content."""
    gone: list[str]
    """Articles with a vector that the store no longer holds."""
    done: list[int] = field(default_factory=list)
    """The notes of `story_todo` these changes were read from: dropped once they are placed
    (`story_done`)."""

    def __bool__(self) -> bool:
        return bool(self.pending or self.gone)


@dataclass(slots=True)
class StoryRow:
    """One article as a story lists it, with its story and the actors its vector names."""

    story: str
    id: str
    content: str
    path: str | None
    source: str | None
    published: str | None
    title: str
    actors: list[str]

    def header(self) -> Article:
        return Article(
            id=self.id,
            path=self.path or "",
            source=self.source,
            title=self.title,
            published=self.published,
        )


VectorRow = tuple[str, str, str, float | None, str | None, str, str]
"""(article id, content, story id, link similarity, link neighbour, vector as text, actor
names joined by newlines)."""
LinkRow = tuple[str, float | None, str | None, str]
"""(story id, link similarity, link neighbour, article id)."""
KeyRow = tuple[str, str, int]
"""(key term, article id, the article's weight of it)."""
StateRow = tuple[str, str, str, float | None, str | None]
"""(article id, story id, vector as text, link similarity, link neighbour)."""


class StaleStories(Exception):
    """The kept stories were saved by another writer since they were read."""


def _names(joined: str | None) -> list[str]:
    return joined.split("\n") if joined else []


class StoryTables(StoryLog):
    """The stories of a store (a mixin: `self.db` is the store's Connections)."""

    db: Connections

    def story_changes(self, version: str) -> StoryChanges:
        """The articles to place again and those to take out, for a grouping of `version`:
        of the articles noted in `story_todo` (every one when the stories were kept by
        another version), those whose vector is missing or of older content, and those gone."""
        self._kept_by(version)
        pending: list[tuple[str, str]] = []
        gone: list[str] = []
        with self.db.read() as db:
            todo = db.execute("SELECT rowid, id FROM story_todo").fetchall()
            ids = sorted({article_id for _, article_id in todo if article_id is not None})
            for batch in in_batches(db, ids, reserved=2):
                marks = ",".join("?" * len(batch))
                pending += db.execute(
                    f"SELECT a.id, ? || {CONTENT} FROM articles a"
                    f" LEFT JOIN story_articles s ON s.id = a.id WHERE a.id IN ({marks})"
                    f" AND (s.content IS NULL OR s.content <> ? || {CONTENT})",
                    (version, *batch, version),
                ).fetchall()
                gone += db.execute(
                    f"SELECT s.id FROM story_articles s WHERE s.id IN ({marks})"
                    " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.id)",
                    list(batch),
                ).fetchall()
        return StoryChanges(
            sorted(tuple(row) for row in pending),  # type: ignore[misc]
            sorted(row[0] for row in gone),
            [row[0] for row in todo],
        )

    def _kept_by(self, version: str) -> None:
        """Every article noted for the next update when the stories were kept by a grouping
        other than `version` (or none yet), and `version` kept."""
        with self.db.read() as db:
            row = db.execute("SELECT version FROM story_version").fetchone()
        if row is not None and row[0] == version:
            return
        with self.db.write(lock="stories") as db:
            row = db.execute("SELECT version FROM story_version").fetchone()
            if row is not None and row[0] == version:
                return
            db.execute(
                "INSERT INTO story_todo (id)"
                " SELECT id FROM articles UNION SELECT id FROM story_articles"
            )
            db.execute("DELETE FROM story_version")
            db.execute("INSERT INTO story_version VALUES (?)", (version,))

    def story_done(self, notes: Sequence[int]) -> None:
        """Drop the notes of `story_todo` that an update has placed (those written since stay)."""
        if not notes:
            return
        with self.db.write(lock="stories") as db:
            for part in in_batches(db, notes, reserved=0):
                marks = ",".join("?" * len(part))
                db.execute(f"DELETE FROM story_todo WHERE rowid IN ({marks})", list(part))

    def story_generation(self) -> int:
        """How many times the kept stories were saved: a writer saves only over the
        generation it read (see `save_stories`)."""
        with self.db.read() as db:
            row = db.execute("SELECT generation FROM story_generation").fetchone()
        return row[0] if row else 0

    def story_count(self) -> int:
        """How many articles have a kept story vector."""
        with self.db.read() as db:
            return db.execute("SELECT count(*) FROM story_articles").fetchone()[0]

    def story_candidates(self, keys: Mapping[str, int], at_least: int, limit: int) -> list[str]:
        """The kept articles whose dot product with `keys` over the key terms they share is
        `at_least`, among each key's `limit` most recently kept (see stories/candidates.py)."""
        scores: dict[str, int] = defaultdict(int)
        with self.db.read() as db:
            for key, weight in keys.items():
                rows = db.execute(
                    "SELECT id, weight FROM story_keys WHERE key = ? ORDER BY rowid DESC LIMIT ?",
                    (key, limit),
                )
                for article_id, kept in rows:
                    scores[article_id] += weight * kept
        return [article_id for article_id, score in scores.items() if score >= at_least]

    def story_vectors(self, ids: Sequence[str]) -> list[tuple[str, str]]:
        """(article id, vector as text) of those of `ids` with a kept vector."""
        found = []
        with self.db.read() as db:
            for batch in in_batches(db, ids, reserved=0):
                marks = ",".join("?" * len(batch))
                found += db.execute(
                    f"SELECT id, vector FROM story_articles WHERE id IN ({marks})", list(batch)
                ).fetchall()
        return found

    def story_state_of(self, ids: Sequence[str] | None) -> list[StateRow]:
        """The kept state of every article of the stories holding any of `ids` (of every
        kept story with None)."""
        sql = "SELECT id, story, vector, similarity, neighbour FROM story_articles"
        with self.db.read() as db:
            if ids is None:
                return db.execute(sql).fetchall()
            stories: set[str] = set()  # each read once, however many batches reach it
            for batch in in_batches(db, ids, reserved=0):
                marks = ",".join("?" * len(batch))
                sql_of = f"SELECT DISTINCT story FROM story_articles WHERE id IN ({marks})"
                stories.update(story for (story,) in db.execute(sql_of, list(batch)))
            found: list[StateRow] = []
            for batch in in_batches(db, sorted(stories), reserved=0):
                marks = ",".join("?" * len(batch))
                found += db.execute(f"{sql} WHERE story IN ({marks})", list(batch)).fetchall()
        return found

    def kept_vectors(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The story vector kept with each of `ids` that the store holds (None: none kept,
        the article stored before vectors were, or by `add_corpus`)."""
        with self.db.read() as db:
            return pairs_in(db, "SELECT id, vector FROM articles WHERE id IN ({marks})", ids)

    def story_articles(self, ids: Sequence[str]) -> list[tuple[Article, Analysis]]:
        """Stored articles, whole, with their analyses, in the order of `ids`."""
        found: dict[str, tuple[Article, Analysis]] = {}
        with self.db.read() as db:
            for batch in in_batches(db, ids):
                marks = ",".join("?" * len(batch))
                rows = db.execute(
                    "SELECT a.id, a.body, a.meta, n.data FROM articles a LEFT JOIN analyses n"
                    f" ON n.key = a.key AND n.version = ? WHERE a.id IN ({marks})",
                    [codec.ANALYZER_VERSION, *batch],
                )
                for article_id, body, meta, data in rows:
                    found[article_id] = (
                        codec.article_from_row(article_id, body, meta),
                        codec.analysis_from_data(data),
                    )
        return [found[i] for i in ids if i in found]

    def save_stories(
        self,
        vectors: list[VectorRow],
        keys: Iterable[KeyRow],
        gone: list[str],
        moved: list[LinkRow],
        left: Iterable[str],
        generation: int,
    ) -> int:
        """In one transaction: new vectors kept with their `keys` (the candidate search's
        postings), those of `gone` articles dropped, and the articles whose story or link
        changed given their new ones; the merges of the stories of `left` (those the changed
        articles were kept in, as the caller's index knows: not read back) that are left
        without articles dropped; the new generation.

        Raises StaleStories, saving nothing, when the kept stories are no longer of
        `generation` (another process saved since they were read). The articles whose rows
        it changed are logged for the generation (`story_log.log_save`)."""
        with self.db.write(lock="stories") as db:
            row = db.execute("SELECT generation FROM story_generation").fetchone()
            if (row[0] if row else 0) != generation:
                raise StaleStories
            db.execute("DELETE FROM story_generation")
            db.execute("INSERT INTO story_generation VALUES (?)", (generation + 1,))
            db.execute("DELETE FROM story_listing")  # of the stories as they were
            replaced = [*gone, *(row[0] for row in vectors)]
            log_save(db, generation + 1, {*replaced, *(row[3] for row in moved)}, replaced)
            db.executemany("DELETE FROM story_articles WHERE id = ?", ((i,) for i in gone))
            db.executemany("DELETE FROM story_keys WHERE id = ?", ((i,) for i in replaced))
            db.executemany(_STORY_ARTICLE, vectors)
            db.executemany("INSERT INTO story_keys (key, id, weight) VALUES (?, ?, ?)", keys)
            db.executemany(
                "UPDATE story_articles SET story = ?, similarity = ?, neighbour = ? WHERE id = ?",
                moved,
            )
            emptied = [
                story
                for story in sorted(set(left))
                if not db.execute(
                    "SELECT 1 FROM story_articles WHERE story = ? LIMIT 1", (story,)
                ).fetchone()
            ]
            drop_story_merges(db, emptied)
        return generation + 1

    def kept_story_listing(self, length: int | None = None) -> str | None:
        """The stories' listing kept for the kept stories as they are (see
        `keep_story_listing`), when no article was written since they were updated (the
        listing shows the articles' titles and dates); None: list them from their rows.
        With `length`, its first `length` characters alone (the top stories): from SQLite,
        read from the start of the text (its substr() reads all of it, megabytes at 20,000
        articles, and a warm start asks before its first frame)."""
        data = "data" if length is None else "substr(data, 1, CAST(? AS INTEGER))"
        with self.db.read() as db:
            if length is not None and isinstance(db, sqlite3.Connection):
                return _listing_head(db, length)
            row = db.execute(
                f"SELECT {data} FROM story_listing WHERE {CURRENT_LISTING}",
                () if length is None else (length,),
            ).fetchone()
        return row[0] if row else None

    def story_listing_of(self, generation: int) -> str | None:
        """The listing kept for the stories of `generation` when they are still the kept ones,
        articles written since or not (an update that places just those patches it)."""
        with self.db.read() as db:
            row = db.execute(
                f"SELECT data FROM story_listing WHERE generation = ? AND {KEPT_LISTING}",
                (generation,),
            ).fetchone()
        return row[0] if row else None

    def current_listing(self) -> int | None:
        """The generation of the listing kept, when `kept_story_listing` would give it (it is
        current): asked without reading it."""
        with self.db.read() as db:
            row = db.execute(
                f"SELECT generation FROM story_listing WHERE {CURRENT_LISTING}"
            ).fetchone()
        return row[0] if row else None

    def keep_story_listing(self, generation: int, text: str) -> None:
        """Keep the stories' listing (as text) made from their rows of `generation` (read
        before the rows: a listing of later rows is then never taken for theirs)."""
        with self.db.write(lock="stories") as db:
            db.execute("DELETE FROM story_listing")
            db.execute("INSERT INTO story_listing VALUES (?, ?)", (generation, text))

    def story_rows(
        self, story: str | Sequence[str] | None = None, cancel: EventLike | None = None
    ) -> list[StoryRow]:
        """The articles of every story (or of one, or of each of several), as their stories
        list them, in no order. SQLite reads them from two indexes that hold these columns
        (`*_listed`), neither table: an archive's listing reads no body and no vector, and the
        join goes the way it is written (CROSS JOIN), from the stories' index, as its planner
        would not take it. Raises Cancelled when `cancel` is set meanwhile."""
        sql = (
            "SELECT s.story, s.id, s.content, a.path, a.source, a.published, a.title, s.actors"
            " FROM story_articles s CROSS JOIN articles a WHERE a.id = s.id"
        )
        rows: list = []
        with self.db.read() as db:
            stories = [story] if isinstance(story, str) else story
            for batch in [None] if stories is None else in_batches(db, stories, reserved=0):
                where = "" if batch is None else f" AND s.story IN ({','.join('?' * len(batch))})"
                found = db.execute(sql + where, [] if batch is None else list(batch))
                rows += found.fetchall() if cancel is None else checked(found, cancel)
        return [
            StoryRow(*row[:7], _names(row[7]))  # type: ignore[call-arg]
            for row in checked(rows, cancel)
        ]

    def story_of(self, article_id: str) -> str | None:
        with self.db.read() as db:
            row = db.execute(
                "SELECT story FROM story_articles WHERE id = ?", (article_id,)
            ).fetchone()
        return row[0] if row else None

    def hit_details(
        self, ids: Sequence[str]
    ) -> dict[str, tuple[str | None, str | None, str | None]]:
        """Each article's outlet, publication date and story (None before stories are kept)."""
        details: dict[str, tuple[str | None, str | None, str | None]] = {}
        with self.db.read() as db:
            for batch in in_batches(db, list(dict.fromkeys(ids)), reserved=0):
                marks = ",".join("?" * len(batch))
                rows = db.execute(
                    "SELECT a.id, a.source, a.published, s.story FROM articles a"
                    f" LEFT JOIN story_articles s ON s.id = a.id WHERE a.id IN ({marks})",
                    list(batch),
                )
                details.update((row[0], row[1:]) for row in rows)
        return details


MERGE_TABLES = ("story_corpora", "story_actors", "story_events", "story_quotes", "story_mentions")


def drop_story_merges(db: Sql, stories: Iterable[str]) -> None:
    """Forget the kept merges of `stories` (within the caller's transaction)."""
    stories = list(stories)
    for batch in in_batches(db, stories, reserved=0):
        marks = ",".join("?" * len(batch))
        for table in MERGE_TABLES:
            db.execute(f"DELETE FROM {table} WHERE story IN ({marks})", list(batch))


def _listing_head(db: sqlite3.Connection, length: int) -> str | None:
    """The current listing's first `length` characters (None: none is current), from the
    first bytes of its UTF-8 text alone (a character takes 4 at most; one cut at the end is
    past them), read in one snapshot with the row that holds it."""
    db.execute("BEGIN")
    try:
        row = db.execute(
            f"SELECT rowid FROM story_listing WHERE {CURRENT_LISTING} AND typeof(data) = 'text'"
        ).fetchone()
        if row is None:
            return None
        with db.blobopen("story_listing", "data", row[0], readonly=True) as text:
            head = text.read(4 * length)
    finally:
        db.execute("COMMIT")
    return head.decode("utf-8", errors="ignore")[:length]
