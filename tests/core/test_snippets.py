"""The snippet's densest cluster of matches (snippets._densest) against counting each window."""

from __future__ import annotations

import random

from reader.core.snippets import _densest


def _counted(spans: list[tuple[int, int, int]], reach: int) -> tuple[int, int, int]:
    """The first span whose window holds the most patterns, each window counted afresh."""
    return max(spans, key=lambda s: len({i for b, _, i in spans if s[0] <= b < s[0] + reach}))


def test_the_sliding_window_picks_the_span_counting_each_window_picks():
    rng = random.Random(19)
    for _ in range(5000):
        reach = rng.choice([1, 10, 110, 250])
        starts = [rng.randint(0, rng.choice([50, 300, 3000])) for _ in range(rng.randint(1, 60))]
        spans = sorted((b, b + rng.randint(1, 8), rng.randint(0, 5)) for b in starts)
        assert _densest(spans, reach) == _counted(spans, reach), (spans, reach)
