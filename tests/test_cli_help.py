"""The command line's help, suggestions and messages (a mistyped command run as a user runs
it, the rest in-process with `run_here`)."""

import json
import os

from tests.conftest import run_cli, run_here


def test_search_says_on_stderr_what_it_could_not_read():
    result = run_here("search", "after:someday summit", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)  # the words still searched
    (line,) = [line for line in result.stderr.splitlines() if "someday" in line]
    assert line == "reader: search: after:'someday' is not a date I can read"


def test_a_mistyped_subcommand_suggests_the_one_meant(tmp_path):
    result = run_cli("artcles")
    assert result.returncode == 2 and result.stdout == ""
    assert "did you mean `reader articles`?" in result.stderr


def test_help_lists_every_subcommand_and_the_default(tmp_path):
    out = run_here("--help").stdout
    assert "feeds" in out and "search" in out
    assert "else on your feeds" in " ".join(out.split())
    search = run_here("search", "--help").stdout
    assert 'source:"Fox News"' in search and "after:" in search and "@peskov" in search
    feeds = run_here("feeds", "add", "--help").stdout
    assert "Subscribe to a feed" in feeds


def test_feeds_list_says_when_there_are_none(tmp_path):
    result = run_here("feeds", "list", env={"READER_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 0 and "no feeds yet" in result.stdout
    as_json = run_here("feeds", "list", "--json", env={"READER_CONFIG_DIR": str(tmp_path)})
    assert json.loads(as_json.stdout) == []


def test_piped_tables_keep_words_whole(tmp_path):
    env = {"READER_CACHE_DIR": str(tmp_path), "COLUMNS": "80"}
    out = run_here("entities", env=env).stdout
    assert "Russians" in out and max(map(len, out.splitlines())) <= 80
    piped = {k: v for k, v in env.items() if k != "COLUMNS"}
    out = run_here("articles", env=piped).stdout  # no tty, no COLUMNS: a readable width
    assert "Unknown source" in out
    assert max(map(len, out.splitlines())) == int(os.environ.get("COLUMNS", 120))
