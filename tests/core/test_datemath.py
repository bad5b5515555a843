"""Calendar arithmetic: week boundaries, ISO weeks at year ends, leap days, month ends."""

from datetime import date

import pytest

from reader.core.nlp import datemath as dm


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2022, 2, 23), "2022-W08"),
        (date(2022, 2, 20), "2022-W07"),  # Sunday closes the ISO week
        (date(2022, 2, 21), "2022-W08"),  # Monday opens the next
        (date(2021, 1, 3), "2020-W53"),  # early January in the last ISO week of the year before
        (date(2024, 12, 30), "2025-W01"),  # late December in the first ISO week of the next
        (date(2026, 1, 1), "2026-W01"),
    ],
)
def test_iso_week(day, week):
    assert dm.iso_week(day) == week


def test_shift_weeks_crosses_year_end():
    assert dm.shift_weeks(date(2021, 1, 5), -1) == "2020-W53"
    assert dm.shift_weeks(date(2020, 12, 30), 1) == "2021-W01"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [((2022, 1), -1, (2021, 12)), ((2022, 12), 1, (2023, 1)), ((2022, 2), 24, (2024, 2))],
)
def test_shift_months(start, months, expected):
    assert dm.shift_months(*start, months) == expected


def test_add_months_clamps_to_month_end():
    assert dm.add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
    assert dm.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert dm.add_months(date(2022, 3, 31), -1) == date(2022, 2, 28)


def test_add_years_from_leap_day():
    assert dm.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert dm.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_weekdays_around_a_wednesday():
    wednesday = date(2022, 2, 23)
    assert dm.previous_weekday(wednesday, 6) == date(2022, 2, 20)  # Sunday before
    assert dm.previous_weekday(wednesday, 2) == wednesday  # the day itself
    assert dm.previous_weekday(wednesday, 2, include_today=False) == date(2022, 2, 16)
    assert dm.next_weekday(wednesday, 3) == date(2022, 2, 24)
    assert dm.next_weekday(wednesday, 2, include_today=False) == date(2022, 3, 2)
    assert dm.weekday_in_week(wednesday, 0) == date(2022, 2, 21)
    assert dm.weekday_in_week(wednesday, 6) == date(2022, 2, 27)


def test_weekday_across_month_end_and_leap_day():
    assert dm.previous_weekday(date(2024, 3, 1), 3) == date(2024, 2, 29)  # Friday -> Thursday
    assert dm.next_weekday(date(2022, 2, 28), 1) == date(2022, 3, 1)


def test_valid_date():
    assert dm.valid_date(2024, 2, 29)
    assert not dm.valid_date(2023, 2, 29)
    assert not dm.valid_date(2022, 4, 31)
    assert not dm.valid_date(2022, 13, 1)


@pytest.mark.parametrize(
    ("value", "start", "precision"),
    [
        ("199", date(1990, 1, 1), 0),
        ("2014", date(2014, 1, 1), 1),
        ("2022-02", date(2022, 2, 1), 2),
        ("2022-W08", date(2022, 2, 21), 3),
        ("2022-02-20", date(2022, 2, 20), 4),
    ],
)
def test_calendar_start_and_precision(value, start, precision):
    assert dm.calendar_start(value) == start
    assert dm.precision(value) == precision


def test_calendar_start_rejects_non_dates():
    for value in ("P3Y", "PRESENT_REF", "XXXX-WXX-1", "2022-02-30"):
        assert dm.calendar_start(value) is None
