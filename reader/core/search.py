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
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from reader.core.corpus import Corpus
from reader.core.model import SearchHit
from reader.core.query_dates import read_date
from reader.core.store import Filters, Words

if TYPE_CHECKING:
    from snowballstemmer.basestemmer import BaseStemmer as Stemmer

    from reader.core.store import BaseStore, Candidate, Column, Vocabulary

CANDIDATES = 200
COMMON = 3000
"""Words in more articles than this are not ranked by BM25 over all their matches."""
SNIPPET = 160
_BEFORE_MATCH = 50
_PREFIX_FROM = 4
_FUZZY_FROM = 4
_FUZZY_CUTOFF = 78
_FUZZY_LIMIT = 4
_WEIGHTS = {"title": 3.0, "actors": 2.0, "body": 1.0}
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_MATCHES = 200
"""At most this many matches per hit are kept for `n` to step through."""
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
    if len(word) >= _PREFIX_FROM:
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
    group.docs = sum(vocabulary.docs.get(t, 0) for t in terms) + _prefix_docs(vocabulary, word)
    return group if terms or group.docs else None


@cache
def _stemmer() -> Stemmer:
    """The English stemmer, made on first use (importing it is a cost the TUI's start need
    not pay)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _other_forms(word: str, vocabulary: Vocabulary, most: int = 50) -> list[str]:
    """The indexed words with the same stem as `word` (`resigned`, `resigning` for `resigns`).

    Stems are mostly a prefix of their words, so only the terms sharing the stem's first
    letters (less one, for `happi` from `happy`) are stemmed."""
    stemmer = _stemmer()
    stem = stemmer.stemWord(word)
    start = stem[: max(3, len(stem) - 1)]
    index, forms = bisect_left(vocabulary.terms, start), []
    for term in vocabulary.terms[index : index + most]:
        if not term.startswith(start):
            break
        if term != word and stemmer.stemWord(term) == stem:
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
    rows = _candidates(store, parsed)
    patterns = [g.pattern() for g in parsed.groups]
    ranked = sorted(
        ((_score(parsed, patterns, row, position), row) for position, row in enumerate(rows)),
        key=lambda pair: -pair[0],
    )
    highlight = patterns + [g.pattern() for g in parsed.actors]
    hits = []
    details = store.hit_details([row[1] for _, row in ranked[:limit]])
    for score, (_, article_id, title, _, body) in ranked[:limit]:
        snippet, offset, highlights = make_snippet(body or "", highlight)
        matches = _all_matches(body or "", highlight)
        if not matches:  # nothing to emphasise in the body: the word the snippet starts with
            word = _TOKEN.match(body or "", offset)
            matches = [word.span()] if word else []
        hit = SearchHit(article_id, title, round(score, 3), snippet, offset, highlights, matches)
        hit.more = offset + len(snippet) < len(body or "")
        hit.source, hit.published, hit.story = details.get(article_id, (None, None, None))
        hits.append(hit)
    return Hits(hits, parsed.problems)


def _all_matches(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """The matched words' offsets in the whole text, in reading order (what `n` steps)."""
    spans = {m.span() for pattern in patterns for m in _first(pattern.finditer(text), _MATCHES)}
    return sorted(spans)[:_MATCHES]


def _candidates(store: BaseStore, parsed: Query) -> list[Candidate]:
    """Up to CANDIDATES rows (rowid, id, title, actors, body) that match, likeliest first.

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


def _score(parsed: Query, patterns: list[re.Pattern[str]], row: tuple, position: int) -> float:
    """Each word counts by where it matches best (title, actor names, body) and how exactly."""
    _, _, title, actors, body = row
    score = 0.0
    for group, pattern in zip(parsed.groups, patterns, strict=True):
        best = 0.0
        for column, text in (("title", title), ("actors", actors), ("body", body)):
            if best >= _WEIGHTS[column]:
                break
            found = pattern.search(text or "")
            if found:
                best = max(best, _WEIGHTS[column] * group.weight(found.group()))
        score += best
    if parsed.groups:
        score = 100 * score / (_WEIGHTS["title"] * len(parsed.groups))
        title_words = " ".join(_TOKEN.findall((title or "").lower()))
        if fuzz.ratio(" ".join(parsed.words), title_words) >= 90:
            score += 20
    return score + 1.0 / (1 + position)  # the index's own order breaks ties


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
        if start and not text[start - 1].isspace():  # never start mid-word
            space = _SPACE.search(text, start, best[0])
            start = space.end() if space else _word_start(text, start)
    end = min(len(text), start + width)
    if end < len(text) and not text[end].isspace():  # never end mid-word
        least = max(start + 1, best[1]) if spans else start + 1  # the best match stays whole
        spaces = [m.start() for m in _SPACE.finditer(text, least, end)]
        end = spaces[-1] if spaces else _word_end(text, max(end, least))
    snippet = text[start:end].replace("\n", " ")
    highlights = [(b - start, e - start) for b, e, _ in spans if start <= b and e <= end]
    return snippet, start, highlights


def _word_start(text: str, offset: int) -> int:
    """Where the word holding `offset` starts."""
    space = max(text.rfind(" ", 0, offset), text.rfind("\n", 0, offset))
    return space + 1


def _word_end(text: str, offset: int) -> int:
    """Where the word holding `offset` ends."""
    space = _SPACE.search(text, offset)
    return space.start() if space else len(text)


def _first(matches, count: int) -> list[re.Match[str]]:
    found = []
    for match in matches:
        found.append(match)
        if len(found) >= count:
            break
    return found
