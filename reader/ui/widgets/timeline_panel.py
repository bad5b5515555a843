"""The timeline: dated events of the story (or the whole archive), this article's marked,
each with the outlets that told it."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.dates_shown import show_date
from reader.core.library import Corpus
from reader.core.model import Event, outlet_name
from reader.core.safe_text import clean

HERE_MARK = "●"
MAX_TEXT = 72
DATE_WIDTH = 11
"""'21 Feb 2022': longer dates push the text on."""


def told_by(event: Event, corpus: Corpus) -> list[str]:
    """The outlets of the articles that tell `event`, alphabetically."""
    headers = (corpus.header(article_id) for article_id in event.articles)
    return sorted({outlet_name(h.source) for h in headers if h}, key=str.casefold)


def event_label(event: Event, here: bool, outlets: Sequence[str] = ()) -> Content:
    """`● 20 Feb 2022  what happened · CNN, Fox News` (the mark when the article on screen
    tells it; then the outlets that told it)."""
    text = clean(event.text.replace("\n", " "))
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    parts: list[Content | str | tuple[str, str]] = [
        (HERE_MARK if here else " ", "bold $accent"),
        " ",
        (show_date(event.date).ljust(DATE_WIDTH), "bold $warning" if here else "$warning"),
        " ",
        (text, "" if here else "$text-muted"),
    ]
    if outlets:
        parts.append((f" · {clean(', '.join(outlets))}", "$text-secondary"))
    return Content.assemble(*parts)


class TimelinePanel(OptionList):
    """Events oldest first; the one for the cursor paragraph is highlighted."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class EventChosen(Message):
        """The reader chose event number `index` of the corpus timeline."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    merged: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """The merged corpus whose timeline is shown: the story's or the archive's (None until
    the first merge)."""
    article_id: reactive[str | None] = reactive(None, init=False)
    """The article on screen: the events it tells are marked."""
    cursor_event: reactive[int | None] = reactive(None, always_update=True, init=False)
    """The event told in the paragraph under the article cursor: highlighted."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.events: list[Event] = []
        self.here: set[int] = set()
        self.outlets: list[list[str]] = []
        """The outlets that told each event."""

    def watch_merged(self) -> None:
        self.show_events(self.merged.events if self.merged else [], self.article_id)

    def watch_article_id(self) -> None:
        self.watch_merged()

    def show_events(self, events: list[Event], article_id: str | None) -> None:
        """Show the whole timeline, marking the events `article_id` tells.

        For the same events, only the rows whose mark changes are redrawn: switching articles
        in a large corpus stays instant.
        """
        here = {i for i, e in enumerate(events) if article_id in e.articles}
        self.set_reactive(TimelinePanel.cursor_event, None)
        if events is self.events and events:
            for index in here ^ self.here:
                label = event_label(events[index], index in here, self.outlets[index])
                self.replace_option_prompt_at_index(index, label)
            self.here = here
            return
        corpus = self.merged or Corpus()
        self.events, self.here = events, here
        self.outlets = [told_by(event, corpus) for event in events]
        if not events:
            self.set_options([Option(Content("No dated events yet."), disabled=True)])
            return
        self.set_options(
            Option(event_label(event, i in self.here, self.outlets[i]), id=f"event:{i}")
            for i, event in enumerate(events)
        )

    def watch_cursor_event(self, index: int | None) -> None:
        """Highlight the event of the cursor paragraph (leaves the list alone while in use)."""
        if index is not None and not self.has_focus:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("event:"):
            self.post_message(self.EventChosen(int(event.option.id.split(":")[1])))
