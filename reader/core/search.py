"""Search: SQLite FTS5 narrows the candidates, rapidfuzz tolerates typos, Python ranks.

A query is words, "quoted phrases" and filters: `@actor` (fuzzy, matched against the actor
names of each article), `source:NAME` or `source:"Fox News"`, `after:DATE` (on or after),
`before:DATE` (before) and `story:ID` (the articles of one story; hits name their story). Dates
are read as people type them (`yesterday`, `"Feb 2022"`, `22/02/2022`, `2022-02-20`); a filter
that cannot be read is named in the hits' `problems`, never silently matched by nothing.
Each word is expanded against the index vocabulary: itself when indexed, its other forms (the
indexed words with the same Snowball stem: `resigns` -> `resigned`), a prefix when long enough,
and the close spellings rapidfuzz finds when it is not indexed (`sanctons` -> `sanctions`).
Every word must match somewhere; a match in the title counts more than one in the actor names,
which counts more than one in the body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from reader.core.corpus import Corpus
from reader.core.model import SearchHit
from reader.core.query_dates import read_date
from reader.core.search_match import Matcher, fold
from reader.core.snippets import all_matches, matched, snippet_of
from reader.core.store import Filters, Words

if TYPE_CHECKING:
    from snowballstemmer.basestemmer import BaseStemmer as Stemmer

    from reader.core.store import BaseStore, Candidate, Column, Vocabulary

CANDIDATES = 200
COMMON = 3000
"""Words in more articles than this are not ranked by BM25 over all their matches."""
_PREFIX_FROM = 4
_FUZZY_FROM = 4
_FUZZY_CUTOFF = 78
_FUZZY_LIMIT = 4
_WEIGHTS = {"title": 3.0, "actors": 2.0, "body": 1.0}
_TOKEN = re.compile(r"\w+")
_QUERY_PART = re.compile(r'(\w+):"([^"]*)"?|"([^"]*)"?|(\S+)')
_FILTERS = ("source", "after", "before", "story")
_FORM_WEIGHT = 0.95
"""Another form of the word (`resigned` for `resigns`) counts almost as the word itself."""


class Hits(list[SearchHit]):
    """Search hits, best first, and what in the query could not be read (said, not dropped)."""

    def __init__(self, hits: list[SearchHit] | None = None, problems: list[str] | None = None):
        super().__init__(hits or [])
        self.problems: list[str] = problems or []


@dataclass
class Group:
    """One query word (or phrase) and the index terms it stands for, with their weights."""

    terms: dict[str, float]
    prefixes: dict[str, float] = field(default_factory=dict)
    phrase: str | None = None
    docs: int = 0
    """About how many articles match: how common the group's terms are."""

    def words(self, *columns: Column) -> Words:
        """What the index is asked for this group, in `columns` (every column when none)."""
        return Words(tuple(self.terms), tuple(self.prefixes), self.phrase, columns)

    def matcher(self) -> Matcher:
        if self.phrase is not None:
            return Matcher.phrase(_TOKEN.findall(self.phrase))
        return Matcher.words(sorted(self.terms, key=len, reverse=True), list(self.prefixes))

    def most(self) -> float:
        """The most a match counts (`weight` of any word the pattern finds is no more)."""
        if self.phrase is not None:
            return 1.0
        return max([*self.terms.values(), *self.prefixes.values(), 0.5])

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
    stories: list[str] = field(default_factory=list)
    unmatched: bool = False
    """A word that matches nothing in the index: no article can match."""
    words: list[str] = field(default_factory=list)
    """The plain words, to recognise a query that is a whole title."""
    problems: list[str] = field(default_factory=list)
    """The filters that could not be read, said to the user."""


def expand(word: str, vocabulary: Vocabulary, name: bool = False) -> Group | None:
    """The index terms `word` stands for, or None when nothing in the index is close.

    A `name` (an @actor word) also takes close spellings when it is itself indexed: names are
    spelled many ways ("Kubela", "Kulbela")."""
    terms: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    known = word in vocabulary.docs
    if known:
        terms[word] = 1.0
    for form in _other_forms(word, vocabulary):
        terms.setdefault(form, _FORM_WEIGHT)
    prefixed = _prefix_docs(vocabulary, word)
    if prefixed:  # (a prefix no indexed term starts with matches nothing)
        prefixes[word] = 0.9
    if (name or not known) and len(word) >= _FUZZY_FROM:
        for term, score, _ in process.extract(
            word,
            vocabulary.near_length(len(word)),
            scorer=fuzz.ratio,
            score_cutoff=_FUZZY_CUTOFF,
            limit=_FUZZY_LIMIT,
        ):
            terms.setdefault(term, 0.8 * score / 100)
    group = Group(terms, prefixes)
    group.docs = sum(vocabulary.docs.get(t, 0) for t in terms) + prefixed
    return group if terms or group.docs else None


@cache
def _stemmer() -> Stemmer:
    """The English stemmer, made on first use (importing it is a cost the TUI's start need
    not pay)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """`word`'s stem, kept: each query stems the indexed words beside its own again."""
    return _stemmer().stemWord(word)


