"""What the entity rules reason about: tokens, candidate names, the document being read, and
the small tests of a word or name that many rules share (is it in the lists, could it be part
of a person's name, is it a title)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from reader.core.nlp import cues
from reader.core.nlp.entity_tokens import Token, Tokens
from reader.core.nlp.gazetteer import Gazetteer, gazetteer

CAMEL = re.compile(r"[A-Z][a-z]+[A-Z]")


ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}s?$")


MODEL_NUMBER = re.compile(r" \d[\w.-]* [a-z]")
"""A name followed by a number and a noun is a product: "Nord Stream 2 pipeline"."""


NAME_PREFIXES = re.compile(r"(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von|St)[A-Z]")


class Candidate:
    """A name found (`tokens`, at least one) and what the rules have made of it so far (a
    plain slotted class: the rules read its `start` and `end` hundreds of times an article)."""

    __slots__ = ("tokens", "type", "initial", "person_cue", "speaks", "start", "end")

    def __init__(
        self,
        tokens: list[Token],
        type: str | None = None,
        initial: bool = False,
        person_cue: bool = False,
    ) -> None:
        self.tokens = tokens
        self.type = type
        self.initial = initial
        self.person_cue = person_cue
        self.speaks = False
        """Followed by a speech verb: "Peskov said"."""
        self.start = tokens[0].start
        self.end = tokens[-1].end


@dataclass(slots=True)
class Document:
    text: str
    lists: Gazetteer
    found: list[Candidate] = field(default_factory=list)
    known: dict[str, str] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    headlines: list[list[Token]] = field(default_factory=list)
    """ALL-CAPS and Title Case stretches: only names known elsewhere are taken from them."""
    sports: bool = False
    teams: set[tuple[int, int]] = field(default_factory=set)
    """Where a sports report's results lines and standings rows name teams (start, end)."""


def lookup(lists: Gazetteer, name: str) -> str | None:
    if name in lists.organizations:
        return "organization"
    if name in lists.groups:
        return "group"
    if name in lists.places:
        return "place"
    return None


def could_be_name(lists: Gazetteer, tokens: list[Token]) -> bool:
    """Words that may be a person's name after a title ("Vladimir" is also a city)."""
    last = tokens[-1].lower
    return (
        all(
            t.kind in ("word", "initial")
            and not (t.kind == "word" and t.text.isupper())
            and t.lower not in lists.groups
            and t.lower not in cues.ORG_SUFFIXES
            for t in tokens
        )
        and last not in cues.ORG_SUFFIXES
        and last not in cues.PLACE_SUFFIXES
        and last not in cues.EVENT_SUFFIXES
    )


DOUBLE_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")


def double_name(lists: Gazetteer, token: Token, first: bool = True) -> bool:
    """ "Jean-Paul", "Ben-Elissar": a hyphenated name; as a first name, its first part is one
    (not "Biden-Putin")."""
    return DOUBLE_NAME.fullmatch(token.text) is not None and (
        not first or token.lower.partition("-")[0] in lists.first_names
    )


def is_first_name(lists: Gazetteer, token: Token) -> bool:
    return token.lower in lists.first_names or ("-" in token.lower and double_name(lists, token))


def name_like(lists: Gazetteer, token: Token, first: bool = True) -> bool:
    """A word that could be part of a person's name: not a place, group or institution word.

    Only a first word is checked against function words: "Theresa May" is a name.
    """
    low = token.lower
    return (
        token.kind == "word"
        and not token.text.isupper()
        and (
            (
                "-" not in low
                and (token.text[1:].islower() or NAME_PREFIXES.match(token.text) is not None)
            )
            or double_name(lists, token, first)
        )
        and low not in lists.places
        and low not in lists.groups
        and low not in cues.ORG_SUFFIXES
        and low not in cues.PLACE_SUFFIXES
        and low not in cues.EVENT_SUFFIXES
        and (not first or low not in cues.FUNCTION_WORDS)
    )


