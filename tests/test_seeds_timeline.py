"""Every timeline check of seed-expectations.json against `reader timeline seeds --json`."""

import json

import pytest

from tests.conftest import run_here


@pytest.fixture(scope="module")
def events() -> list[dict]:
    result = run_here("timeline", "seeds", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _matches(event: dict, check: dict) -> bool:
    return (
        event["date"] == check["date"]
        and event["expression"].lower() == check["expression"].lower()
        and check["article"] in event["articles"]
        and all(word.lower() in event["text"].lower() for word in check["words"])
    )


def test_every_seed_event_is_on_the_timeline(events, expectations):
    for check in expectations["timeline"]:
        found = [e for e in events if _matches(e, check)]
        assert found, f"no event for {check}"
        wanted = {name.lower() for name in check.get("actors_any", [])}
        if wanted:
            actors = {name.lower() for e in found for name in e["actors"]}
            assert actors & wanted, f"{check} has actors {actors}"


def test_events_are_oldest_first_and_shaped(events):
    for event in events:
        assert set(event) >= {"date", "expression", "text", "actors", "articles", "mentions"}
        for mention in event["mentions"]:
            assert set(mention) >= {"article", "text", "expression"}
    years = [event["date"][:4] for event in events]
    assert years == sorted(years)


def test_publication_dateline_is_not_an_event(events):
    assert not any(
        event["text"].strip() in ("February 23, 2022", "February 21, 2022 9:14am")
        for event in events
    )


def test_timeline_table_without_json():
    result = run_here("timeline", "seeds")
    assert result.returncode == 0, result.stderr
    assert "2022-W08" in result.stdout and "this Thursday" in result.stdout


def test_analyze_resolves_timexes_against_published():
    line = json.dumps({"id": "x", "text": "Biden spoke on Sunday.", "published": "2022-02-23"})
    result = run_here("analyze", "--jsonl", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    [timex] = json.loads(result.stdout)["timexes"]
    assert (timex["text"], timex["type"], timex["value"]) == ("Sunday", "DATE", "2022-02-20")
    assert (timex["start"], timex["end"]) == (15, 21)
