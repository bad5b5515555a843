"""The archive's weighted `tsvector` of an article, made where the article is analysed (in an
indexer's worker process) rather than by the server for every article written.

It is the vector `reader_search` (see `pg_schema`) makes, term for term and position for
position: the title's words weighted A, the actor names' B, the lead's C, the lead's and
the rest of the body's D, each part's positions after the previous part's last, as the
server's `||` puts them. Made here only for text whose words every server cuts alike: ASCII
letters and digits, between characters that are no letter or digit in any locale and that
`unaccent` leaves as none (PUNCTUATION). Any other text (an accented or non-Latin letter,
whose folding and case depend on the server's `unaccent` rules and locale, or a number the
server's parser reads as two words) gets None: the server makes its vector itself.

The vector's pairs of adjacent words (`search_pairs`) are made here too, as `reader_pairs`
makes them from the same vector: computed by the server they cost 0.8 ms an article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from reader.core.store.pg_schema import INDEXED_CHARS

PUNCTUATION = frozenset("£€$¢¥§°±×÷¶\u00a0\u2009\u200a\u202f«»‹›“”„‘’‚–—‒―…•·′″")
"""Characters beyond ASCII that are spaces between words for the server as here (checked
against the server by the tests: `reader_words` makes each a space)."""
_WORD = re.compile(r"[A-Za-z0-9]+")
_OTHER = re.compile(r"[^\x00-\x7f]")
_TWO_WORDS = re.compile(r"[0-9][eE][0-9]")
"""A number in scientific notation: the server's parser may cut it in two (`2e3e4`)."""
MAX_POSITION = 16_383
"""A position past it is kept as it (the tsvector's limit)."""
MAX_POSITIONS = 256
"""Positions of one term in a tsvector at most; `to_tsvector` keeps one fewer."""
MAX_WORD = 2047
"""A longer word is not indexed (and takes no position)."""

Vector = dict[str, list[int]]
"""Each term's positions, in order (in the weighted vector, each `position * 4 + weight`)."""
WEIGHTS = ("", "C", "B", "A")
"""How the tsvector's text writes weights D (none), C, B and A."""


MAX_LEXEMES = (1 << 20) - 1
"""Bytes of a tsvector's lexemes at most."""


def search_vector(title: str | None, actors: str | None, body: str | None) -> str | None:
    """The tsvector's text for these columns (what `reader_search` makes), or None when the
    text holds a character the server may read otherwise."""
    return search_columns(title, actors, body)[0]


def search_columns(
    title: str | None, actors: str | None, body: str | None
) -> tuple[str | None, str | None]:
    """The texts of the tsvector for these columns and of its pairs of adjacent words (what
    `reader_search` and `reader_pairs` make); either None when the server is to make it."""
    title, actors = (title or "")[:INDEXED_CHARS], (actors or "")[:INDEXED_CHARS]
    whole = (body or "")[:INDEXED_CHARS]
    if not all(_plain(text) for text in (title, actors, whole)):
        return None, None
    lead = whole.split("\n\n", 1)[0]
    parts = [_words(text) for text in (title, actors, lead)]
    every = _words(whole)
    placed = [*parts[0], *parts[1], *parts[2], *every]
    vector = _placed_vector(placed, [len(part) for part in parts])
    if vector is None:  # a limit is near: each part's vector as the server adds them
        vector = _weighted(title, actors, whole, lead)
        pairs = search_pairs(vector)
    else:
        pairs = _written(set(map(" ".join, pairwise(placed))))
    written = _texts().__getitem__
    text = " ".join(
        f"'{term}':" + ",".join(map(written, positions)) for term, positions in vector.items()
    )
    return text, pairs


def _placed_vector(placed: list[str], heads: list[int]) -> Vector | None:
    """The weighted vector of the words `placed` one after another (positions 1, 2, ...):
    the title's, the actor names', the lead's (their lengths: `heads`) and the whole body's,
    weighted A, B, C and D; None when a limit (MAX_POSITION, MAX_POSITIONS) may be reached,
    where the server's vector is not this one. Below them, each part's words take the
    positions after the last part's, as `_added` puts them: the same vector, made in one
    pass over the words."""
    if len(placed) >= MAX_POSITION - 1:
        return None
    vector: Vector = {}
    start = 0
    for weight, length in zip((3, 2, 1, 0), [*heads, len(placed) - sum(heads)], strict=True):
        for at in range(start * 4 + 4 + weight, (start + length) * 4 + 4, 4):
            term = placed[(at >> 2) - 1]
            if term in vector:
                vector[term].append(at)
            else:
                vector[term] = [at]
        start += length
    if max(map(len, vector.values()), default=0) >= MAX_POSITIONS - 1:
        return None
    return vector


