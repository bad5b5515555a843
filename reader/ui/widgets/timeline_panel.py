"""The timeline: dated events of the story (or the whole archive), this article's marked,
each with the outlets that told it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from reader.ui.hanging import Hanging
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.wrapped_options import WrappedOptions

HERE_MARK = "●"
MAX_TEXT = 72
DATE_WIDTH = 11
"""'21 Feb 2022': longer dates push the text on."""
WINDOW = 200
"""Events listed at once; a longer timeline (the whole archive's, a big story's) is listed a
window at a time. Each row listed is measured when the panel fills: 500 of them took most of
the time a 100,000-article archive's top story (1,351 events) took to show its panels."""
MARGIN = 50
"""The window moves when the cursor comes this close to its edge."""


def told_by(event: Event, corpus: Corpus) -> list[str]:
    """The outlets of the articles that tell `event`, alphabetically."""
    headers = (corpus.header(article_id) for article_id in event.articles)
    return sorted({outlet_name(h.source) for h in headers if h}, key=str.casefold)


def event_label(
    event: Event, here: bool, outlets: Sequence[str] = (), selected: bool = False
) -> Hanging:
    """`● 20 Feb 2022  what happened · CNN, Fox News` (the mark when the article on screen
    tells it; then the outlets that told it); a wrapped row's lines hang under its text.

    The selected row keeps no colours of its own: the cursor's (the theme's block cursor
    foreground on its background) would lose their contrast under them."""
    text = clean(event.text.replace("\n", " "))
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    mark, date, muted, told = "bold $accent", "$warning", "$text-muted", "$text-secondary"
    if here:
        date, muted = "bold $warning", ""
    if selected:
        mark = date = muted = told = "bold"
    head = Content.assemble(
        (HERE_MARK if here else " ", mark),
        " ",
        (show_date(event.date).ljust(DATE_WIDTH), date),
        " ",
    )
    parts: list[Content | str | tuple[str, str]] = [(text, muted)]
    if outlets:
        parts.append((f" · {clean(', '.join(outlets))}", told))
    return Hanging(head, Content.assemble(*parts))


