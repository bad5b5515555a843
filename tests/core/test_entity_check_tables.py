"""The type checks are asked by what a name is (one word or several, in a sports report, known
to the lists, after a title, after which kind of word): a check left out for such a name
must pass over it, so that the first decision is the one the whole table gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.nlp import entities, entity_type_tables, entity_types
from reader.core.nlp.entity_parts import Candidate, Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SPORTS = (
    "Soccer: Kestrel City Hawks beat Vallora 2-1 in the National League cup match.\n"
    "Lars Holm (Norway) Vallora 4:05.2\nHolm 33rd, Ek 12-1-76-0. Texas Rangers coach J. Smith, "
    "45, said the Winter Olympics and the World Cup season would wait; Bank of England and "
    "Gulf of Mexico. North Korea, Washington DC, WeWork, NATO, Mars, the Commission."
)


def _named(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Document, Candidate]]:
    asked: list[tuple[Document, Candidate]] = []
    real = entities.entity_type

    def recording(doc: Document, candidate: Candidate) -> str | None:
        asked.append((doc, candidate))
        return real(doc, candidate)

    monkeypatch.setattr(entities, "entity_type", recording)
    for text in [*(p.read_text() for p in sorted(SEEDS.glob("*.txt"))), SPORTS]:
        entities.find_entities(text)
    return asked


def test_checks_left_out_pass_over_the_name(monkeypatch):
    asked = _named(monkeypatch)
    assert {len(c.tokens) == 1 for _, c in asked} == {True, False}
    assert {doc.sports for doc, _ in asked} == {True, False}
    tables = set()
    for doc, candidate in asked:
        seen = entity_types.Seen(doc, candidate)
        key = (seen.single, doc.sports, seen.known is not None, candidate.person_cue)
        table = entity_type_tables._TABLES[(*key, entity_type_tables._before_kind(seen.before))]
        tables.add(table)
        left_out = [check for check in entity_types.TYPE_CHECKS if check not in table]
        assert [check.__name__ for check in left_out if check(seen) is not None] == []
    assert len(tables) >= 8


def test_the_tables_keep_the_order_of_the_whole_table():
    for table in entity_type_tables._TABLES.values():
        positions = [entity_types.TYPE_CHECKS.index(check) for check in table]
        assert positions == sorted(positions)
    assert set().union(*entity_type_tables._TABLES.values()) == set(entity_types.TYPE_CHECKS)
    assert len(entity_type_tables._TABLES) == 2 * 2 * 2 * 2 * 4


def test_a_check_for_the_word_before_is_asked_after_that_word_only():
    text = "Officials of the insurer Vallora met the Commission in Sirnak on Monday."
    found = {e.text: e.type for e in entities.find_entities(text)}
    assert found == {"Vallora": "organization", "Commission": "organization", "Sirnak": "place"}
    table = entity_type_tables._TABLES[True, False, False, False, "the"]
    assert entity_types.the_institution in table
    assert entity_types.organization_noun_before not in table
    assert entity_types.in_lists not in table
    assert entity_types.after_person_cue not in table
