"""Which type checks are asked of a candidate name: only those that can decide for a name
like it, in their order (see `entity_types`), so the first decision is the one the whole
table of checks gives, in fewer calls.

A check is left out by what the name is: one word or several, in a sports report or not,
known to the lists or not, after a title or not, and which kind of word is written before it.
"""

from __future__ import annotations

from itertools import product

from reader.core.nlp.entity_parts import Candidate, Document
from reader.core.nlp.entity_types import (
    ORG_NOUNS_BEFORE,
    TYPE_CHECKS,
    Check,
    Seen,
    acronym,
    after_person_cue,
    all_capitals,
    brand,
    celestial,
    first_name_or_initial,
    generation_suffix,
    generic_word,
    group_word,
    head_of,
    in_lists,
    known_surname,
    not_a_name,
    organization_noun_before,
    organization_suffix,
    place_and_nickname,
    place_and_state_code,
    place_in_context,
    place_prefix,
    place_suffix,
    scorer,
    sports_league,
    team_after_country,
    team_in_results,
    the_institution,
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
_AFTER: dict[Check, str] = {
    the_institution: "the",
    organization_noun_before: "noun",
    team_after_country: ")",
}
"""The checks that pass over a name unless the word before it is of their kind (see
`_before_kind`)."""


def _before_kind(before: str) -> str:
    if before == "the":
        return "the"
    if before in ORG_NOUNS_BEFORE:
        return "noun"
    return ")" if before.endswith(")") else ""


def _may_decide(
    check: Check, single: bool, sports: bool, known: bool, cue: bool, before: str
) -> bool:
    """Whether `check` can decide for a name of one word or several, in a sports report or
    not, that the lists know or not, after a title or not, after a word of kind `before`."""
    return (
        check not in (_SEVERAL_WORDS_ONLY if single else _ONE_WORD_ONLY)
        and (sports or check not in _SPORTS_ONLY)
        and (check is not in_lists or known)
        and (check is not after_person_cue or (cue and not known))
        and _AFTER.get(check, before) == before
    )


_BOTH = (True, False)
_TABLES = {
    key: tuple(check for check in TYPE_CHECKS if _may_decide(check, *key))
    for key in product(_BOTH, _BOTH, _BOTH, _BOTH, (*_AFTER.values(), ""))
}
"""The checks asked, by (one word?, sports report?, known to the lists?, after a title?, kind
of the word before)."""


def entity_type(doc: Document, candidate: Candidate) -> str | None:
    """The first decision of `TYPE_CHECKS` for `candidate`; None when nothing decides or
    a check decides it is no entity. (Only the checks that can decide such a name, in its
    kind of report, are asked: the same first decision, in fewer calls.)"""
    seen = Seen(doc, candidate)
    key = (seen.single, doc.sports, seen.known is not None, candidate.person_cue)
    for check in _TABLES[(*key, _before_kind(seen.before))]:
        decision = check(seen)
        if decision is not None:
            return decision or None
    return None