def _other_forms(word: str, vocabulary: Vocabulary, most: int = 50) -> list[str]:
    """The indexed words with the same stem as `word` (`resigned`, `resigning` for `resigns`).

    Stems are mostly a prefix of their words, so only the terms sharing the stem's first
    letters (less one, for `happi` from `happy`) are stemmed."""
    stem = _stem(word)
    start = stem[: max(3, len(stem) - 1)]
    index, forms = bisect_left(vocabulary.terms, start), []
    for term in vocabulary.terms[index : index + most]:
        if not term.startswith(start):
            break
        if term != word and _stem(term) == stem:
            forms.append(term)
    return forms


def _prefix_docs(vocabulary: Vocabulary, prefix: str, most: int = 50) -> int:
    """How many articles hold a term starting with `prefix` (an upper bound; sorted terms)."""
    if len(prefix) < _PREFIX_FROM:
        return 0
    index, total = bisect_left(vocabulary.terms, prefix), 0
    for term in vocabulary.terms[index : index + most]:
        if not term.startswith(prefix):
            break
        total += vocabulary.docs[term]
    return total


def parse(query: str, vocabulary: Vocabulary) -> Query:
    parsed = Query()
    for match in _QUERY_PART.finditer(query):
        quoted_name, quoted_value, phrase, part = match.groups()
        if quoted_name is not None and quoted_name.lower() in _FILTERS:
            _filter(parsed, quoted_name.lower(), quoted_value.strip())
            continue
        if quoted_name is not None:  # `word:"a phrase"`: the word, then the phrase
            part, phrase = quoted_name, None
            _words(parsed, part, vocabulary)
            phrase = quoted_value
        if phrase is not None:
            words = _TOKEN.findall(phrase.lower())
            if len(words) == 1:
                part = words[0]
            elif words:
                docs = min(vocabulary.docs.get(word, 0) for word in words)
                parsed.groups.append(Group({}, phrase=" ".join(words), docs=docs))
                continue
            else:
                continue
        name, _, value = part.partition(":")
        if name.lower() in _FILTERS:
            _filter(parsed, name.lower(), value)
        else:
            _words(parsed, part, vocabulary)
    return parsed


def _filter(parsed: Query, name: str, value: str) -> None:
    """Keep one `name:value` filter, or say why it cannot be used."""
    if not value:
        parsed.problems.append(f"{name}: needs a value ({name}:VALUE)")
    elif name == "source":
        parsed.sources.append(value.lower())
    elif name == "story":
        parsed.stories.append(value)
    else:
        date = read_date(value)
        if date is None:
            parsed.problems.append(f"{name}:{value!r} is not a date I can read")
        elif name == "after":
            parsed.after = date
        else:
            parsed.before = date


def _words(parsed: Query, part: str, vocabulary: Vocabulary) -> None:
    """The words of one query part, expanded; an `@actor` part's words go to the actors."""
    is_actor = part.startswith("@")
    for word in _TOKEN.findall(part.lower()):
        group = expand(word, vocabulary, name=is_actor)
        if group is None:
            parsed.unmatched = True
        elif is_actor:
            parsed.actors.append(group)
        else:
            parsed.groups.append(group)
            parsed.words.append(word)


def index_of(corpus: Corpus) -> BaseStore:
    """The corpus's search index (its store's, or one built for it on first use)."""
    if corpus.search_index is None:
        from reader.core.store import Store

        store = Store(":memory:")
        store.add_corpus(corpus)
        corpus.search_index = store
    return corpus.search_index


def search(corpus: Corpus, query: str, limit: int = 20) -> Hits:
    """Articles matching `query`, best first (the TUI and the CLI both call this)."""
    return search_store(index_of(corpus), query, limit)


def _selects_nothing(parsed: Query) -> bool:
    return parsed.unmatched or (
        not (parsed.groups or parsed.actors or parsed.sources or parsed.stories)
        and not (parsed.after or parsed.before)
    )


def select_all(store: BaseStore, query: str) -> tuple[set[str], list[str]]:
    """The ids of every article `query` matches, unranked (what a tag selects), and what in
    the query could not be read."""
    parsed = parse(query, store.vocabulary())
    if _selects_nothing(parsed):
        return set(), parsed.problems
    filters = Filters(parsed.sources, parsed.after, parsed.before, parsed.stories)
    match = [g.words() for g in parsed.groups] + [g.words("actors") for g in parsed.actors]
    return store.matching_ids(match or None, filters), parsed.problems


