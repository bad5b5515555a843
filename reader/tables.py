"""Readable Rich tables for the CLI subcommands run without --json."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.core.model import Actor, Article, CorpusQuote, Event, SearchHit


def show(table: Table) -> None:
    Console().print(table)


def _cell(value: object) -> Text:
    """Article text is data, never markup."""
    return Text("" if value is None else str(value))


def articles_table(articles: list[Article]) -> Table:
    """One row per article: outlet and section, date, headline with its id, paragraph count."""
    table = Table(title=f"{len(articles)} articles", expand=True, highlight=False)
    table.add_column("source", style="cyan", max_width=20, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("title / id", ratio=1, overflow="fold")
    table.add_column("¶", justify="right")
    for a in articles:
        source = Text(a.source or "?")
        if a.section:
            source.append(f"\n{a.section}", style="dim")
        title = Text(a.title, style="bold")
        title.append(f"\n{a.id}", style="dim")
        published = (a.published or "").replace("T", " ")
        table.add_row(source, _cell(published), title, _cell(len(a.paragraphs)))
    return table


def actors_table(actors: list[Actor]) -> Table:
    table = Table(title=f"{len(actors)} actors")
    for column in ("name", "type", "mentions", "roles", "aliases", "articles"):
        table.add_column(column)
    for a in actors:
        table.add_row(
            *map(
                _cell,
                (
                    a.name,
                    a.type,
                    a.mentions,
                    ", ".join(a.roles),
                    ", ".join(a.aliases),
                    len(a.articles),
                ),
            )
        )
    return table


def timeline_table(events: list[Event]) -> Table:
    table = Table(title=f"{len(events)} events")
    for column in ("date", "expression", "text", "actors", "articles"):
        table.add_column(column)
    for e in events:
        table.add_row(
            *map(_cell, (e.date, e.expression, e.text, ", ".join(e.actors), ", ".join(e.articles)))
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
    table = Table(title=f"{len(hits)} hits")
    for column in ("score", "article", "title", "snippet"):
        table.add_column(column)
    for h in hits:
        table.add_row(*map(_cell, (f"{h.score:.1f}", h.article, h.title, h.snippet)))
    return table
