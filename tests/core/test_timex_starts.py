"""The time-expression rules are tried only where their start words begin a word: every place
a rule's pattern can match must be one of them, or a date would go unfound."""

import re

import pytest

from reader.core.nlp.timex import _matches, _starts
from reader.core.nlp.timex_patterns import THE
from reader.core.nlp.timex_starts import START_WORDS, by_word, start_index
from reader.core.nlp.timex_table import RULES

TEXT = """\
On Wednesday, February 23, 2022 the talks (Feb. 28; 3 March 2019, the 3rd of MAY 2020) ended.
Talks began in September 2021 and last March; next June, this Dec. and in May of 2014.
The file is dated 2021-12-31 or 12/31/2021. Putin came in 2014; the 1990s and the '80s too.
Today, yesterday morning, tomorrow night and TONIGHT; this afternoon and last evening.
Early Monday, the past Friday morning, later Sunday; next Tuesday, October 4.
This week, the coming month, last fiscal year, the current quarter, this spring, next decade.
The summer of 2012, the autumn 2019. The first quarter, 2021 second half of 2020, 3rd quarter.
Three years ago, 2 days earlier, a few weeks later, some months before, ten hours from now.
Twice a year, once a month, 3 a week. Thirty-one years, two and a half days, a 10-year-old.
For years and for decades. At 9 a.m. EST, 10:30pm, of 14:00, at noon, midnight on Tuesday.
5 p.m. on March 3, 2020. December this year, May next year. This weekend and the weekend.
The latest quarter, the most recent quarter. Last Christmas Eve, Valentine's Day 2019,
Thanksgiving Day, New Year's Eve, Independence Day. The end of the year, the start of the week.
Midday and overnight; year-ago and year-earlier figures. The recent years, the coming days.
The 21st century, every Monday, each week, per year. Daily, weekly, monthly and yearly.
Now, currently, nowadays, these days, at present. Recently, the past, the near future,
the long term. ſome ſeaſons ago, ſince THE PAST: Unicode that ignoring case matches ASCII.
The ſpring of 2019, the\u00a0summer 2020 and THE
WINTER OF 2021; the 21st century, the  2nd half, the pastor, the-end.
"""


@pytest.mark.parametrize("number", range(len(RULES)))
def test_every_match_starts_at_a_start_word(number):
    rule = RULES[number]
    index = by_word(TEXT)
    tried = set(_starts(index)[number])
    anywhere = re.compile(f"(?=(?:{rule.pattern.pattern}))", rule.pattern.flags)
    starts = {match.start() for match in anywhere.finditer(TEXT)}
    assert starts <= tried, sorted(starts - tried)
    spans = [m.span() for m in _matches(rule, TEXT, _starts(index)[number])]
    assert spans == [m.span() for m in rule.pattern.finditer(TEXT)]


def test_the_rules_name_the_only_with_the_word_after_it():
    """Many matches begin with "the", but tried at every "the" the rules took twice as long."""
    assert THE not in START_WORDS
    assert any(word.startswith(f"{THE} ") for rule in RULES for word in rule.starts)


def test_the_text_exercises_the_rules():
    """Most rules match the text above, so the test checks them at real matches."""
    matching = [rule for rule in RULES if rule.pattern.search(TEXT)]
    assert len(matching) >= len(RULES) - 2


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        TEXT.upper(),
        "The",
        "1",
        "",
        "é",
        "'9 x'9 9'9 '",
        "Ünter the 1é é1 ²3 'é 19th ab_1 _the the_ 1_2 THE tHe",
        "Straße ΣΑΣ ϹΑΣ. 3Σ the",
        "\u212aey wee\u212a wee\u212aly the\u212a",  # a KELVIN SIGN lower-cases to "k"
        "İstanbul the 1",  # "İ" lower-cases to two characters
        "the past the pastor the the ſpring the\tNEXT\n the 5th the ٥ the ²x the pastö the",
        "The\u00a0Weekend the\u212aweekend the wee\u212aend the- past the.past the_past",
        "éthe past ßnow ٣2004 Ωthe 5th ﬁnow «the past» —now",  # after a letter not in ASCII
        "Russia’s ’90s\u00a0½ ª x½ ½x the’s 5’x",
    ],
)
def test_the_start_index_is_the_one_word_by_word(text):
    fast = start_index(text, text.lower())
    assert {word: sorted(places) for word, places in fast.items()} == by_word(text)
