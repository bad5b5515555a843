"""The archive's full-text index on PostgreSQL: the weighted `tsvector` of each article (see
`pg_schema`), searched with a `tsquery` rendered from search's `Words`, ranked by `ts_rank`
with the title above the actor names above the lead above the body, as BM25 weighs the
columns in the embedded store; the vocabulary (for word forms and typos) from the terms of
the articles written (see `refresh_vocabulary`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from reader.core.store.index import (
    CANDIDATE_COLUMNS,
    Candidate,
    Column,
    Filters,
    Order,
    SearchIndex,
    Vocabulary,
    Words,
    filter_clauses,
)
from reader.core.store.pg_db import CHANNEL, VOCABULARY_CHANGED, PostgresDatabase

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
SPELLED = 32
"""A prefix starting more indexed terms than this is asked of the index as a prefix."""
RECENT_FIRST = 3
"""Matches a search for the most recent ones expects in the first window it looks in, as
many times the number asked (see `candidates`)."""
RECENT_WIDER = 8
"""How much wider each next window is at most."""
RANKED = 1000
"""Matches ranked at most: the rank reads each match's whole vector (a few kB, TOASTed), so
a word in tens of thousands of articles would cost seconds; past RANKED, the matches the
index names first (the oldest pages first) are ranked, as a bounded sample."""


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
        """The index's terms and how many articles hold each, for word forms and typo
        expansion: the terms of the articles written or removed since the last refresh
        (`vocabulary_changes`, kept by a trigger) counted in, so that a refresh costs what
        was written, not the archive's size."""
        with self.db.write(lock="vocabulary") as db:  # indexers refresh it one at a time
            unused = [
                term
                for (term,) in db.execute(
                    "WITH moved AS (DELETE FROM vocabulary_changes RETURNING terms, docs),"
                    " counted AS (INSERT INTO vocabulary"
                    " SELECT term, sum(docs) FROM moved, unnest(terms) term"
                    " GROUP BY term ORDER BY term"
                    " ON CONFLICT (term) DO UPDATE SET docs = vocabulary.docs + excluded.docs"
                    " RETURNING term, docs)"
                    " SELECT term FROM counted WHERE docs <= 0"
                )
            ]
            if unused:
                db.execute("DELETE FROM vocabulary WHERE term = ANY(?)", (unused,))
            db.execute("SELECT pg_notify(?, ?)", (CHANNEL, VOCABULARY_CHANGED))  # on commit
        self._vocabulary = None

    def candidates(
        self, match: list[Words] | None, filters: Filters, order: Order, limit: int
    ) -> list[Candidate]:
        """As every store's, but the most recent matches are looked for a window of rowids at
        a time, from the last: the first where about RECENT_FIRST times `limit` matches are
        expected (from the vocabulary's counts), each next one before it, as wide as the
        matches still wanted need at the rate the last found them. The GIN index names the
        matches and the primary key the window, and only the articles in both are read
        (bitmaps: the planner, asked for the last rowids, reads the primary key back and
        every article's vector until enough match). Sorted by rowid, every match would be
        read: a common word's tens of thousands; a phrase's candidates each have their
        vector read to check it (13,000 for "in the European" at 100,000 articles: 0.3 s)."""
        if order != "recent" or match is None:
            return super().candidates(match, filters, order, limit)
        clauses, values = filter_clauses(filters)
        window = f" AND a.rowid > ? AND a.rowid <= ?{clauses}"
        sql, query = self._matching(CANDIDATE_COLUMNS, match, window, order)
        rows: list[Candidate] = []
        vocabulary = self.vocabulary()  # (read before a search's connection is held)
        with self.server.search() as db:
            [(top, _)] = db.execute(
                "SELECT max(rowid), set_config('enable_indexscan', 'off', true) FROM articles"
            ).fetchall()  # the windows' plain index scans forbidden (SET LOCAL), in one read
            width = RECENT_FIRST * limit / max(_share(match, vocabulary, top or 1), 1e-9)
            while top and len(rows) < limit:
                since = max(0, int(top - width))
                found = db.execute(
                    f"{sql} LIMIT {int(limit) - len(rows)}", [*query, since, top, *values]
                ).fetchall()
                rows += found
                width = _wider(width, len(found), limit - len(rows))
                top = since
        return rows

    def _spelled(self, words: Words) -> Words:
        """`words` with each prefix as the indexed terms that start with it, where the
        vocabulary lists at most SPELLED: what the GIN index is asked (the rank's query
        keeps the prefix). The index answers a prefix by walking its terms and merging
        their lists into a bitmap: 'mike':* costs 8 ms at 100,000 articles, the terms
        named half that. A term none held when the vocabulary was read is not among them
        (as it is not among a word's other forms or close spellings) until an indexer's
        refresh of the vocabulary, which a reader listening (`changes`) hears of."""
        if not words.prefixes:
            return words
        vocabulary = self.vocabulary()
        terms, prefixes = list(words.terms), []
        for prefix in words.prefixes:
            start = bisect_left(vocabulary.terms, prefix)
            held = vocabulary.terms[start : start + SPELLED + 1]  # sorted: theirs come first
            named = [term for term in held if term.startswith(prefix)]
            if len(named) > SPELLED or not named:  # none: the vocabulary read since parse
                prefixes.append(prefix)
            else:
                terms += named
        return replace(words, terms=tuple(dict.fromkeys(terms)), prefixes=tuple(prefixes))

    def _searching(self, match: list[Words] | None) -> AbstractContextManager[Any]:
        return self.db.read() if match is None else self.server.search()

    def _matching(
        self, columns: str, match: list[Words], clauses: str, order: Order | None
    ) -> tuple[str, list[str]]:
        """The rank reads the whole vector, with each column's weight, of at most RANKED
        matches: those the index names first, ranked as they are read (not read again by
        their rowid: 1,000 look-ups of the primary key); words asked of titles and actor
        names alone rank by those columns' words (`article_heads`, see `pg_schema`), the
        same rank but for the length it is divided by (theirs, as BM25 divides by each
        column's)."""
        conditions, params = _conditions([self._spelled(words) for words in match])
        source = f"FROM articles a, CAST(? AS tsquery) q WHERE {conditions}{clauses}"
        sql = f"SELECT {columns} {source}"
        if order == "rank" and _heads_only(match):
            ranked = f"SELECT {columns}, q {source} LIMIT {RANKED}"
            rank = f"ts_rank('{RANK_WEIGHTS}', coalesce(h.head, ''), a.q, 1)"
            sql = (
                f"SELECT {columns} FROM ({ranked}) a"
                f" LEFT JOIN article_heads h ON h.rowid = a.rowid ORDER BY {rank} DESC, a.rowid"
            )
        elif order == "rank":
            ranked = f"SELECT {columns}, a.search, q {source} LIMIT {RANKED}"
            rank = f"ts_rank('{RANK_WEIGHTS}', a.search, a.q, 1)"
            sql = f"SELECT {columns} FROM ({ranked}) a ORDER BY {rank} DESC, a.rowid"
        elif order == "recent":  # the matches' rows sorted, not the primary key read back
            sql += " ORDER BY a.rowid + 0 DESC"
        return sql, [tsquery(match), *params]


