"""Each family of temporal expressions, resolved against a publication time."""

import re
from datetime import datetime

import pytest

from reader.core.nlp.timex import find_timexes
from reader.core.nlp.timex_context import _LIKELY_YEAR

WEDNESDAY = datetime(2022, 2, 23)
MONDAY = datetime(2022, 2, 21, 9, 14)


def found(text: str, reference: datetime | None = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, reference)]


def one(text: str, reference: datetime | None = WEDNESDAY) -> tuple[str, str, str]:
    timexes = found(text, reference)
    assert len(timexes) == 1, timexes
    return timexes[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It was signed on February 23, 2022 in Kyiv.",
            ("February 23, 2022", "DATE", "2022-02-23"),
        ),
        ("The deadline is Feb. 28 for all.", ("Feb. 28", "DATE", "2022-02-28")),
        ("He left on 3 March 2019 quietly.", ("3 March 2019", "DATE", "2019-03-03")),
        ("Talks began in September 2021.", ("September 2021", "DATE", "2021-09")),
        ("Putin invaded the Crimea in 2014 and stayed.", ("2014", "DATE", "2014")),
        ("It was built in the 1990s.", ("the 1990s", "DATE", "199")),
        ("The file is dated 2021-12-31.", ("2021-12-31", "DATE", "2021-12-31")),
        ("The report came out in December.", ("December", "DATE", "2021-12")),  # past tense
        ("The report comes out in April.", ("April", "DATE", "2022-04")),  # just ahead
    ],
)
def test_explicit_dates(text, expected):
    assert one(text) == expected


def test_an_earlier_month_in_the_future_is_next_year():
    november = datetime(1989, 11, 2)
    assert one("Payment will be made Jan. 2.", november) == ("Jan. 2", "DATE", "1990-01-02")


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("Macron spoke with Putin on Sunday.", WEDNESDAY, "2022-02-20"),
        ("On Friday, Biden announced it.", MONDAY, "2022-02-18"),
        ("Lavrov was to speak with Le Drian on Monday.", MONDAY, "2022-02-21"),  # the day itself
        ("Biden on Tuesday imposed new sanctions.", WEDNESDAY, "2022-02-22"),
        ("The meeting this Thursday was called off.", WEDNESDAY, "2022-02-24"),
        ("They will meet on Friday in Geneva.", WEDNESDAY, "2022-02-25"),
        ("He arrived last Wednesday.", WEDNESDAY, "2022-02-16"),
        ("They meet next Monday.", WEDNESDAY, "2022-02-28"),
        ("He is expected to decide on Monday.", datetime(2010, 12, 12), "2010-12-13"),
    ],
)
def test_weekdays(text, reference, value):
    assert one(text, reference)[1:] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This week, Putin signed treaties.", ("This week", "DATE", "2022-W08")),
        ("Prices rose last week.", ("last week", "DATE", "2022-W07")),
        ("Prices rose last month.", ("last month", "DATE", "2022-01")),
        ("It opens next year.", ("next year", "DATE", "2023")),
        ("It closed two years ago.", ("two years ago", "DATE", "2020")),
        ("It closed three days ago.", ("three days ago", "DATE", "2022-02-20")),
        ("Sales fell in the fourth quarter.", ("the fourth quarter", "DATE", "2021-Q4")),
        ("It happened yesterday.", ("yesterday", "DATE", "2022-02-22")),
        ("We met over the weekend.", ("the weekend", "DATE", "2022-W07-WE")),
        ("We met over the past weekend.", ("the past weekend", "DATE", "2022-W07-WE")),
        ("Sales fell over the last winter.", ("the last winter", "DATE", "2021-WI")),
    ],
)
def test_relative_dates(text, expected):
    assert one(text) == expected


def test_relative_week_at_a_year_end():
    assert one("Shops were busy last week.", datetime(2021, 1, 6))[2] == "2020-W53"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "It fell early Monday morning.",
            MONDAY,
            ("early Monday morning", "TIME", "2022-02-21TMO"),
        ),
        (
            "A statement Sunday evening said so.",
            MONDAY,
            ("Sunday evening", "TIME", "2022-02-20TEV"),
        ),
        ("Polls close at 10 p.m. in the east.", WEDNESDAY, ("10 p.m.", "TIME", "2022-02-23T22:00")),
        ("Rates were set this morning.", WEDNESDAY, ("this morning", "TIME", "2022-02-23TMO")),
        (
            "Bids closed at 5 p.m. EST Nov. 9.",
            datetime(1989, 11, 2),
            ("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00"),
        ),
    ],
)
def test_times_of_day(text, reference, expected):
    assert one(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He served three years in jail.", "P3Y"),
        ("It took 90 minutes.", "PT90M"),
        ("For several weeks nothing moved.", "PXW"),
        ("A two-year deal.", "P2Y"),
        ("It lasted a decade.", "P10Y"),
        ("In the last twenty-four hours it rained.", "PT24H"),
        ("Over the next three quarters it grows.", "P9M"),
        ("He left a few days later.", "PXD"),
    ],
)
def test_durations(text, value):
    assert one(text)[1:] == ("DURATION", value)


def test_ages_are_not_durations():
    assert found("The 37 years old man left.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("They meet every week.", "P1W"), ("It is checked every Monday.", "XXXX-WXX-1")],
)
def test_sets(text, value):
    assert one(text)[1:] == ("SET", value)


@pytest.mark.parametrize("text", ["Now we know.", "Currently, 190,000 troops wait."])
def test_present(text):
    assert one(text)[1:] == ("DATE", "PRESENT_REF")


