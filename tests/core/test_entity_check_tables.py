"""The type checks are asked by the length of the name: a check left out for one-word names
(or for names of several words) must pass over every such name, so that the first decision
is the one the whole table gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.nlp import entities, entity_types
from reader.core.nlp.entity_parts import Candidate, Document
from reader.core.nlp.entity_tokens import Token
from reader.core.nlp.gazetteer import gazetteer

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


def test_checks_left_out_pass_over_names_of_that_length(monkeypatch):
    asked = _named(monkeypatch)
    assert {len(c.tokens) == 1 for _, c in asked} == {True, False}
    assert {doc.sports for doc, _ in asked} == {True, False}
    for doc, candidate in asked:
        seen = entity_types.Seen(doc, candidate)
        left_out = entity_types._SEVERAL_WORDS_ONLY if seen.single else entity_types._ONE_WORD_ONLY
        if not doc.sports:
            left_out = left_out | entity_types._SPORTS_ONLY
        assert [check.__name__ for check in left_out if check(seen) is not None] == []


def test_the_tables_keep_the_order_of_the_whole_table():
    for table in (entity_types._FOR_ONE_WORD, entity_types._FOR_SEVERAL_WORDS):
        positions = [entity_types.TYPE_CHECKS.index(check) for check in table]
        assert positions == sorted(positions)
    both = set(entity_types._FOR_ONE_WORD) | set(entity_types._FOR_SEVERAL_WORDS)
    assert both == set(entity_types.TYPE_CHECKS)
    for (single, sports), table in entity_types._TABLES.items():
        whole = entity_types._FOR_ONE_WORD if single else entity_types._FOR_SEVERAL_WORDS
        assert table == tuple(c for c in whole if sports or c not in entity_types._SPORTS_ONLY)


@pytest.mark.parametrize(
    "before",
    ["in", "(in", "near", "the town of", "capital of", "within", "In", "in\t", "x in\n", "of  "],
)
def test_a_place_after_a_locative_is_found_as_the_search_alone_found_it(before):
    text = f"{before} Sirnak, officials said"
    start = text.index("Sirnak")
    token = Token(start, start + len("Sirnak"), "Sirnak", "word")
    seen = entity_types.Seen(Document(text, gazetteer()), Candidate([token]))
    found = entity_types._PLACE_BEFORE.search(text, max(0, start - 16), start)
    assert entity_types.place_in_context(seen) == ("place" if found else None)
