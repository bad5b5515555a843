"""The archive's full-text index on PostgreSQL: the weighted `tsvector` of each article (see
`pg_schema`), searched with a `tsquery` rendered from search's `Words`, ranked by `ts_rank`
with the title above the actor names above the lead above the body, as BM25 weighs the
columns in the embedded store; the vocabulary (for word forms and typos) from `ts_stat`.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import Any

from reader.core.store.index import (
    Column,
    Order,
    SearchIndex,
    Words,
)
from reader.core.store.pg_db import PostgresDatabase

LABELS: dict[Column, str] = {"title": "A", "actors": "B", "body": "CD"}
"""The weights each column's words carry in the tsvector."""
RANK_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"
"""ts_rank's weights for D, C, B, A: the body, its lead, actor names, the title. The rank is
divided by 1 + the log of the article's length (normalisation 1), as BM25 weighs length: on
1,500 distinct articles the top 10 hits agree with the embedded store's 80 % of the time,
against 75 % unnormalised."""
_TOKEN = re.compile(r"\w+")
_OWN_VECTORS: dict[Column, str] = {
    "title": "reader_vector(a.title)",
    "actors": "reader_vector(a.actors)",
}
"""The columns with a vector (and a GIN index) of their own (see `pg_schema`)."""


def tsquery(match: list[Words]) -> str:
    """`match` as a tsquery's text: every Words must match (`&`), lexemes quoted."""
    return " & ".join(_words_query(words) for words in match)


def _words_query(words: Words) -> str:
    labels = "".join(LABELS[column] for column in words.columns)
    within = f":{labels}" if labels else ""
    if words.phrase is not None:
        tokens = _TOKEN.findall(words.phrase.lower()) or [words.phrase.lower()]
        return "(" + " <-> ".join(f"{_lexeme(t)}{within}" for t in tokens) + ")"
    options = [f"{_lexeme(t)}{within}" for t in words.terms]
    options += [f"{_lexeme(p)}:*{labels}" for p in words.prefixes]
    return "(" + " | ".join(options) + ")"


def _lexeme(term: str) -> str:
    """A lexeme as a tsquery quotes it: in single quotes, quotes and backslashes escaped."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresFullTextIndex(SearchIndex):
    """The tsvector side of the archive (a mixin: `self.db` is the archive's PostgresDatabase,
    also known as `self.server`)."""

    server: PostgresDatabase

    def refresh_vocabulary(self) -> None:
        """The index's terms and how many articles hold each, from ts_stat, for word forms
        and typo expansion."""
        with self.db.write(lock="vocabulary") as db:  # indexers refresh it one at a time
            db.execute("DELETE FROM vocabulary")
            db.execute(
                "INSERT INTO vocabulary"
                " SELECT word, ndoc FROM ts_stat('SELECT search FROM articles')"
            )
        self._vocabulary = None

    def _searching(self, match: list[Words] | None) -> AbstractContextManager[Any]:
        return self.db.read() if match is None else self.server.search()

    def _matching(
        self, columns: str, match: list[Words], clauses: str, order: Order | None
    ) -> tuple[str, list[str]]:
        """Words asked of the title or the actor names alone are matched against those
        columns' own vectors (indexed apart, see `pg_schema`); every other against the
        whole vector, unweighted, which its GIN index answers without reading the vectors.
        The rank reads the whole vector, with each column's weight, of the matches alone."""
        conditions, params = [], [tsquery(match)]
        for words in match:
            own = [_OWN_VECTORS[c] for c in words.columns if c in _OWN_VECTORS]
            if words.columns and len(own) == len(words.columns):
                anywhere = _words_query(Words(words.terms, words.prefixes, words.phrase))
                conditions.append("(" + " OR ".join(f"{v} @@ ?::tsquery" for v in own) + ")")
                params += [anywhere] * len(own)
            else:
                conditions.append("a.search @@ ?::tsquery")
                params.append(_words_query(words))
        sql = (
            f"SELECT {columns} FROM articles a, CAST(? AS tsquery) q"
            f" WHERE {' AND '.join(conditions)}{clauses}"
        )
        if order == "rank":
            sql += f" ORDER BY ts_rank('{RANK_WEIGHTS}', a.search, q, 1) DESC, a.rowid"
        elif order == "recent":
            sql += " ORDER BY a.rowid DESC"
        return sql, params
