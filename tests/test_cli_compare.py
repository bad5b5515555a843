"""`reader compare`: the seeds are one story of two outlets, in the DESIGN.md shape; the table
shows outlet names and quotes as literal text."""

from __future__ import annotations

import io
import json

from rich.console import Console

from reader.core.compare import Comparison, Place, Row
from reader.core.model import StoryArticle
from reader.tables import compare_table
from tests.conftest import run_here
from tests.hostile import CLEAR, CONTROL, LINK, OSC_TITLE, QUIT


def test_compare_json_on_seeds_is_one_story_of_two_outlets():
    result = run_here("compare", "--json")
    assert result.returncode == 0, result.stderr
    (story,) = json.loads(result.stdout)
    assert set(story) >= {"story", "title", "outlets", "articles", "actors", "quotes", "events"}
    assert len(story["outlets"]) == 2 and "The Moscow Times" in story["outlets"]
    assert all(set(a) >= {"id", "source", "title", "published"} for a in story["articles"])
    assert all(set(a) >= {"name", "type", "outlets"} for a in story["actors"])
    assert all(set(q) >= {"speaker", "text", "outlets", "articles"} for q in story["quotes"])
    assert all(set(e) >= {"date", "text", "outlets"} for e in story["events"])
    speakers = {q["speaker"] for q in story["quotes"] if q["outlets"]}
    assert {"Jen Psaki", "Antony Blinken"} <= speakers
    blinken = next(q for q in story["quotes"] if q["speaker"] == "Antony Blinken")
    assert blinken["outlets"] == ["The Moscow Times"] and blinken["articles"]
    stories = json.loads(run_here("stories", "--json").stdout)
    listed = next(s for s in stories if s["id"] == story["story"])
    assert sorted(listed["outlets"]) == sorted(story["outlets"]), "stories count what compare does"
    again = run_here("compare", "--json", "--story", story["story"])
    assert json.loads(again.stdout) == [story]
    missing = run_here("compare", "--story", "no-such-story")
    assert missing.returncode == 1 and "no such story" in missing.stderr
    table = run_here("compare", env={"COLUMNS": "200"})
    assert table.returncode == 0 and "The Moscow Times" in table.stdout
    assert "only in" in table.stdout


def test_compare_table_cells_are_literal():
    outlets = [f"{OSC_TITLE}Fox", f"{LINK}"]
    quote = Row(
        "quote",
        f"{CLEAR}{QUIT}",
        [outlets[0]],
        [Place(outlets[0], "a", 0)],
        speaker=f"{OSC_TITLE}[bold]Psaki",
    )
    actor = Row("actor", f"{LINK}Putin", outlets, [], type="person")
    comparison = Comparison(
        "a",
        f"{CLEAR}[bold]{QUIT}",
        outlets,
        [StoryArticle("a", outlets[0], "t", None), StoryArticle("b", outlets[1], "t", None)],
        [actor],
        [quote],
        [],
    )
    out = io.StringIO()
    Console(file=out, width=200, force_terminal=True).print(compare_table(comparison))
    shown = out.getvalue()
    assert QUIT in shown and "[bold]Psaki" in shown and "only in Fox" in shown
    assert "CRASH" in shown and "PWNED" not in shown
    assert not CONTROL.search(shown.replace("\x1b[", ""))
