"""Where `n`/`N` stop in a search's hits: every match of every hit, in reading order.

The stops run through the hits in their ranked order and, within a hit, through its article's
matches in reading order; `n` goes to the next stop and `N` to the previous one, so going back
into the previous hit lands on its last match.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from reader.core.model import SearchHit


@dataclass(frozen=True, slots=True)
class MatchStop:
    """One match of hit `hit` (its index), at `start`..`end` of the article's text."""

    hit: int
    start: int
    end: int

    def holds(self, start: int) -> bool:
        """Whether the match starting at `start` is (part of) this stop."""
        return self.start <= start < self.end or start == self.start


def match_stops(hits: list[SearchHit]) -> list[MatchStop]:
    """Every match of every hit, hits in order and each hit's matches in reading order.

    Matches that overlap (two words of the query matching the same text) are one stop; a hit
    with no match in its text (it matched in its title or actors) is one stop at its snippet.
    """
    stops: list[MatchStop] = []
    for index, hit in enumerate(hits):
        spans = sorted(hit.matches) or [(hit.offset, hit.offset)]
        end = -1
        for start, stop in spans:
            if start >= end or start == stop:
                stops.append(MatchStop(index, start, stop))
            else:  # overlaps the stop before: one stop over both
                last = stops[-1]
                stops[-1] = MatchStop(index, last.start, max(last.end, stop))
            end = max(end, stop)
    return stops


def chosen_stop(stops: list[MatchStop], hits: list[SearchHit], index: int) -> int:
    """The stop `enter` on hit `index` lands on: the match its snippet shows (the first one
    at or after the snippet's first highlight), else the hit's first match."""
    hit = hits[index]
    ours = [position for position, stop in enumerate(stops) if stop.hit == index]
    if not ours:
        return 0
    shown = hit.offset + hit.highlights[0][0] if hit.highlights else None
    if shown is None:
        return ours[0]
    found = bisect_left([stops[position].end for position in ours], shown + 1)
    return ours[min(found, len(ours) - 1)]
