"""Feed items kept in a small SQLite file so feeds read offline.

One row per (feed URL, item key); the key is the item's guid, else its link, so the same item
seen twice is one article. The validators (ETag, Last-Modified) are remembered per feed URL.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

from reader.core.model import Article
from reader.core.settings import Settings

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
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=5)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

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
