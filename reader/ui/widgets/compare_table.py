"""The compare table: one story's actors, quotes and events down, its outlets across.

Every cell is built as rich Text from data (outlet names, quotes and actor names come from
outside: a str cell or label would be read as markup by the DataTable). The row column stays
put while the outlet columns scroll sideways (`fixed_columns`), so 6 outlets fit 80 columns.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from reader.core.compare import Comparison, Place, Row
from reader.core.dates_shown import show_date
from reader.core.safe_text import clean

SECTIONS = (("actor", "Actors"), ("quote", "Quotes"), ("event", "Events"))
"""The kinds of row, in the order the table groups them, with their section titles."""
OUTLET_WIDTH = (10, 18)
"""An outlet column's least and greatest width (a longer name is cut): from 10 on, "● only"
fits with its mark in the middle of the column, in line with the other rows' marks."""
TEXT_WIDTH = (28, 100)
"""The row column's least and greatest width; what the outlets leave of the screen, between."""
ELLIPSIS = "…"
CARRIED, ONLY, ABSENT = "●", "● only", "·"
"""The marks of an outlet cell: the outlet carries the row, carries it alone, or not."""


def cut(text: str, width: int) -> str:
    """`text` on one line, cut at a word to fit `width` characters with an ellipsis (a
    single word longer than the width is cut inside)."""
    line = " ".join(clean(text).split())
    if len(line) <= width:
        return line
    short = textwrap.shorten(line, width, placeholder=ELLIPSIS)
    return short if short != ELLIPSIS else line[: width - 1] + ELLIPSIS


def row_words(row: Row) -> tuple[str, str]:
    """A row's lead (speaker, date, actor type) and its words, as plain text."""
    if row.kind == "quote":
        return f"{row.speaker or 'unknown'}: ", f"“{row.text}”"
    if row.kind == "event":
        return f"{show_date(row.date) if row.date else 'undated'} ", row.text
    return "", f"{row.text} ({row.type})" if row.type else row.text


def place_of(row: Row, outlet: str) -> Place | None:
    """Where `outlet` carries `row` first (None: it does not)."""
    return next((place for place in row.places if place.outlet == outlet), None)


def where(row: Row) -> str:
    """The outlets that carry a row, with the paragraph each carries it in."""
    parts = []
    for outlet in row.outlets:
        place = place_of(row, outlet)
        paragraph = f" ¶{place.paragraph + 1}" if place and place.paragraph is not None else ""
        parts.append(f"{outlet}{paragraph}")
    return ", ".join(parts)


def section_heading(title: str, count: int, alone: int, only: bool) -> str:
    """A section's title with its rows and how many one outlet alone carries (◆, as those
    rows are marked); with `only`, those alone are shown."""
    if only:
        return f"{title} · ◆ {alone} of {count} only-in"
    return f"{title} · {count}" + (f" · ◆ {alone} only-in" if alone else "")


@dataclass(slots=True, frozen=True)
class Line:
    """One line of the table: a section's title (row None) or a row of that section."""

    kind: str
    row: Row | None = None


class CompareTable(DataTable):
    """The rows of a comparison, grouped in sections, a mark where each outlet has a row."""

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("h", "cursor_left", show=False),
        Binding("l", "cursor_right", show=False),
    ]

    def __init__(self, comparison: Comparison, **kwargs) -> None:
        super().__init__(cursor_type="cell", fixed_columns=1, **kwargs)
        self.comparison = comparison
        self.lines: list[Line] = []
        """The table's lines, in order (a line's index is its row's)."""

    def only_in(self, row: Row) -> str | None:
        return row.only_in(self.comparison.outlets)

    def rows_of(self, kind: str) -> list[Row]:
        c = self.comparison
        return {"actor": c.actors, "quote": c.quotes, "event": c.events}[kind]

    def fill(self, width: int, only: bool = False) -> None:
        """(Re)build the table for a screen `width` wide; with `only`, the rows one outlet
        alone carries. The cursor stays on the same line and column where it can."""
        row, column = self.cursor_coordinate
        self.clear(columns=True)
        outlets = self.comparison.outlets
        widths = [min(max(len(o), OUTLET_WIDTH[0]), OUTLET_WIDTH[1]) for o in outlets]
        room = width - 4 - sum(w + 2 for w in widths)
        text_width = min(max(room, TEXT_WIDTH[0]), TEXT_WIDTH[1])
        self.add_column(Text("Actor / quote / event", style="bold"), width=text_width)
        for outlet, outlet_width in zip(outlets, widths, strict=True):
            label = Text(cut(outlet, outlet_width), style="bold", justify="center")
            self.add_column(label, width=outlet_width)
        self.lines = []
        for kind, title in SECTIONS:
            every = self.rows_of(kind)
            alone = sum(1 for r in every if self.only_in(r))
            self.lines.append(Line(kind))
            heading = cut(section_heading(title, len(every), alone, only), text_width)
            self.add_row(Text(heading, style="bold underline"), *(Text("") for _ in outlets))
            for item in every:
                if not only or self.only_in(item):
                    self.lines.append(Line(kind, item))
                    self.add_row(self.row_cell(item, text_width), *self.marks(item, widths))
        self.move_cursor(row=min(row, len(self.lines) - 1), column=column, scroll=True)

    def row_cell(self, row: Row, width: int) -> Text:
        """The row's words cut to `width`, its lead in bold; a row one outlet alone carries
        starts with a mark and shows in the warning colour."""
        only = self.only_in(row)
        lead, words = (clean(part) for part in row_words(row))
        marker = "◆ " if only else ""
        line = cut(marker + lead + words, width)
        text = Text(line, style="italic yellow" if only else "")
        text.stylize("bold", len(marker), min(len(marker) + len(lead), len(line)))
        return text

    def marks(self, row: Row, widths: list[int]) -> list[Text]:
        """A mark per outlet column, each in the middle of its column (and "only" after it,
        so that the marks of a column line up)."""
        only = self.only_in(row)
        cells = []
        for outlet, width in zip(self.comparison.outlets, widths, strict=True):
            pad = " " * ((width - 1) // 2)
            if outlet not in row.outlets:
                cells.append(Text(pad + ABSENT, style="dim"))
            elif only:
                cells.append(Text(pad + ONLY, style="bold yellow", overflow="crop", no_wrap=True))
            else:
                cells.append(Text(pad + CARRIED, style="green"))
        return cells

    def line_at(self, index: int) -> Line | None:
        return self.lines[index] if 0 <= index < len(self.lines) else None

    def next_only(self, step: int) -> bool:
        """Move the cursor to the next (step 1) or previous (-1) row one outlet alone
        carries, round the table; False when there is none."""
        count = len(self.lines)
        here = self.cursor_coordinate.row
        for distance in range(1, count + 1):
            index = (here + step * distance) % count
            line = self.lines[index]
            if line.row is not None and self.only_in(line.row):
                column = self.comparison.outlets.index(line.row.outlets[0]) + 1
                self.move_cursor(row=index, column=column)
                return True
        return False
