"""Where the grouping finds the articles worth comparing with a new one.

A candidate shares at least one key term (one of an article's strongest features) with the
article. The relation is symmetric and depends only on the two articles, never on what else
has arrived or in which order, so the grouping stays order-independent. The store's FTS5
index can serve the same interface later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class CandidateSource(Protocol):
    """Postings from key terms to article ids."""

    def add(self, article_id: str, keys: Iterable[str]) -> None: ...

    def remove(self, article_id: str, keys: Iterable[str]) -> None: ...

    def candidates(self, keys: Iterable[str]) -> set[str]: ...


class InvertedIndex:
    """An in-memory CandidateSource: a set of article ids per key term."""

    def __init__(self) -> None:
        self._postings: dict[str, set[str]] = {}

    def add(self, article_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            self._postings.setdefault(key, set()).add(article_id)

    def remove(self, article_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(article_id)
                if not posting:
                    del self._postings[key]

    def candidates(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found |= self._postings.get(key, set())
        return found
