"""The type of a candidate name, decided by an ordered table of small named checks.

Each check looks at one candidate and either decides (a type, or `NOT_AN_ENTITY`) or passes
(None) to the next; the first decision wins and a candidate no check decides stays untyped
(the document's own findings may settle it later, see `entities`). The order matters: list
look-ups come before suffix cues, and cues about several words before those about one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.core.nlp import cues
from reader.core.nlp.entity_parts import (
    ACRONYM,
    CAMEL,
    NAME_PREFIXES,
    Candidate,
    Document,
    Token,
    could_be_name,
    is_first_name,
    lookup,
    name_like,
    surface,
)

NOT_AN_ENTITY = ""
"""A decision that the candidate names nothing ("The", "NEW YORK TIMES" without context)."""


class Seen:
    """One candidate as the checks see it, with what several checks ask worked out once
    (a plain slotted class: this runs for every candidate)."""

    __slots__ = ("doc", "candidate", "words", "name", "known", "single", "before")

    def __init__(self, doc: Document, candidate: Candidate) -> None:
        self.doc = doc
        self.candidate = candidate
        text, start = doc.text, candidate.start
        self.words = [t.lower for t in candidate.tokens]
        self.name = text[start : candidate.end].lower()  # the whole name
        self.known = lookup(doc.lists, self.name)
        """What the lists say the whole name is."""
        self.single = len(self.words) == 1
        window = text[max(0, start - 20) : start]
        words = window.rsplit(None, 1) if window[-1:].isspace() else ()
        self.before = words[-1].lower() if words else ""
        """The word written just before the name, lower-cased ("" if none or no space)."""


Check = Callable[[Seen], str | None]


def the_institution(seen: Seen) -> str | None:
    """ "the Commission", "the Treasury": an institution's word capitalised after "the" names
    the one the article is about (lower case, "the commission", it is a common noun)."""
    candidate = seen.candidate
    if (
        seen.single
        and seen.words[0] in cues.ORG_SUFFIXES
        and not candidate.initial
        and seen.before == "the"
    ):
        return "organization"
    return None


def generic_word(seen: Seen) -> str | None:
    """A lone common noun or function word is an entity only if the lists know it."""
    first = seen.words[0]
    if seen.single and (first in cues.GENERIC_NOUNS or first in cues.FUNCTION_WORDS):
        return seen.known or NOT_AN_ENTITY
    return None


def after_person_cue(seen: Seen) -> str | None:
    """After a title ("Foreign Minister ..."), a name the lists do not know is a person."""
    return "person" if seen.candidate.person_cue and seen.known is None else None


def in_lists(seen: Seen) -> str | None:
    return seen.known


def generation_suffix(seen: Seen) -> str | None:
    """ "Donald Trump Jr.", "Trump Jr.": only a person's name ends in a generation."""
    if not seen.single and seen.words[-1].rstrip(".") in ("jr", "sr"):
        return "person"
    return None


_ORG_NOUN_AFTER = re.compile(
    r" (?:news )?(?:agency|newspaper|daily|group|company|firm|bank|club|airline|carrier|"
    r"brokerage|insurer|retailer|conglomerate|news agency)\b"
)


def organization_noun_after(seen: Seen) -> str | None:
    """ "Interfax news agency said", "the Pirelli group": a noun after the name says what it is."""
    if _ORG_NOUN_AFTER.match(seen.doc.text, seen.candidate.end):
        return "organization"
    return None


_ORG_NOUNS_BEFORE = frozenset(
    "company firm group carrier insurer bank retailer utility maker producer brokerage airline "
    "giant conglomerate unit subsidiary club team newspaper daily weekly magazine agency party "
    "operator".split()
)


def organization_noun_before(seen: Seen) -> str | None:
    """ "the insurer Vallora", "the daily Granma" (a Cuban province too): a noun before the
    name says what it is, unless the name is a country ("team Italy")."""
    if seen.before not in _ORG_NOUNS_BEFORE:
        return None
    return None if seen.name in seen.doc.lists.countries else "organization"


