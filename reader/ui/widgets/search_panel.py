"""The search box: hits across every article update as you type."""

from __future__ import annotations

from textwrap import shorten

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.core.dates_shown import show_date
from reader.core.library import Corpus
from reader.core.model import SearchHit, outlet_name
from reader.core.safe_text import clean
from reader.ui.highlight import snippet_content
from reader.ui.lease import LibraryLease
from reader.ui.messages import Notice, SearchFinished
from reader.ui.store_faults import FAULTS, tell

SEARCH_LIMIT = 50
TITLE_WIDTH = 100
"""A title longer than this (some sources' titles are their whole text) is cut, between words."""
SEARCH_GROUP = "search"


def hit_label(hit: SearchHit) -> Content:
    """The title, its outlet and day, then the snippet with matched words highlighted and an
    ellipsis where the article's text was cut."""
    day = (hit.published or "").partition("T")[0]
    where = " · ".join(x for x in (outlet_name(hit.source), show_date(day) if day else None) if x)
    return Content.assemble(
        (shorten(clean(hit.title or hit.article), TITLE_WIDTH, placeholder=" …"), "bold"),
        ("  " + clean(where), "dim") if where else "",
        "\n  ",
        "…" if hit.offset > 0 else "",
        snippet_content(hit.snippet, hit.highlights),
        "…" if hit.more else "",
    )


class SearchPanel(Vertical):
    """`/` opens it; typing searches; `enter` opens the highlighted hit; `escape` closes."""

    BINDINGS = [
        Binding("down", "move(1)", "Next hit", show=False),
        Binding("up", "move(-1)", "Previous hit", show=False),
        Binding("escape", "close", "Close search"),
    ]

    class HitChosen(Message):
        """The reader chose hit number `index` of `hits`."""

        def __init__(self, index: int, hits: list[SearchHit]) -> None:
            super().__init__()
            self.index = index
            self.hits = hits

    class Closed(Message):
        pass

    corpus: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """The corpus searched: the latest listed."""
    merged: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """When a merge comes, an open search runs again (actors are searched too)."""

    def __init__(self, lease: LibraryLease, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lease = lease
        self.hits: list[SearchHit] = []
        self.first_hit = 0
        """The option of the first hit (the query's problems come before it)."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search titles, text and actors…", id="search-input")
        yield OptionList(id="search-hits")

    def open(self) -> None:
        self.add_class("-open")
        self.query_one(Input).focus()

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        """Show hits for `query` unless the box has moved on to another query."""
        if query != self.query_one(Input).value:
            return
        self.hits = hits
        results = self.query_one("#search-hits", OptionList)
        problems = [  # what in the query could not be read (an unknown filter, a bad date)
            Option(Content.styled(clean(f"Not understood: {problem}"), "dim"), disabled=True)
            for problem in getattr(hits, "problems", [])
        ]
        if not hits:
            text = "No match." if query.strip() else "Type to search."
            results.set_options([*problems, Option(Content.styled(text, "dim"), disabled=True)])
            return
        options = [Option(hit_label(hit), id=f"hit:{i}") for i, hit in enumerate(hits)]
        results.set_options([*problems, *options])
        self.first_hit = results.highlighted = len(problems)

    def watch_merged(self) -> None:
        if self.is_open:
            self.run_search(self.query_one(Input).value)

    @work(thread=True, exclusive=True, group=SEARCH_GROUP, exit_on_error=False, name="search")
    def run_search(self, query: str) -> None:
        """Search the corpus off the UI thread; the hits come back as SearchFinished."""
        hits: list[SearchHit] = []
        try:
            with self.lease.use() as library:
                if library is not None and query.strip():
                    hits = library.search(self.corpus, query, SEARCH_LIMIT)
        except FAULTS as error:  # a store that cannot be read now: said as every read says it
            tell(self, error)
        except Exception as error:  # a search bug must not take the reader down
            self.post_message(Notice(f"Search failed: {error!r}"))
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(query, hits))

    @on(SearchFinished)
    def _finished(self, message: SearchFinished) -> None:
        message.stop()
        self.show_hits(message.query, message.hits)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#search-hits", OptionList).highlighted
        if self.hits:
            index = max((highlighted or 0) - self.first_hit, 0)
            self.post_message(self.HitChosen(index, self.hits))

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            index = int(event.option.id.split(":")[1])
            self.post_message(self.HitChosen(index, self.hits))

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-hits", OptionList)
        if self.hits:
            current = results.highlighted or self.first_hit
            last = self.first_hit + len(self.hits) - 1
            results.highlighted = max(self.first_hit, min(current + step, last))

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Closed())
