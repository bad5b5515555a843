"""Normalisers of time expressions: each turns one rule's match into a TIMEX3 (type, value),
resolved against the publication time, or None to reject the match ("May" the verb, "2014
people"). Without a reference time, relative expressions keep TimeML's unknown placeholders
("XXXX-WXX-1")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from reader.core.nlp import datemath as dm
from reader.core.nlp.timex_context import Context, Normaliser, TypedValue
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
    TIME_UNITS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)

__all__ = ["Context", "Normaliser", "TypedValue"]


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


def _year_for_month(ctx: Context, match: re.Match, month: int) -> str:
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


def month_day_value(m: re.Match, ctx: Context) -> TypedValue | None:
    month, day = _month(m), int(m["day"])
    year = m["year"] or _year_for_month(ctx, m, month)
    if not dm.valid_date(int(year) if year != "XXXX" else 2000, month, day):
        return None
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def month_year_value(m: re.Match, ctx: Context) -> TypedValue | None:
    return "DATE", f"{m['year']}-{_month(m):02d}"


_MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|of|during|through|from|early|late|mid)[\s-]+$"
)
"""Words that make 'May' (or 'Mar', 'Jan', 'Jun', 'Dec') a month and not a verb or a name."""


def month_alone_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def iso_date_value(m: re.Match, ctx: Context) -> TypedValue | None:
    year, month, day = int(m["year"]), int(m["mo"]), int(m["day"])
    if not dm.valid_date(year, month, day):
        return None
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def decade_value(m: re.Match, ctx: Context) -> TypedValue | None:
    if m["full"]:
        return "DATE", m["full"][:3]
    if m["short"]:
        century = "19" if int(m["short"]) > 20 else "20"
        return "DATE", f"{century}{m['short'][0]}"
    return None


def day_word_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def weekday_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def relative_period_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def season_year_value(m: re.Match, ctx: Context) -> TypedValue | None:
    return "DATE", f"{m['year']}-{SEASONS[m['season'].lower()]}"


def quarter_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def ago_value(m: re.Match, ctx: Context) -> TypedValue | None:
    unit = m["unit"].lower()
    amount = _number(m["n"])
    direction = m["dir"].lower()
    if direction in ("later", "before"):  # counted from another event, not from now
        return duration_value(m, ctx)
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


def duration_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def bare_plural_value(m: re.Match, ctx: Context) -> TypedValue | None:
    unit = m["unit"].lower().removesuffix("s")
    prefix = "PT" if unit in TIME_UNITS else "P"
    return "DURATION", f"{prefix}X{UNITS[unit]}"


def month_relative_year_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """'June last year', 'January this year'."""
    if ctx.day is None:
        return "DATE", f"XXXX-{_month(m):02d}"
    year = ctx.day.year + _RELATIVE_OFFSET[m["rel"].lower()]
    return "DATE", f"{year}-{_month(m):02d}"


def clock_day_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """'10 p.m. Wednesday', 'noon Thursday': the clock time on the resolved weekday."""
    clock = noon_value(m, ctx) if m["noon"] else clock_value(m, ctx)
    day = weekday_value(m, ctx)
    if clock is None or day is None:
        return None
    return "TIME", day[1].split("T")[0] + "T" + clock[1].split("T")[1]


def clock_date_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """'5 p.m. EST Nov. 9': the clock time on an explicit date."""
    clock, day = clock_value(m, ctx), month_day_value(m, ctx)
    if clock is None or day is None:
        return None
    return "TIME", day[1] + "T" + clock[1].split("T")[1]


def weekend_value(m: re.Match, ctx: Context) -> TypedValue | None:
    if ctx.day is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = dm.weekday_in_week(ctx.day, 5)
    if saturday > ctx.day and not ctx.future(m):
        saturday -= timedelta(weeks=1)
    return "DATE", f"{dm.iso_week(saturday)}-WE"


def year_ago_value(m: re.Match, ctx: Context) -> TypedValue | None:
    return "DATE", str(ctx.day.year - 1) if ctx.day else "XXXX"


def recent_value(m: re.Match, ctx: Context) -> TypedValue | None:
    return "DATE", "FUTURE_REF" if m["which"].lower() == "coming" else "PAST_REF"


def reported_quarter_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """'the quarter' in business news: the quarter being reported, i.e. the one just ended
    (the quarter holding the day six weeks before publication)."""
    if ctx.day is None:
        return "DATE", "XXXX-QX"
    day = ctx.day - timedelta(weeks=6)
    return "DATE", f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def holiday_value(m: re.Match, ctx: Context) -> TypedValue | None:
    name = " ".join(m["name"].lower().replace("’", "'").split())
    month, day = (11, 0) if name.startswith(THANKSGIVING) else FIXED_HOLIDAYS[name]
    year = m["year"] or _year_for_month(ctx, m, month)
    if year == "XXXX":
        return "DATE", f"XXXX-{month:02d}-{day:02d}" if day else "XXXX-11-XX"
    if not day:  # Thanksgiving: the fourth Thursday of November
        thursday = dm.next_weekday(date(int(year), 11, 1), 3) + timedelta(weeks=3)
        return "DATE", _ymd(thursday)
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def end_of_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """'the end of the year': the current period."""
    unit = m["unit"].lower()
    if ctx.day is None:
        return "DATE", {"month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX")
    if unit == "month":
        return "DATE", f"{ctx.day.year}-{ctx.day.month:02d}"
    if unit == "week":
        return "DATE", dm.iso_week(ctx.day)
    return "DATE", str(ctx.day.year)


def century_value(m: re.Match, ctx: Context) -> TypedValue | None:
    return "DATE", f"{int(m['c']) - 1:02d}"


def clock_value(m: re.Match, ctx: Context) -> TypedValue | None:
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


def midday_value(m: re.Match, ctx: Context) -> TypedValue | None:
    day = _ymd(ctx.day) if ctx.day else "XXXX-XX-XX"
    return "TIME", f"{day}T{'12:00' if m[0].lower() == 'midday' else 'NI'}"


def noon_value(m: re.Match, ctx: Context) -> TypedValue | None:
    day = _ymd(ctx.day) if ctx.day else "XXXX-XX-XX"
    word = (m.groupdict().get("noon") or m[0]).lower()
    return "TIME", f"{day}T{'12:00' if word == 'noon' else '24:00'}"


def set_value(m: re.Match, ctx: Context) -> TypedValue | None:
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}"
    unit = m["unit"].lower()
    prefix = "PT" if unit in TIME_UNITS else "P"
    return "SET", f"{prefix}1{UNITS[unit]}"


def per_unit_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """'$600 a year', 'twice a week'."""
    unit = m["unit"].lower()
    return "SET", f"{'PT' if unit in TIME_UNITS else 'P'}1{UNITS[unit]}"


def set_adverb_value(m: re.Match, ctx: Context) -> TypedValue | None:
    return "SET", SET_ADVERBS[m[0].lower()]


def _fixed(table: dict[str, str]) -> Callable[[re.Match, Context], TypedValue | None]:
    def handler(m: re.Match, ctx: Context) -> TypedValue | None:
        return "DATE", table[" ".join(m[0].lower().split())]

    return handler


present_value = _fixed(PRESENT_WORDS)
reference_value = _fixed(REF_WORDS)
