"""The full-text index: FTS5 over titles, bodies and actor names, and its vocabulary.

Kept apart from the tables (as sqlite-utils keeps `enable_fts`): search asks it for candidate
rows through `candidates()` and for the indexed terms through `vocabulary()`, and never sees SQL
nor an index's own query syntax: it hands over `Words`, which each index renders (here FTS5).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal

from reader.core.store.db import Connections, in_batches

Order = Literal["rank", "recent", "published"]
"""Candidates by BM25, by most recently indexed, or (without words) by publication date."""

Candidate = tuple[int, str, str, str]
"""(rowid, article id, title, actor names): what a candidate is scored on. Not its body: the
index already says a matched word is there, and only the hits shown read it (`bodies`)."""


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


Column = Literal["title", "body", "actors"]


@dataclass(frozen=True, slots=True)
class Words:
    """What one query word (or phrase) asks of the index: any of `terms`, a term starting with
    any of `prefixes`, or the `phrase`, in any of `columns` (every column when empty)."""

    terms: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    phrase: str | None = None
    columns: tuple[Column, ...] = ()


def fts5_expression(match: list[Words]) -> str:
    """`match` as one FTS5 query: every Words must match."""
    return " AND ".join(_fts5_words(words) for words in match)


def _fts5_words(words: Words) -> str:
    if words.phrase is not None:
        expression = _fts5_quote(words.phrase)
    else:
        options = [_fts5_quote(t) for t in words.terms]
        options += [f"{_fts5_quote(p)}*" for p in words.prefixes]
        expression = "(" + " OR ".join(options) + ")"
    return f"{{{' '.join(words.columns)}}} : {expression}" if words.columns else expression


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(slots=True)
class Filters:
    """What a search keeps besides words: outlets (substrings), a date range and stories."""

    sources: list[str] = field(default_factory=list)
    after: str | None = None
    before: str | None = None
    stories: list[str] = field(default_factory=list)
    """Story ids: an article of any of them is kept."""


BY_DATE = " ORDER BY a.published DESC NULLS LAST"
CANDIDATE_COLUMNS = "a.rowid, a.id, a.title, a.actors"


def filter_clauses(filters: Filters) -> tuple[str, list[str]]:
    """`filters` as SQL conditions on the articles `a` (each led by AND) and their values:
    the same on either engine."""
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


class SearchIndex:
    """What search asks of a store's full-text index, whichever engine keeps it."""

    db: Connections
    _vocabulary: Vocabulary | None = None

    def refresh_vocabulary(self) -> None:
        """Read the index's terms again after a change (for word forms and typos)."""
        raise NotImplementedError

    def vocabulary(self) -> Vocabulary:
        """The index's terms and how many articles hold each (kept once read, as `term` is
        sorted bytewise by either engine)."""
        vocabulary = self._vocabulary
        if vocabulary is None:
            with self.db.read() as db:
                docs = dict(db.execute("SELECT term, docs FROM vocabulary ORDER BY term"))
            vocabulary = self._vocabulary = Vocabulary(list(docs), docs)
        return vocabulary

    def candidates(
        self, match: list[Words] | None, filters: Filters, order: Order, limit: int
    ) -> list[Candidate]:
        """Up to `limit` articles matching every Words of `match` (None: every article) and
        `filters`, in `order`."""
        clauses, params = filter_clauses(filters)
        if match is None:
            sql = f"SELECT {CANDIDATE_COLUMNS} FROM articles a WHERE TRUE{clauses}{BY_DATE}"
        else:
            sql, query = self._matching(CANDIDATE_COLUMNS, match, clauses, order)
            params[:0] = query
        with self._searching(match) as db:
            return db.execute(f"{sql} LIMIT {int(limit)}", params).fetchall()

    def bodies(self, places: list[tuple[int, str]]) -> dict[int, str]:
        """The bodies of the articles at these (rowid, id) places, by rowid (the candidates
        ranked, the hits shown): a row that holds another article by now (a sync since the
        search reused its rowid) gives none."""
        ids = dict(places)
        found: dict[int, str] = {}
        with self.db.read() as db:
            for batch in in_batches(db, list(ids), reserved=0):
                marks = ",".join("?" * len(batch))
                sql = f"SELECT rowid, id, body FROM articles WHERE rowid IN ({marks})"
                found.update((r, body) for r, i, body in db.execute(sql, batch) if ids[r] == i)
        return found

    def matching_ids(self, match: list[Words] | None, filters: Filters) -> set[str]:
        """The ids of every article matching every Words of `match` (None: every one) and
        `filters`: what a tag selects (reader.core.tags), without reading titles or bodies."""
        clauses, params = filter_clauses(filters)
        sql = f"SELECT a.id FROM articles a WHERE TRUE{clauses}"
        if match is not None:
            sql, query = self._matching("a.id", match, clauses, None)
            params[:0] = query
        with self._searching(match) as db:
            return {row[0] for row in db.execute(sql, params)}

    def _searching(self, match: list[Words] | None) -> AbstractContextManager[Any]:
        """A connection for one read of the index (`match` None: of the articles alone)."""
        return self.db.read()

    def _matching(
        self, columns: str, match: list[Words], clauses: str, order: Order | None
    ) -> tuple[str, list[str]]:
        """This engine's SELECT of `columns` of the articles `a` matching `match` and the
        filter `clauses`, in `order` (None: any), and its parameters: `match` rendered in
        the engine's own query syntax (they come before the clauses' values)."""
        raise NotImplementedError


