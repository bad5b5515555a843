"""The command line: what its commands answer (run in-process, `run_here`), and as a user runs
it where the process matters (`run_cli`: the default seeds, an exit code, bytes on stdin)."""

import json

from tests.conftest import run_cli, run_here


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
    result = run_here("analyze", "--jsonl", stdin=lines)
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert set(out[0]) >= {"entities", "timexes", "quotes"}
    assert "line" in result.stderr and "Traceback" not in result.stderr


def test_analyze_reports_each_bad_line_by_number_and_goes_on():
    good = '{"id": "ok", "text": "Putin met Biden in Geneva on Monday.", "published": "2021-06-16"}'
    bad = [
        "[1, 2]",  # not an object
        '{"id": "t", "text": 42}',  # text not a string
        '{"id": "m"}',  # text missing
        '{"id": "p", "text": "Hi.", "published": 20220101}',  # published not a string
        "[" * 100_000 + "]" * 100_000,  # nested too deeply for the parser
        '{"id": "big", "text": "x", "n": 1' + "0" * 5000 + "}",  # integer too long
        '{"id": "late", "text": "Next year, tomorrow.", "published": "9999-12-31"}',
        '{"id": "early", "text": "Last year, yesterday.", "published": "0001-01-01"}',
        "{truncated",
    ]
    lines = "\n".join([good, *bad, good]) + "\n"
    result = run_here("analyze", "--jsonl", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["ok", "late", "early", "ok"]
    errors = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["line"] for e in errors] == [2, 3, 4, 5, 6, 7, 10]
    assert all(e["error"] for e in errors)


def test_analyze_reports_a_line_that_is_not_utf8(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    lines = b'{"text": "caf\xe9"}\n{"id": "b", "text": "Bye."}\n'
    result = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", "--jsonl"],
        input=lines,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b"]
    assert json.loads(result.stderr)["line"] == 1


def test_stories_json_on_seeds_is_one_story_of_both_articles():
    result = run_here("stories", "--json")
    assert result.returncode == 0, result.stderr
    (story,) = json.loads(result.stdout)
    assert set(story) >= {"id", "title", "outlets", "first", "last", "articles", "actors"}
    assert {a["id"] for a in story["articles"]} == {"000_2a0d7ef2b9cd844b", "002_da322826d46cabef"}
    assert all(set(a) >= {"id", "source", "title", "published"} for a in story["articles"])
    assert story["first"] <= story["last"]
    table = run_here("stories", env={"COLUMNS": "240"})
    assert table.returncode == 0 and story["title"] in table.stdout


def test_search_hits_carry_story_source_and_date_and_filter_by_story():
    story = json.loads(run_here("stories", "--json").stdout)[0]["id"]
    result = run_here("search", f"summit story:{story}", "--json")
    hits = json.loads(result.stdout)
    assert hits and all(hit["story"] == story for hit in hits)
    assert all({"source", "published"} <= set(hit) for hit in hits)
