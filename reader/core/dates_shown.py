"""TIMEX3 values as people read them: '2022-W08' is 'week of 21 Feb 2022', '198' the '1980s'.

The JSON keeps the values; screens and palettes show these. A value of a form not known here
is shown as it is.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_HALVES = {"1": "first half", "2": "second half"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_UNITS = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "DE": "decade",
    "CE": "century",
}  # fmt: skip
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_PERIOD = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)(DE|CE|[YMWDHS])$")
_UNKNOWN_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")
_UNKNOWN_MONTH = re.compile(r"^XXXX-(\d\d)(?:-(\d\d))?$")


def show_day(day: date) -> str:
    """'21 Feb 2022'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def show_date(value: str) -> str:
    """A TIMEX3 value (DATE, TIME, DURATION or SET) in words a reader reads at a glance."""
    if value in _REFS:
        return _REFS[value]
    day_part, _, time_part = value.partition("T")
    if time_part and not day_part.startswith("P"):
        return _with_time(show_date(day_part), time_part)
    for shown in (_calendar(value), _unknown_year(value), _duration(value)):
        if shown is not None:
            return shown
    return value


def _calendar(value: str) -> str | None:
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if re.fullmatch(r"\d\d", value):
        return f"{_ordinal(int(value) + 1)} century"
    if re.fullmatch(r"\d{4}", value):
        return value
    try:
        if match := _DAY.match(value):
            return show_day(date(*map(int, match.groups())))
        if match := _WEEK.match(value):
            year, week, weekend = int(match[1]), int(match[2]), match[3]
            if weekend:
                return f"weekend of {show_day(date.fromisocalendar(year, week, 6))}"
            return f"week of {show_day(date.fromisocalendar(year, week, 1))}"
    except ValueError:
        return None
    if (match := _MONTH.match(value)) and 1 <= int(match[2]) <= 12:
        return f"{_MONTHS[int(match[2]) - 1]} {match[1]}"
    if match := _PERIOD.match(value):
        named_year, period = match.groups()
        if period in _SEASONS:
            return f"{_SEASONS[period]} {named_year}"
        if period[0] == "H":
            return f"{_HALVES[period[1]]} of {named_year}"
        return f"{period} {named_year}"
    return None


def _unknown_year(value: str) -> str | None:
    if match := _UNKNOWN_WEEKDAY.match(value):
        return f"a {_WEEKDAYS[int(match[1]) - 1]}"
    if (match := _UNKNOWN_MONTH.match(value)) and 1 <= int(match[1]) <= 12:
        month = _MONTHS[int(match[1]) - 1]
        return f"{int(match[2])} {month}" if match[2] else month
    return None


def _duration(value: str) -> str | None:
    match = _DURATION.match(value)
    if not match:
        return None
    in_time, amount, unit = match.groups()
    name = (_TIME_UNITS if in_time else _UNITS).get(unit)
    if name is None:
        return None
    if amount == "X":
        return f"{name}s"
    number = float(amount)
    count = f"{number:g}"
    return f"{count} {name}" if number == 1 else f"{count} {name}s"


def _with_time(day: str, time: str) -> str:
    if time in _PARTS:
        return f"{day}, {_PARTS[time]}"
    return f"{day}, {time}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
