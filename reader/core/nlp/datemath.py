"""Calendar arithmetic for resolving relative dates: weekdays, ISO weeks, month and year shifts."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_CALENDAR_VALUE = re.compile(r"^(\d{3})$|^(\d{4})(?:-W(\d\d)|-(\d\d)(?:-(\d\d))?)?(?:T.*)?$")


def iso_week(day: date) -> str:
    """The ISO week holding `day`, e.g. '2022-W08' (ISO years differ from calendar years)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_weeks(day: date, weeks: int) -> str:
    return iso_week(day + timedelta(weeks=weeks))


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by `months`, across year ends."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's end (Jan 31 + 1 -> Feb 28/29)."""
    year, month = shift_months(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years; Feb 29 becomes Feb 28 in a common year."""
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def previous_weekday(day: date, weekday: int, include_today: bool = True) -> date:
    """The latest date with `weekday` (Monday=0) on or before `day`."""
    back = (day.weekday() - weekday) % 7
    if back == 0 and not include_today:
        back = 7
    return day - timedelta(days=back)


def next_weekday(day: date, weekday: int, include_today: bool = True) -> date:
    """The earliest date with `weekday` on or after `day` (strictly after if not include_today)."""
    ahead = (weekday - day.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return day + timedelta(days=ahead)


def weekday_in_week(day: date, weekday: int) -> date:
    """The date with `weekday` in the ISO week (Monday to Sunday) holding `day`."""
    return day + timedelta(days=weekday - day.weekday())


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def calendar_start(value: str) -> date | None:
    """The first day of a calendar value: '199' (decade), '2022', '2022-02', '2022-W08', ...

    None for anything else (durations, PRESENT_REF, 'XXXX-...').
    """
    match = _CALENDAR_VALUE.match(value)
    if not match:
        return None
    decade, year, week, month, day = match.groups()
    try:
        if decade:
            return date(int(decade) * 10, 1, 1)
        if week:
            return date.fromisocalendar(int(year), int(week), 1)
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def precision(value: str) -> int:
    """How fine a calendar value is: decade 0, year 1, month 2, week 3, day 4."""
    if re.match(r"^\d{3}$", value):
        return 0
    if "-W" in value:
        return 3
    return {4: 1, 7: 2}.get(len(value.split("T")[0]), 4)
