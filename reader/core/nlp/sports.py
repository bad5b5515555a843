"""Sports reports: a city standing alone names its club ("Leeds beat Chelsea 2-1")."""

from __future__ import annotations

import re

from reader.core.model import Entity
from reader.core.nlp.gazetteer import Gazetteer

_SPORTS_WORDS = re.compile(
    r"\b(?:soccer|football|baseball|basketball|cricket|tennis|golf|rugby|hockey|league|"
    r"cup|match|goals?|scored|innings|wickets?|half-?time|striker|midfielder|goalkeeper|"
    r"pitcher|inning|semi-?finals?|quarter-?finals?|season|championship|tournament|"
    r"beat|defeated|drew|standings|playoffs?|relegat\w+|coach|squad|"
    r"referee|olympics?|medals?|athletes?|fixtures?|stadium)\b",
    re.IGNORECASE,
)
_SPORTS_WINDOW = 3000
_SPORTS_MIN = 4
_DATELINE = re.compile(
    r"[ ,]+(?:\d{4}-\d\d-\d\d|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2}\b|\((?:AP|AFP|Reuters)\))"
)
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|to|of|outside|around|via)\s+$", re.IGNORECASE)


def is_sports(text: str) -> bool:
    return len(_SPORTS_WORDS.findall(text, 0, _SPORTS_WINDOW)) >= _SPORTS_MIN


def as_club(text: str, entity: Entity, lists: Gazetteer) -> Entity:
    """In sports reports a city standing alone names its club ("Leeds beat Chelsea 2-1").

    Countries stay places (national teams are reported under the country's name), and so
    does a city after a locative preposition ("in Leeds").
    """
    if entity.type != "place" or entity.text.lower() in lists.countries:
        return entity
    if _LOCATIVE.search(text, max(0, entity.start - 12), entity.start):
        return entity
    if _DATELINE.match(text, entity.end) and (entity.start == 0 or text[entity.start - 1] == "\n"):
        return entity
    return Entity(entity.start, entity.end, entity.text, "organization")
