"""The CLI's Rich tables: data cells are literal text without control sequences, and
highlights still land on the matched words after escapes are removed."""

from __future__ import annotations

import io

from rich.console import Console

from reader.core.model import SearchHit, Story, StoryArticle
from reader.tables import hits_table, stories_table
from tests.hostile import CLEAR, CONTROL, LINK, OSC_TITLE, QUIT


def test_hit_cells_are_literal_and_highlights_are_remapped():
    snippet = f"{CLEAR}{LINK} met {OSC_TITLE}Putin"
    start = snippet.index("Putin")
    hit = SearchHit("a", f"{OSC_TITLE}{QUIT}", 1.0, snippet, 0, [(start, start + 5)])
    table = hits_table([hit])
    cells = [column._cells[0] for column in table.columns]
    title, text = cells[2], cells[3]
    assert title.plain == QUIT
    assert text.plain == f"{LINK} met Putin"
    assert [text.plain[s.start : s.end] for s in text.spans] == ["Putin"]
    out = io.StringIO()
    Console(file=out, width=200, force_terminal=True).print(table)
    assert f"{LINK} met" in out.getvalue() and QUIT in out.getvalue()
    assert "PWNED" not in out.getvalue()
    assert not CONTROL.search(out.getvalue().replace("\x1b[", ""))  # Rich's own styles only


def test_story_cells_are_literal():
    story = Story(
        id=f"{OSC_TITLE}id",
        title=f"{CLEAR}[bold]{QUIT}",
        outlets=[f"{LINK}"],
        first="2022-02-21",
        last="2022-02-23",
        articles=[StoryArticle("a", None, "t", None)],
        actors=[f"{OSC_TITLE}Putin"],
    )
    out = io.StringIO()
    Console(file=out, width=200, force_terminal=True).print(stories_table([story]))
    shown = out.getvalue()
    assert f"[bold]{QUIT}" in shown and "Putin" in shown and "PWNED" not in shown
    assert not CONTROL.search(shown.replace("\x1b[", ""))
