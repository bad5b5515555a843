"""Search: SQLite FTS5 narrows the candidates, rapidfuzz tolerates typos, Python ranks.

A query is words, "quoted phrases" and filters: `@actor` (fuzzy, matched against the actor
names of each article), `source:NAME`, `after:DATE` (on or after) and `before:DATE` (before).
Each word is expanded against the index vocabulary: itself when indexed, a prefix when long
enough, and the close spellings rapidfuzz finds when it is not indexed (`sanctons` ->
`sanctions`). Every word must match somewhere; a match in the title counts more than one in the
actor names, which counts more than one in the body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from reader.core.corpus import Corpus
from reader.core.model import SearchHit

if TYPE_CHECKING:
    from reader.core.store import Store

CANDIDATES = 200
SNIPPET = 160
_BEFORE_MATCH = 50
_PREFIX_FROM = 4
_FUZZY_FROM = 4
_FUZZY_CUTOFF = 78
_FUZZY_LIMIT = 4
_WEIGHTS = {"title": 3.0, "actors": 2.0, "body": 1.0}
_TOKEN = re.compile(r"\w+")
_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass
class Group:
    """One query word (or phrase) and the index terms it stands for, with their weights."""

    terms: dict[str, float]
    prefixes: dict[str, float] = field(default_factory=dict)
    phrase: str | None = None

    def fts(self, column: str | None = None) -> str:
        if self.phrase is not None:
            expression = _quote(self.phrase)
        else:
            options = [_quote(t) for t in self.terms] + [f"{_quote(p)}*" for p in self.prefixes]
            expression = "(" + " OR ".join(options) + ")"
        return f"{{{column}}} : {expression}" if column else expression

    def pattern(self) -> re.Pattern[str]:
        if self.phrase is not None:
            words = _TOKEN.findall(self.phrase)
            return re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
        options = [re.escape(t) + r"\b" for t in sorted(self.terms, key=len, reverse=True)]
        options += [re.escape(p) + r"\w*" for p in self.prefixes]
        return re.compile(r"\b(?:" + "|".join(options) + ")", re.IGNORECASE)

    def weight(self, found: str) -> float:
        found = found.lower()
        if self.phrase is not None:
            return 1.0
        if found in self.terms:
            return self.terms[found]
        return max((w for p, w in self.prefixes.items() if found.startswith(p)), default=0.5)


@dataclass
class Query:
    """A parsed query: word and phrase groups, actor groups and the filters."""

    groups: list[Group] = field(default_factory=list)
    actors: list[Group] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    after: str | None = None
    before: str | None = None
    unmatched: bool = False
    """A word that matches nothing in the index: no article can match."""
    words: list[str] = field(default_factory=list)
    """The plain words, to recognise a query that is a whole title."""


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def expand(word: str, vocabulary: list[str], known: set[str]) -> Group | None:
    """The index terms `word` stands for, or None when nothing in the index is close."""
    terms: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    if word in known:
        terms[word] = 1.0
    if len(word) >= _PREFIX_FROM:
        prefixes[word] = 0.9
    if word not in known and len(word) >= _FUZZY_FROM:
        for term, score, _ in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=_FUZZY_LIMIT
        ):
            terms[term] = 0.8 * score / 100
    if not terms and not _has_prefix(vocabulary, word):
        return None
    return Group(terms, prefixes)


def _has_prefix(vocabulary: list[str], word: str) -> bool:
    """Whether an index term starts with `word` (the vocabulary is sorted)."""
    index = bisect_left(vocabulary, word)
    return index < len(vocabulary) and vocabulary[index].startswith(word)


def parse(query: str, vocabulary: list[str]) -> Query:
    known = set(vocabulary) if vocabulary else set()
    parsed = Query()
    for match in _QUERY_PART.finditer(query):
        phrase, part = match.groups()
        if phrase is not None:
            words = _TOKEN.findall(phrase.lower())
            if len(words) == 1:
                part = words[0]
            elif words:
                parsed.groups.append(Group({}, phrase=" ".join(words)))
                continue
            else:
                continue
        name, _, value = part.partition(":")
        if value and name.lower() == "source":
            parsed.sources.append(value.lower())
        elif value and name.lower() == "after":
            parsed.after = value
        elif value and name.lower() == "before":
            parsed.before = value
        else:
            is_actor = part.startswith("@")
            for word in _TOKEN.findall(part.lower()):
                group = expand(word, vocabulary, known)
                if group is None:
                    parsed.unmatched = True
                elif is_actor:
                    parsed.actors.append(group)
                else:
                    parsed.groups.append(group)
                    parsed.words.append(word)
    return parsed


def search(corpus: Corpus, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles matching `query`, best first (the TUI and the CLI both call this)."""
    if corpus.search_index is None:
        from reader.core.store import Store

        store = Store(":memory:")
        store.add_corpus(corpus)
        corpus.search_index = store
    return search_store(corpus.search_index, query, limit)


