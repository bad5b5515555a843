"""Feed items kept in a small SQLite file so feeds read offline.

One row per (feed URL, item key); the key is the item's guid, else its link, so the same item
seen twice is one article. The validators (ETag, Last-Modified) are remembered per feed URL.
It is a cache, as the store is, and faults of it are met as the store's are (reader.core.errors):
a damaged file is rebuilt and said so in one line; one that cannot be used (read-only, a file
where its folder should be) is one line (StoreError), never a traceback.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from reader.core import errors
from reader.core.model import Article
from reader.core.settings import Settings

BUSY_TIMEOUT = 60.0
"""Seconds a write waits for another: the feeds are fetched several at a time, each saved in
one transaction, and a feed of thousands of full-text items on a busy machine takes more than
the 5 s SQLite waits by default ("database is locked")."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched REAL
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed TEXT NOT NULL, key TEXT NOT NULL, position INTEGER NOT NULL, article TEXT NOT NULL,
    PRIMARY KEY (feed, key)
);
"""


def cache_path() -> Path:
    """The cache file, in the cache directory (see reader.core.settings)."""
    return Settings.resolve().feed_cache


class FeedCache:
    def __init__(
        self, path: Path | None = None, check: Callable[[str], None] | None = None
    ) -> None:
        """Open the cache; with `check`, look it over first (once per fetch of all the feeds:
        damage may lie on any page) and rebuild it if damaged, said through `check`."""
        self.path = path or cache_path()
        errors.make_folder(self.path.parent)
        try:
            self.db = self._open(check is not None)
        except sqlite3.DatabaseError as error:
            if not errors.is_damage(error):
                raise self.cannot_use(error) from error
            errors.remove_database(self.path)
            try:
                self.db = self._open(False)
            except sqlite3.DatabaseError as again:
                raise self.cannot_use(again) from again
            if check is not None:
                check(errors.damaged("feed cache", self.path))

    def _open(self, check: bool) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            if check and db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise sqlite3.DatabaseError("database disk image is malformed")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def cannot_use(self, error: BaseException) -> errors.StoreError:
        """The one line for a fault of the cache that is not damage (read-only, full disk)."""
        return errors.StoreError(
            errors.cannot_use(self.path.parent, f"{self.path.name}: {errors.reason(error)}")
        )

    def close(self) -> None:
        self.db.close()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save(
        self, url: str, articles: list[Article], etag: str | None, last_modified: str | None
    ) -> None:
        """Remember the feed's validators and upsert its items (new items first in order)."""
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, strftime('%s','now'))",
                (url, etag, last_modified),
            )
            start = self.db.execute(
                "SELECT COALESCE(MAX(position), 0) FROM feed_items WHERE feed = ?", (url,)
            ).fetchone()[0]
            for offset, article in enumerate(articles, start=1):
                key = item_key(article)
                data = json.dumps(asdict(article), ensure_ascii=False)
                updated = self.db.execute(
                    "UPDATE feed_items SET article = ? WHERE feed = ? AND key = ?",
                    (data, url, key),
                ).rowcount
                if not updated:
                    self.db.execute(
                        "INSERT INTO feed_items VALUES (?, ?, ?, ?)",
                        (url, key, start + offset, data),
                    )

    def articles(self, url: str) -> list[Article]:
        rows = self.db.execute(
            "SELECT article FROM feed_items WHERE feed = ? ORDER BY position", (url,)
        )
        return [Article(**json.loads(row[0])) for row in rows]

    def known(self, url: str) -> bool:
        return self.db.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone() is not None


def item_key(article: Article) -> str:
    """What makes two sightings one item: the guid (the article id), else the link."""
    return article.id or article.url or article.title
