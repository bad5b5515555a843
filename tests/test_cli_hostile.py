"""Hostile file names, titles, outlets and URLs through every CLI output: tables, --json and
the warnings on stderr show them as text; no control sequence reaches the terminal."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.hostile import CONTROL, LINK, LINK_NAME, QUIT, write_hostile


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = write_hostile(root / "hostile", root, names_only=True).root
    env = {"READER_CACHE_DIR": str(root / "cache"), "COLUMNS": "400"}
    return folder, env


def run_clean(*args: str, env: dict, stdin: str | None = None):
    """Run the CLI; it must succeed and write no control character to stdout or stderr."""
    result = run_cli(*args, stdin=stdin, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not CONTROL.search(stream), repr(CONTROL.search(stream))
    return result


@pytest.mark.parametrize("command", ["articles", "entities", "timeline", "quotes"])
def test_tables_and_warnings_show_hostile_text_literally(hostile, command):
    folder, env = hostile
    result = run_clean(command, str(folder), env=env)
    assert f"{LINK_NAME}{QUIT}skipped.txt: skipped" in result.stderr
    if command == "articles":
        assert f"[/]{QUIT}" in result.stdout  # the outlet (folded after 20 columns)
        assert f"Putin title {LINK} {QUIT} end" in result.stdout


def test_search_prints_titles_and_snippets_as_text(hostile):
    folder, env = hostile
    result = run_clean("search", "putin", str(folder), env=env)
    assert f"Putin title {LINK} {QUIT} end" in result.stdout
    assert "PWNED" not in result.stdout


@pytest.mark.parametrize("command", ["articles", "search"])
def test_json_escapes_control_characters_and_keeps_the_data(hostile, command):
    folder, env = hostile
    args = ["search", "putin"] if command == "search" else [command]
    result = run_clean(*args, str(folder), "--json", env=env)
    records = json.loads(result.stdout)
    title = records[0]["title"]
    assert title.startswith("\x1b]0;PWNED-TITLE\x07Putin title") and "\x9b31m" in title


def test_analyze_and_feeds_list_show_no_control_character(tmp_path):
    """The batch analysis and the feeds list print outside text too: escaped, never raw."""
    line = json.dumps({"id": "a\x9b2J", "text": "Putin said \x1b]0;PWNED\x07 it \x9b2J ended."})
    result = run_clean("analyze", "--jsonl", stdin=line + "\n", env={})
    assert json.loads(result.stdout)["id"] == "a\x9b2J"
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '[[feeds]]\nurl = "https://example.org/rss"\nname = "Feed \\u001b]0;PWNED\\u0007"\n'
    )
    result = run_clean("feeds", "list", env={"READER_CONFIG_DIR": str(config)})
    assert "https://example.org/rss" in result.stdout