def search_store(store: BaseStore, query: str, limit: int = 20) -> Hits:
    """Hits for `query` from a store's index, best first, with what could not be read."""
    parsed = parse(query, store.vocabulary())
    if _selects_nothing(parsed):
        return Hits(problems=parsed.problems)
    patterns = [g.matcher() for g in parsed.groups]
    shown, bodies = _best(store, parsed, patterns, _candidates(store, parsed), limit)
    highlight = patterns + [g.matcher() for g in parsed.actors]
    hits = []
    bodies.update(store.bodies([row[:2] for _, row in shown if row[0] not in bodies]))
    details = store.hit_details([row[1] for _, row in shown])
    for score, (rowid, article_id, title, _) in shown:
        body = bodies.get(rowid) or ""
        folded = fold(body)
        found = matched([pattern.finditer(body, folded) for pattern in highlight])
        snippet, offset, highlights = snippet_of(body, found)
        matches = all_matches(found)
        if not matches:  # nothing to emphasise in the body: the word the snippet starts with
            word = _TOKEN.match(body, offset)
            matches = [word.span()] if word else []
        hit = SearchHit(article_id, title, round(score, 3), snippet, offset, highlights, matches)
        hit.more = offset + len(snippet) < len(body)
        hit.source, hit.published, hit.story = details.get(article_id, (None, None, None))
        hits.append(hit)
    return Hits(hits, parsed.problems)


def _candidates(store: BaseStore, parsed: Query) -> list[Candidate]:
    """Up to CANDIDATES rows (rowid, id, title, actors) that match, likeliest first.

    BM25 orders them while the words are rare enough for that to be cheap; for common words the
    title and actor matches come first by BM25, then the most recently indexed body matches."""
    filters = Filters(parsed.sources, parsed.after, parsed.before, parsed.stories)
    actors = [g.words("actors") for g in parsed.actors]
    if not parsed.groups and not actors:
        return store.candidates(None, filters, "published", CANDIDATES)
    everywhere = [g.words() for g in parsed.groups] + actors
    common = min(g.docs for g in parsed.groups + parsed.actors) > COMMON
    if not common or not parsed.groups:
        return store.candidates(everywhere, filters, "rank", CANDIDATES)
    in_titles = [g.words("title", "actors") for g in parsed.groups] + actors
    rows = store.candidates(in_titles, filters, "rank", CANDIDATES)
    seen = {row[0] for row in rows}
    more = store.candidates(everywhere, filters, "recent", CANDIDATES)
    return rows + [row for row in more if row[0] not in seen]


def _best(
    store: BaseStore,
    parsed: Query,
    patterns: list[Matcher],
    rows: list[Candidate],
    limit: int,
) -> tuple[list[tuple[float, Candidate]], dict[int, str]]:
    """The `limit` best rows, best first, with their scores, and the bodies read to rank them.

    Each row is first scored on its title and actor names alone, a word found in neither
    counting the most it could in the body (`_score` without a body: a bound). Only the rows
    whose bound puts them among the best have their body read and their score made exact, a
    round at a time, until the best `limit` are all exact: the same hits as scoring every
    body, for a few rounds of `limit` bodies rather than every candidate's."""
    scored = [_Scored(n, *_score(parsed, patterns, row, n)) for n, row in enumerate(rows)]
    bodies: dict[int, str] = {}
    while True:
        scored.sort(key=lambda entry: (-entry.score, entry.position))
        bounds = [entry for entry in scored[:limit] if entry.bound]
        if not bounds:
            return [(entry.score, rows[entry.position]) for entry in scored[:limit]], bodies
        bodies.update(store.bodies([rows[entry.position][:2] for entry in bounds]))
        for entry in bounds:
            row = rows[entry.position]
            body = bodies.get(row[0]) or ""
            entry.score, entry.bound = _score(parsed, patterns, row, entry.position, body)


@dataclass(slots=True)
class _Scored:
    """A candidate's place in the index's order and its score, exact or a bound."""

    position: int
    score: float
    bound: bool


def _score(
    parsed: Query,
    patterns: list[Matcher],
    row: Candidate,
    position: int,
    body: str | None = None,
) -> tuple[float, bool]:
    """Each word counts by where it matches best (title, actor names, body) and how exactly,
    and whether the score is a bound: without the `body`, a word in neither the title nor
    the actor names counts the most it could there (every candidate matches every word)."""
    _, _, title, actors = row
    texts = {"title": title or "", "actors": actors or "", "body": body}
    folded: dict[str, str | None] = {}  # each text lowercased once, when first searched
    score, bound = 0.0, False
    for group, pattern in zip(parsed.groups, patterns, strict=True):
        best = 0.0
        for column, text in texts.items():
            if best >= _WEIGHTS[column]:
                break
            if text is None:  # the body, not read
                best, bound = max(best, _WEIGHTS[column] * group.most()), True
                break
            if column not in folded:
                folded[column] = fold(text)
            found = pattern.search(text, folded[column])
            if found:
                best = max(best, _WEIGHTS[column] * group.weight(found.group()))
        score += best
    if parsed.groups:
        score = 100 * score / (_WEIGHTS["title"] * len(parsed.groups))
        title_words = " ".join(_TOKEN.findall((title or "").lower()))
        if fuzz.ratio(" ".join(parsed.words), title_words) >= 90:
            score += 20
    return score + 1.0 / (1 + position), bound  # the index's own order breaks ties
