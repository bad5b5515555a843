"""TIMEX3 values shown as people read them."""

import pytest

from reader.core.dates_shown import show_date


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2022-02-21", "21 Feb 2022"),
        ("2022-W08", "week of 21 Feb 2022"),
        ("2022-W08-WE", "weekend of 26 Feb 2022"),
        ("2022-02", "Feb 2022"),
        ("2022", "2022"),
        ("198", "1980s"),
        ("19", "20th century"),
        ("20", "21st century"),
        ("2022-Q1", "Q1 2022"),
        ("2022-H2", "second half of 2022"),
        ("2021-SU", "summer 2021"),
        ("2022-02-21T14:30", "21 Feb 2022, 14:30"),
        ("2022-02-21TMO", "21 Feb 2022, morning"),
        ("PRESENT_REF", "now"),
        ("PAST_REF", "the past"),
        ("P3Y", "3 years"),
        ("P1W", "1 week"),
        ("PT2H", "2 hours"),
        ("PT1M", "1 minute"),
        ("P1M", "1 month"),
        ("P1.5Y", "1.5 years"),
        ("PXD", "days"),
        ("XXXX-WXX-1", "a Monday"),
        ("XXXX-03", "Mar"),
        ("XXXX-12-25", "25 Dec"),
    ],
)
def test_values_read_as_people_say_them(value, shown):
    assert show_date(value) == shown


@pytest.mark.parametrize("value", ["2022-13", "2022-02-30", "2022-W54", "XXXX-XX-XX", "", "junk"])
def test_a_value_of_no_known_form_or_no_real_day_is_shown_as_it_is(value):
    assert show_date(value) == value
