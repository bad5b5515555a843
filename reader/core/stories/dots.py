"""Exact dot products of one article's vector with many others', in one numpy pass.

Weights are integers (see features.SCALE), so every sum is exact whatever the order of
adding: the similarity of a pair is the same bit for bit whichever of the two arrives last.

Each article's features are one row of two matrices (term numbers, weights), padded with
weight 0, so the rows of thousands of candidates are gathered by one fancy index (no Python
step per candidate) and summed along the row; about 1.2 KB an article (a dict of 150 strings
would take ten times that).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

GROWTH = 1.5
"""How much the matrices grow when full (not doubled: at 100,000 articles they are ~120 MB)."""


class Dots:
    """Each article's features as a row of packed (term numbers, weights), and a dense
    scratch row."""

    def __init__(self) -> None:
        import numpy as np  # here, not at the top: the TUI starts without it

        self._terms: dict[str, int] = {}
        self._names: list[str] = []
        self._row_of: dict[str, int] = {}
        self._free: list[int] = []
        self._numbers = np.zeros((0, 0), dtype=np.int32)
        self._weights = np.zeros((0, 0), dtype=np.int32)
        self._lengths = np.zeros(0, dtype=np.int32)
        self._dense = np.zeros(4096, dtype=np.int64)

    def add(self, article_id: str, features: Mapping[str, int]) -> None:
        import numpy as np

        terms = self._terms
        for term in features:
            if term not in terms:
                terms[term] = len(self._names)
                self._names.append(term)
        self.remove(article_id)
        row = self._free.pop() if self._free else len(self._row_of)
        self._fit(row + 1, len(features))
        count = len(features)
        self._numbers[row, :count] = np.fromiter(map(terms.__getitem__, features), np.int32, count)
        self._weights[row, :count] = np.fromiter(features.values(), dtype=np.int32, count=count)
        self._weights[row, count:] = 0
        self._lengths[row] = count
        self._row_of[article_id] = row
        if len(terms) > len(self._dense):
            self._dense = np.zeros(2 * len(terms), dtype=np.int64)

    def _fit(self, rows: int, width: int) -> None:
        """Room for `rows` rows of `width` features at least."""
        import numpy as np

        have_rows, have_width = self._numbers.shape
        if rows <= have_rows and width <= have_width:
            return
        shape = (
            max(rows, int(have_rows * GROWTH), 64) if rows > have_rows else have_rows,
            max(width, have_width),
        )
        for name in ("_numbers", "_weights"):
            old = getattr(self, name)
            new = np.zeros(shape, dtype=np.int32)
            new[:have_rows, :have_width] = old
            setattr(self, name, new)
        lengths = np.zeros(shape[0], dtype=np.int32)
        lengths[:have_rows] = self._lengths
        self._lengths = lengths

    def terms(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """The Dots' own copies of `names` (terms of an article added): one string a term,
        however many articles hold it."""
        return tuple(self._names[self._terms[name]] for name in names)

    def remove(self, article_id: str) -> None:
        row = self._row_of.pop(article_id, None)
        if row is not None:
            self._free.append(row)

    def row(self, article_id: str) -> int:
        """The row of an article added (until it is removed)."""
        return self._row_of[article_id]

    def features(self, article_id: str) -> dict[str, int]:
        row = self._row_of[article_id]
        count = int(self._lengths[row])
        numbers = self._numbers[row, :count].tolist()
        weights = self._weights[row, :count].tolist()
        return {self._names[n]: w for n, w in zip(numbers, weights, strict=True)}

    def dots(self, article_id: str, others: Sequence[str]) -> list[int]:
        """The dot product of `article_id`'s vector with each of `others`' (all added)."""
        if not others:
            return []
        import numpy as np

        rows = np.fromiter((self._row_of[other] for other in others), np.int64, len(others))
        return self.dots_of_rows(article_id, rows).tolist()

    def dots_of_rows(self, article_id: str, rows: np.ndarray) -> np.ndarray:
        """`dots` of the articles of `rows` (see `row`), as an int64 array."""
        row = self._row_of[article_id]
        count = int(self._lengths[row])
        numbers = self._numbers[row, :count]
        self._dense[numbers] = self._weights[row, :count]
        try:  # (`take`: about twice as fast as indexing with [] here)
            products = self._dense.take(self._numbers.take(rows, axis=0))
            products *= self._weights.take(rows, axis=0)
            return products.sum(axis=1)
        finally:
            self._dense[numbers] = 0
