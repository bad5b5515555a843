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
"""

from __future__ import annotations

import re

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

Vector = dict[str, list[tuple[int, str]]]
"""Each term's (position, weight) pairs, in order."""


def search_vector(title: str | None, actors: str | None, body: str | None) -> str | None:
    """The tsvector's text for these columns (what `reader_search` makes), or None when the
    text holds a character the server may read otherwise."""
    title, actors = (title or "")[:INDEXED_CHARS], (actors or "")[:INDEXED_CHARS]
    whole = (body or "")[:INDEXED_CHARS]
    for text in (title, actors, whole):
        if not _plain(text):
            return None
    lead = whole.split("\n\n", 1)[0]
    first = _vector(lead)
    rest = _vector(whole[len(lead) + 2 :])
    vector: Vector = {}
    for part, weight in (
        (_vector(title), "A"),
        (_vector(actors), "B"),
        (first, "C"),
        (_joined(first, rest), "D"),
    ):
        vector = _joined(vector, _weighted(part, weight))
    return " ".join(
        f"'{term}':" + ",".join(f"{p}{'' if w == 'D' else w}" for p, w in positions)
        for term, positions in sorted(vector.items())
    )


def _plain(text: str) -> bool:
    return all(c in PUNCTUATION for c in _OTHER.findall(text)) and not _TWO_WORDS.search(text)


def _vector(text: str) -> Vector:
    """As `to_tsvector('simple', reader_words(text))`: each word lowercased at its position,
    positions past MAX_POSITION kept as it, at most MAX_POSITIONS - 1 of one word."""
    vector: Vector = {}
    position = 0
    for word in _WORD.findall(text):
        if len(word) >= MAX_WORD:
            continue
        position += 1
        positions = vector.setdefault(word.lower(), [])
        at = min(position, MAX_POSITION)
        if len(positions) < MAX_POSITIONS - 1 and (not positions or positions[-1][0] < at):
            positions.append((at, "D"))
    return vector


def _weighted(vector: Vector, weight: str) -> Vector:
    return {term: [(p, weight) for p, _ in positions] for term, positions in vector.items()}


def _joined(left: Vector, right: Vector) -> Vector:
    """As the server's `left || right`: the right's positions after the left's last."""
    shift = max((p for positions in left.values() for p, _ in positions), default=0)
    joined = {term: list(positions) for term, positions in left.items()}
    for term, positions in right.items():
        into = joined.setdefault(term, [])
        for p, w in positions:
            if len(into) >= MAX_POSITIONS or (into and into[-1][0] == MAX_POSITION):
                break
            into.append((min(p + shift, MAX_POSITION), w))
    return joined
