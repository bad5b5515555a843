"""The command line, run as a user runs it."""

import json

from tests.conftest import run_cli


def test_articles_json_on_seeds_by_default():
    result = run_cli("articles", "--json")
    assert result.returncode == 0, result.stderr
    ids = {a["id"] for a in json.loads(result.stdout)}
    assert ids == {"000_2a0d7ef2b9cd844b", "002_da322826d46cabef"}


def test_missing_path_is_a_clear_error(tmp_path):
    result = run_cli("articles", str(tmp_path / "nope"), "--json")
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_analyze_streams_and_reports_bad_lines():
    lines = '{"id": "a", "text": "Hello."}\nnot json\n{"id": "b", "text": "Bye."}\n'
    result = run_cli("analyze", "--jsonl", stdin=lines)
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert set(out[0]) >= {"entities", "timexes", "quotes"}
    assert "line" in result.stderr and "Traceback" not in result.stderr
