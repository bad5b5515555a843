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


def all_matches(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """The matched words' offsets in the whole text, in reading order (what `n` steps)."""
    spans = {m.span() for pattern in patterns for m in _first(pattern.finditer(text), _MATCHES)}
    return sorted(spans)[:_MATCHES]


def make_snippet(
    text: str, patterns: list[re.Pattern[str]], width: int = SNIPPET
) -> tuple[str, int, list[tuple[int, int]]]:
    """One line of about `width` characters around the best cluster of matches in `text`:
    the snippet, its offset in `text` and the matched words' offsets within the snippet."""
    spans = sorted(
        (m.start(), m.end(), index)
        for index, pattern in enumerate(patterns)
        for m in _first(pattern.finditer(text), 30)
    )
    start = 0
    if spans:
        best = max(
            spans,
            key=lambda s: len({i for b, _, i in spans if s[0] <= b < s[0] + width - _BEFORE_MATCH}),
        )
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
