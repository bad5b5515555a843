"""Reading state (read, starred) kept in SQLite in the user data directory.

WAL journalling and one short transaction per change: a crash or a kill loses at most the
change being written and never corrupts what is already there. Should the file be damaged all
the same (a disk fault, a copy cut short), it is never lost silently: it is checked on
opening, kept beside as `state.sqlite3.damaged-<time>`, the marks that can still be read are
carried over to a new file, and `notice` says what happened and where.

Marks belong to articles, not to ids: once `track()` has been given the articles, a mark is kept
under the article's key (reader.core.article_keys: its file and place in it), so it stays
through an edit, never reaches a same-named file elsewhere or a copy, and follows a file moved
or renamed (same words, old place gone). Marks from before keys, by bare id, are taken over by
the first article tracked with that id; ids never tracked are kept by id as before.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.article_keys import PREFIX, article_key, content_hash, location_gone
from reader.core.errors import StateError, is_damage
from reader.core.model import Article
from reader.core.paths import path_text
from reader.core.settings import data_dir

__all__ = ["ReadingState", "StateError", "data_dir"]

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS article_state ("
    " article TEXT PRIMARY KEY,"
    " read INTEGER NOT NULL DEFAULT 0,"
    " starred INTEGER NOT NULL DEFAULT 0)"
)
CONTENT = "ALTER TABLE article_state ADD COLUMN content TEXT"
"""Added with article keys: the words' hash, to follow a moved file."""
SAVE = (
    "INSERT INTO article_state (article, read, starred, content) VALUES (?, ?, ?, ?)"
    " ON CONFLICT(article) DO UPDATE SET read = excluded.read,"
    " starred = excluded.starred, content = excluded.content"
)
Mark = tuple[str, int, int]
"""(article key or bare id, read, starred)."""


