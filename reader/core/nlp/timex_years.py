"""Whether a bare four-digit number is a year: only with evidence ("Senate Bill 1062", "by 1030
GMT", "1115 pence", "the 1619 Project" are not). The evidence is the words around it and how
far it lies from the text's own year: the publication year or, for an undated text, the year
the text names most often."""

from __future__ import annotations

import re

from reader.core.nlp.timex_context import Context, TypedValue

YEAR_REACH_BACK = 100
"""With a lead-in word ("in", "since", "by"), a bare number is a year this far back from the
publication year at most; "in 1337" is history told in passing, not a dated event."""
YEAR_REACH_AHEAD = 50
BARE_YEAR_REACH = (50, 20)
"""A bare number with no lead-in word ("the 1990 budget") is a year within (back, ahead) years
of the publication year: "the 1619 Project" or "a 1000 web links" is not."""
UNDATED_YEARS = (1900, 2099)
"""The years a bare number may be in a text with no publication time and no year of its own."""
_YEAR_LEAD_WORD = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|during|of|before|after|through|throughout|between|"
    r"to|and|or|early|late|mid|fiscal|year|circa|around)[\s-]+|\bmid-|[,(]\s*)\Z",
    re.IGNORECASE,
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:[BHS]\.?\s?[BR]\.?|[HS]\.?\s?(?:Res|J|Con)\.?|Bill|bill|Act|Resolution|resolution|"
    r"No\.?|Number|number|Section|section|Article|Flight|flight|Route|Highway|Room|room|Suite|"
    r"Box|Chapter|Rule|Proposition|Prop\.?|Model|Vol\.?|[Pp]age|pp?\.|Code|Form)\s*#?|"
    r"(?i:\b(?:some|nearly|almost|over|(?:more|fewer|less)\s+than|up\s+to|approximately|"
    r"roughly|only)\s+))\Z"
)
"""Words after which a four-digit number is a name or a count: "Senate Bill 1062", "some 1500"."""
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:GMT|BST|UTC|CET|[ECMP][SD]T|hours?\b|hrs\b|local\s+time|pence\b|pixels\b|"
    r"-(?:page|word|member|seat|strong|mile|foot|yard|metre|meter|point|acre)s?\b)"
)
"""Words after which a four-digit number is a clock time or a count: "at 1030 GMT"."""


def year_value(m: re.Match, ctx: Context) -> TypedValue | None:
    """A bare four-digit number is a year only with evidence: a lead-in word and a year within
    reach of the publication year, or no lead-in word and a year close to it."""
    start, year = m.start("year"), int(m["year"])
    before = ctx.text[max(0, start - 25) : start]
    if _NOT_YEAR_BEFORE.search(before) or _NOT_YEAR_AFTER.match(ctx.text, m.end()):
        return None
    lead = _YEAR_LEAD_WORD.search(before)
    if ctx.year is None:
        low, high = UNDATED_YEARS
    else:
        back, ahead = (YEAR_REACH_BACK, YEAR_REACH_AHEAD) if lead else BARE_YEAR_REACH
        low, high = ctx.year - back, ctx.year + ahead
    return ("DATE", m["year"]) if low <= year <= high else None
