"""Temporal expressions: find them in text and normalise them to TIMEX3 values.

Each rule is a regular expression (compiled once) and a function that turns a match into a
TIMEX3 (type, value), resolved against the publication time; a function may return None to
reject a match ("May" the verb, "2014 people"). Overlapping matches keep the longest. Without
a reference time, relative expressions keep TimeML's unknown placeholders ("XXXX-WXX-1").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from reader.core.model import Timex
from reader.core.nlp import datemath as dm
from reader.core.nlp.segments import paragraph_bounds, sentence_bounds
from reader.core.nlp.timex_rules import (
    FIXED_HOLIDAYS,
    FUTURE_CUES,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    PRESENT_WORDS,
    REF_WORDS,
    SEASONS,
    SET_ADVERBS,
    THANKSGIVING,
    TIME_UNITS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
)

TypedValue = tuple[str, str]


@dataclass(slots=True)
class _Context:
    text: str
    reference: datetime | None
    sentence_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sentence_starts = [
            start
            for paragraph in paragraph_bounds(self.text)
            for start, _ in sentence_bounds(self.text, *paragraph)
        ]

    @property
    def day(self) -> date | None:
        return self.reference.date() if self.reference else None

    def future(self, match: re.Match) -> bool:
        """Whether the clause leading up to the expression speaks of the future ("will meet on")."""
        start = match.start()
        sentence_start = self.sentence_starts[bisect_right(self.sentence_starts, start) - 1]
        lead = self.text[max(sentence_start, start - 60) : start]
        return bool(_FUTURE.search(lead.rsplit(",", 1)[-1]))


_FUTURE = re.compile(FUTURE_CUES, re.IGNORECASE)

_MONTH_NAMES = [w.capitalize() for w in MONTHS] + [w.upper() for w in MONTHS if len(w) > 3]
MONTH = rf"(?P<month>(?:{alternation(_MONTH_NAMES)})\b\.?)"
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


def _month(match: re.Match) -> int:
    return MONTHS[match["month"].rstrip(".").lower()]


def _number(word: str) -> str:
    word = " ".join(word.lower().split())
    if word in VAGUE_NUMBERS:
        return "X"
    if word in NUMBERS:
        return str(NUMBERS[word])
    if word.replace("-", " ").count(" ") == 1:  # "twenty four", "thirty-one"
        tens, ones = word.replace("-", " ").split()
        return str(NUMBERS[tens] + NUMBERS[ones])
    return word.rstrip("0").rstrip(".") if "." in word else word


def _ymd(day: date) -> str:
    return day.isoformat()


FORWARD_MONTHS = 3


def _year_for_month(ctx: _Context, match: re.Match, month: int) -> str:
    """A month named without its year. News mostly looks back: the latest occurrence up to
    publication, unless the month comes within the next three ("Jan. 2" in a November article,
    "in November" in an August one) or the clause speaks of the future."""
    if ctx.day is None:
        return "XXXX"
    ahead = (month - ctx.day.month) % 12  # months forward to its next occurrence
    if ahead <= FORWARD_MONTHS or ctx.future(match):
        return str(ctx.day.year + (month < ctx.day.month))
    return str(ctx.day.year - (month > ctx.day.month))


# -- rule handlers --------------------------------------------------------------------------


def _month_day(m: re.Match, ctx: _Context) -> TypedValue | None:
    month, day = _month(m), int(m["day"])
    year = m["year"] or _year_for_month(ctx, m, month)
    if not dm.valid_date(int(year) if year != "XXXX" else 2000, month, day):
        return None
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def _month_year(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "DATE", f"{m['year']}-{_month(m):02d}"


_MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|of|during|through|from|early|late|mid)[\s-]+$"
)
"""Words that make 'May' (or 'Mar', 'Jan', 'Jun', 'Dec') a month and not a verb or a name."""


def _month_alone(m: re.Match, ctx: _Context) -> TypedValue | None:
    month = _month(m)
    rel = (m["rel"] or "").lower()
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if m["month"].rstrip(".") in ("May", "Mar", "Jan", "Jun", "Dec") and not rel:
        if not _MONTH_CUE.search(before):
            return None
    if ctx.day is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.day.year
    if rel == "last":
        year -= 1 if month >= ctx.day.month else 0
    elif rel == "next":
        year += 1 if month <= ctx.day.month else 0
    elif not rel:
        year = int(_year_for_month(ctx, m, month))
    return "DATE", f"{year}-{month:02d}"


def _iso_date(m: re.Match, ctx: _Context) -> TypedValue | None:
    year, month, day = int(m["year"]), int(m["mo"]), int(m["day"])
    if not dm.valid_date(year, month, day):
        return None
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def _year(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "DATE", m["year"]


def _decade(m: re.Match, ctx: _Context) -> TypedValue | None:
    if m["full"]:
        return "DATE", m["full"][:3]
    if m["short"]:
        century = "19" if int(m["short"]) > 20 else "20"
        return "DATE", f"{century}{m['short'][0]}"
    return None


def _day_word(m: re.Match, ctx: _Context) -> TypedValue | None:
    word = m["word"].lower()
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    if word == "tonight":
        word, part = "today", "NI"
    if word == "last" and m["part"]:  # "last night"
        word = "yesterday"
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}[word]
    if word == "this" and not part:
        return None
    if ctx.day is None:
        return ("TIME", "XXXX-XX-XXT" + part) if part else ("DATE", "XXXX-XX-XX")
    day = _ymd(ctx.day + timedelta(days=offset))
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


def _weekday(m: re.Match, ctx: _Context) -> TypedValue | None:
    weekday = WEEKDAYS[m["weekday"].lower()]
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    rel = (m["rel"] or "").lower()
    if ctx.day is None:
        value = f"XXXX-WXX-{weekday + 1}"
    else:
        if rel == "this":
            day = dm.weekday_in_week(ctx.day, weekday)
        elif rel in ("last", "past", "previous"):
            day = dm.previous_weekday(ctx.day, weekday, include_today=False)
        elif rel in ("next", "coming"):
            day = dm.next_weekday(ctx.day, weekday, include_today=False)
        elif ctx.future(m):
            day = dm.next_weekday(ctx.day, weekday)
        else:
            day = dm.previous_weekday(ctx.day, weekday)
        value = _ymd(day)
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


_RELATIVE_OFFSET = {
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
}


def _relative_period(m: re.Match, ctx: _Context) -> TypedValue | None:
    unit = m["unit"].lower()
    offset = _RELATIVE_OFFSET[m["rel"].lower().split()[-1]]
    if m["rel"].lower().startswith("the") and offset != 0 and unit in UNITS:
        return "DURATION", f"P1{UNITS[unit]}"  # "the past year": a stretch of time
    if ctx.day is None:
        return "DATE", {"week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX")
    day = ctx.day
    if unit == "week":
        return "DATE", dm.shift_weeks(day, offset)
    if unit == "weekend":
        saturday = dm.weekday_in_week(day, 5) + timedelta(weeks=offset)
        return "DATE", f"{dm.iso_week(saturday)}-WE"
    if unit == "month":
        year, month = dm.shift_months(day.year, day.month, offset)
        return "DATE", f"{year}-{month:02d}"
    if unit == "quarter":
        year, month = dm.shift_months(day.year, day.month, 3 * offset)
        return "DATE", f"{year}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return "DATE", str(day.year + offset)
    if unit == "decade":
        return "DATE", str(day.year // 10 + offset)
    if unit == "century":
        return "DATE", f"{day.year // 100 + offset:02d}"
    if unit in SEASONS:
        return "DATE", f"{day.year + offset}-{SEASONS[unit]}"
    return None


def _season_year(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "DATE", f"{m['year']}-{SEASONS[m['season'].lower()]}"


def _quarter(m: re.Match, ctx: _Context) -> TypedValue | None:
    ordinal = m["ord"].lower()
    number = ORDINALS.get(ordinal) or int(ordinal[0])
    kind = "Q" if m["unit"].lower() == "quarter" else "H"
    if m["year"] or m["year2"] or ctx.day is None:
        year = m["year"] or m["year2"] or "XXXX"
    else:
        current = (ctx.day.month - 1) // 3 + 1 if kind == "Q" else (ctx.day.month - 1) // 6 + 1
        late = number > current and not ctx.future(
            m
        )  # results news: a later quarter is last year's
        year = str(ctx.day.year - 1 if late else ctx.day.year)
    if kind == "H" and number > 2:
        return None
    return "DATE", f"{year}-{kind}{number}"


def _ago(m: re.Match, ctx: _Context) -> TypedValue | None:
    unit = m["unit"].lower()
    amount = _number(m["n"])
    direction = m["dir"].lower()
    if direction in ("later", "before"):  # counted from another event, not from now
        return _duration(m, ctx)
    if ctx.day is None or amount == "X" or "." in amount:
        return "DATE", "FUTURE_REF" if direction == "from now" else "PAST_REF"
    n = int(amount) if direction == "from now" else -int(amount)
    day = ctx.day
    if unit == "year":
        return "DATE", str(day.year + n)
    if unit == "month":
        year, month = dm.shift_months(day.year, day.month, n)
        return "DATE", f"{year}-{month:02d}"
    if unit == "week":
        return "DATE", dm.shift_weeks(day, n)
    if unit == "day":
        return "DATE", _ymd(day + timedelta(days=n))
    if unit == "decade":
        return "DATE", str(day.year // 10 + n)
    return None


def _duration(m: re.Match, ctx: _Context) -> TypedValue | None:
    if m[0].lower().endswith("old"):
        return None  # an age, not a stretch of time
    unit = m["unit"].lower()
    if unit == "quarter" and re.match(r"s?\s+of\b", ctx.text[m.end() : m.end() + 5]):
        return None  # "three-quarters of the vote"
    amount = _number(m["n"])
    if unit == "fortnight":
        amount, unit = ("X" if amount == "X" else str(int(amount) * 2)), "week"
    code = UNITS[unit]
    prefix = "PT" if unit in TIME_UNITS else "P"
    if code == "Q" and amount != "X":  # TimeML counts quarters in months
        amount, code = str(int(float(amount) * 3)), "M"
    if code == "DE":
        amount, code = ("X" if amount == "X" else str(int(float(amount) * 10))), "Y"
    if code == "CE":
        amount, code = ("X" if amount == "X" else str(int(float(amount) * 100))), "Y"
    return "DURATION", f"{prefix}{amount}{code}"


def _bare_plural(m: re.Match, ctx: _Context) -> TypedValue | None:
    unit = m["unit"].lower().removesuffix("s")
    prefix = "PT" if unit in TIME_UNITS else "P"
    return "DURATION", f"{prefix}X{UNITS[unit]}"


def _month_relative_year(m: re.Match, ctx: _Context) -> TypedValue | None:
    """'June last year', 'January this year'."""
    if ctx.day is None:
        return "DATE", f"XXXX-{_month(m):02d}"
    year = ctx.day.year + _RELATIVE_OFFSET[m["rel"].lower()]
    return "DATE", f"{year}-{_month(m):02d}"


def _clock_day(m: re.Match, ctx: _Context) -> TypedValue | None:
    """'10 p.m. Wednesday', 'noon Thursday': the clock time on the resolved weekday."""
    clock = _noon(m, ctx) if m["noon"] else _clock(m, ctx)
    day = _weekday(m, ctx)
    if clock is None or day is None:
        return None
    return "TIME", day[1].split("T")[0] + "T" + clock[1].split("T")[1]


def _clock_date(m: re.Match, ctx: _Context) -> TypedValue | None:
    """'5 p.m. EST Nov. 9': the clock time on an explicit date."""
    clock, day = _clock(m, ctx), _month_day(m, ctx)
    if clock is None or day is None:
        return None
    return "TIME", day[1] + "T" + clock[1].split("T")[1]


def _weekend(m: re.Match, ctx: _Context) -> TypedValue | None:
    if ctx.day is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = dm.weekday_in_week(ctx.day, 5)
    if saturday > ctx.day and not ctx.future(m):
        saturday -= timedelta(weeks=1)
    return "DATE", f"{dm.iso_week(saturday)}-WE"


def _year_ago(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "DATE", str(ctx.day.year - 1) if ctx.day else "XXXX"


def _recent(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "DATE", "FUTURE_REF" if m["which"].lower() == "coming" else "PAST_REF"


def _reported_quarter(m: re.Match, ctx: _Context) -> TypedValue | None:
    """'the quarter' in business news: the quarter being reported, i.e. the one just ended
    (the quarter holding the day six weeks before publication)."""
    if ctx.day is None:
        return "DATE", "XXXX-QX"
    day = ctx.day - timedelta(weeks=6)
    return "DATE", f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _holiday(m: re.Match, ctx: _Context) -> TypedValue | None:
    name = " ".join(m["name"].lower().replace("’", "'").split())
    month, day = (11, 0) if name.startswith(THANKSGIVING) else FIXED_HOLIDAYS[name]
    year = m["year"] or _year_for_month(ctx, m, month)
    if year == "XXXX":
        return "DATE", f"XXXX-{month:02d}-{day:02d}" if day else "XXXX-11-XX"
    if not day:  # Thanksgiving: the fourth Thursday of November
        thursday = dm.next_weekday(date(int(year), 11, 1), 3) + timedelta(weeks=3)
        return "DATE", _ymd(thursday)
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def _end_of(m: re.Match, ctx: _Context) -> TypedValue | None:
    """'the end of the year': the current period."""
    unit = m["unit"].lower()
    if ctx.day is None:
        return "DATE", {"month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX")
    if unit == "month":
        return "DATE", f"{ctx.day.year}-{ctx.day.month:02d}"
    if unit == "week":
        return "DATE", dm.iso_week(ctx.day)
    return "DATE", str(ctx.day.year)


def _century(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "DATE", f"{int(m['c']) - 1:02d}"


def _clock(m: re.Match, ctx: _Context) -> TypedValue | None:
    hour, minute = int(m["h"]), int(m["min"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    day = _ymd(ctx.day) if ctx.day else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _midday(m: re.Match, ctx: _Context) -> TypedValue | None:
    day = _ymd(ctx.day) if ctx.day else "XXXX-XX-XX"
    return "TIME", f"{day}T{'12:00' if m[0].lower() == 'midday' else 'NI'}"


def _noon(m: re.Match, ctx: _Context) -> TypedValue | None:
    day = _ymd(ctx.day) if ctx.day else "XXXX-XX-XX"
    word = (m.groupdict().get("noon") or m[0]).lower()
    return "TIME", f"{day}T{'12:00' if word == 'noon' else '24:00'}"


def _set(m: re.Match, ctx: _Context) -> TypedValue | None:
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}"
    unit = m["unit"].lower()
    prefix = "PT" if unit in TIME_UNITS else "P"
    return "SET", f"{prefix}1{UNITS[unit]}"


def _per_unit(m: re.Match, ctx: _Context) -> TypedValue | None:
    """'$600 a year', 'twice a week'."""
    unit = m["unit"].lower()
    return "SET", f"{'PT' if unit in TIME_UNITS else 'P'}1{UNITS[unit]}"


def _set_adverb(m: re.Match, ctx: _Context) -> TypedValue | None:
    return "SET", SET_ADVERBS[m[0].lower()]


def _fixed(table: dict[str, str]) -> Callable[[re.Match, _Context], TypedValue | None]:
    def handler(m: re.Match, ctx: _Context) -> TypedValue | None:
        return "DATE", table[" ".join(m[0].lower().split())]

    return handler


_present = _fixed(PRESENT_WORDS)
_reference = _fixed(REF_WORDS)


# -- the rules, compiled once -----------------------------------------------------------------

_I = re.IGNORECASE
_REL = (
    r"(?P<rel>this|current|last|past|previous|next|coming|"
    r"the\s+(?:past|last|previous|next|coming|current))"
)

_RULES: list[tuple[re.Pattern, Callable[[re.Match, _Context], TypedValue | None]]] = [
    (
        re.compile(rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR})?{NOT_NUMBER_AFTER}"),
        _month_day,
    ),
    (
        re.compile(rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b"),
        _month_day,
    ),
    (
        re.compile(rf"\b{MONTH}(?:\s+of)?,?\s+{YEAR}\b{NOT_NUMBER_AFTER}"),
        _month_year,
    ),
    (re.compile(rf"\b(?:(?P<rel>last|next|this)\s+)?{MONTH}(?!\s*\d)"), _month_alone),
    (re.compile(r"\b(?P<year>\d{4})-(?P<mo>\d\d)-(?P<day>\d\d)\b"), _iso_date),
    (re.compile(r"\b(?P<mo>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"), _iso_date),
    (
        re.compile(
            rf"(?<![\d$€£.,:/#])(?<![^d]-)\b(?=[12]){YEAR}\b(?![.,]\d|-\d|:\d|\s*(?:%|percent\b))",
            _I,
        ),
        _year,
    ),
    (
        re.compile(r"(?<![\w$])(?:(?P<full>1[0-9]\d0|20\d0)s\b|'(?P<short>\d0)s\b)", _I),
        _decade,
    ),
    (
        re.compile(
            rf"\b(?P<word>today|yesterday|tomorrow|tonight|this|last)(?:\s+{PART})?\b(?<!\bthis)(?<!\blast)",
            _I,
        ),
        _day_word,
    ),
    (
        re.compile(
            rf"\b(?:{_REL}\s+)?{DAY_MODS}{WEEKDAY}(?:\s+{PART})?(?!,?\s+(?:{alternation(_MONTH_NAMES)})\b)"
        ),
        _weekday,
    ),
    (
        re.compile(
            rf"\b{_REL}\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century|"
            rf"{alternation(SEASONS)})\b",
            _I,
        ),
        _relative_period,
    ),
    (
        re.compile(rf"\b(?:the\s+)?(?P<season>{alternation(SEASONS)})\s+(?:of\s+)?{YEAR}\b", _I),
        _season_year,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:(?P<year2>(?:19|20)\d\d)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
            rf"(?P<unit>quarter|half)\b(?:\s+(?:of\s+)?{YEAR}\b)?",
            _I,
        ),
        _quarter,
    ),
    (
        re.compile(
            rf"{NUMBER_START}{NUMBER}[\s-]+{UNIT}\s+(?:or\s+so\s+)?"
            r"(?P<dir>ago|earlier|before|later|from\s+now)\b",
            _I,
        ),
        _ago,
    ),
    (
        re.compile(
            # "a" first, then the look-behinds: a literal first lets the engine skip ahead
            r"(?:a(?<=\d a)|a(?<=\bonce a)|a(?<=\btwice a))n?\s+"
            r"(?P<unit>year|month|week|day|hour)\b"
        ),
        _per_unit,
    ),
    (
        re.compile(
            rf"{NUMBER_START}{NUMBER}[\s-]+(?:and\s+a\s+half\s+)?{UNIT}"
            r"(?:[\s-]+long|[\s-]+old)?",
            _I,
        ),
        _duration,
    ),
    (
        re.compile(r"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours|minutes)\b", _I),
        _bare_plural,
    ),
    (
        re.compile(
            r"\b(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
            r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?",
            _I,
        ),
        _clock,
    ),
    (re.compile(r"(?<=\b(?:at|of) )(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?P<ampm>)\b"), _clock),
    (re.compile(r"\b(?:noon|midnight)\b", _I), _noon),
    (
        re.compile(
            r"\b(?:(?P<noon>noon|midnight)|(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*"
            rf"(?P<ampm>[ap]\.m\.|[ap]m\b))(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?,?\s+(?:on\s+)?(?P<rel>)"
            rf"{WEEKDAY}(?P<part>)",
            _I,
        ),
        _clock_day,
    ),
    (
        re.compile(
            r"\b(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
            rf"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?,?\s+(?:on\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR})?"
        ),
        _clock_date,
    ),
    (re.compile(rf"\b{MONTH}\s+(?P<rel>this|last|next)\s+year\b"), _month_relative_year),
    (re.compile(r"\b(?:this|the|last|next)\s+weekend\b", _I), _weekend),
    (
        re.compile(r"\bthe\s+(?:(?:latest|most\s+recent|just-ended)\s+)?quarter\b(?!-)", _I),
        _reported_quarter,
    ),
    (
        re.compile(
            rf"\b(?:last\s+)?(?P<name>{alternation(FIXED_HOLIDAYS)}|{THANKSGIVING}(?:\s+day)?)\b"
            rf"(?:,?\s+{YEAR}\b)?",
            _I,
        ),
        _holiday,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>year|month|week)\b",
            _I,
        ),
        _end_of,
    ),
    (re.compile(r"\b(?:midday|overnight)\b", _I), _midday),
    (re.compile(r"\byear-(?:ago|earlier)\b", _I), _year_ago),
    (
        re.compile(
            r"\b(?:the\s+)?(?P<which>recent|coming)\s+(?P<unit>years|months|weeks|days)\b", _I
        ),
        _recent,
    ),
    (re.compile(r"\b(?:the\s+)?(?P<c>1?\d)(?:st|nd|rd|th)\s+century\b", _I), _century),
    (
        re.compile(rf"\b(?:every|each|per)\s+(?:{WEEKDAY}|(?P<unit>{alternation(UNITS)})\b)", _I),
        _set,
    ),
    (re.compile(rf"\b(?:{alternation(SET_ADVERBS)})\b"), _set_adverb),  # "Daily Beast": a name
    (re.compile(rf"\b(?:{alternation(PRESENT_WORDS)})\b", _I), _present),
    (re.compile(rf"\b(?:{alternation(REF_WORDS)})\b", _I), _reference),
]


_LEAD_INS = {
    _duration: NUMBER_LEAD_IN,
    _ago: NUMBER_LEAD_IN,
    _month_year: PERIOD_LEAD_IN,
    _month_alone: PERIOD_LEAD_IN,
    _relative_period: PERIOD_LEAD_IN,
    _year: YEAR_LEAD_IN,
    _decade: DECADE_LEAD_IN,
}
"""Rules whose expressions may start with modifier words, found by looking back from a match
(much faster than letting every rule try optional words at every position)."""

_DIGITS = tuple("1234567890")
_MONTH_STEMS = tuple({s for name in MONTHS for s in (name[:3].capitalize(), name[:3].upper())})
_UNIT_WORDS = tuple(UNITS)
_TRIGGERS: dict[Callable, tuple[str, ...]] = {
    _month_day: _MONTH_STEMS,
    _month_year: _MONTH_STEMS,
    _month_alone: _MONTH_STEMS,
    _month_relative_year: _MONTH_STEMS,
    _iso_date: _DIGITS,
    _year: _DIGITS,
    _decade: _DIGITS,
    _day_word: ("today", "yesterday", "tomorrow", "night", *PARTS_OF_DAY),
    _weekday: tuple(day.capitalize() for day in WEEKDAYS),
    _relative_period: (*UNITS, "weekend", *SEASONS),
    _season_year: tuple(SEASONS),
    _quarter: ("quarter", "half"),
    _ago: ("ago", "earlier", "before", "later", "from"),
    _per_unit: _UNIT_WORDS,
    _duration: _UNIT_WORDS,
    _bare_plural: _UNIT_WORDS,
    _clock: _DIGITS,
    _noon: ("noon", "midnight"),
    _clock_day: tuple(WEEKDAYS),
    _clock_date: _MONTH_STEMS,
    _weekend: ("weekend",),
    _reported_quarter: ("quarter",),
    _holiday: (*(max(name.split(), key=len) for name in FIXED_HOLIDAYS), THANKSGIVING),
    _end_of: ("end", "beginning", "start", "middle"),
    _midday: ("midday", "overnight"),
    _year_ago: ("year-",),
    _recent: ("recent", "coming"),
    _century: ("century",),
    _set: ("every", "each", "per"),
    _set_adverb: tuple(SET_ADVERBS),
    _reference: tuple(phrase.split()[-1] for phrase in REF_WORDS),
}
"""Words one of which every match of a rule contains: a text without any of them skips the
rule, which saves scanning it once per rule (most of the time spent here). Capitalised words
are for case-sensitive rules and looked up as written; the others in the lower-cased text."""
_RULES_WITH_LEAD_INS = [
    (pattern, handler, _LEAD_INS.get(handler), _TRIGGERS.get(handler))
    for pattern, handler in _RULES
]


_ABBREVIATED_MONTHS = {name for name in MONTHS if len(name) <= 4} - {"may", "june", "july"}


def _trim(span: str) -> str:
    """Drop trailing spaces, commas and a sentence's full stop (but keep 'Feb.' and 'p.m.')."""
    span = span.rstrip(" ,-")
    last_word = span.rsplit(None, 1)[-1][:-1].lower()
    if span.endswith(".") and last_word.isalpha() and last_word not in _ABBREVIATED_MONTHS:
        span = span[:-1]
    return span


