"""The one place rows become objects and objects rows.

Articles are kept as their body plus JSON metadata (paragraph lengths split the body again);
analyses, actors and events as JSON. ANALYZER_VERSION keys analyses: read it as
`codec.ANALYZER_VERSION` so that one value holds everywhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from json.encoder import encode_basestring

from reader.core.model import Actor, Analysis, Article, CorpusQuote, Event
from reader.core.store.search_vector import search_columns

ANALYZER_VERSION = "3"
"""Bump when the analysis changes: every article is then analysed again on its next load."""

ACTOR_TYPES = ("person", "organization", "group")
"""The entity types whose names are indexed as an article's actors."""

_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)
"""`json.dumps(item, ensure_ascii=False)`, made once: dumps makes an encoder on every call (and
looks for cycles: rows hold none)."""
NONE = (None, None)
"""No search vector, no pairs (see `article_rows`)."""
ArticleRows = tuple[tuple, tuple | None]
"""An article's values for the `articles` table and its analysis's for `analyses` (None: not
analysed yet, listed first; its analysis follows)."""


@dataclass(slots=True)
class FileResult:
    """One file read and analysed by a worker: its articles, or why it was skipped."""

    path: str
    size: int
    mtime_ns: int
    hash: str
    rows: list[ArticleRows]
    """Each article's rows for the store, serialised in the worker to spare the writer."""
    error: str | None = None
    note: str | None = None
    """What was skipped of a file read (bad lines, by number) or an analyser's failure: kept with
    the file, and reported on every run until the file changes."""
    start: int = 0
    """The position in the file of the first of `rows` (a big file comes in parts)."""
    complete: bool = True
    """Whether this is the file's last part (its hash and note are known only then)."""
    analysed: bool = True
    """False: the articles read, not analysed yet (listed first, see `reader.core.list_first`):
    the file is kept as not analysed until its analysis is written."""


def content_key(article: Article) -> str:
    """The hash an article's analysis is keyed by: what the analysis reads."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update((article.published or "").encode())
    digest.update(b"\0")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def data_hash(data: bytes) -> str:
    """The hash a file's (or a feed's items') content is compared by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def actor_names(analysis: Analysis) -> list[str]:
    """The distinct names of people, organisations and groups an article mentions."""
    return list(dict.fromkeys(e.text for e in analysis.entities if e.type in ACTOR_TYPES))


def article_rows(
    article: Article,
    key: str,
    analysis: Analysis | None,
    position: int = 0,
    actors: Iterable[str] = (),
    vector: str | None = None,
    searched: bool = False,
) -> ArticleRows:
    """An article's rows; without `analysis`, the article alone (its analysis comes later).
    `vector`: its story vector as kept (`story_vector.kept_text`), computed with the analysis;
    `searched`: with its archive search vector and its pairs of words (`search_columns`; else
    None, the last two values: the server makes them, the embedded store has none)."""
    meta = article.to_json()
    meta["paragraphs"] = [len(p) for p in article.paragraphs]
    found = actor_names(analysis) if analysis is not None else []
    names = list(dict.fromkeys([*actors, *found]))
    row = (
        article.id,
        article.id,
        article.path,
        position,
        key,
        article.source,
        article.published,
        article.title,
        article.text,
        "\n".join(names),
        _JSON.encode(meta),
        vector,
        *(search_columns(article.title, "\n".join(names), article.text) if searched else NONE),
    )
    if analysis is None:
        return row, None
    return row, (key, ANALYZER_VERSION, analysis_data(analysis))


def analysis_data(analysis: Analysis) -> str:
    """`to_data(analysis.to_json())`, written out: made for every article analysed, it costs
    two fifths of the encoder's time (no dict made for each span, no dict walked)."""
    entities = ", ".join(
        [
            f'{{"start": {e.start}, "end": {e.end}, "text": {encode_basestring(e.text)},'
            f' "type": {encode_basestring(e.type)}}}'
            for e in analysis.entities
        ]
    )
    timexes = ", ".join(
        [
            f'{{"start": {t.start}, "end": {t.end}, "text": {encode_basestring(t.text)},'
            f' "type": {encode_basestring(t.type)}, "value": {encode_basestring(t.value)}}}'
            for t in analysis.timexes
        ]
    )
    quotes = ", ".join(
        [
            f'{{"start": {q.start}, "end": {q.end}, "text": {encode_basestring(q.text)},'
            f' "speaker": {"null" if q.speaker is None else encode_basestring(q.speaker)}}}'
            for q in analysis.quotes
        ]
    )
    return f'{{"entities": [{entities}], "timexes": [{timexes}], "quotes": [{quotes}]}}'


def article_from_row(article_id: str, body: str | None, meta: str) -> Article:
    """Rebuild an Article from its stored metadata and body (paragraph lengths split it);
    without a body, the article's header: everything but its paragraphs."""
    data = json.loads(meta)
    lengths = data.pop("paragraphs")
    paragraphs, position = [], 0
    for length in lengths if body is not None else []:
        assert body is not None
        paragraphs.append(body[position : position + length])
        position += length + 2
    data["id"] = article_id
    return Article(**{**data, "paragraphs": paragraphs})


def header_from_row(row: tuple) -> Article:
    """An article as a list shows it, from (path, position, id, source, published, title)."""
    # id, path, source, title, published: given by place, a third quicker (20,000 at a start)
    return Article(row[2], row[0], row[3], row[5], row[4])


def analysis_from_data(data: str | None) -> Analysis:
    return Analysis.from_json(json.loads(data)) if data else Analysis()


def to_data(item: object) -> str:
    return _JSON.encode(item)


def packed(item: dict) -> str:
    """An actor's or event's JSON with its article ids as one string: read back, a million
    ids then cost one string per actor, not a million short-lived ones."""
    return to_data({**item, "articles": "\n".join(item["articles"])})


def _unpacked(data: str, ids: dict[str, str]) -> dict:
    """`packed` undone, each article id the one object `ids` holds for it."""
    item = json.loads(data)
    listed = item["articles"].split("\n") if item["articles"] else []
    return {**item, "articles": [ids.get(article, article) for article in listed]}


def actor_from_data(data: str, ids: dict[str, str]) -> Actor:
    return Actor(**_unpacked(data, ids))


def event_from_data(data: str, ids: dict[str, str]) -> Event:
    return Event.from_json(_unpacked(data, ids))


def quote_row(quote: CorpusQuote, position: int) -> tuple:
    return (quote.speaker, quote.article, quote.start, quote.end, quote.text, position)


def mentions_from_data(data: str | None) -> dict:
    return json.loads(data) if data else {}
