"""The one definition of a paragraph and of a sentence that every rule of Reader's NLP uses
(timeline events, quote attribution, time expressions), and the cutting of over-long texts
into bounded pieces for analysis.

A paragraph break is a blank line (`\\n`, optional spaces, `\\n`). A sentence ends at `.`,
`!` or `?` (with any closing quotes or brackets) followed by space and a double opening
quote, or a capital or a digit (perhaps after a single quote or a bracket), unless the stop
closes an abbreviation ("Mr.", "Feb.", "U.S.", "p.m.") and the next word is not one that
opens sentences ("the U.S.S.R. In 2005" splits). Sentences never cross a paragraph break.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“]|['‘(]?[A-Z0-9])")
ABBREVIATION = re.compile(
    r"(?:(?<=\b[A-Z])|(?<=\b[a-z]\.[a-z])|(?<=\b(?:Mr|Ms|Dr|St|Lt|Jr|Sr|No|vs|Co))|"
    r"(?<=\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Inc|Ltd))|"
    r"(?<=\b(?:Capt|Prof|Sept|Corp)))\."
)
"""A full stop that closes an abbreviation: a capital's ("U.S."), a lower-case pair's ("p.m."),
a title's or a month's ("Mr.", "Feb."); matched at the stop, looking back (one look-behind
for each length of word: each has one width), rather than searched for in the text before it."""
STARTERS = frozenset(
    "The A An In On At By For But And So Yet Since After Before When While He She It They We I "
    "This That These Those His Her Their Its There Meanwhile However Now Then Last Later".split()
)
"""Words that open a sentence even after an abbreviation ("... the U.S.S.R. In 2005, he ...")."""
_NEXT_WORD = re.compile(r"[\"'“‘(]?(\w+)")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks of `text` between blank lines."""
    bounds, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(text)))
    return bounds


def _ends_sentence(text: str, stop: re.Match) -> bool:
    """A full stop ends a sentence unless it closes an abbreviation ("U.S. President"), or the
    abbreviation is followed by a word that opens sentences ("the U.S.S.R. In 2005")."""
    if not ABBREVIATION.match(text, stop.start()):
        return True
    next_word = _NEXT_WORD.match(text, stop.end())
    return next_word is not None and next_word[1] in STARTERS


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the paragraph `text[start:end]`, end to start: each
    sentence keeps its closing quotes and the space after it."""
    end = len(text) if end is None else end
    bounds, position = [], start
    for stop in SENTENCE_END.finditer(text, start, end):
        if _ends_sentence(text, stop):
            bounds.append((position, stop.end()))
            position = stop.end()
    bounds.append((position, end))
    return bounds


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in `text` without the space around it; paragraphs
    never share a sentence."""
    for p_start, p_end in paragraph_bounds(text):
        for start, end in sentence_bounds(text, p_start, p_end):
            sentence = text[start:end]
            stripped = sentence.strip()
            if stripped:
                first = start + len(sentence) - len(sentence.lstrip())
                yield first, first + len(stripped)


def pieces(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Cut `text` into consecutive (start, end) pieces of at most `limit` characters: at the
    last paragraph break in the second half of the limit, else the last sentence end, else
    the last space, else at the limit itself."""
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start + limit // 2, start + limit)
        yield start, cut
        start = cut
    yield start, len(text)


_SENTENCE_STOP = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _cut(text: str, low: int, high: int) -> int:
    for pattern in (PARAGRAPH_BREAK, _SENTENCE_STOP, _SPACE):
        last = deque(pattern.finditer(text, low, high), maxlen=1)
        if last:
            return last[0].end()
    return high
