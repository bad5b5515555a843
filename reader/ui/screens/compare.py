"""The compare view: what each outlet of the story being read told, side by side.

A screen of its own over the main screen (`c` opens it; `escape` or `c` goes back to exactly
where the reader was, the main screen untouched beneath). `enter` on an outlet's cell goes back
with that outlet's article at the row's paragraph; on the row's words, at its first outlet's; on
an empty cell, a notification says which outlets carry the row instead (opening another outlet's
article there would not be what the cell promised). Rows one outlet alone carries are marked,
`n`/`N` step through them and `o` shows them alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from reader.core.compare import Comparison, Place
from reader.core.safe_text import clean
from reader.ui.widgets.compare_table import CompareTable, Line, place_of, row_words, where


@dataclass(slots=True, frozen=True)
class Chosen:
    """What the reader chose to read: a place in an outlet's article, and the actor to follow
    there (an actor's row names no paragraph: its mentions are emphasised instead)."""

    place: Place
    actor: str | None = None


def detail(line: Line | None, table: CompareTable) -> Content:
    """The full words of the line under the cursor, and where each outlet carries them."""
    if line is None:
        return Content("")
    if line.row is None:
        return Content.styled("enter on a mark opens that outlet's article there", "dim")
    lead, words = row_words(line.row)
    only = table.only_in(line.row)
    carried = f"only in {only}" if only else f"in {where(line.row)}"
    return Content.assemble(
        (clean(lead), "bold"),
        clean(" ".join(words.split())),
        (f"  · {clean(carried)}", "italic $text-warning" if only else "dim"),
    )


class CompareScreen(Screen[Chosen | None]):
    """One story's outlets side by side: actors, quotes and events, a mark where each has it."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("c", "dismiss(None)", "Back", show=False),
        Binding("n", "next_only(1)", "Next only-in"),
        Binding("N", "next_only(-1)", "Prev", key_display="N"),
        Binding("o", "toggle_only", "Only-in rows"),
    ]

    only: reactive[bool] = reactive(False, init=False)
    """Show only the rows one outlet alone carries (`o`)."""

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        c = self.comparison
        title = Content.assemble(("Compare · ", "bold $text-accent"), (clean(c.title), "bold"))
        yield Label(title, id="compare-title", classes="pane-title")
        yield Label(self.outlets_line(), id="compare-outlets")
        yield CompareTable(c, id="compare-table")
        yield Label("", id="compare-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(CompareTable)
        table.fill(self.app.size.width)
        table.move_cursor(row=1, column=1)
        table.focus()

    def on_resize(self) -> None:
        self.query_one(CompareTable).fill(self.size.width, self.only)

    def watch_only(self) -> None:
        self.query_one(CompareTable).fill(self.size.width, self.only)
        self.query_one("#compare-outlets", Label).update(self.outlets_line())

    def outlets_line(self) -> Content:
        outlets = self.comparison.outlets
        line = Content(f"{len(outlets)} outlets: {clean(', '.join(outlets))}")
        if self.only:
            hint = "  · ◆ only-in rows shown (o: all)"
            line = line + Content.styled(hint, "italic $text-warning")
        return line

    @on(DataTable.CellHighlighted)
    def _highlighted(self, message: DataTable.CellHighlighted) -> None:
        table = self.query_one(CompareTable)
        self.query_one("#compare-detail", Label).update(
            detail(table.line_at(message.coordinate.row), table)
        )

    @on(DataTable.CellSelected)
    def _selected(self, message: DataTable.CellSelected) -> None:
        table = self.query_one(CompareTable)
        line = table.line_at(message.coordinate.row)
        if line is None or line.row is None:
            return
        row = line.row
        outlets = self.comparison.outlets
        column = message.coordinate.column
        outlet = outlets[column - 1] if column > 0 else row.outlets[0]
        place = place_of(row, outlet)
        if place is None:
            self.notify(f"{outlet} does not carry this {row.kind}: see {', '.join(row.outlets)}.")
            return
        self.dismiss(Chosen(place, row.text if row.kind == "actor" else None))

    def action_next_only(self, step: int) -> None:
        if not self.query_one(CompareTable).next_only(step):
            self.notify("Every row here is carried by several outlets.", timeout=3)

    def action_toggle_only(self) -> None:
        self.only = not self.only
