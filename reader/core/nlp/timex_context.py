"""What a time expression is normalised against: the text, its publication time, and the
year it speaks of (the publication year, else the year an undated text names most often)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from reader.core.nlp.segments import paragraph_bounds, sentence_bounds
from reader.core.nlp.timex_words import FUTURE_CUES

TypedValue = tuple[str, str]
Normaliser = Callable[[re.Match, "Context"], TypedValue | None]


@dataclass(slots=True)
class Context:
    text: str
    reference: datetime | None
    _paragraphs: list[tuple[int, int]] | None = None
    _sentence_starts: dict[int, list[int]] = field(default_factory=dict)
    """A paragraph's number -> where its sentences start."""
    _year: int | None = None

    def sentence_start(self, position: int) -> int:
        """Where the sentence holding `position` starts (the sentences of its paragraph found
        on first use: sentences never cross paragraphs, and the others are not needed)."""
        if self._paragraphs is None:
            self._paragraphs = paragraph_bounds(self.text)
        number = bisect_right(self._paragraphs, (position, len(self.text))) - 1
        starts = self._sentence_starts.get(number)
        if starts is None:
            bounds = sentence_bounds(self.text, *self._paragraphs[number])
            starts = self._sentence_starts[number] = [start for start, _ in bounds]
        return starts[bisect_right(starts, position) - 1]

    @property
    def year(self) -> int | None:
        """The publication year or, for an undated text, the year it names most often (the
        latest of equals): news speaks of its own time most."""
        if self.reference is not None:
            return self.reference.year
        if self._year is None:
            self._year = most_named_year(self.text) or 0
        return self._year or None

    @property
    def day(self) -> date | None:
        return self.reference.date() if self.reference else None

    def future(self, match: re.Match) -> bool:
        """Whether the clause leading up to the expression speaks of the future ("will meet on")."""
        start = match.start()
        lead = self.text[max(self.sentence_start(start), start - 60) : start]
        return bool(_FUTURE.search(lead.rsplit(",", 1)[-1]))


_FUTURE = re.compile(FUTURE_CUES, re.IGNORECASE)
_LIKELY_YEAR = re.compile(r"((?:19|20)\d\d)(?<![\w.,$£€#]\d{4})\b(?![.,:]?\d|\s*(?:GMT|%|-))")
"""Four digits from 1900 to 2099 that begin a word, not after ".,$£€#", nor before a digit,
GMT, % or a hyphen. What comes before is looked at once they are found: a search for "1" or
"2" skips from one to the next, where one that looked first tried every position."""


def most_named_year(text: str) -> int | None:
    """The year a text names most often (the latest of equals): news speaks of its own time."""
    counts = Counter(int(year) for year in _LIKELY_YEAR.findall(text))
    return max(counts, key=lambda year: (counts[year], year)) if counts else None