class ReadingState:
    """Which articles are read and which are starred: asked by article id, kept by key."""

    def __init__(self, path: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or data_dir() / "state.sqlite3"
        self.notice: str | None = None
        """Set when the file was found damaged: what was done, and where the old one is."""
        self.read: set[str] = set()
        """The keys (or, untracked, ids) of the articles read."""
        self.starred: set[str] = set()
        self.told: Callable[[str], None] = lambda message: None
        """Told when a mark cannot be saved (the reader says it; the mark is kept, see `_write`)."""
        self._unsaved: set[str] = set()
        """The keys whose marks a save could not write: written with the next one."""
        self._failure = ""
        """Why the last save that failed did."""
        self._keys: dict[str, str] = {}
        """Article id -> key, for the articles tracked."""
        self._content: dict[str, str | None] = {}
        """Key -> the words' hash, of the marks kept."""
        self._tracked: dict[str, Article] = {}
        """Key -> the article tracked under it (the last given)."""
        self._digests: dict[str, str] = {}
        """Key -> the words' hash of the article tracked, once it was needed: hashing every
        article of a large list would delay its first paint, and most are never marked."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db, marks = self._open()
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise StateError(self._cannot(error)) from error
            self._db, marks = self._start_again()
        except OSError as error:
            raise StateError(self._cannot(error)) from error
        rows = self._db.execute("SELECT article, content FROM article_state")
        self._content = dict(rows.fetchall())
        for article, read, starred in marks:
            if read:
                self.read.add(article)
            if starred:
                self.starred.add(article)
        if self.notice and warn:
            warn(self.notice)

    def _cannot(self, error: BaseException, doing: str = "open") -> str:
        reason = getattr(error, "strerror", None) or str(error)
        return f"cannot {doing} the reading state at {path_text(self.path)}: {reason}"

    def _open(self) -> tuple[sqlite3.Connection, list[Mark]]:
        """The file, checked, and its marks."""
        # The UI thread owns the connection; workers never touch it.
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(SCHEMA)
            columns = [row[1] for row in db.execute("PRAGMA table_info(article_state)")]
            if "content" not in columns:
                db.execute(CONTENT)
            problems = db.execute("PRAGMA quick_check").fetchall()  # small: a few ms
            if problems != [("ok",)]:
                raise sqlite3.DatabaseError(f"database disk image is malformed: {problems[0][0]}")
            marks = db.execute("SELECT article, read, starred FROM article_state").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db, marks

    def _start_again(self) -> tuple[sqlite3.Connection, list[Mark]]:
        """Keep the damaged file aside, and start a new one with the marks still readable."""
        marks = _salvage(self.path)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        try:
            for suffix in ("", "-wal", "-shm"):  # the journal with it: it may hold marks
                moved = Path(f"{self.path}{suffix}")
                if moved.exists():
                    moved.rename(f"{aside}{suffix}")
            db, _ = self._open()
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO article_state (article, read, starred)"
                    " VALUES (?, ?, ?)",
                    marks,
                )
        except (OSError, sqlite3.Error) as error:
            raise StateError(self._cannot(error)) from error
        self.notice = (
            f"the reading state at {path_text(self.path)} was damaged: kept it as"
            f" {path_text(aside)} and started a new one ({len(marks)} read or starred marks"
            " recovered)"
        )
        return db, marks

    def track(self, articles: list[Article]) -> None:
        """Know these articles' keys from now on; marks kept by bare id, or left by a file now
        moved with the same words, pass to them."""
        moved = {
            digest: key
            for key, digest in self._content.items()
            if digest and key.startswith(PREFIX) and location_gone(key)
        }
        keys, tracked, digests, content = self._keys, self._tracked, self._digests, self._content
        for article in articles:  # (20,000 at a warm start, before its first frame)
            held = keys.get(article.id)
            if held is not None and tracked.get(held) is article:
                continue  # tracked as it is: a list patched after a change keeps the others
            key = keys[article.id] = article_key(article)
            tracked[key] = article
            if digests:
                digests.pop(key, None)
            if not content:
                continue  # no mark anywhere: nothing to hash or pass on
            if key in content:
                digest = digests[key] = content_hash(article)
                if content[key] != digest:
                    content[key] = digest
                    self._save(key)
                continue
            if not moved and article.id not in content:
                continue  # no mark to pass on: its words are hashed when it is marked
            digest = digests[key] = content_hash(article)
            before = moved.pop(digest, None) or (article.id if article.id in content else None)
            if before is not None:
                self._move(before, key, digest)

    def know_keys(self, articles: list[Article]) -> None:
        """Know these articles' keys, passing no mark on (a warm start's first rows alone:
        the whole list is tracked right after, and a mark left by a moved file passes to the
        first article of that list with its words, not to one of these)."""
        for article in articles:  # (not `_tracked`: `track` then looks at them all again)
            self._keys[article.id] = article_key(article)

    def _digest(self, key: str) -> str | None:
        """The words' hash of the article tracked under `key` (None when none is)."""
        digest = self._digests.get(key)
        if digest is None and key in self._tracked:
            digest = self._digests[key] = content_hash(self._tracked[key])
        return digest

    def _move(self, before: str, key: str, digest: str) -> None:
        """Pass a mark to a new key, in one statement: a kill leaves it in one place."""
        for marks in (self.read, self.starred):
            if before in marks:
                marks.discard(before)
                marks.add(key)
        self._content.pop(before, None)
        self._content[key] = digest
        self._db.execute(
            "UPDATE article_state SET article = ?, content = ? WHERE article = ?",
            (key, digest, before),
        )

    def key(self, article_id: str) -> str:
        """The article's key when tracked, else its id."""
        return self._keys.get(article_id, article_id)

    def is_read(self, article_id: str) -> bool:
        return self.key(article_id) in self.read

    def is_starred(self, article_id: str) -> bool:
        return self.key(article_id) in self.starred

    def set_read(self, article_id: str, read: bool = True) -> None:
        key = self.key(article_id)
        (self.read.add if read else self.read.discard)(key)
        self._save(key)

    def set_read_many(self, article_ids: list[str], read: bool = True) -> list[str]:
        """Mark many articles read (or unread) in one transaction; returns the ids changed."""
        changed = [a for a in article_ids if self.is_read(a) != read]
        keys = [self.key(a) for a in changed]
        (self.read.update if read else self.read.difference_update)(keys)
        for key in keys:
            self._content[key] = self._digest(key) or self._content.get(key)
        self._write(keys)
        return changed

    def toggle_read(self, article_id: str) -> bool:
        """Flip the read mark; returns the new value."""
        self.set_read(article_id, not self.is_read(article_id))
        return self.is_read(article_id)

    def toggle_star(self, article_id: str) -> bool:
        """Flip the star; returns the new value."""
        key = self.key(article_id)
        (self.starred.discard if key in self.starred else self.starred.add)(key)
        self._save(key)
        return self.is_starred(article_id)

    def _save(self, key: str) -> None:
        self._content[key] = self._digest(key) or self._content.get(key)
        self._write([key])

    def _write(self, keys: list[str]) -> bool:
        """Write the marks of `keys`, and those a save could not write before, in one
        transaction; whether it could. A file that cannot be written now (a full disk,
        another process holding it, damage) loses no mark: the marks stay in memory, `told`
        says so, and the next save (or `close`) writes them."""
        self._unsaved.update(keys)
        try:
            with self._db:  # one transaction (the connection commits each statement by itself)
                self._db.execute("BEGIN")
                self._db.executemany(SAVE, [self._row(key) for key in sorted(self._unsaved)])
        except sqlite3.Error as error:
            self._failure = self._cannot(error, "save to")
            self.told(f"{self._failure}; the marks are kept, saved with the next")
            return False
        self._unsaved.clear()
        return True

    def _row(self, key: str) -> tuple[str, int, int, str | None]:
        return key, int(key in self.read), int(key in self.starred), self._content[key]

    def close(self) -> None:
        """Close the file; StateError when marks a save could not write still cannot be."""
        try:
            if self._unsaved and not self._write([]):
                count = len(self._unsaved)
                plural = "s" if count != 1 else ""
                raise StateError(f"{self._failure}: {count} mark{plural} of this session not saved")
        finally:
            self._db.close()


def _salvage(path: Path) -> list[Mark]:
    """The marks a damaged file still gives: read from its start, then from its end, each
    until the damage."""
    found: dict[str, Mark] = {}
    for order in ("ASC", "DESC"):
        try:
            db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return []
        try:
            rows = db.execute(
                f"SELECT article, read, starred FROM article_state ORDER BY rowid {order}"
            )
            for article, read, starred in rows:
                if isinstance(article, str):
                    found[article] = (article, int(bool(read)), int(bool(starred)))
        except sqlite3.Error:
            pass
        finally:
            db.close()
    return list(found.values())
