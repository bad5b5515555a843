"""When two written names are one person's: the same surname and a first name that is a
spelling variant, an initial or a nickname of the other ("Tom"/"Thomas", by the hand-curated
table of the `nicknames` package, read both ways: "Mary" and "Maureen" stay apart), and the
same generation ("Jr." is not his father)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from reader.core.nlp import cues

if TYPE_CHECKING:
    from nicknames import NickNamer

_SAME_FIRST_SURNAME_MATCH = 85
_FULL_NAME_MATCH = 92
_FIRST_NAME_VARIANT = 80


def surname(full_name: str) -> str:
    """The last word with its particles: "Jean-Yves Le Drian" -> "Le Drian"; "Jr." is skipped."""
    words = full_name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".,") in cues.GENERATIONS:
        words.pop()
    index = len(words) - 1
    while index > 1 and words[index - 1].lower() in cues.NAME_CONNECTORS:
        index -= 1
    return " ".join(words[index:])


def same_person(full_names: Iterable[str], words: list[str]) -> bool:
    """Full name `words` (lower-cased) names the person of `full_names`: the same name; the
    same first name and a near-identical surname; or the same surname and a variant, nickname
    or initial of the first name ("Dmitri"/"Dmitry", "Tom"/"Thomas", "J. Biden"). "Bill" and
    "Hillary Clinton" stay apart, and so do "Donald Trump" and "Donald Trump Jr."."""
    generation = _generation(words)
    bare = words[:-1] if generation else words
    for name in full_names:
        other = name.split()
        if other == words:
            return True
        if _generation(other) != generation:
            continue
        if generation:
            if other[-len(words) :] == words:
                return True  # "Trump Jr." after "Donald Trump Jr."
            other = other[:-1]  # compare "John Roberts", not "Jr."
        if other[0] == bare[0] and fuzz.ratio(other[-1], bare[-1]) >= _SAME_FIRST_SURNAME_MATCH:
            return True
        if other[-1] == bare[-1] and _first_names_agree(other[0], bare[0]):
            return True
        if fuzz.token_sort_ratio(" ".join(other), " ".join(bare)) >= _FULL_NAME_MATCH:
            return True
    return False


def _generation(words: list[str]) -> str:
    """ "jr", "sr", "iii" when a name ends in one, else ""."""
    last = words[-1].rstrip(".,") if len(words) > 1 else ""
    return last if last in cues.GENERATIONS else ""


def _first_names_agree(one: str, two: str) -> bool:
    """An initial of the other, a spelling variant ("Dmitri"/"Dmitry"), or a nickname of the
    other in the `nicknames` package's table ("Tom"/"Thomas", "Bill"/"William")."""
    if one.endswith(".") or two.endswith("."):
        return one[0] == two[0] and (len(one) == 2 or len(two) == 2)
    return fuzz.ratio(one, two) >= _FIRST_NAME_VARIANT or is_nickname(one, two)


@cache
def _namer() -> NickNamer:
    from nicknames import NickNamer  # on first use: it reads its tables (the TUI starts without)

    return NickNamer()


@cache
def is_nickname(one: str, two: str) -> bool:
    """Whether one lower-cased first name is a nickname of the other, by the table and by
    the nickname's own entry: that entry is empty (a pure nickname: "Dan"), points back
    ("Tom" lists "Thomas"), or shares a diminutive with the full name ("Jim" and "James" both
    list "Jimmie"). So "Mary", listed under "Maureen" but a name with diminutives of its own
    that "Maureen" does not share, is not one."""
    one, two = one.lower(), two.lower()
    return _nickname_of(one, two) or _nickname_of(two, one)


def _nickname_of(full: str, short: str) -> bool:
    namer = _namer()
    listed = namer.nicknames_of(full)
    if short not in listed:
        return False
    own = namer.nicknames_of(short)
    return not own or full in own or not own.isdisjoint(listed - {short})
