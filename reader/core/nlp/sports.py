"""Sports reports: a city standing alone names its club ("Leeds beat Chelsea 2-1"), and the
names in a results line ("Kestrels 6 Vallora 5") or a standings row are teams."""

from __future__ import annotations

import re
from itertools import islice

from reader.core.model import Entity
from reader.core.nlp.cues import CALENDAR_WORDS
from reader.core.nlp.gazetteer import Gazetteer
from reader.core.nlp.word_trie import first_chars, trie_alternation

_SPORTS_WORD_LIST = (
    "soccer football baseball basketball cricket tennis golf rugby hockey league cup match "
    "goal goals scored innings wicket wickets halftime half-time striker midfielder "
    "goalkeeper pitcher inning semifinal semifinals semi-final semi-finals quarterfinal "
    "quarterfinals quarter-final quarter-finals season championship tournament beat "
    "defeated drew standings playoff playoffs coach squad referee olympic olympics medal "
    "medals athlete athletes fixture fixtures stadium"
).split()
_SPORTS_ALTERNATION = "(?:" + trie_alternation(_SPORTS_WORD_LIST) + r"|relegat\w+)\b"
_SPORTS_WORDS = re.compile(r"\b" + _SPORTS_ALTERNATION, re.IGNORECASE)
"""Words of sports reports (lower case, the pattern ignoring case: see word_trie)."""
_SPORTS_WORDS_LOWER = re.compile(
    r"\b" + first_chars([*_SPORTS_WORD_LIST, "relegat"]) + _SPORTS_ALTERNATION
)
"""The same for lower-cased text, where ignoring case is lower-casing (and twice as fast;
the look-ahead rules out most places with one test)."""
_FOLDED_APART = re.compile("[\u0130\u0131\u017f]")
"""The characters for which ignoring case and lower-casing differ here: "İ" lower-cases to
two characters, and "ı" and "ſ" match "i" and "s" when case is ignored but lower-case to
themselves (every other character lower-cases to one that matches as it did; see tests)."""
_SPORTS_WINDOW = 3000
_SPORTS_MIN = 4
_RESULTS_MIN = 2
_MONTHS = "|".join(sorted(CALENDAR_WORDS, key=len, reverse=True))
_DATELINE = re.compile(
    r"(?: ?, *[A-Z][\w.]*(?: [A-Z][\w.]*)?)?"  # "CARLSBAD, California 1996-08-23"
    r"[ ,]+(?:\d{4}-\d\d-\d\d|\d{1,2} (?i:" + _MONTHS + r")\b|[A-Z][a-z]+\.? \d{1,2}\b"
    r"|\((?:AP|AFP|Reuters)\))"
)
_DATELINE_CITY = re.compile(r"(?:^|\n)[A-Z][A-Z .'-]+ ?, ?\Z")
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|to|of|outside|around|via)\s+$", re.IGNORECASE)

_NAME = r"[A-Z][\w.'&/-]*(?:[ \t]+(?![\d(])[\w.'&/-]+)*?"
"""A team's name: a capitalised word and any words after it that are no number."""
_BRACKETS = r"(?:[ \t]+\([^)\n]*\))?"
_SCORE_LINE = re.compile(
    rf"^(?:[^:\n]{{1,40}}:[ \t]+)?(?P<a>{_NAME}){_BRACKETS}[ \t]+\d{{1,3}}{_BRACKETS}"
    rf"[ \t]+(?P<b>{_NAME}){_BRACKETS}[ \t]+\d{{1,3}}(?![^\s)])",
    re.MULTILINE,
)
"""A results line: "Kestrels 6 Vallora 5", "Avon 2 ( Ray 7 ) Tees 1 ( aet )", "In Lyon:
Avon (France) 2 Tees (Malta) 1"."""
_TABLE_ROW = re.compile(
    rf"^(?P<a>{_NAME})(?:[ \t]+[-+]?\d+(?:[.:]\d+)?){{3,}}[ \t]*$", re.MULTILINE
)
"""A standings row: a team and at least three figures ("Avon 3 2 1 0 7 2 7")."""


def is_sports(text: str) -> bool:
    """A sports report: sports words near the start, or one and results lines (standings rows
    alone look like a company's figures)."""
    words = _sports_words(text[:_SPORTS_WINDOW])
    if words >= _SPORTS_MIN:
        return True
    return words > 0 and len(_SCORE_LINE.findall(text, 0, _SPORTS_WINDOW)) >= _RESULTS_MIN


def _sports_words(start: str) -> int:
    """How many sports words `start` has, counted up to `_SPORTS_MIN` (no more are asked)."""
    if _FOLDED_APART.search(start) is None:
        found = _SPORTS_WORDS_LOWER.finditer(start.lower())
    else:
        found = _SPORTS_WORDS.finditer(start)
    return sum(1 for _ in islice(found, _SPORTS_MIN))


def team_spans(line: str, offset: int) -> set[tuple[int, int]]:
    """The (start, end) of every team named in `line` if it is a results line or a
    standings row (a sports report's line; `offset` is where the line starts)."""
    match = _SCORE_LINE.match(line) or _TABLE_ROW.match(line)
    if match is None:
        return set()
    return {
        (offset + match.start(group), offset + match.end(group))
        for group, value in match.groupdict().items()
        if value
    }


def as_club(text: str, entity: Entity, lists: Gazetteer) -> Entity:
    """In sports reports a city standing alone names its club ("Leeds beat Chelsea 2-1").

    Countries stay places (national teams are reported under the country's name), and so
    does a city after a locative preposition ("in Leeds").
    """
    if entity.type != "place" or entity.text.lower() in lists.countries:
        return entity
    if _LOCATIVE.search(text, max(0, entity.start - 12), entity.start):
        return entity
    if _DATELINE.match(text, entity.end) and (
        entity.start == 0
        or text[entity.start - 1] == "\n"
        or _DATELINE_CITY.search(text, max(0, entity.start - 40), entity.start)
    ):
        return entity  # "LEEDS 1996-08-30", "MILWAUKEE, Wisconsin 1996-08-29"
    return Entity(entity.start, entity.end, entity.text, "organization")
