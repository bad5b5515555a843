"""Readable Rich tables for the CLI subcommands run without --json.

Every cell is a Rich Text built from sanitised strings: Rich reads a str cell as markup, and a
title is data, so neither markup nor a terminal control sequence from a file gets through.
Cells wrap at word boundaries: each column is at least as wide as its longest word (up to
`WORD`), so "Russians" is never cut into "Russi/ans"; only longer words (ids) are folded.
"""

from __future__ import annotations

import os
import re
import sys

from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from reader.core.compare import Comparison, Row
from reader.core.model import Actor, Article, CorpusQuote, Event, SearchHit, Story, outlet_name
from reader.core.safe_text import clean, remap, sanitize

WORD = 16
"""The longest word a column widens for; longer ones (ids, URLs) fold."""
PIPED_WIDTH = 120
"""The width when stdout is not a terminal and COLUMNS is not set (Rich would take 80)."""
ARTICLE_ROWS = 2000
"""The most articles a table lists: more is unreadable on a terminal, and Rich holds every
cell of a table until it prints it. The caption says how many more; --json gives all."""
_WORD = re.compile(r"\S+")


def show(table: Table) -> None:
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    console = Console(width=PIPED_WIDTH if piped else None)
    fit_words(table, console.width)
    console.print(table)


def fit_words(table: Table, width: int) -> None:
    """When the table is wider than `width`, lay its columns out here: each wrapping column
    keeps room for its longest word (up to WORD characters; the widest give way first when even
    that does not fit), and the rest is shared by how much more each would take. Rich alone
    shrinks the widest columns evenly, cutting words ("Russi/ans")."""
    padding = 2  # Table's default (0, 1): one space either side
    room = width - (len(table.columns) + 1) - padding * len(table.columns)  # borders, padding
    natural = [min(max(_widest_line(c), 1), c.max_width or room) for c in table.columns]
    if sum(natural) <= room:
        return
    least = [
        n if c.no_wrap else min(_longest_word(c), WORD, n)
        for c, n in zip(table.columns, natural, strict=True)
    ]
    wrapping = [i for i, c in enumerate(table.columns) if not c.no_wrap]
    while wrapping and sum(least) > room and max(least[i] for i in wrapping) > 3:
        least[max(wrapping, key=least.__getitem__)] -= 1
    widths = _share(least, natural, room)
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
        column.ratio = None


