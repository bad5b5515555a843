"""The full-text index: FTS5 over titles, bodies and actor names, and its vocabulary.

Kept apart from the tables (as sqlite-utils keeps `enable_fts`): search asks it for candidate
rows through `candidates()` and for the indexed terms through `vocabulary()`, and never sees SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.core.store.db import Database

Order = Literal["rank", "recent", "published"]
"""Candidates by BM25, by most recently indexed, or (without words) by publication date."""

Candidate = tuple[int, str, str, str, str]
"""(rowid, article id, title, actor names, body)."""


@dataclass(slots=True)
class Vocabulary:
    """The index's terms, sorted, and how many articles each appears in."""

    terms: list[str]
    docs: dict[str, int]
    by_length: dict[int, list[str]] = field(default_factory=dict)
    """Terms without digits by length: the candidates for typo matching."""

    def __post_init__(self) -> None:
        for term in self.terms:
            if not any(c.isdigit() for c in term):
                self.by_length.setdefault(len(term), []).append(term)

    def near_length(self, length: int, spread: int = 2) -> list[str]:
        """The terms without digits within `spread` characters of `length`."""
        return [
            t
            for n in range(length - spread, length + spread + 1)
            for t in self.by_length.get(n, [])
        ]


@dataclass(slots=True)
class Filters:
    """What a search keeps besides words: outlets (substrings), a date range and stories."""

    sources: list[str] = field(default_factory=list)
    after: str | None = None
    before: str | None = None
    stories: list[str] = field(default_factory=list)
    """Story ids: an article of any of them is kept."""


class FullTextIndex:
    """The FTS5 side of a store (a mixin: `self.db` is the store's Database)."""

    db: Database
    _vocabulary: Vocabulary | None = None

    def refresh_vocabulary(self) -> None:
        """Copy the index's terms out of fts5vocab once, so typo expansion reads them quickly."""
        with self.db.write() as db:
            db.execute("DELETE FROM vocabulary")
            db.execute("INSERT INTO vocabulary SELECT term, doc FROM fts_vocab")
            self._vocabulary = None

    def vocabulary(self) -> Vocabulary:
        vocabulary = self._vocabulary
        if vocabulary is None:
            with self.db.read() as db:
                docs = dict(db.execute("SELECT term, docs FROM vocabulary ORDER BY term"))
            vocabulary = self._vocabulary = Vocabulary(list(docs), docs)
        return vocabulary

    def candidates(
        self, match: str | None, filters: Filters, order: Order, limit: int
    ) -> list[Candidate]:
        """Up to `limit` articles matching the FTS5 expression `match` (None: every article)
        and `filters`, in `order`."""
        clauses, params = _where(filters)
        columns = "a.rowid, a.id, a.title, a.actors, a.body"
        if match is None:
            sql = f"SELECT {columns} FROM articles a WHERE 1{clauses}"
            sql += " ORDER BY a.published DESC"
        else:
            sql = (
                f"SELECT {columns} FROM fts JOIN articles a ON a.rowid = fts.rowid"
                f" WHERE fts MATCH ?{clauses}"
            )
            sql += " ORDER BY bm25(fts, 10.0, 1.0, 5.0)" if order == "rank" else ""
            sql += " ORDER BY fts.rowid DESC" if order == "recent" else ""
            params.insert(0, match)
        with self.db.read() as db:
            return db.execute(f"{sql} LIMIT {int(limit)}", params).fetchall()

    def matching_ids(self, match: str | None, filters: Filters) -> set[str]:
        """The ids of every article matching `match` (None: every one) and `filters`: what
        a tag selects (reader.core.tags), without reading titles or bodies."""
        clauses, params = _where(filters)
        if match is None:
            sql = f"SELECT a.id FROM articles a WHERE 1{clauses}"
        else:
            sql = (
                "SELECT a.id FROM fts JOIN articles a ON a.rowid = fts.rowid"
                f" WHERE fts MATCH ?{clauses}"
            )
            params.insert(0, match)
        with self.db.read() as db:
            return {row[0] for row in db.execute(sql, params)}


def _where(filters: Filters) -> tuple[str, list[str]]:
    """The SQL conditions (each after ` AND `) on articles `a` for `filters`, and their values."""
    where, params = [], []
    for source in filters.sources:
        where.append("lower(a.source) LIKE ?")
        params.append(f"%{source}%")
    if filters.after:
        where.append("a.published >= ?")
        params.append(filters.after)
    if filters.before:
        where.append("a.published < ?")
        params.append(filters.before)
    if filters.stories:
        marks = ",".join("?" * len(filters.stories))
        where.append(f"a.id IN (SELECT id FROM story_articles WHERE story IN ({marks}))")
        params.extend(filters.stories)
    return "".join(f" AND {clause}" for clause in where), params