def find_timexes(text: str, reference: datetime | None) -> list[Timex]:
    """Temporal expressions in `text`, normalised against `reference` (publication time)."""
    ctx = _Context(text, reference)
    lower = text.lower()
    seen: dict[int, bool] = {}  # rules share their triggers: look each set up once
    candidates: list[tuple[int, int, str, str]] = []
    for pattern, handler, lead_in, triggers in _RULES_WITH_LEAD_INS:
        if triggers is not None:
            present = seen.get(id(triggers))
            if present is None:
                present = seen[id(triggers)] = any(
                    word in (text if word[0].isupper() else lower) for word in triggers
                )
            if not present:
                continue
        for match in pattern.finditer(text):
            try:
                typed = handler(match, ctx)
            except (OverflowError, ValueError):  # a date beyond year 1-9999: no value to give
                typed = None
            if typed is not None:
                start, end = match.span()
                if lead_in is not None:
                    start = lead_in.search(text, max(0, start - 30), start).start()
                end = start + len(_trim(text[start:end]))
                candidates.append((start, end, *typed))
    chosen: list[tuple[int, int, str, str]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        # Longest first: keep a candidate that overlaps none kept so far (kept ones never
        # overlap, so its neighbours in start order are the only ones to check).
        at = bisect_left(chosen, cand)
        if (at == 0 or chosen[at - 1][1] <= cand[0]) and (
            at == len(chosen) or cand[1] <= chosen[at][0]
        ):
            chosen.insert(at, cand)
    return [Timex(s, e, text[s:e], kind, value) for s, e, kind, value in chosen]
