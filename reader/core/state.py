"""Reading state (read, starred) kept in SQLite in the user data directory.

WAL journalling and one short transaction per change: a crash or a kill loses at most the
change being written and never corrupts what is already there.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.settings import data_dir

__all__ = ["ReadingState", "data_dir"]


class ReadingState:
    """Which articles are read and which are starred, by article id."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "state.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The UI thread owns the connection; workers never touch it.
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS article_state ("
            " article TEXT PRIMARY KEY,"
            " read INTEGER NOT NULL DEFAULT 0,"
            " starred INTEGER NOT NULL DEFAULT 0)"
        )
        self.read: set[str] = set()
        self.starred: set[str] = set()
        for article, read, starred in self._db.execute(
            "SELECT article, read, starred FROM article_state"
        ):
            if read:
                self.read.add(article)
            if starred:
                self.starred.add(article)

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
