"""The per-article analysis pipeline: one text in, entities, time expressions and quotes out.

Analysis is bounded: a text longer than `MAX_PIECE_CHARS` is analysed in consecutive pieces
of at most that many characters, cut at paragraph breaks where possible, an over-long
paragraph at a sentence end (see `segments.pieces`). Time and memory then grow linearly with
length however the text is laid out (a 20 MB single line included); the price is that no
context crosses a cut (a "he" or an unnamed speaker does not reach back into the piece before).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from reader.core.model import Analysis, Article, Entity, Quote, Timex, parse_iso
from reader.core.nlp.entities import find_entities
from reader.core.nlp.quotes import find_quotes
from reader.core.nlp.segments import pieces
from reader.core.nlp.timex import find_timexes

Found = TypeVar("Found", Entity, Timex, Quote)

MAX_PIECE_CHARS = 50_000
"""About ten long news articles; shorter texts are analysed whole."""


def _analyze_whole(text: str, published: str | None) -> Analysis:
    entities = find_entities(text)
    timexes = find_timexes(text, parse_iso(published))
    quotes = find_quotes(text, entities)
    return Analysis(entities=entities, timexes=timexes, quotes=quotes)


def analyze(text: str, published: str | None = None) -> Analysis:
    """Analyse one text; `published` (ISO 8601) anchors relative dates."""
    if len(text) <= MAX_PIECE_CHARS:
        return _analyze_whole(text, published)
    whole = Analysis()
    for start, end in pieces(text, MAX_PIECE_CHARS):
        part = _analyze_whole(text[start:end], published)
        whole.entities += _shifted(part.entities, start)
        whole.timexes += _shifted(part.timexes, start)
        whole.quotes += _shifted(part.quotes, start)
    return whole


def _shifted(found: list[Found], by: int) -> list[Found]:
    return [replace(item, start=item.start + by, end=item.end + by) for item in found]


def analyze_article(article: Article) -> Analysis:
    return analyze(article.text, article.published)


def warm_up() -> None:
    """Load the gazetteers and word lists now (about half a second) rather than on the first
    article analysed, e.g. the first file dropped into a watched folder."""
    analyze("Officials met in Paris on Monday.", "2022-01-03")
