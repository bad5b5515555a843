"""Where the grouping finds the articles worth comparing with a new one.

A candidate shares key terms (an article's strongest features) with the article, and the
candidates come scored: the dot product of the two articles' weights over the keys they
share. That score depends only on the two articles, never on what else has arrived or in
which order, so filtering on it keeps the grouping order-independent. The store's FTS5 index
can serve the same interface later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol


class CandidateSource(Protocol):
    """Postings from key terms to article ids, each with the article's weight of the key."""

    def add(self, article_id: str, keys: Mapping[str, float]) -> None: ...

    def remove(self, article_id: str, keys: Iterable[str]) -> None: ...

    def candidates(self, keys: Mapping[str, float]) -> dict[str, float]:
        """Every article sharing a key, with the dot product over the shared keys."""
        ...


class InvertedIndex:
    """An in-memory CandidateSource: article ids and weights per key term."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[str, float]] = {}

    def add(self, article_id: str, keys: Mapping[str, float]) -> None:
        for key, weight in keys.items():
            self._postings.setdefault(key, {})[article_id] = weight

    def remove(self, article_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.pop(article_id, None)
                if not posting:
                    del self._postings[key]

    def candidates(self, keys: Mapping[str, float]) -> dict[str, float]:
        found: dict[str, float] = {}
        get = found.get
        for key, weight in keys.items():
            for article_id, theirs in self._postings.get(key, {}).items():
                found[article_id] = get(article_id, 0.0) + weight * theirs
        return found