def _unplaced(words: Words) -> str:
    """`words` as a tsquery in any column, a phrase as all its words, wherever (a column's
    own vector is matched without positions: made again for each article, it would cost
    more than the phrase's check in the weighted vector, which follows)."""
    if words.phrase is None:
        return _words_query(Words(words.terms, words.prefixes))
    tokens = _TOKEN.findall(words.phrase.lower()) or [words.phrase.lower()]
    return "(" + " & ".join(_lexeme(token) for token in tokens) + ")"


_CHECKED = "ts_match_vq(a.search, ?::tsquery)"
"""A phrase checked in each article's vector, not looked up in its GIN index: the articles
holding its pairs of words (or a title's words) hold all its words, and the index would
name every article holding them (the phrase's words are common: 39,000 articles and 6 ms
for "in the European" at 100,000)."""


def _conditions(match: list[Words]) -> tuple[str, list[str]]:
    """`match` as SQL conditions on the articles `a`, and their tsqueries. Words asked of
    the title or the actor names alone are matched against those columns' own vectors
    (indexed apart, see `pg_schema`); every other against the whole vector, unweighted,
    which its GIN index answers without reading the vectors; a phrase also against its
    pairs of adjacent words (`_pairs_query`). A phrase asked of titles or actor names is
    looked for in the weighted vector of the articles whose titles or actor names hold all
    its words (their own vectors, made again for each article to check positions, would
    cost 0.2 ms each where the vector is read in 0.03)."""
    conditions, params = [], []
    for words in match:
        own = [_OWN_VECTORS[c] for c in words.columns if c in _OWN_VECTORS]
        if words.columns and len(own) == len(words.columns):
            conditions.append("(" + " OR ".join(f"{v} @@ ?::tsquery" for v in own) + ")")
            params += [_unplaced(words)] * len(own)
            if words.phrase is None:
                continue
            conditions.append(_CHECKED)  # the phrase, where they hold its words
            params.append(_words_query(words))
            continue
        pairs = _pairs_query(words)
        conditions.append(_CHECKED if pairs else "a.search @@ ?::tsquery")
        params.append(_words_query(words))
        if pairs:
            conditions.append("a.pairs @@ ?::tsquery")
            params.append(pairs)
    return " AND ".join(conditions), params


def _pairs_query(words: Words) -> str | None:
    """A phrase's pairs of adjacent words, each of which an article holding the phrase holds
    (see `pg_schema`, 11 and 13): the articles that hold them all are the only ones whose vector is
    read to find the phrase (the GIN index of the words alone names every article holding
    them anywhere: thousands for a phrase of common words)."""
    if words.phrase is None:
        return None
    tokens = _TOKEN.findall(words.phrase.lower())
    pairs = dict.fromkeys(f"{one} {two}" for one, two in itertools.pairwise(tokens))
    return " & ".join(_lexeme(pair) for pair in pairs) or None


def _heads_only(match: list[Words]) -> bool:
    """Every Words asked of titles or actor names alone (ranked by `article_heads`)."""
    return all(words.columns and set(words.columns) <= {"title", "actors"} for words in match)


def _wider(width: float, found: int, wanted: int) -> float:
    """The next window's width: where about half as many again as the matches still `wanted`
    are expected, at the rate the last window (`width` rowids) `found` them."""
    most = width * RECENT_WIDER
    return min(most, 1.5 * wanted * width / found) if found else most


def _share(match: list[Words], vocabulary: Vocabulary, articles: int) -> float:
    """About what share of the `articles` match, from how many hold each word (words taken
    as independent; a phrase as half the articles holding its rarest word; a prefix not
    counted: too small a share makes a wider window, only)."""
    share = 1.0
    for words in match:
        if words.phrase is not None:
            tokens = _TOKEN.findall(words.phrase.lower())
            docs = min((vocabulary.docs.get(token, 0) for token in tokens), default=0) / 2
        else:
            docs = sum(vocabulary.docs.get(term, 0) for term in words.terms)
        share *= min(1.0, docs / articles)
    return share
