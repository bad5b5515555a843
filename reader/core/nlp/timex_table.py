"""The time-expression rules, one record each: the pattern (compiled once), the normaliser
that turns its match into a TIMEX3 value, the words one of which every match contains (a text
with none of them skips the rule, which saves scanning it once per rule: most of the time spent
here), and the modifier words the expression may start with, found by looking back from a
match (much faster than letting every rule try optional words at every position).

Capitalised trigger words are for case-sensitive rules and looked up as written; the others in
the lower-cased text. Rules are tried in order; overlapping matches keep the longest.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

from reader.core.nlp import timex_values as value
from reader.core.nlp.timex_patterns import (
    DAY,
    DAY_MODS,
    DECADE_LEAD_IN,
    DIGIT,
    MONTH,
    MONTH_NAMES,
    NOT_NUMBER_AFTER,
    NUMBER,
    NUMBER_LEAD_IN,
    NUMBER_START,
    PART,
    PERIOD_LEAD_IN,
    QUOTE,
    REL,
    UNIT,
    WEEKDAY,
    YEAR,
    YEAR_LEAD_IN,
    after_the,
)
from reader.core.nlp.timex_words import (
    FIXED_HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    PRESENT_WORDS,
    REF_WORDS,
    SEASONS,
    SET_ADVERBS,
    THANKSGIVING,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
    first_words,
)
from reader.core.nlp.timex_years import year_value


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern
    normalise: value.Normaliser
    triggers: tuple[str, ...] | None = None
    lead_in: re.Pattern | None = None
    starts: Set[str] = frozenset()
    """The first word of every match, lower-cased (`DIGIT`: a number, `QUOTE`: "'90s"): the
    rule is tried only where one of them starts a word (see `timex.find_timexes`)."""


_I = re.IGNORECASE
_DIGITS = tuple("1234567890")
_MONTH_STEMS = tuple({s for name in MONTHS for s in (name[:3].capitalize(), name[:3].upper())})
_UNIT_WORDS = tuple(UNITS)
_MONTH_WORDS = first_words(MONTHS)
_WEEKDAY_WORDS = first_words(WEEKDAYS)
_RELATIVE = ("this", "current", "last", "past", "previous", "next", "coming")
_REL_WORDS = frozenset(_RELATIVE) | after_the(*_RELATIVE[1:])
"""Where `REL` can start: "the" with each word that may follow it there."""
_ORDINAL_WORDS = frozenset((DIGIT, *ORDINALS))
_PART_WORDS = frozenset(("end", "beginning", "start", "middle"))
_NUMBER_WORDS = first_words(NUMBERS) | first_words(VAGUE_NUMBERS) | {DIGIT}

RULES: tuple[Rule, ...] = (
    Rule(
        re.compile(rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR})?{NOT_NUMBER_AFTER}"),
        value.month_day_value,
        triggers=_MONTH_STEMS,
        starts=_MONTH_WORDS | _WEEKDAY_WORDS,
    ),
    Rule(
        re.compile(rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b"),
        value.month_day_value,
        triggers=_MONTH_STEMS,
        starts=_WEEKDAY_WORDS | {DIGIT} | after_the(DIGIT),
    ),
    Rule(
        re.compile(rf"\b{MONTH}(?:\s+of)?,?\s+{YEAR}\b{NOT_NUMBER_AFTER}"),
        value.month_year_value,
        triggers=_MONTH_STEMS,
        lead_in=PERIOD_LEAD_IN,
        starts=_MONTH_WORDS,
    ),
    Rule(
        re.compile(rf"\b(?:(?P<rel>last|next|this)\s+)?{MONTH}(?!\s*\d)"),
        value.month_alone_value,
        triggers=_MONTH_STEMS,
        lead_in=PERIOD_LEAD_IN,
        starts=_MONTH_WORDS | {"last", "next", "this"},
    ),
    Rule(
        re.compile(r"\b(?P<year>\d{4})-(?P<mo>\d\d)-(?P<day>\d\d)\b"),
        value.iso_date_value,
        triggers=_DIGITS,
        starts={DIGIT},
    ),
    Rule(
        re.compile(r"\b(?P<mo>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),
        value.iso_date_value,
        triggers=_DIGITS,
        starts={DIGIT},
    ),
    Rule(
        re.compile(
            rf"(?<![\d$€£.,:/#])(?<![^d]-)\b(?=[12]){YEAR}\b(?![.,]\d|-\d|:\d|\s*(?:%|percent\b))",
            _I,
        ),
        year_value,
        triggers=_DIGITS,
        lead_in=YEAR_LEAD_IN,
        starts={DIGIT},
    ),
    Rule(
        re.compile(r"(?<![\w$])(?:(?P<full>1[0-9]\d0|20\d0)s\b|'(?P<short>\d0)s\b)", _I),
        value.decade_value,
        triggers=_DIGITS,
        lead_in=DECADE_LEAD_IN,
        starts={DIGIT, QUOTE},
    ),
    Rule(
        re.compile(
            rf"\b(?P<word>today|yesterday|tomorrow|tonight|this|last)(?:\s+{PART})?\b(?<!\bthis)(?<!\blast)",
            _I,
        ),
        value.day_word_value,
        triggers=("today", "yesterday", "tomorrow", "night", *PARTS_OF_DAY),
        starts={"today", "yesterday", "tomorrow", "tonight", "this", "last"},
    ),
    Rule(
        re.compile(
            rf"\b(?:{REL}\s+)?{DAY_MODS}{WEEKDAY}(?:\s+{PART})?(?!,?\s+(?:{alternation(MONTH_NAMES)})\b)"
        ),
        value.weekday_value,
        triggers=tuple(day.capitalize() for day in WEEKDAYS),
        starts=_REL_WORDS | _WEEKDAY_WORDS | {"early", "late", "earlier", "later"},
    ),
    Rule(
        re.compile(
            rf"\b{REL}\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century|"
            rf"{alternation(SEASONS)})\b",
            _I,
        ),
        value.relative_period_value,
        triggers=(*UNITS, "weekend", *SEASONS),
        lead_in=PERIOD_LEAD_IN,
        starts=_REL_WORDS,
    ),
    Rule(
        re.compile(rf"\b(?:the\s+)?(?P<season>{alternation(SEASONS)})\s+(?:of\s+)?{YEAR}\b", _I),
        value.season_year_value,
        triggers=tuple(SEASONS),
        starts=first_words(SEASONS) | after_the(*SEASONS),
    ),
    Rule(
        re.compile(
            r"\b(?:the\s+)?(?:(?P<year2>(?:19|20)\d\d)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
            rf"(?P<unit>quarter|half)\b(?:\s+(?:of\s+)?{YEAR}\b)?",
            _I,
        ),
        value.quarter_value,
        triggers=("quarter", "half"),
        starts=_ORDINAL_WORDS | after_the(*_ORDINAL_WORDS),
    ),
    Rule(
        re.compile(
            rf"{NUMBER_START}{NUMBER}[\s-]+{UNIT}\s+(?:or\s+so\s+)?"
            r"(?P<dir>ago|earlier|before|later|from\s+now)\b",
            _I,
        ),
        value.ago_value,
        triggers=("ago", "earlier", "before", "later", "from"),
        lead_in=NUMBER_LEAD_IN,
        starts=_NUMBER_WORDS,
    ),
    Rule(
        re.compile(
            # "a" first, then the look-behinds: a literal first lets the engine skip ahead
            r"(?:a(?<=\d a)|a(?<=\bonce a)|a(?<=\btwice a))n?\s+"
            r"(?P<unit>year|month|week|day|hour)\b"
        ),
        value.per_unit_value,
        triggers=_UNIT_WORDS,
        starts={"a", "an"},
    ),
    Rule(
        re.compile(
            rf"{NUMBER_START}{NUMBER}[\s-]+(?:and\s+a\s+half\s+)?{UNIT}"
            r"(?:[\s-]+long|[\s-]+old)?",
            _I,
        ),
        value.duration_value,
        triggers=_UNIT_WORDS,
        lead_in=NUMBER_LEAD_IN,
        starts=_NUMBER_WORDS,
    ),
    Rule(
        re.compile(r"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours|minutes)\b", _I),
        value.bare_plural_value,
        triggers=_UNIT_WORDS,
        starts={"years", "decades", "months", "weeks", "days", "hours", "minutes"},
    ),
    Rule(
        re.compile(
            r"\b(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
            r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?",
            _I,
        ),
        value.clock_value,
        triggers=_DIGITS,
        starts={DIGIT},
    ),
    Rule(
        re.compile(r"(?<=\b(?:at|of) )(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?P<ampm>)\b"),
        value.clock_value,
        triggers=_DIGITS,
        starts={DIGIT},
    ),
    Rule(
        re.compile(r"\b(?:noon|midnight)\b", _I),
        value.noon_value,
        triggers=("noon", "midnight"),
        starts={"noon", "midnight"},
    ),
    Rule(
        re.compile(
            r"\b(?:(?P<noon>noon|midnight)|(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*"
            rf"(?P<ampm>[ap]\.m\.|[ap]m\b))(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?,?\s+(?:on\s+)?(?P<rel>)"
            rf"{WEEKDAY}(?P<part>)",
            _I,
        ),
        value.clock_day_value,
        triggers=tuple(WEEKDAYS),
        starts={"noon", "midnight", DIGIT},
    ),
    Rule(
        re.compile(
            r"\b(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
            rf"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?,?\s+(?:on\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR})?"
        ),
        value.clock_date_value,
        triggers=_MONTH_STEMS,
        starts={DIGIT},
    ),
    Rule(
        re.compile(rf"\b{MONTH}\s+(?P<rel>this|last|next)\s+year\b"),
        value.month_relative_year_value,
        triggers=_MONTH_STEMS,
        starts=_MONTH_WORDS,
    ),
    Rule(
        re.compile(r"\b(?:this|the|last|next)\s+weekend\b", _I),
        value.weekend_value,
        triggers=("weekend",),
        starts={"this", "last", "next"} | after_the("weekend"),
    ),
    Rule(
        re.compile(r"\bthe\s+(?:(?:latest|most\s+recent|just-ended)\s+)?quarter\b(?!-)", _I),
        value.reported_quarter_value,
        triggers=("quarter",),
        starts=after_the("latest", "most", "just", "quarter"),
    ),
    Rule(
        re.compile(
            rf"\b(?:last\s+)?(?P<name>{alternation(FIXED_HOLIDAYS)}|{THANKSGIVING}(?:\s+day)?)\b"
            rf"(?:,?\s+{YEAR}\b)?",
            _I,
        ),
        value.holiday_value,
        triggers=(*(max(name.split(), key=len) for name in FIXED_HOLIDAYS), THANKSGIVING),
        starts=first_words(FIXED_HOLIDAYS) | {"last", THANKSGIVING},
    ),
    Rule(
        re.compile(
            r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>year|month|week)\b",
            _I,
        ),
        value.end_of_value,
        triggers=("end", "beginning", "start", "middle"),
        starts=_PART_WORDS | after_the(*_PART_WORDS),
    ),
    Rule(
        re.compile(r"\b(?:midday|overnight)\b", _I),
        value.midday_value,
        triggers=("midday", "overnight"),
        starts={"midday", "overnight"},
    ),
    Rule(
        re.compile(r"\byear-(?:ago|earlier)\b", _I),
        value.year_ago_value,
        triggers=("year-",),
        starts={"year"},
    ),
    Rule(
        re.compile(
            r"\b(?:the\s+)?(?P<which>recent|coming)\s+(?P<unit>years|months|weeks|days)\b", _I
        ),
        value.recent_value,
        triggers=("recent", "coming"),
        starts={"recent", "coming"} | after_the("recent", "coming"),
    ),
    Rule(
        re.compile(r"\b(?:the\s+)?(?P<c>1?\d)(?:st|nd|rd|th)\s+century\b", _I),
        value.century_value,
        triggers=("century",),
        starts={DIGIT} | after_the(DIGIT),
    ),
    Rule(
        re.compile(rf"\b(?:every|each|per)\s+(?:{WEEKDAY}|(?P<unit>{alternation(UNITS)})\b)", _I),
        value.set_value,
        triggers=("every", "each", "per"),
        starts={"every", "each", "per"},
    ),
    Rule(  # case-sensitive: "Daily Beast" is a name
        re.compile(rf"\b(?:{alternation(SET_ADVERBS)})\b"),
        value.set_adverb_value,
        triggers=tuple(SET_ADVERBS),
        starts=first_words(SET_ADVERBS),
    ),
    Rule(
        re.compile(rf"\b(?:{alternation(PRESENT_WORDS)})\b", _I),
        value.present_value,
        starts=first_words(PRESENT_WORDS),
    ),
    Rule(
        re.compile(rf"\b(?:{alternation(REF_WORDS)})\b", _I),
        value.reference_value,
        triggers=tuple(phrase.split()[-1] for phrase in REF_WORDS),
        starts=first_words(REF_WORDS),
    ),
)