@pytest.mark.parametrize(
    "text",
    [
        "The plan may fail.",
        "We are ready.",
        "Mix 1/2 cup of flour.",
        "It costs $27 and $2014 in total.",
        "Growth was 2015.5 points.",
        "May I ask a question?",
    ],
)
def test_ambiguous_words_are_not_dates(text):
    assert found(text) == []


def test_without_reference_relative_dates_stay_unresolved():
    assert found("On Sunday, this week, two years ago, in 2014.", None) == [
        ("Sunday", "DATE", "XXXX-WXX-7"),
        ("this week", "DATE", "XXXX-WXX"),
        ("two years ago", "DATE", "PAST_REF"),
        ("2014", "DATE", "2014"),
    ]


def test_offsets_point_into_the_text():
    text = "Biden on Tuesday imposed sanctions; this Thursday talks were off."
    for timex in find_timexes(text, WEDNESDAY):
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("It ended.\n\nThis week, talks began.", "This week"),
        ("It ended.\n\n2014 was hard.", "2014"),
        ("Prices rose in early 2014.", "early 2014"),
        ("Talks run until the end of this year.", "the end of this year"),
        ("Growth slowed in the past three years.", "the past three years"),
        ("It was built in the mid-1990s.", "the mid-1990s"),
        ("Profit rose in fiscal 1989.", "fiscal 1989"),
    ],
)
def test_spans_take_their_modifiers_and_nothing_across_paragraphs(text, span):
    assert one(text)[0] == span


def test_amount_per_unit_is_a_set():
    assert one("It saves them $600 a year.")[1:] == ("SET", "P1Y")


def test_names_and_figures_of_speech_are_not_timexes():
    assert found("The Daily Beast reported it. He gave them little quarter.") == []


def test_holidays():
    march = datetime(2023, 3, 2)
    assert one("He attended a Christmas show.", march)[1:] == ("DATE", "2022-12-25")
    assert one("They met on Thanksgiving Day 2021.")[1:] == ("DATE", "2021-11-25")


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("Voters decide in November.", datetime(2010, 8, 9), "2010-11"),  # just ahead
        ("Sales slumped in late November.", datetime(2000, 1, 12), "1999-11"),  # well ahead: past
        ("Profit fell in April.", datetime(1989, 11, 2), "1989-04"),
        ("The note matures Feb. 1.", datetime(1989, 11, 2), "1990-02-01"),
    ],
)
def test_month_without_year_takes_the_likely_year(text, reference, value):
    assert one(text, reference)[2] == value


def test_the_previous_weekend_or_season_is_a_date_not_a_crash():
    assert one("Takings fell from the previous weekend.")[1] == "DATE"
    assert one("He missed training during the previous winter.")[1] == "DATE"


def test_a_date_beyond_the_calendar_gives_no_value_instead_of_an_error():
    text = "Tomorrow, next week, next year, yesterday, last year and three years ago."
    for published in ("9999-12-31", "0001-01-01"):
        found = find_timexes(text, datetime.fromisoformat(published))
        assert all(t.value for t in found)
        assert len(found) < 6  # those past year 9999 or before year 1 are left out


@pytest.mark.parametrize(
    "text",
    [
        "The governor may veto Senate Bill 1062 this week.",
        "She signed H.B. 1125 into law.",
        "Shares rose 3% by 1030 GMT in Frankfurt.",
        "The stock closed at 1115 pence.",
        "Users may keep a 1000 bookmarks online.",
        "Critics attacked the 1619 Project again.",
        "The panel met at 1900 GMT to vote.",
        "The 1684-page bill runs long.",
        "More than 1990 people signed the letter.",
    ],
)
def test_numbers_that_are_not_years(text):
    assert [value for _, kind, value in found(text) if kind == "DATE" and len(value) == 4] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The plant opened in 1931 and closed later.", "1931"),  # a lead-in word: 100 years back
        ("The firm was founded in 1875 by a banker.", None),  # history beyond that reach
        ("He recalled the 1998 budget fondly.", "1998"),  # no lead-in: close to publication
        ("He recalled the 1958 budget fondly.", None),
        ("A 2019 report found the flaw.", "2019"),
    ],
)
def test_a_bare_number_is_a_year_only_within_reach_of_publication(text, value):
    years = [v for _, kind, v in found(text) if kind == "DATE" and len(v) == 4]
    assert years == ([value] if value else [])


def test_an_undated_text_takes_its_own_most_named_year_as_its_time():
    text = "Sales in 2004 beat those of 2003. By 2004 the firm, founded in 1875, led."
    assert [v for _, _, v in found(text, None)] == ["2004", "2003", "2004"]
    assert found("The plant was founded in 1875 by a banker.", None) == []


@pytest.mark.parametrize(
    "text",
    [
        "2004 and 1999, 2010s x2004 _2004 .2004 ,2004 $2004 £2004 €2004 #2004 ٣2004 é2004",
        "2004.5 2004,1 2004:3 2004.x 2004 GMT 2004 % 2004- 20045 1899 2100 19٣٣ (2004) -2004",
        "2004",
        "",
    ],
)
def test_the_years_a_text_names_are_those_the_plain_pattern_finds(text):
    """The years counted in an undated text, found from the digits back, are those a pattern
    that looks behind first finds."""
    plain = r"(?<![\d.,$£€#])\b((?:19|20)\d\d)\b(?![.,:]?\d|\s*(?:GMT|%|-))"
    assert _LIKELY_YEAR.findall(text) == re.findall(plain, text)
