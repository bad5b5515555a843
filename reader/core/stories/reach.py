"""Which candidates an article resembles enough: the similarity of each (the exact dot product
of the two vectors, decayed by the days between them) against the grouping's threshold.

In a big archive an article has thousands of candidates. From the in-memory candidate search
(`InvertedIndex`) they come as slots, and each slot's day, row of features and link's
similarity are kept in arrays by slot, so they are compared in numpy with a Python step only
for those a placement may link: an article links to its most similar candidate, and takes
the link of each candidate it resembles at least as much as that candidate's own link does
(a tie goes by id), so a candidate less similar than both is passed over in numpy (about a
hundred an article reach the threshold at 100,000 articles, two are taken). Candidates from
elsewhere (a store's kept stories) come as ids, each that reaches the threshold given.
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
        self._slot_links = np.zeros(0, dtype=float)
        """By slot of the in-memory source: the similarity of the article's link (-inf: none)."""

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
            self._slot_links = np.concatenate([self._slot_links, np.zeros(size, dtype=float)])
        self._slot_rows[slot] = self.dots.row(article_id)
        self._slot_days[slot] = math.nan if day is None else day
        self._slot_links[slot] = -math.inf

    def linked(self, article_id: str, similarity: float | None) -> None:
        """Note an article's new link (its similarity; None: no link)."""
        slot = self._inverted.slot(article_id) if self._inverted is not None else None
        if slot is not None:
            self._slot_links[slot] = -math.inf if similarity is None else similarity

    def candidates(
        self,
        article_id: str,
        day: int | None,
        keys: Mapping[str, int],
        enough: int,
        vectors: Mapping[str, Held],
    ) -> list[tuple[str, float]]:
        """The source's candidates (those whose dot product over `keys` is `enough`) within
        the date window whose similarity reaches the threshold, with it; of those of the
        in-memory source, only the most similar and those at least as similar as their own
        link (the others no placement links: see the module docstring)."""
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
        similarity = products / SCALE**2 * decay
        top = similarity.max(initial=-math.inf)
        if top < self.threshold:
            return []
        taken = (similarity == top) | (similarity >= self._slot_links[slots])
        chosen = np.flatnonzero(taken & (similarity >= self.threshold))
        found, similar = slots[chosen].tolist(), similarity[chosen].tolist()
        return [(source.article(slot), s) for slot, s in zip(found, similar, strict=True)]

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
        similarity = products / SCALE**2 * decay
        reach = np.flatnonzero(similarity >= self.threshold).tolist()
        return list(zip([others[i] for i in reach], similarity[reach].tolist(), strict=True))

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
