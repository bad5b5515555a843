"""The pieces the time-expression rules are written with: named groups for months, days,
years, numbers and units, and the lead-ins that a rule's match may extend back over."""

from __future__ import annotations

import re

from reader.core.nlp.timex_words import (
    MONTHS,
    NUMBERS,
    PARTS_OF_DAY,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
)

DIGIT = "#"
"""A rule's start (see `timex_table.Rule.starts`): a digit that starts a word."""
QUOTE = "'"
"""A rule's start: an apostrophe before a digit ("'90s")."""
THE = "the"
"""A word that is a rule's start only with the word after it (a third of the words the rules
start with are "the", where most rules may begin): see `after_the`."""


def after_the(*words: str) -> frozenset[str]:
    """A rule's starts where a match may begin with "the": "the" followed by one of `words`
    (lower-cased; `DIGIT`: a number), one space apart ("the past")."""
    return frozenset(f"{THE} {word}" for word in words)


MONTH_NAMES = [w.capitalize() for w in MONTHS] + [w.upper() for w in MONTHS if len(w) > 3]
MONTH = rf"(?P<month>(?:{alternation(MONTH_NAMES)})\b\.?)"
WEEKDAY = rf"(?P<weekday>{alternation(w.capitalize() for w in WEEKDAYS)})\b"
_TENS = alternation(w for w, n in NUMBERS.items() if n in range(20, 100, 10))
_ONES = alternation(w for w, n in NUMBERS.items() if n in range(1, 10) and w not in ("a", "an"))
NUMBER = (
    rf"(?P<n>\d{{1,3}}(?:\.\d+)?|(?:{_TENS})[\s-](?:{_ONES})\b|{alternation(NUMBERS)}|"
    rf"{alternation(VAGUE_NUMBERS)})"
)
UNIT = rf"(?P<unit>{alternation(UNITS)})(?:s|es)?\b"
PART = rf"(?P<part>{alternation(PARTS_OF_DAY)})\b"
YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
NOT_NUMBER_AFTER = r"(?![\d,]*\d|\s*(?:%|percent\b))"
NUMBER_START = r"\b(?=[\dACEFHMNOSTacefhmnost])"
"""A word start and a cheap first-character test: the engine skips most positions fast."""
NUMBER_LEAD_IN = re.compile(
    r"(?:\b(?:the|a)\s+)?(?:\b(?:past|last|next|coming|first|previous|final|more\s+than|nearly|"
    r"almost|about|over|at\s+least|some|just|only)\s+)?\Z",
    re.IGNORECASE,
)
"""Words before a number that belong to its expression: 'the past three years'."""
DAY_MODS = r"(?:(?P<mod>early|late|earlier|later)\s+)?"
_MODS = (
    r"(?:\b(?:(?:early|late|earlier|later|mid|the\s+(?:end|beginning|start|middle|rest)\s+of)"
    r"\s+|mid-))?"
)
PERIOD_LEAD_IN = re.compile(_MODS + r"\Z", re.IGNORECASE)
"""Words before a period that belong to its expression: 'early 2014', 'the end of this year'."""
YEAR_LEAD_IN = re.compile(r"(?:\bfiscal\s+)?" + _MODS + r"\Z", re.IGNORECASE)
DECADE_LEAD_IN = re.compile(r"(?:\bthe\s+)?" + _MODS + r"\Z", re.IGNORECASE)
REL = (
    r"(?P<rel>this|current|last|past|previous|next|coming|"
    r"the\s+(?:past|last|previous|next|coming|current))"
)
