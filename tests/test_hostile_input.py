"""The hostile folder (tests/hostile.py) through `reader articles DIR --json`: every bad entry
gets a one-line message, the good ones load, nothing hangs (a timeout) or shows a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.hostile import Hostile, write_hostile

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters (tab and newline aside): never printed from outside data."""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def run(hostile: Hostile) -> subprocess.CompletedProcess[bytes]:
    """`reader articles` on the hostile folder; a hang fails the test after 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "reader", "articles", str(hostile.root), "--json"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )


def test_loads_the_good_and_reports_the_bad(hostile: Hostile, run) -> None:
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 0, stderr
    assert "Traceback" not in stderr
    articles = json.loads(run.stdout)
    titles = {article["title"] for article in articles}
    assert set(hostile.good_titles) <= titles
    lines = stderr.splitlines()
    assert all(line.startswith("reader: ") for line in lines)
    for name in hostile.skipped:  # each bad entry: one line naming it
        assert sum(f"/{name}: skipped" in line for line in lines) == 1, name
    records = [line for line in lines if "records.jsonl" in line]
    assert records == [
        f"reader: {hostile.root}/records.jsonl: skipped bad line 2; "
        "skipped line 4: truncated (the file ends mid-record)"
    ]


def test_names_that_are_not_utf8_become_valid_text(run) -> None:
    (article,) = [a for a in json.loads(run.stdout) if a["title"] == "Not UTF-8 name"]
    assert article["id"] == "latin-\\xe9t\\xe9"
    assert article["path"].endswith("/latin-\\xe9t\\xe9.txt")


def test_a_lying_charset_is_read_as_what_the_page_is(run) -> None:
    (article,) = [a for a in json.loads(run.stdout) if a["title"] == "Café summit"]
    assert "The café owners met the mayor on Monday – a ‘long’ talk." in article["paragraphs"]


def test_no_control_characters_reach_stdout_or_stderr(run) -> None:
    for stream in (run.stdout, run.stderr):
        text = stream.decode("utf-8", "replace")
        assert not CONTROLS.search(text)