_BM25 = "bm25(fts, 10.0, 1.0, 5.0)"
"""The rank: a word in the title counts ten times one in the body, in the actor names five."""
_STALE = "SELECT 1 FROM vocabulary_stale"
"""Whether the index changed since its terms were copied out (see FullTextIndex)."""


class FullTextIndex(SearchIndex):
    """The FTS5 side of a store (a mixin: `self.db` is the store's Connections)."""

    def refresh_vocabulary(self) -> None:
        """Note that the index's terms changed: they are copied out of fts5vocab (so typo
        expansion reads them quickly) when next read, not now. The copy reads the whole index
        (about a second at 100,000 articles): a sync of one new file, or a listing that never
        searches, does not pay it."""
        with self.db.write() as db:
            if not db.execute(_STALE).fetchone():
                db.execute("INSERT INTO vocabulary_stale VALUES (1)")
        self._vocabulary = None

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            with self.db.read() as db:
                stale = db.execute(_STALE).fetchone()
            if stale:
                with self.db.write() as db:
                    db.execute("DELETE FROM vocabulary")
                    db.execute("INSERT INTO vocabulary SELECT term, doc FROM fts_vocab")
                    db.execute("DELETE FROM vocabulary_stale")
        return super().vocabulary()

    def candidates(
        self, match: list[Words] | None, filters: Filters, order: Order, limit: int
    ) -> list[Candidate]:
        """As every store's, but without filters the best by BM25 are chosen in the index
        alone and only they joined to their articles: joined first, every match's row would
        be read to be sorted (a common word's tens of thousands)."""
        if order != "rank" or match is None or filter_clauses(filters)[0]:
            return super().candidates(match, filters, order, limit)
        sql = (
            f"WITH ranked AS (SELECT rowid, {_BM25} AS score FROM fts WHERE fts MATCH ?"
            f" ORDER BY score LIMIT {int(limit)})"
            f" SELECT {CANDIDATE_COLUMNS} FROM ranked JOIN articles a ON a.rowid = ranked.rowid"
            " ORDER BY ranked.score"
        )
        with self.db.read() as db:
            return db.execute(sql, [fts5_expression(match)]).fetchall()

    def _matching(
        self, columns: str, match: list[Words], clauses: str, order: Order | None
    ) -> tuple[str, list[str]]:
        sql = (
            f"SELECT {columns} FROM fts JOIN articles a ON a.rowid = fts.rowid"
            f" WHERE fts MATCH ?{clauses}"
        )
        if order == "rank":
            sql += f" ORDER BY {_BM25}"
        elif order == "recent":
            sql += " ORDER BY fts.rowid DESC"
        return sql, [fts5_expression(match)]