def team_in_results(seen: Seen) -> str | None:
    """A name in a sports report's results line or standings row is a team; a country
    stays a place (national teams are reported under the country's name)."""
    candidate = seen.candidate
    if not seen.doc.teams or (candidate.start, candidate.end) not in seen.doc.teams:
        return None
    return "place" if seen.name in seen.doc.lists.countries else "organization"


_BRACKETED = r"\(\s*([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})\s*\)"
_COUNTRY_AFTER = re.compile(r"\s*" + _BRACKETED)
_COUNTRY_BEFORE = re.compile(_BRACKETED + r"[ \t]+\Z")
_TIME_OR_END = re.compile(r"[ \t]*(?:$|\d)", re.MULTILINE)


def _is_place(seen: Seen, match: re.Match[str] | None) -> bool:
    return match is not None and lookup(seen.doc.lists, match.group(1).lower()) == "place"


def person_with_country(seen: Seen) -> str | None:
    """ "Lars Holm (Norway)": in results and line-ups, a name with a country in brackets."""
    tokens, lists, end = seen.candidate.tokens, seen.doc.lists, seen.candidate.end
    if "(" not in seen.doc.text[end : end + 3]:
        return None
    country = _COUNTRY_AFTER.match(seen.doc.text, end)
    if country is None or len(tokens) > 3:
        return None
    if all(name_like(lists, t, i == 0) for i, t in enumerate(tokens)) and _is_place(seen, country):
        return "person"
    return None


_AGE_AFTER = re.compile(r"[ \t]*,[ \t]*\d{1,3}[ \t]*,")


def person_with_age(seen: Seen) -> str | None:
    """ "Lars Holm, 45, was arrested": a name with an age in commas is a person."""
    tokens, lists = seen.candidate.tokens, seen.doc.lists
    end = seen.candidate.end
    if len(tokens) > 3 or "," not in seen.doc.text[end : end + 2]:
        return None
    if not _AGE_AFTER.match(seen.doc.text, end):
        return None
    return "person" if all(name_like(lists, t, i == 0) for i, t in enumerate(tokens)) else None


def team_after_country(seen: Seen) -> str | None:
    """ "3. Lars Holm (Norway) Vallora 4:05.2": the word between a rider's or driver's
    country and the time is the team."""
    candidate, text = seen.candidate, seen.doc.text
    if not seen.single or not seen.before.endswith(")"):
        return None
    if not _TIME_OR_END.match(text, candidate.end):
        return None
    before = _COUNTRY_BEFORE.search(text, max(0, candidate.start - 40), candidate.start)
    return "organization" if _is_place(seen, before) else None


_SCORER_FIGURES = re.compile(r"[ \t]+(?:\d{1,3}(?:st|nd|rd|th)\b|\d+(?:\.\d)?-\d+-\d+-\d+)")
"""A goal's minute ("Holm 33rd") or bowling figures ("Holm 12-1-76-0") after a name."""


def scorer(seen: Seen) -> str | None:
    """In a sports report, a name with a goal's minute or bowling figures is a player."""
    tokens = seen.candidate.tokens
    if (
        seen.doc.sports
        and len(tokens) <= 3
        and _SCORER_FIGURES.match(seen.doc.text, seen.candidate.end)
        and all(t.kind == "word" and not t.text.isupper() for t in tokens)
    ):
        return "person"
    return None


def place_and_nickname(seen: Seen) -> str | None:
    """ "Kestrel City Hawks", "Texas Rangers": in a sports report, a place and a plural
    nickname name a team."""
    tokens, lists = seen.candidate.tokens, seen.doc.lists
    last = tokens[-1]
    if (
        not seen.doc.sports
        or seen.single
        or not last.text.endswith("s")
        or not last.text[1:].islower()
        or seen.words[-1] in cues.PLACE_SUFFIXES
    ):
        return None
    place = surface(tokens[:-1], seen.doc.text).lower()
    return "organization" if lookup(lists, place) == "place" else None


def celestial(seen: Seen) -> str | None:
    token = seen.candidate.tokens[0]
    if seen.single and seen.words[0] in cues.CELESTIAL and token.text[1:].islower():
        return "place"
    return None


def all_capitals(seen: Seen) -> str | None:
    """Several words in capitals carry no case signal: a headline, not a name."""
    if not seen.single and all(t.text.isupper() for t in seen.candidate.tokens):
        return NOT_AN_ENTITY
    return None


