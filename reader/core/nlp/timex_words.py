"""Word lists and regular-expression pieces for temporal expressions (general knowledge only)."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple of": 2,
    "a couple of": 2,
}  # fmt: skip
VAGUE_NUMBERS = {"several", "few", "a few", "many", "some"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SET_ADVERBS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip
PRESENT_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF",
}  # fmt: skip
REF_WORDS = {
    "recently": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}  # fmt: skip
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "independence day": (7, 4),
    "halloween": (10, 31), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "new year's eve": (12, 31),
}  # fmt: skip
THANKSGIVING = "thanksgiving"
FUTURE_CUES = (
    r"(?:\b(?:will|won't|shall|going to|scheduled|plans? to|planned|set to|upcoming|next|"
    r"(?:is|are) expected to|look(?:s|ing)? forward|would|as (?:soon|early) as|(?:is|are) to|"
    r"planning)\b|'ll\b)"
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so 'sept' wins over 'sep'."""
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The first word of each phrase, lower-cased: "valentine" of "valentine's day"; of one
    that begins with "the", its first two, one space apart ("the past": see
    `timex_patterns.after_the`)."""
    firsts = (re.findall(r"\w+", phrase.lower())[:2] for phrase in phrases)
    return frozenset(" ".join(words) if words[0] == "the" else words[0] for words in firsts)
