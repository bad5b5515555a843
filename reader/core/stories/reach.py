"""Which candidates an article resembles enough: the similarity of each (the exact dot product
of the two vectors, decayed by the days between them) against the grouping's threshold.

In a big archive an article has thousands of candidates. From the in-memory candidate search
(`InvertedIndex`) they come as slots, and each slot's day and row of features are kept in
arrays by slot, so they are compared in numpy with a Python step only for those that reach
the threshold; candidates from elsewhere (a store's kept stories) come as ids.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reader.core.stories.candidates import CandidateSource, InvertedIndex
from reader.core.stories.dots import Dots
from reader.core.story_vector import SCALE, Held

if TYPE_CHECKING:
    import numpy as np


class Reach:
    """The resemblances of one index's articles (their features in `dots`, their candidates
    from `source`) that reach `threshold`, counted half at `halflife` days apart and not at
    all beyond `window` (the grouping's `Settings`)."""

    def __init__(
        self, threshold: float, window: int, halflife: float, dots: Dots, source: CandidateSource
    ) -> None:
        import numpy as np  # here, not at the top: the TUI starts without it

        self.threshold, self.window = threshold, window
        self.dots = dots
        self.source = source
        self._inverted = source if isinstance(source, InvertedIndex) else None
        """The source when it is the in-memory one: its candidates are compared by slot."""
        self._decays = np.array([0.5 ** (d / halflife) for d in range(window + 1)])
        """How much a resemblance counts, by days apart."""
        self._slot_rows = np.zeros(0, dtype=np.int64)
        """By slot of the in-memory source: the article's row in the Dots."""
        self._slot_days = np.zeros(0, dtype=float)
        """By slot of the in-memory source: the article's day (NaN: undated)."""

    def indexed(self, article_id: str, day: int | None) -> None:
        """Note an article the source was just given (its features in the Dots already)."""
        if self._inverted is None:
            return
        slot = self._inverted.slot(article_id)
        assert slot is not None
        if slot >= len(self._slot_rows):
            import numpy as np

            size = max(len(self._slot_rows), 1024)  # doubled
            self._slot_rows = np.concatenate([self._slot_rows, np.zeros(size, dtype=np.int64)])
            self._slot_days = np.concatenate([self._slot_days, np.zeros(size, dtype=float)])
        self._slot_rows[slot] = self.dots.row(article_id)
        self._slot_days[slot] = math.nan if day is None else day

    def candidates(
        self,
        article_id: str,
        day: int | None,
        keys: Mapping[str, int],
        enough: int,
        vectors: Mapping[str, Held],
    ) -> list[tuple[str, float]]:
        """The source's candidates (those whose dot product over `keys` is `enough`) within
        the date window whose similarity reaches the threshold, with it."""
        if self._inverted is None:
            found = self.source.candidates(keys, enough)
            return self.reaching(article_id, day, found, self.dots, vectors)
        import numpy as np

        source = self._inverted
        slots = source.candidate_slots(keys, enough)
        own = source.slot(article_id)
        if own is not None:
            slots = slots[slots != own]
        if not len(slots):
            return []
        near, decay = None, np.ones(len(slots))
        if day is not None:
            near, decay = self._near(day, self._slot_days[slots])
        if near is not None:
            slots = slots[near]
        products = self.dots.dots_of_rows(article_id, self._slot_rows[slots])
        found = slots.tolist()
        return [(source.article(found[i]), s) for i, s in self._reached(products, decay)]

    def reaching(
        self,
        article_id: str,
        day: int | None,
        found: Sequence[str],
        dots: Dots,
        vectors: Mapping[str, Held],
    ) -> list[tuple[str, float]]:
        """Those of `found` (in `dots` and `vectors`) whose similarity reaches the threshold
        (in numpy: near-duplicates give hundreds of candidates an article)."""
        others = [other for other in found if other != article_id]
        if not others:
            return []
        import numpy as np

        near, decay = None, np.ones(len(others))
        if day is not None:
            there = np.array([vectors[other].day for other in others], dtype=float)  # NaN: none
            near, decay = self._near(day, there)
        if near is not None:
            others = [other for other, keep in zip(others, near.tolist(), strict=True) if keep]
        products = np.array(dots.dots(article_id, others), dtype=np.int64)
        return [(others[i], s) for i, s in self._reached(products, decay)]

    def _near(self, day: int, there: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
        """Of articles of days `there` (NaN: undated), those within the window of `day`
        (None: all of them), and how much a resemblance of each of those counts."""
        import numpy as np

        apart = np.abs(there - day)
        near = ~(apart > self.window)  # an undated one is near
        if near.all():
            kept = None
        else:
            kept, apart = near, apart[near]
        undated = np.isnan(apart)
        decay = self._decays[np.where(undated, 0, apart).astype(np.int64)]
        decay[undated] = 1.0
        return kept, decay

    def _reached(self, products: np.ndarray, decay: np.ndarray) -> list[tuple[int, float]]:
        """(position, similarity) of the dot `products`, decayed, that reach the threshold."""
        import numpy as np

        similarity = products / SCALE**2 * decay
        reach = np.flatnonzero(similarity >= self.threshold).tolist()
        return list(zip(reach, similarity[reach].tolist(), strict=True))