def place_prefix(seen: Seen) -> str | None:
    """ "North Korea", "Greater London": a prefix before a known place."""
    words = seen.words
    if not seen.single and words[0] in cues.PLACE_PREFIXES:
        if lookup(seen.doc.lists, " ".join(words[1:])) == "place":
            return "place"
    return None


def place_and_state_code(seen: Seen) -> str | None:
    """ "Washington DC", "Portland ME": a known place and a short code in capitals."""
    tokens = seen.candidate.tokens
    if not seen.single and tokens[-1].text.isupper() and len(seen.words[-1]) <= 3:
        if lookup(seen.doc.lists, surface(tokens[:-1], seen.doc.text).lower()) == "place":
            return "place"
    return None


def event_suffix(seen: Seen) -> str | None:
    """ "Winter Olympics", "World Cup", and a lone "Olympics"."""
    return "other" if seen.words[-1] in cues.EVENT_SUFFIXES else None


def sports_league(seen: Seen) -> str | None:
    """In a sports report, "National League" is the competition, not a body."""
    if seen.doc.sports and not seen.single and seen.words[-1] == "league":
        return "other"
    return None


def organization_suffix(seen: Seen) -> str | None:
    if not seen.single and seen.words[-1] in cues.ORG_SUFFIXES:
        return "organization"
    return None


_OF = frozenset(("of", "for", "on"))


def head_of(seen: Seen) -> str | None:
    """ "Bank of England" and "Irish Department of Enterprise" are organisations, "Gulf of
    Mexico" a place."""
    words = seen.words
    if len(words) > 2 and words[1] in _OF and words[0] in cues.PLACE_OF_HEADS:
        if words[0] not in cues.ORG_OF_HEADS:
            return "place"
    for head, joiner in zip(words[:-2], words[1:-1], strict=True):
        if joiner in _OF and head in cues.ORG_OF_HEADS:
            return "organization"
    return None


def place_suffix(seen: Seen) -> str | None:
    return "place" if not seen.single and seen.words[-1] in cues.PLACE_SUFFIXES else None


def first_name_or_initial(seen: Seen) -> str | None:
    """ "J. Smith", "O.J. Smith", or a known first name before words that could be a name,
    or before one demonym-like surname ("Richard Finn", not "Christian Democrat")."""
    tokens, lists = seen.candidate.tokens, seen.doc.lists
    if seen.single:
        return None
    first = tokens[0]
    initials = first.kind == "abbr" and len(first.text) <= 4 and lookup(lists, first.lower) is None
    if first.kind == "initial" or initials:
        return "person"
    if is_first_name(lists, first) and (
        could_be_name(lists, tokens[1:]) or _demonym_surname(seen, tokens)
    ):
        return "person"
    return None


def _demonym_surname(seen: Seen, tokens: list[Token]) -> bool:
    groups = seen.doc.lists.groups
    last = tokens[-1]
    return (
        len(tokens) == 2
        and tokens[0].lower not in groups
        and last.lower in groups
        and not last.lower.endswith("s")
        and last.text[1:].islower()
    )


def group_word(seen: Seen) -> str | None:
    """A demonym or group word first ("Russian Cossacks"), or after a region word ("West
    African")."""
    words, groups = seen.words, seen.doc.lists.groups
    if seen.single:
        return None
    if words[0] in groups or (
        len(words) == 2 and words[0] in cues.PLACE_PREFIXES and words[1] in groups
    ):
        return "other"
    return None


def known_surname(seen: Seen) -> str | None:
    """Up to three name-like words ending in a known surname."""
    tokens, lists = seen.candidate.tokens, seen.doc.lists
    if (
        not seen.single
        and len(tokens) <= 3
        and seen.words[-1] in lists.last_names
        and all(name_like(lists, t, i == 0) for i, t in enumerate(tokens))
    ):
        return "person"
    return None


def not_a_name(seen: Seen) -> str | None:
    """A lone word that is never a name, a generic noun or a single letter."""
    first = seen.words[0]
    if seen.single and (first in cues.NOT_NAMES or first in cues.GENERIC_NOUNS or len(first) < 2):
        return NOT_AN_ENTITY
    return None