class TimelinePanel(WrappedOptions):
    """Events oldest first; the one for the cursor paragraph is highlighted.

    A virtual list: it holds a window of WINDOW events around the cursor, read from the
    corpus's timeline (the whole archive's is read from the store a page at a time), and
    moves the window as the cursor nears its edge; a line above and below it counts the
    events outside. A story's timeline of up to WINDOW events is listed whole."""

    _bold_row: int | None = None
    """The row shown as selected (bold), relabelled when the highlight moves."""

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
        self.events: Sequence[Event] = []
        self.start = 0
        """The timeline index of the first event listed."""
        self.window: list[Event] = []
        """The events listed: `events[start : start + WINDOW]`."""
        self.here: set[int] = set()
        """The timeline indexes of the listed events the article on screen tells."""
        self.outlets: list[list[str]] = []
        """The outlets that told each listed event."""
        self._above = 0
        """Options before the first event: 1 when a line counts the earlier events."""

    def watch_merged(self) -> None:
        self.show_events(self.merged.events if self.merged else [], self.article_id)

    def watch_article_id(self) -> None:
        self.watch_merged()

    @property
    def windowed(self) -> bool:
        """Whether the timeline is longer than one window."""
        return len(self.events) > WINDOW

    @said_when_it_fails
    def show_events(self, events: Sequence[Event], article_id: str | None) -> None:
        """Show the timeline, marking the events `article_id` tells.

        For the same events, only the rows whose mark changes are redrawn: switching articles
        in a large corpus stays instant.
        """
        self.set_reactive(TimelinePanel.cursor_event, None)
        if events is self.events and events:
            here = self._told_here(article_id)
            changed, self.here = here ^ self.here, here
            for index in changed:
                self._relabel(index - self.start + self._above)
            return
        self.events = events
        self._list(0)

    def _relabel(self, option: int | None) -> None:
        """Draw option `option` again (its mark or its selection changed); not while the
        options are being replaced (they may not be the window's yet)."""
        if option is None or not 0 <= option < self.option_count:
            return
        local = option - self._above
        index = self.start + local
        if 0 <= local < len(self.window) and self.options[option].id == f"event:{index}":
            event = self.window[local]
            label = event_label(
                event, index in self.here, self.outlets[local], option == self.highlighted
            )
            self.replace_option_prompt_at_index(option, label)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        previous, self._bold_row = self._bold_row, highlighted
        self._relabel(previous)
        self._relabel(highlighted)

    def _told_here(self, article_id: str | None) -> set[int]:
        return {self.start + i for i, e in enumerate(self.window) if article_id in e.articles}

    @said_when_it_fails
    def _list(self, start: int) -> None:
        """List the window of events from `start` (clamped to the timeline)."""
        total = len(self.events)
        start = max(0, min(start, total - WINDOW))
        window = list(self.events[start : start + WINDOW])  # (an archive's: read, or failed)
        self.start, self.window = start, window
        corpus = self.merged or Corpus()
        self.outlets = [told_by(event, corpus) for event in self.window]
        self.here = self._told_here(self.article_id)
        if not self.window:
            self._above = 0
            self.set_options([Option(Content("No dated events yet."), disabled=True)])
            return
        options = []
        for local, event in enumerate(self.window):
            index = self.start + local
            label = event_label(event, index in self.here, self.outlets[local])
            options.append(Option(label, id=f"event:{index}"))
        self._above = 1 if self.start else 0
        if self.start:
            options.insert(0, _count_line(f"↑ {self.start:,} earlier events"))
        later = total - self.start - len(self.window)
        if later:
            options.append(_count_line(f"↓ {later:,} later events"))
        self.set_options(options)

    # Moving through a long timeline ----------------------------------------------------------

    def current(self) -> int | None:
        """The timeline index of the highlighted event."""
        if self.highlighted is None or not self.window:
            return None
        local = self.highlighted - self._above
        return self.start + local if 0 <= local < len(self.window) else None

    @said_when_it_fails
    def go_to(self, index: int) -> None:
        """Highlight event `index` of the timeline, moving the window when it is near its
        edge (or outside it)."""
        index = max(0, min(index, len(self.events) - 1))
        margin = min(MARGIN, WINDOW // 4)
        low = self.start + margin if self.start else 0
        end = self.start + len(self.window)
        high = end - margin if end < len(self.events) else end
        if not low <= index < high:
            with self.prevent(OptionList.OptionHighlighted):
                self._list(index - WINDOW // 2)
        self.highlighted = index - self.start + self._above

    def _step(self, by: int, fallback: Callable[[], None]) -> None:
        """Move by `by` events, stopping at the first and the last (no silent wrap)."""
        current = self.current()
        if current is None:
            fallback()
        else:
            self.go_to(current + by)

    def action_cursor_down(self) -> None:
        self._step(1, super().action_cursor_down)

    def action_cursor_up(self) -> None:
        self._step(-1, super().action_cursor_up)

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height), super().action_page_down)

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height), super().action_page_up)

    @said_when_it_fails
    def action_first(self) -> None:
        self.go_to(0) if self.windowed else super().action_first()

    @said_when_it_fails
    def action_last(self) -> None:
        self.go_to(len(self.events) - 1) if self.windowed else super().action_last()

    def watch_cursor_event(self, index: int | None) -> None:
        """Highlight the event of the cursor paragraph (leaves the list alone while in use)."""
        if index is not None and self.events and not self.has_focus:
            with self.prevent(OptionList.OptionHighlighted):
                self.go_to(index)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("event:"):
            self.post_message(self.EventChosen(int(event.option.id.split(":")[1])))


def _count_line(text: str) -> Option:
    return Option(Content.styled(text, "dim"), disabled=True)