def search_store(store: Store, query: str, limit: int = 20) -> list[SearchHit]:
    """Hits for `query` from a store's index, best first."""
    parsed = parse(query, store.vocabulary())
    if (
        parsed.unmatched
        or not (parsed.groups or parsed.actors or parsed.sources)
        and not (parsed.after or parsed.before)
    ):
        return []
    where, params = [], []
    for source in parsed.sources:
        where.append("lower(a.source) LIKE ?")
        params.append(f"%{source}%")
    if parsed.after:
        where.append("a.published >= ?")
        params.append(parsed.after)
    if parsed.before:
        where.append("a.published < ?")
        params.append(parsed.before)
    match = " AND ".join(
        [g.fts() for g in parsed.groups] + [g.fts("actors") for g in parsed.actors]
    )
    columns = "a.rowid, a.id, a.title, a.actors, a.body"
    if match:
        sql = (
            f"SELECT {columns}, bm25(fts, 10.0, 1.0, 5.0) AS rank FROM fts"
            " JOIN articles a ON a.rowid = fts.rowid WHERE fts MATCH ?"
        )
        params.insert(0, match)
        order = "rank"
    else:
        sql = f"SELECT {columns}, 0 FROM articles a WHERE 1"
        order = "a.published DESC"
    sql += "".join(f" AND {clause}" for clause in where) + f" ORDER BY {order} LIMIT {CANDIDATES}"
    with store.lock:
        rows = store.db.execute(sql, params).fetchall()
    hits = [_hit(parsed, row, position) for position, row in enumerate(rows)]
    hits.sort(key=lambda hit: -hit.score)
    return hits[:limit]


def _hit(parsed: Query, row: tuple, position: int) -> SearchHit:
    _, article_id, title, actors, body, _ = row
    score = 0.0
    for group in parsed.groups:
        pattern = group.pattern()
        best = 0.0
        for column, text in (("title", title), ("actors", actors), ("body", body)):
            found = pattern.search(text or "")
            if found:
                best = max(best, _WEIGHTS[column] * group.weight(found.group()))
        score += best
    if parsed.groups:
        score = 100 * score / (_WEIGHTS["title"] * len(parsed.groups))
        title_words = " ".join(_TOKEN.findall((title or "").lower()))
        if fuzz.ratio(" ".join(parsed.words), title_words) >= 90:
            score += 20
    score += 1.0 / (1 + position)  # the index's own BM25 order breaks ties
    snippet, offset, highlights = make_snippet(
        body or "", [g.pattern() for g in parsed.groups + parsed.actors]
    )
    return SearchHit(article_id, title, round(score, 3), snippet, offset, highlights)


def make_snippet(
    text: str, patterns: list[re.Pattern[str]], width: int = SNIPPET
) -> tuple[str, int, list[tuple[int, int]]]:
    """One line of about `width` characters around the best cluster of matches in `text`:
    the snippet, its offset in `text` and the matched words' offsets within the snippet."""
    spans = sorted(
        (m.start(), m.end(), index)
        for index, pattern in enumerate(patterns)
        for m in _first(pattern.finditer(text), 30)
    )
    start = 0
    if spans:
        best = max(
            spans,
            key=lambda s: len({i for b, _, i in spans if s[0] <= b < s[0] + width - _BEFORE_MATCH}),
        )
        start = max(0, best[0] - _BEFORE_MATCH)
        if start:
            space = text.find(" ", start, best[0])
            start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space != -1 else end
    snippet = text[start:end].replace("\n", " ")
    highlights = [(b - start, e - start) for b, e, _ in spans if start <= b and e <= end]
    return snippet, start, highlights


def _first(matches, count: int) -> list[re.Match[str]]:
    found = []
    for match in matches:
        found.append(match)
        if len(found) >= count:
            break
    return found
