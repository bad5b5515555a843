"""Reading state (read, starred) kept in SQLite in the user data directory.

WAL journalling and one short transaction per change: a crash or a kill loses at most the
change being written and never corrupts what is already there. Should the file be damaged all
the same (a disk fault, a copy cut short), it is never lost silently: it is checked on
opening, kept beside as `state.sqlite3.damaged-<time>`, the marks that can still be read are
carried over to a new file, and `notice` says what happened and where.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import StateError, is_damage
from reader.core.paths import path_text
from reader.core.settings import data_dir

__all__ = ["ReadingState", "StateError", "data_dir"]

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS article_state ("
    " article TEXT PRIMARY KEY,"
    " read INTEGER NOT NULL DEFAULT 0,"
    " starred INTEGER NOT NULL DEFAULT 0)"
)
Mark = tuple[str, int, int]
"""(article id, read, starred)."""


class ReadingState:
    """Which articles are read and which are starred, by article id."""

    def __init__(self, path: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or data_dir() / "state.sqlite3"
        self.notice: str | None = None
        """Set when the file was found damaged: what was done, and where the old one is."""
        self.read: set[str] = set()
        self.starred: set[str] = set()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db, marks = self._open()
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise StateError(self._cannot(error)) from error
            self._db, marks = self._start_again()
        except OSError as error:
            raise StateError(self._cannot(error)) from error
        for article, read, starred in marks:
            if read:
                self.read.add(article)
            if starred:
                self.starred.add(article)
        if self.notice and warn:
            warn(self.notice)

    def _cannot(self, error: BaseException) -> str:
        reason = getattr(error, "strerror", None) or str(error)
        return f"cannot open the reading state at {path_text(self.path)}: {reason}"

    def _open(self) -> tuple[sqlite3.Connection, list[Mark]]:
        """The file, checked, and its marks."""
        # The UI thread owns the connection; workers never touch it.
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(SCHEMA)
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
                db.executemany("INSERT OR REPLACE INTO article_state VALUES (?, ?, ?)", marks)
        except (OSError, sqlite3.Error) as error:
            raise StateError(self._cannot(error)) from error
        self.notice = (
            f"the reading state at {path_text(self.path)} was damaged: kept it as"
            f" {path_text(aside)} and started a new one ({len(marks)} read or starred marks"
            " recovered)"
        )
        return db, marks

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def is_starred(self, article_id: str) -> bool:
        return article_id in self.starred

    def set_read(self, article_id: str, read: bool = True) -> None:
        (self.read.add if read else self.read.discard)(article_id)
        self._save(article_id)

    def toggle_read(self, article_id: str) -> bool:
        """Flip the read mark; returns the new value."""
        self.set_read(article_id, not self.is_read(article_id))
        return self.is_read(article_id)

    def toggle_star(self, article_id: str) -> bool:
        """Flip the star; returns the new value."""
        if article_id in self.starred:
            self.starred.discard(article_id)
        else:
            self.starred.add(article_id)
        self._save(article_id)
        return self.is_starred(article_id)

    def _save(self, article_id: str) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO article_state (article, read, starred) VALUES (?, ?, ?)"
                " ON CONFLICT(article) DO UPDATE SET read = excluded.read,"
                " starred = excluded.starred",
                (article_id, int(self.is_read(article_id)), int(self.is_starred(article_id))),
            )

    def close(self) -> None:
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
