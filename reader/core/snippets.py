"""The line shown under a search hit: the best cluster of matched words in a body, and every
match's offset for `n` to step through."""

from __future__ import annotations

import re
from collections.abc import Iterator

SNIPPET = 160
_BEFORE_MATCH = 50
_SPACE = re.compile(r"\s+")
_MATCHES = 200
"""At most this many matches per hit are kept for `n` to step through."""
_IN_SNIPPET = 30
"""The first matches of each pattern the snippet is placed among."""


def matched(matches: list[Iterator[re.Match[str]]]) -> list[list[tuple[int, int]]]:
    """The first of each pattern's `matches` in a text, as offsets: found once, for both the
    snippet and `all_matches`."""
    return [[m.span() for m in _first(found, _MATCHES)] for found in matches]


def all_matches(found: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The `matched` words' offsets in the whole text, in reading order (what `n` steps)."""
    return sorted({span for spans in found for span in spans})[:_MATCHES]


def snippet_of(
    text: str, found: list[list[tuple[int, int]]], width: int = SNIPPET
) -> tuple[str, int, list[tuple[int, int]]]:
    """One line of about `width` characters around the best cluster of matches in `text`
    (each pattern's, `found` by `matched`): the snippet, its offset in `text` and the matched
    words' offsets within the snippet."""
    spans = sorted(
        (start, end, index) for index, each in enumerate(found) for start, end in each[:_IN_SNIPPET]
    )
    start = 0
    if spans:
        best = _densest(spans, width - _BEFORE_MATCH)
        start = max(0, best[0] - _BEFORE_MATCH)
        if start and not text[start - 1].isspace():  # never start mid-word
            space = _SPACE.search(text, start, best[0])
            start = space.end() if space else _word_start(text, start)
    end = min(len(text), start + width)
    if end < len(text) and not text[end].isspace():  # never end mid-word
        least = max(start + 1, best[1]) if spans else start + 1  # the best match stays whole
        spaces = [m.start() for m in _SPACE.finditer(text, least, end)]
        end = spaces[-1] if spaces else _word_end(text, max(end, least))
    snippet = text[start:end].replace("\n", " ")
    highlights = [(b - start, e - start) for b, e, _ in spans if start <= b and e <= end]
    return snippet, start, highlights


def _densest(spans: list[tuple[int, int, int]], reach: int) -> tuple[int, int, int]:
    """The first of the sorted `spans` (start, end, pattern) whose next `reach` characters
    hold matches of the most patterns: a window slid once over them (counting each span's
    window afresh cost a whole title's words tens of milliseconds a hit)."""
    counts: dict[int, int] = {}
    best, most, low, high = spans[0], 0, 0, 0
    for span in spans:
        while high < len(spans) and spans[high][0] < span[0] + reach:
            counts[spans[high][2]] = counts.get(spans[high][2], 0) + 1
            high += 1
        while low < high and spans[low][0] < span[0]:
            counts[spans[low][2]] -= 1
            if not counts[spans[low][2]]:
                del counts[spans[low][2]]
            low += 1
        if len(counts) > most:
            best, most = span, len(counts)
    return best


def _word_start(text: str, offset: int) -> int:
    """Where the word holding `offset` starts."""
    space = max(text.rfind(" ", 0, offset), text.rfind("\n", 0, offset))
    return space + 1


def _word_end(text: str, offset: int) -> int:
    """Where the word holding `offset` ends."""
    space = _SPACE.search(text, offset)
    return space.start() if space else len(text)


def _first(matches: Iterator[re.Match[str]], count: int) -> list[re.Match[str]]:
    found = []
    for match in matches:
        found.append(match)
        if len(found) >= count:
            break
    return found
