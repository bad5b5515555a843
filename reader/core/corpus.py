"""A corpus: articles, their analyses, and what is built across them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from reader.core.actor_index import ActorIndex
from reader.core.model import Actor, Analysis, Article, CorpusQuote, Event

CACHED_ARTICLES = 64
"""Articles (with analyses) of a stored corpus kept in memory after they were read."""


class ArticleStore(Protocol):
    """Where a stored corpus reads an article's body and analysis when it is needed."""

    def article(self, article_id: str) -> tuple[Article, Analysis] | None: ...

    def quotes(self, speaker: str | None = None) -> Sequence[CorpusQuote]: ...


@dataclass
class Corpus:
    """Articles with their analyses, actors merged across them, the timeline and the quotes.

    A corpus opened from a store is lazy: `articles` holds headers (no paragraphs), `analyses`
    and `quotes` are empty; `article()`, `analysis()` and `quotes_of()` read what is asked for
    from `stored`, so a corpus of 100,000 articles costs little more memory than its titles.
    """

    articles: list[Article] = field(default_factory=list)
    analyses: dict[str, Analysis] = field(default_factory=dict)
    actor_index: ActorIndex = field(default_factory=ActorIndex)
    events: list[Event] = field(default_factory=list)
    quotes: list[CorpusQuote] = field(default_factory=list)
    """In a lazy corpus, empty: `quotes_of()` reads them from the store."""
    search_index: Any = field(default=None, repr=False, compare=False)
    """The store that answers searches (reader.core.store.Store); built on first search."""
    stored: ArticleStore | None = field(default=None, repr=False, compare=False)
    """For a lazy corpus: the store that holds bodies and analyses."""
    _by_id: dict[str, Article] = field(default_factory=dict, repr=False, compare=False)
    _recent: OrderedDict[str, tuple[Article, Analysis]] = field(
        default_factory=OrderedDict, repr=False, compare=False
    )
    _recent_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def actors(self) -> list[Actor]:
        return self.actor_index.actors

    def header(self, article_id: str) -> Article | None:
        """The article as listed: in a lazy corpus, without its paragraphs."""
        if len(self._by_id) != len(self.articles):
            self._by_id = {article.id: article for article in self.articles}
        return self._by_id.get(article_id)

    def article(self, article_id: str) -> Article | None:
        """The whole article, read from the store when the corpus is lazy."""
        if self.stored is None:
            return self.header(article_id)
        loaded = self._read(article_id)
        return loaded[0] if loaded else None

    def analysis(self, article_id: str) -> Analysis | None:
        if self.stored is None:
            return self.analyses.get(article_id)
        loaded = self._read(article_id)
        return loaded[1] if loaded else None

    def analysed_since(self, article_id: str) -> bool:
        """Whether an article read without an analysis (listed before it was analysed) has
        one now: read again from the store, unless the copy kept has one."""
        if self.stored is None:
            return False
        with self._recent_lock:
            held = self._recent.get(article_id)
            if held is not None and held[1] == Analysis():
                del self._recent[article_id]
        loaded = self._read(article_id)
        return loaded is not None and loaded[1] != Analysis()

    def quotes_of(self, speaker: str | None = None) -> Sequence[CorpusQuote]:
        """The corpus's quotes, all of them or one speaker's, in corpus order (a stored
        archive's counted and read a page at a time, see `ArchiveQuotes`)."""
        if self.stored is not None:
            return self.stored.quotes(speaker)
        return [q for q in self.quotes if speaker is None or q.speaker == speaker]

    def _read(self, article_id: str) -> tuple[Article, Analysis] | None:
        """An article read from the store, through a small cache (safe from any thread: the
        UI reads on its own thread and in workers)."""
        with self._recent_lock:
            if article_id in self._recent:
                self._recent.move_to_end(article_id)
                return self._recent[article_id]
        assert self.stored is not None
        loaded = self.stored.article(article_id)
        if loaded is not None:
            with self._recent_lock:
                self._recent[article_id] = loaded
                if len(self._recent) > CACHED_ARTICLES:
                    self._recent.popitem(last=False)
        return loaded

    @classmethod
    def build(cls, articles: list[Article], analyses: dict[str, Analysis] | None = None) -> Corpus:
        """Analyse what is not analysed yet, then merge actors, timeline and quotes."""
        # Imported here: a corpus listed from the store (the first paint) needs none of them,
        # and a story merged from the store (analysed) not the analysis.
        from reader.core.actors import resolve_actors
        from reader.core.timeline import build_timeline

        analyses = dict(analyses or {})
        for article in articles:
            if article.id not in analyses:
                from reader.core.analysis import analyze_article

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
    from reader.core.ingest import load_articles

    return Corpus.build(load_articles(paths, warn))
