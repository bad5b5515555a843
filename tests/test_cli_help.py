"""The command line's help, suggestions and messages, run as a user runs it."""

import json

from tests.conftest import run_cli


def test_search_says_on_stderr_what_it_could_not_read():
    result = run_cli("search", "after:someday summit", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)  # the words still searched
    (line,) = [line for line in result.stderr.splitlines() if "someday" in line]
    assert line == "reader: search: after:'someday' is not a date I can read"