def is_role_word(lists: Gazetteer, token: Token) -> bool:
    """A word that stands before a name but is no part of it: a title ("MP"), a body
    ("House"), a demonym or party ("American", "Republican"), a word in capitals ("BIDEN").

    Places are left out ("Nairobi Serena Hotel" is a hotel), and so are two-letter capitals,
    which may be initials ("JP Morgan").
    """
    low = token.lower
    if token.text.isupper() and len(low) > 2:
        return True
    return (
        low not in lists.first_names
        and low not in cues.FUNCTION_WORDS
        and (
            low in cues.TITLE_HEADS
            or low in lists.organizations
            or low in lists.groups
            or low in cues.ORG_SUFFIXES
        )
    )


def unknown_name(doc: Document, candidate: Candidate) -> bool:
    """Two or three words that could be a person's name and are no product ("Nord Stream 2")."""
    tokens = candidate.tokens
    return (
        len(tokens) in (2, 3)
        and all(name_like(doc.lists, t, i == 0) for i, t in enumerate(tokens))
        and not MODEL_NUMBER.match(doc.text, candidate.end)
    )


_START = attrgetter("start")
_LIST_GAP = re.compile(r"[ \t]*(?:,|;|and)[ \t]*(?:\d{1,2}[ \t]*-[ \t]*)?")
"""What separates two names in a list or a line-up: ", ", " and ", ", 14 - "."""


def people_in_lists(doc: Document) -> None:
    """In a list of names ("Ann Lee, Tarvo Kelmig and Bo Ek"), an unknown two- or three-word
    name next to a person is a person too."""
    found = sorted(doc.found, key=_START)
    listed = [
        (one, two)
        for one, two in zip(found, found[1:], strict=False)
        if (one.type is None or two.type is None)  # else neither will change
        and _LIST_GAP.fullmatch(doc.text, one.end, two.start)
    ]
    for _ in range(2):  # a second pass carries it along the list
        for one, two in listed:
            for name, neighbour in ((one, two), (two, one)):
                if name.type is None and neighbour.type == "person" and _listed_name(doc, name):
                    name.type = "person"


def _listed_name(doc: Document, candidate: Candidate) -> bool:
    """Two or three words that could be a person's name, the last maybe a place's
    ("Duffy Waldorf")."""
    tokens = candidate.tokens
    return (
        len(tokens) in (2, 3)
        and name_like(doc.lists, tokens[0])
        and could_be_name(doc.lists, tokens)
        and all(t.text[1:].islower() or NAME_PREFIXES.match(t.text) for t in tokens)
    )


def inner_list(run: list[Token], tokens: Tokens, index: int) -> bool:
    """A comma or "and" inside an institution's name: "Department of Health and Human
    Services", "Bureau of Alcohol, Tobacco, Firearms and Explosives". Only after "<head> of",
    and only if the words listed are no names of their own and "and" closes the list."""
    if tokens[index].text not in (",", "and") or not _head_of(run):
        return False
    lists = gazetteer()
    for at in range(index, len(tokens) - 1, 2):
        joiner, word = tokens[at], tokens[at + 1]
        if joiner.text not in (",", "and") or not _plain_word(lists, word):
            return False
        if joiner.text == "and":
            return True
    return False


def inner_place(run: list[Token], tokens: Tokens, index: int) -> bool:
    """ "in Europe" closing an international body's name: "Organisation for Security and
    Cooperation in Europe". Only after "<head> for/on A and B" and before a place that ends
    the run ("the Ministry of Defence in London" is a ministry and a city)."""
    if tokens[index].lower != "in" or index + 1 >= len(tokens):
        return False
    place = tokens[index + 1]
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    return (
        any(t.lower == "and" for t in run)
        and any(
            t.lower in ("for", "on") and run[at - 1].lower in cues.ORG_OF_HEADS
            for at, t in enumerate(run[1:], 1)
        )
        and lookup(gazetteer(), place.lower) == "place"
        and (after is None or not after.capitalised)
    )


def _head_of(run: list[Token]) -> bool:
    return any(
        token.lower in ("of", "for", "on") and run[at - 1].lower in cues.ORG_OF_HEADS
        for at, token in enumerate(run[1:], 1)
    )


def _plain_word(lists: Gazetteer, token: Token) -> bool:
    """A capitalised word that names nothing by itself (not a known name, not an acronym, not
    the start of another institution: "Ministry of Defence and Foreign Office staff")."""
    return (
        token.capitalised
        and not token.text.isupper()
        and token.lower not in cues.TITLE_MODIFIERS
        and lookup(lists, token.lower) is None
    )


def surface(tokens: list[Token], text: str) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""
