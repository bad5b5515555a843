"""The title or role written right before a person's name ("Kremlin spokesman Dmitry Peskov",
"Secretary of State John Kerry"): what an actor's card says they do."""

from __future__ import annotations

import re

from reader.core.nlp import cues
from reader.core.nlp.gazetteer import gazetteer

_ROLE_WORD = re.compile(r"[A-Za-z][\w.’'-]*")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}")
_ROLE_WINDOW = 80
_ROLE_MAX_WORDS = 6


def role_before(text: str, start: int) -> str | None:
    """The title or role written right before a name ("Kremlin spokesman", "President")."""
    window = text[max(0, start - _ROLE_WINDOW) : start].rpartition("\n")[2]
    if window and not window[-1].isspace():
        return None
    taken: list[str] = []
    words = window.split()
    for word in reversed(words):
        low = word.lower()
        if not _ROLE_WORD.fullmatch(word) or low in cues.CALENDAR_WORDS or _ends_sentence(word):
            break
        if low == "of" and (not taken or taken[-1].lower() in cues.TITLE_HEADS):
            break  # "head of President Trump": the role is "President"
        if low in cues.TITLE_HEADS or low in cues.TITLE_MODIFIERS or low == "of":
            taken.append(word)
        elif word[0].isupper() and taken and _qualifies(word, taken):
            taken.append(word)
        else:
            break
        if len(taken) >= _ROLE_MAX_WORDS:
            break
    _drop_surname(taken, words)
    taken.reverse()
    while taken and (taken[0].lower() in cues.FUNCTION_WORDS or taken[0].lower() == "of"):
        taken.pop(0)
    if not any(w.lower() in cues.TITLE_HEADS for w in taken):
        return None
    last = taken[-1].lower()
    if last not in cues.TITLE_HEADS and last not in cues.TITLE_MODIFIERS:
        return None  # "Dr. Sherlock Martin Taylor": the role must lead straight to the name
    if all(w.lower() in cues.HONORIFICS for w in taken):
        return None  # "Mr" says nothing about what someone does
    return " ".join(taken)


def _ends_sentence(word: str) -> bool:
    """ "Ukraine." and "EU." end a sentence; "U.S." and "Mr." do not."""
    return (
        word.endswith(".")
        and word.lower() not in cues.TITLE_HEADS
        and _INITIALISM.fullmatch(word) is None
    )


_BYLINE_WORDS = frozenset(("reuters", "ap", "afp", "upi", "today"))
"""Outlets whose name ends a byline and so often runs into the text's first title."""


def _qualifies(word: str, taken: list[str]) -> bool:
    """Whether a capitalised word before a title qualifies it ("Kremlin spokesman", "CNN
    anchor"), rather than ending a byline ("Jane Doe USA TODAY President", "Reuters President").
    A person's name, a long word in capitals and an outlet's name do not."""
    low = word.lower().rstrip(".,")
    if low in _BYLINE_WORDS or (word.isupper() and len(word) > 4):
        return False
    lists = gazetteer()
    return low not in lists.first_names or low in cues.TITLE_HEADS


def _drop_surname(taken: list[str], words: list[str]) -> None:
    """ "Jane Estepa President": capitalised words taken before a title right after a first
    name are that person's name, not the title's qualifier (`taken` runs right to left)."""
    left = len(words) - len(taken)
    if left < 1 or not taken or taken[-1].lower() in cues.TITLE_HEADS:
        return
    before = words[left - 1]
    if before[0].isupper() and before.lower() in gazetteer().first_names:
        while taken and taken[-1].lower() not in cues.TITLE_HEADS:
            taken.pop()
