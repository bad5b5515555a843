"""A corpus: articles, their analyses, and what is built across them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.actors import ActorIndex, resolve_actors
from reader.core.analysis import analyze_article
from reader.core.ingest import load_articles
from reader.core.model import Actor, Analysis, Article, CorpusQuote, Event
from reader.core.timeline import build_timeline


@dataclass
class Corpus:
    """Articles with their analyses, actors merged across them, the timeline and the quotes."""

    articles: list[Article] = field(default_factory=list)
    analyses: dict[str, Analysis] = field(default_factory=dict)
    actor_index: ActorIndex = field(default_factory=ActorIndex)
    events: list[Event] = field(default_factory=list)
    quotes: list[CorpusQuote] = field(default_factory=list)
    search_index: Any = field(default=None, repr=False, compare=False)
    """The store that answers searches (reader.core.store.Store); built on first search."""

    @property
    def actors(self) -> list[Actor]:
        return self.actor_index.actors

    def article(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None

    @classmethod
    def build(cls, articles: list[Article], analyses: dict[str, Analysis] | None = None) -> Corpus:
        """Analyse what is not analysed yet, then merge actors, timeline and quotes."""
        analyses = dict(analyses or {})
        for article in articles:
            if article.id not in analyses:
                analyses[article.id] = analyze_article(article)
        docs = [(article, analyses[article.id]) for article in articles]
        actor_index = resolve_actors(docs)
        events = build_timeline(docs, actor_index)
        quotes = [
            CorpusQuote(
                speaker=actor_index.canonical(article.id, quote.speaker),
                text=quote.text,
                article=article.id,
                start=quote.start,
                end=quote.end,
            )
            for article, analysis in docs
            for quote in analysis.quotes
        ]
        return cls(articles, analyses, actor_index, events, quotes)


def load_corpus(paths: Iterable[str | Path], warn: Callable[[str], None]) -> Corpus:
    return Corpus.build(load_articles(paths, warn))
