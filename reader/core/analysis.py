"""The per-article analysis pipeline: one text in, entities, time expressions and quotes out."""

from __future__ import annotations

from reader.core.model import Analysis, Article, parse_iso
from reader.core.nlp.entities import find_entities
from reader.core.nlp.quotes import find_quotes
from reader.core.nlp.timex import find_timexes


def analyze(text: str, published: str | None = None) -> Analysis:
    """Analyse one text; `published` (ISO 8601) anchors relative dates."""
    entities = find_entities(text)
    timexes = find_timexes(text, parse_iso(published))
    quotes = find_quotes(text, entities)
    return Analysis(entities=entities, timexes=timexes, quotes=quotes)


def analyze_article(article: Article) -> Analysis:
    return analyze(article.text, article.published)


def warm_up() -> None:
    """Load the gazetteers and word lists now (about half a second) rather than on the first
    article analysed, e.g. the first file dropped into a watched folder."""
    analyze("Officials met in Paris on Monday.", "2022-01-03")