def search_pairs(vector: Vector) -> str | None:
    """The text of the tsvector of the vector's pairs of adjacent words, `'one two'`, without
    positions (as `reader_pairs` makes it); None for a pair longer than a lexeme may be, or
    pairs longer than a tsvector holds (the server's `array_to_tsvector` then cuts them)."""
    last = max((positions[-1] >> 2 for positions in vector.values()), default=0)
    placed: list[str | None] = [None] * (last + 1)  # the term at each position, if one
    for term, positions in vector.items():
        for p in positions:
            if placed[p >> 2] not in (None, term):
                return _pairs_placed(vector)  # terms sharing the last position: every pair
            placed[p >> 2] = term
    pairs = {f"{one} {two}" for one, two in pairwise(placed) if one and two}
    return _written(pairs)


def _pairs_placed(vector: Vector) -> str | None:
    """As `search_pairs`, but pairing every term at a position with every term at the next."""
    at: dict[int, list[str]] = {}
    for term, positions in vector.items():
        for place in dict.fromkeys(p >> 2 for p in positions):
            at.setdefault(place, []).append(term)
    pairs = {
        f"{one} {two}"
        for place, ones in at.items()
        for one in ones
        for two in at.get(place + 1, ())
    }
    return _written(pairs)


def _written(pairs: set[str]) -> str | None:
    if not pairs:
        return ""
    if max(map(len, pairs)) >= MAX_WORD or sum(map(len, pairs)) > MAX_LEXEMES:
        return None
    return "'" + "' '".join(pairs) + "'"


def _weighted(title: str, actors: str, whole: str, lead: str) -> Vector:
    """Each term's weighted positions (see `search_vector`), each part's limits kept."""
    first = _vector(lead)
    every = _vector(whole)  # the lead's words, then the rest's after them: `first || rest`,
    if len(whole) >= MAX_POSITION or any(len(p) >= MAX_POSITIONS - 1 for p in every.values()):
        every, top = _added({}, first, 0, 0)  # unless a limit may be reached
        every, _ = _added(every, _vector(whole[len(lead) + 2 :]), top, 0)
    vector: Vector = {}
    top = 0  # the vector's last position so far: the next part's come after it
    for part, weight in ((_vector(title), 3), (_vector(actors), 2), (first, 1), (every, 0)):
        vector, top = _added(vector, part, top, weight)
    return vector


@lru_cache(maxsize=1)
def _texts() -> list[str]:
    """Each weighted position (`position * 4 + weight`) as the tsvector's text writes it."""
    return [f"{p >> 2}{WEIGHTS[p & 3]}" for p in range(4 * (MAX_POSITION + 1))]


def _plain(text: str) -> bool:
    return (text.isascii() or all(c in PUNCTUATION for c in _OTHER.findall(text))) and not (
        _TWO_WORDS.search(text)
    )


def _vector(text: str) -> Vector:
    """As `to_tsvector('simple', reader_words(text))`: each word lowercased at its position
    (weighted D: `position * 4`), positions past MAX_POSITION kept as it, at most
    MAX_POSITIONS - 1 of one word."""
    vector: Vector = {}
    words = _words(text)
    for position, word in enumerate(words[: MAX_POSITION - 1], 1):
        if word in vector:
            vector[word].append(position * 4)
        else:
            vector[word] = [position * 4]
    for word in dict.fromkeys(words[MAX_POSITION - 1 :]):  # each kept once, at the last
        if vector.setdefault(word, [])[-1:] != [MAX_POSITION * 4]:
            vector[word].append(MAX_POSITION * 4)
    for word, positions in vector.items():
        if len(positions) >= MAX_POSITIONS:
            vector[word] = positions[: MAX_POSITIONS - 1]
    return vector


def _words(text: str) -> list[str]:
    """The words of `text` the server indexes, lowercased, in order."""
    return [word for word in _WORD.findall(text.lower()) if len(word) < MAX_WORD]


def _added(vector: Vector, part: Vector, top: int, weight: int) -> tuple[Vector, int]:
    """As the server's `vector || setweight(part, weight)` (`vector` changed; `part` of
    weight D): the part's positions after the vector's last one, `top` (past MAX_POSITION
    kept as it), at most MAX_POSITIONS of a term, none after one at MAX_POSITION; and the
    vector's last position after."""
    last = top
    shift = top * 4 + weight
    for term, positions in part.items():
        into = vector.setdefault(term, [])
        end = top + (positions[-1] >> 2)
        if end < MAX_POSITION and len(into) + len(positions) <= MAX_POSITIONS:
            into += [p + shift for p in positions]  # the common case: no limit reached
            last = max(last, end)
            continue
        for p in positions:
            if len(into) >= MAX_POSITIONS or (into and into[-1] >> 2 == MAX_POSITION):
                break
            at = min((p >> 2) + top, MAX_POSITION)
            into.append(at * 4 + weight)
            last = max(last, at)
    return vector, last