def acronym(seen: Seen) -> str | None:
    token = seen.candidate.tokens[0]
    if seen.single and (token.kind == "abbr" or ACRONYM.match(token.text)):
        return "organization"
    return None


def brand(seen: Seen) -> str | None:
    """ "WeWork", "SpaceX", "BuzzFeed": inner capitals, but not "McCain" or "DeSantis"."""
    text = seen.candidate.tokens[0].text
    if seen.single and CAMEL.match(text) and not NAME_PREFIXES.match(text):
        return "organization"
    return None


_PLACE_WORDS = "town|village|city|province|state|region|district|county|island|port|suburb"
_PLACE_BEFORE = re.compile(rf"\b(?:in|near|outside|(?:{_PLACE_WORDS}|capital|resort) of)[ \t]+\Z")
_PLACE_AFTER = re.compile(rf"[ \t]+(?:{_PLACE_WORDS}|airports?|valley|river)\b")
_NOT_PLACE_AFTER = re.compile(r"[ \t]*(?:['’]s\b|[A-Z\d])")


def place_in_context(seen: Seen) -> str | None:
    """ "in Sirnak", "the town of Jumet", "Madhumalla village": one unknown word after a
    locative or before a place noun is a place (checked last: lists and suffixes know
    better)."""
    candidate, text = seen.candidate, seen.doc.text
    if not seen.single or candidate.tokens[0].kind != "word":
        return None
    if _PLACE_AFTER.match(text, candidate.end) or (
        seen.before.endswith(("in", "near", "outside", "of"))  # as it must if the search finds
        and _PLACE_BEFORE.search(text, max(0, candidate.start - 16), candidate.start)
        and not _NOT_PLACE_AFTER.match(text, candidate.end)
    ):
        return "place"
    return None


TYPE_CHECKS: tuple[Check, ...] = (
    team_in_results,
    team_after_country,
    the_institution,
    generic_word,
    scorer,
    after_person_cue,
    organization_noun_before,
    in_lists,
    place_and_nickname,
    person_with_country,
    person_with_age,
    generation_suffix,
    organization_noun_after,
    celestial,
    all_capitals,
    place_prefix,
    place_and_state_code,
    event_suffix,
    sports_league,
    organization_suffix,
    head_of,
    place_suffix,
    first_name_or_initial,
    group_word,
    known_surname,
    not_a_name,
    acronym,
    brand,
    place_in_context,
)


_SEVERAL_WORDS_ONLY = frozenset(
    (place_and_nickname, generation_suffix, all_capitals, place_prefix, place_and_state_code)
    + (sports_league, organization_suffix, head_of, place_suffix, first_name_or_initial)
    + (group_word, known_surname)
)
"""The checks that pass over a one-word name whatever it is."""
_ONE_WORD_ONLY = frozenset(
    (team_after_country, the_institution, generic_word, celestial, not_a_name, acronym, brand)
    + (place_in_context,)
)
"""The checks that pass over a name of several words whatever it is."""
_SPORTS_ONLY = frozenset((team_in_results, scorer, place_and_nickname, sports_league))
"""The checks that pass over every name outside a sports report."""
_FOR_ONE_WORD = tuple(check for check in TYPE_CHECKS if check not in _SEVERAL_WORDS_ONLY)
_FOR_SEVERAL_WORDS = tuple(check for check in TYPE_CHECKS if check not in _ONE_WORD_ONLY)
_TABLES = {
    (single, sports): tuple(check for check in table if sports or check not in _SPORTS_ONLY)
    for single, table in ((True, _FOR_ONE_WORD), (False, _FOR_SEVERAL_WORDS))
    for sports in (True, False)
}
"""The checks asked, by (one word?, sports report?)."""


def entity_type(doc: Document, candidate: Candidate) -> str | None:
    """The first decision of `TYPE_CHECKS` for `candidate`; None when nothing decides or
    a check decides it is no entity. (Only the checks that can decide a name of its length,
    in its kind of report, are asked: the same first decision, in fewer calls.)"""
    seen = Seen(doc, candidate)
    for check in _TABLES[seen.single, doc.sports]:
        decision = check(seen)
        if decision is not None:
            return decision or None
    return None
