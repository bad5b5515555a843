"""Exact dot products of one article's vector with many others', in one numpy pass.

Weights are integers (see features.SCALE), so every sum is exact whatever the order of
adding: the similarity of a pair is the same bit for bit whichever of the two arrives last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class Dots:
    """Each article's features as packed (term numbers, weights) arrays, about 1.2 KB an
    article (a dict of 150 strings would take ten times that), and a dense scratch row."""

    def __init__(self) -> None:
        import numpy as np  # here, not at the top: the TUI starts without it

        self._terms: dict[str, int] = {}
        self._names: list[str] = []
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._dense = np.zeros(4096, dtype=np.int64)

    def add(self, article_id: str, features: Mapping[str, int]) -> None:
        import numpy as np

        terms = self._terms
        for term in features:
            if term not in terms:
                terms[term] = len(self._names)
                self._names.append(term)
        self._rows[article_id] = (
            np.array([terms[term] for term in features], dtype=np.int32),
            np.fromiter(features.values(), dtype=np.int32, count=len(features)),
        )
        if len(terms) > len(self._dense):
            self._dense = np.zeros(2 * len(terms), dtype=np.int64)

    def terms(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """The Dots' own copies of `names` (terms of an article added): one string a term,
        however many articles hold it."""
        return tuple(self._names[self._terms[name]] for name in names)

    def remove(self, article_id: str) -> None:
        self._rows.pop(article_id, None)

    def features(self, article_id: str) -> dict[str, int]:
        numbers, weights = self._rows[article_id]
        return {self._names[n]: w for n, w in zip(numbers.tolist(), weights.tolist(), strict=True)}

    def dots(self, article_id: str, others: Sequence[str]) -> list[int]:
        """The dot product of `article_id`'s vector with each of `others`' (all added, each
        with a feature at least, as every candidate has: it shares a key)."""
        if not others:
            return []
        import numpy as np

        rows = [self._rows[other] for other in others]
        numbers, weights = self._rows[article_id]
        self._dense[numbers] = weights
        try:
            products = self._dense[np.concatenate([r[0] for r in rows])]
            products *= np.concatenate([r[1] for r in rows])
            starts = np.cumsum([0] + [len(r[0]) for r in rows[:-1]])
            return np.add.reduceat(products, starts).tolist()
        finally:
            self._dense[numbers] = 0
