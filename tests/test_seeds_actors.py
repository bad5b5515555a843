"""Every actor check of seed-expectations.json holds for `reader entities seeds --json`."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS, run_here


@pytest.fixture(scope="module")
def actors() -> list[dict]:
    result = run_here("entities", str(SEEDS), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _names(actor: dict) -> set[str]:
    return {actor["name"].lower(), *(alias.lower() for alias in actor["aliases"])}


def _find(actors: list[dict], spellings: list[str]) -> list[dict]:
    wanted = {s.lower() for s in spellings}
    return [a for a in actors if _names(a) & wanted]


def test_expected_actors(actors, expectations):
    problems = []
    for check in expectations["actors"]:
        found = [a for a in _find(actors, check["any"]) if a["type"] == check["type"]]
        if not found:
            problems.append(f"{check['any']}: no {check['type']} actor")
            continue
        actor = max(found, key=lambda a: a["mentions"])
        aliases = _names(actor)
        for alias in check.get("aliases_include", []):
            if alias.lower() not in aliases:
                problems.append(f"{actor['name']}: alias {alias!r} missing")
        for article in check.get("articles", []):
            if article not in actor["articles"]:
                problems.append(f"{actor['name']}: article {article} missing")
        roles = " ".join(actor["roles"]).lower()
        for word in check.get("role_words", []):
            if word.lower() not in roles:
                problems.append(f"{actor['name']}: role word {word!r} missing from {roles!r}")
    assert not problems, "\n".join(problems)


def test_not_actors(actors, expectations):
    wrong = [name for name in expectations["not_actors"] if _find(actors, [name])]
    assert not wrong


def test_one_actor_each(actors, expectations):
    for name in expectations["one_actor_each"]:
        word = name.lower()
        holders = [a for a in actors if a["type"] == "person" and any(word in n for n in _names(a))]
        assert len(holders) == 1, (name, [a["name"] for a in holders])


def test_table_without_json_lists_the_actors():
    result = run_here("entities", str(SEEDS), env={"COLUMNS": "160"})
    assert result.returncode == 0, result.stderr
    assert "Vladimir Putin" in result.stdout
    assert "Kremlin spokesman" in result.stdout