def _share(least: list[int], natural: list[int], room: int) -> list[int]:
    """`least` widened towards `natural` within `room`: the columns wanting least more are
    served whole first, the rest share what is left evenly."""
    widths = list(least)
    spare = room - sum(widths)
    waiting = sorted(range(len(widths)), key=lambda i: natural[i] - widths[i])
    while waiting and spare > 0:
        index = waiting.pop(0)
        given = min(natural[index] - widths[index], spare // (len(waiting) + 1))
        widths[index] += max(given, 0)
        spare -= max(given, 0)
    return widths


def _texts(column: Column) -> list[str]:
    cells = [column.header, *column.cells]
    return [cell.plain if isinstance(cell, Text) else str(cell) for cell in cells]


def _longest_word(column: Column) -> int:
    words = (word for text in _texts(column) for word in _WORD.findall(text))
    return max(map(len, words), default=0)


def _widest_line(column: Column) -> int:
    return max((len(line) for text in _texts(column) for line in text.splitlines()), default=0)


def _cell(value: object, style: str = "") -> Text:
    """Data as a cell: literal text (never markup) without control sequences."""
    return Text("" if value is None else clean(value), style=style)


def articles_table(articles: list[Article]) -> Table:
    """One row per article: outlet and section, date, headline with its id, paragraph count;
    the first ARTICLE_ROWS only, the caption saying how many more."""
    more = len(articles) - ARTICLE_ROWS
    caption = f"the first {ARTICLE_ROWS} shown; {more} more with --json" if more > 0 else None
    table = Table(title=f"{len(articles)} articles", caption=caption, expand=True, highlight=False)
    table.add_column("source", style="cyan", max_width=20, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("title / id", ratio=1, overflow="fold")
    table.add_column("¶", justify="right")
    for a in articles[:ARTICLE_ROWS]:
        source = _cell(outlet_name(a.source))
        if a.section:
            source.append(f"\n{clean(a.section)}", style="dim")
        title = _cell(a.title, style="bold")
        title.append(f"\n{clean(a.id)}", style="dim")
        published = (a.published or "").replace("T", " ")
        table.add_row(source, _cell(published), title, _cell(len(a.paragraphs)))
    return table


TYPE_STYLES = {
    "person": "bold green",
    "organization": "bold blue",
    "place": "bold magenta",
    "group": "yellow",
    "other": "dim",
}
"""One colour per entity type, shared with the article view's legend."""


def actors_table(actors: list[Actor]) -> Table:
    """One row per actor: name and type in the type's colour, roles, aliases, counts."""
    table = Table(title=f"{len(actors)} actors", expand=True, highlight=False)
    table.add_column("name", ratio=2, overflow="fold")
    table.add_column("type", no_wrap=True)
    table.add_column("roles", ratio=2, overflow="fold")
    table.add_column("aliases", ratio=1, overflow="fold")
    table.add_column("mentions (articles)", justify="right", max_width=11)
    for a in actors:
        style = TYPE_STYLES.get(a.type, "")
        table.add_row(
            _cell(a.name, style),
            _cell(a.type, style),
            _cell("; ".join(a.roles)),
            _cell(", ".join(a.aliases)),
            _cell(f"{a.mentions} ({len(a.articles)})"),
        )
    return table


def timeline_table(events: list[Event]) -> Table:
    """Dated events, oldest first; the date's words are bold in each sentence."""
    table = Table(title=f"{len(events)} events")
    for column in ("date", "expression", "text", "actors"):
        table.add_column(column)
    table.add_column("articles", overflow="fold")  # ids: one long word each
    for e in events:
        text = _cell(e.text)
        text.highlight_words([clean(e.expression)], style="bold", case_sensitive=False)
        table.add_row(
            _cell(e.date),
            _cell(e.expression),
            text,
            _cell(", ".join(e.actors)),
            _cell("\n".join(e.articles)),
        )
    return table


def quotes_table(quotes: list[CorpusQuote]) -> Table:
    attributed = sum(1 for q in quotes if q.speaker)
    table = Table(title=f"{len(quotes)} quotes, {attributed} with a speaker")
    table.add_column("speaker", style="bold", no_wrap=True)
    table.add_column("quote", ratio=1)
    table.add_column("article", style="dim", overflow="fold", max_width=24)
    for q in quotes:
        speaker = _cell(q.speaker) if q.speaker else Text("unknown", style="italic dim")
        table.add_row(speaker, _cell(f"“{q.text}”"), _cell(q.article))
    return table


def hits_table(hits: list[SearchHit]) -> Table:
    """Ranked hits with the matched words emphasised in each snippet."""
    table = Table(title=f"{len(hits)} hits")
    table.add_column("score", no_wrap=True)
    table.add_column("article", overflow="fold")
    table.add_column("title")
    table.add_column("snippet")
    for h in hits:
        clean_snippet, removed = sanitize(h.snippet)
        snippet = Text(clean_snippet)
        for start, end in h.highlights:
            snippet.stylize("bold yellow", remap(start, removed), remap(end, removed))
        table.add_row(
            _cell(f"{h.score:.1f}"),
            _cell(h.article),
            _cell(h.title),
            snippet,
        )
    return table


def stories_table(stories: list[Story]) -> Table:
    """One row per story: its headline and id, outlets, article count, dates, main actors."""
    table = Table(title=f"{len(stories)} stories", expand=True, highlight=False)
    table.add_column("story / id", ratio=3, overflow="fold")
    table.add_column("outlets", style="cyan", ratio=2, overflow="fold")
    table.add_column("articles", justify="right")
    table.add_column("dates", no_wrap=True)
    table.add_column("actors", ratio=2, overflow="fold")
    for s in stories:
        title = _cell(s.title, style="bold")
        title.append(f"\n{clean(s.id)}", style="dim")
        first, last = ((d or "")[:10] for d in (s.first, s.last))
        dates = first if first == last else f"{first} – {last}"
        table.add_row(
            title,
            _cell(", ".join(s.outlets)),
            _cell(len(s.articles)),
            _cell(dates),
            _cell(", ".join(s.actors)),
        )
    return table


def compare_table(comparison: Comparison) -> Table:
    """One story's outlets side by side: a column per outlet with a mark where it carries the
    actor, quote or event of the row; a row one outlet alone carries says so."""
    outlets = comparison.outlets
    table = Table(title=_cell(comparison.title, style="bold"), expand=True, highlight=False)
    table.add_column("", no_wrap=True, style="dim")
    table.add_column("actor / quote / event", ratio=1, overflow="fold")
    for outlet in outlets:
        table.add_column(_cell(outlet, style="cyan"), justify="center", max_width=16)
    sections: list[tuple[str, list[Row]]] = [
        ("actor", comparison.actors),
        ("quote", comparison.quotes),
        ("event", comparison.events),
    ]
    for kind, rows in sections:
        for index, row in enumerate(rows):
            table.add_row(
                _cell(kind if index == 0 else ""),
                _row_text(row, outlets),
                *(_cell("●" if outlet in row.outlets else "", style="green") for outlet in outlets),
                end_section=index == len(rows) - 1,
            )
    return table


def _row_text(row: Row, outlets: list[str]) -> Text:
    """The row's words: an actor's name and type, a quote with its speaker, an event with its
    date; "only in ..." after a row one outlet alone carries."""
    if row.kind == "quote":
        text = _cell(f"{row.speaker or 'unknown'}: ", style="bold")
        text.append(_cell(f"“{row.text}”"))
    elif row.kind == "event":
        text = _cell(f"{row.date} ", style="bold")
        text.append(_cell(row.text))
    else:
        text = _cell(row.text, style=TYPE_STYLES.get(row.type or "", ""))
    only = row.only_in(outlets)
    if only:
        text.append(_cell(f"  only in {only}", style="italic yellow"))
    return text
