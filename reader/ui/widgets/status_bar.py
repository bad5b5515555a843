"""The status line: what loading is doing, with a progress bar until it is done."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar

from reader.core.safe_text import clean


@dataclass(frozen=True, slots=True)
class Status:
    """A line of status; `progress` is (done, total) while articles are analysed."""

    text: str = "Loading…"
    done: bool = False
    progress: tuple[int, int] | None = None


class StatusBar(Horizontal):
    """The status text (shown literally: it names files) and the analysis progress."""

    status: reactive[Status] = reactive(Status, init=False)
    """What to show; bound to MainScreen.status."""
    counts: reactive[str] = reactive("", init=False)
    """The list's unread/total and its filters, at the right; bound to MainScreen.counts."""

    def compose(self) -> ComposeResult:
        yield Label("Loading…", id="status-text")
        yield ProgressBar(id="progress", show_eta=False)
        yield Label("", id="status-counts")

    def watch_counts(self, counts: str) -> None:
        self.query_one("#status-counts", Label).update(Content(clean(counts)))

    def watch_status(self, status: Status) -> None:
        self.query_one("#status-text", Label).update(Content(clean(status.text)))
        bar = self.query_one(ProgressBar)
        bar.display = not status.done and status.progress is not None  # never a bare "--%"
        if status.progress is not None:
            done, total = status.progress
            bar.update(total=total, progress=done)
