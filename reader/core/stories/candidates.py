"""Where the grouping finds the articles worth comparing with a new one.

A candidate shares key terms (an article's strongest features) with the article, and comes
scored: the dot product of the two articles' integer weights over the keys they share. That
score is exact and depends only on the two articles, never on what else has arrived or in
which order, so keeping the candidates that reach a bar keeps the grouping order-independent.

One bound keeps a search cheap however alike the archive is: a key's posting is read over its
`limit` most recently added articles only. Below that many articles a key is read whole (and
the grouping stays exact and order-independent); a key shared by more (near-duplicates, a
topic that runs for months) offers its recent articles, so every search costs at most
keys x limit postings instead of growing with the archive. The store keeps the same postings
(`story_keys`), read the same way, so a process that places one article never loads them all.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

POSTINGS = 500
"""A key's most recently added articles a candidate search reads, at most."""


class CandidateSource(Protocol):
    """Postings from key terms to article ids, each with the article's weight of the key."""

    def add(self, article_id: str, keys: Mapping[str, int]) -> None: ...

    def remove(self, article_id: str, keys: Iterable[str]) -> None: ...

    def candidates(self, keys: Mapping[str, int], at_least: int) -> list[str]:
        """The articles whose dot product with `keys` over the shared keys is `at_least`,
        among each key's `limit` most recently added."""
        ...


class InvertedIndex:
    """An in-memory CandidateSource. Articles get slot numbers and each key's posting is a
    pair of packed arrays (slots, weights) in the order added, so a query is a few numpy
    additions over their tails rather than a Python loop over every posting entry."""

    def __init__(self, limit: int = POSTINGS) -> None:
        self.limit = limit
        self._slots: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._free: list[int] = []
        self._postings: dict[str, tuple[array, array]] = {}
        import numpy as np  # here, not at the top: the TUI starts without it

        self._scores = np.zeros(4096, dtype=np.int64)
        """Scratch, zero between queries: a query costs its postings, not the archive."""

    def add(self, article_id: str, keys: Mapping[str, int]) -> None:
        if article_id in self._slots:
            raise ValueError(f"{article_id!r} is indexed already")
        slot = self._free.pop() if self._free else len(self._ids)
        if slot == len(self._ids):
            self._ids.append(article_id)
        else:
            self._ids[slot] = article_id
        self._slots[article_id] = slot
        if slot >= len(self._scores):
            import numpy as np

            self._scores = np.zeros(2 * len(self._scores), dtype=np.int64)
        for key, weight in keys.items():
            slots, weights = self._postings.setdefault(key, (array("q"), array("q")))
            slots.append(slot)
            weights.append(weight)

    def remove(self, article_id: str, keys: Iterable[str]) -> None:
        slot = self._slots.pop(article_id, None)
        if slot is None:
            return
        for key in keys:
            slots, weights = self._postings[key]
            position = slots.index(slot)
            del slots[position]
            del weights[position]
            if not slots:
                del self._postings[key]
        self._ids[slot] = None
        self._free.append(slot)

    def slot(self, article_id: str) -> int | None:
        """The slot of an article indexed (None: not indexed); a slot is reused once its
        article is removed."""
        return self._slots.get(article_id)

    def article(self, slot: int) -> str:
        """The article of a slot `candidate_slots` gave."""
        article_id = self._ids[slot]
        assert article_id is not None
        return article_id

    def candidates(self, keys: Mapping[str, int], at_least: int) -> list[str]:
        ids = self._ids
        return [i for slot in self.candidate_slots(keys, at_least).tolist() if (i := ids[slot])]

    def candidate_slots(self, keys: Mapping[str, int], at_least: int) -> np.ndarray:
        """`candidates`, as their slots (ascending, an int64 array): thousands of them are
        then compared without a Python step each."""
        import numpy as np

        scores, read = self._scores, []
        for key, weight in keys.items():
            posting = self._postings.get(key)
            if posting is not None:
                slots = np.frombuffer(posting[0], dtype=np.int64)[-self.limit :]
                scores[slots] += weight * np.frombuffer(posting[1], dtype=np.int64)[-self.limit :]
                read.append(slots)
        if not read:
            return np.zeros(0, dtype=np.int64)
        slots = np.concatenate(read)
        found = np.sort(slots[scores[slots] >= at_least])  # a slot once per key it shares
        scores[slots] = 0
        if len(found) > 1:
            found = found[np.concatenate(([True], found[1:] != found[:-1]))]
        if "" in self._slots:  # an empty id is no candidate
            found = found[found != self._slots[""]]
        return found
