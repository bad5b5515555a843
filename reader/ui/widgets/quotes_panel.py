"""The quotes pane: who said what in the story being read (or the whole archive), each quote
with its outlet; the selected actor's alone once an actor is chosen."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reader.core.library import Corpus
from reader.core.model import CorpusQuote
from reader.core.safe_text import clean
from reader.ui.store_faults import said_when_it_fails

MAX_SHOWN = 300
"""Quotes shown at once (the whole archive may hold thousands); the rest are counted."""


def quote_text(quote: CorpusQuote, corpus: Corpus) -> Content:
    """`Speaker: “words” — Outlet, Title`."""
    header = corpus.header(quote.article)
    where = [header.source or "", header.title] if header else [quote.article]
    return Content.assemble(
        (clean(quote.speaker or "Unattributed"), "bold"),
        ": ",
        ("“", "dim"),
        clean(quote.text.strip("“”\"' ")),
        ("”", "dim"),
        (f" — {clean(', '.join(w for w in where if w))}", "$text-muted"),
    )


class QuotesPanel(VerticalScroll, can_focus=True):
    """The quotes of the right panel's corpus; `j`/`k` and the arrows scroll it."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    merged: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """The merged corpus whose quotes are shown: the story's or the archive's."""
    selected_actor: reactive[str | None] = reactive(None, init=False)
    """When set, only this actor's quotes are shown."""

    def compose(self):
        yield Static(id="quotes-text")

    def on_mount(self) -> None:
        self.show_quotes()

    def watch_merged(self) -> None:
        self.show_quotes()

    def watch_selected_actor(self) -> None:
        self.show_quotes()

    @said_when_it_fails
    def show_quotes(self) -> None:
        corpus = self.merged or Corpus()
        name = self.selected_actor
        quotes = corpus.quotes_of(name) if self.merged is not None else []
        if name:
            quotes = [q for q in quotes if q.speaker == name]
        lines = [quote_text(quote, corpus) for quote in quotes[:MAX_SHOWN]]
        if not quotes:
            empty = f"No quotes of {name}." if name else "No quotes found."
            lines = [Content.styled(clean(empty), "dim")]
        elif len(quotes) > MAX_SHOWN:
            lines.append(Content.styled(f"… {len(quotes) - MAX_SHOWN} more", "dim"))
        if name:
            lines.append(Content.styled("escape: every speaker's quotes", "dim"))
        self.query_one("#quotes-text", Static).update(Content("\n\n").join(lines))
        self.scroll_home(animate=False)
