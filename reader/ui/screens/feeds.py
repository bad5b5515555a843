"""The feeds screen (`F`): the subscriptions of config.toml, to add, remove and rename.

It edits the config file as `reader feeds add|remove` does (the same checks: http(s) URLs with
a host) and says on closing what changed, for the main screen to follow without a restart.
Names and URLs come from a file someone else may have written: they are shown as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.safe_text import clean
from reader.core.subscriptions import (
    Config,
    ConfigError,
    Feed,
    load_config,
    save_config,
    url_problem,
)

HINT = "a add · d remove · e rename · escape close"


@dataclass
class FeedEdits:
    """What the feeds screen changed, by feed URL."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed)


def feed_label(feed: Feed) -> Content:
    """`Name  https://…`, or the URL alone for a feed without a name."""
    if not feed.name:
        return Content(clean(feed.url))
    return Content.assemble((clean(feed.name), "bold"), "  ", (clean(feed.url), "$text-muted"))


class FeedsScreen(ModalScreen[FeedEdits]):
    """The subscriptions; `a`, `d` and `e` edit them, escape closes (and says what changed)."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("d", "remove", "Remove"),
        Binding("e", "rename", "Rename"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.config = Config()
        self.edits = FeedEdits()
        self.editing: str | None = None
        """What the input is for: "add", "rename", or None while it is hidden."""
        self.unreadable: str | None = None
        """Why the config file cannot be read: then nothing is saved over it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-box"):
            yield Label(Content(HINT), id="feeds-hint")
            yield OptionList(id="feed-list")
            yield Input(id="feed-input")
            yield Label("", id="feed-problem")

    def on_mount(self) -> None:
        self.query_one("#feeds-box").border_title = "Feeds"
        self.query_one(Input).display = False
        try:
            self.config = load_config(self.path, self.say)
        except ConfigError as error:
            self.unreadable = f"{error} (fix it first: nothing is saved over it)"
            self.say(self.unreadable)
        self.show_feeds()

    def say(self, text: str) -> None:
        self.query_one("#feed-problem", Label).update(Content(clean(text)))

    def show_feeds(self) -> None:
        feeds = self.query_one(OptionList)
        options = [Option(feed_label(feed)) for feed in self.config.feeds]
        if not options:
            options = [Option(Content.styled("No feeds yet: a adds one.", "dim"), disabled=True)]
        highlighted = feeds.highlighted
        feeds.set_options(options)
        if self.config.feeds:
            feeds.highlighted = min(highlighted or 0, len(self.config.feeds) - 1)
        feeds.focus()

    def selected(self) -> Feed | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.config.feeds):
            return None
        return self.config.feeds[index]

    def ask(self, editing: str, placeholder: str, value: str = "") -> None:
        self.editing = editing
        field = self.query_one(Input)
        field.placeholder, field.value, field.display = placeholder, value, True
        field.focus()

    def action_add(self) -> None:
        if self.unreadable is not None:
            self.say(self.unreadable)
            return
        self.ask("add", "https://… the feed's address (enter adds, escape cancels)")

    def action_rename(self) -> None:
        feed = self.selected()
        if feed is not None:
            self.ask("rename", "the outlet's name (empty: the feed's own)", feed.name or "")

    def action_remove(self) -> None:
        feed = self.selected()
        if feed is None:
            return
        self.config.remove(feed.url)
        if self.save():
            self.edits.removed.append(feed.url)
            self.say(f"Removed {feed.url}")
        self.show_feeds()

    @on(Input.Submitted, "#feed-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if self.editing == "add":
            problem = url_problem(value)
            if problem is None and not self.config.add(Feed(value)):
                problem = f"already subscribed: {value}"
            if problem is not None:
                self.say(problem)
                return
            if self.save():
                self.edits.added.append(value)
                self.say(f"Added {value}: fetching it now.")
        elif self.editing == "rename" and (feed := self.selected()) is not None:
            feed.name = value or None
            if self.save():
                self.edits.renamed.append(feed.url)
                self.say(f"Renamed: {value or feed.url}")
        self.stop_editing()
        self.show_feeds()

    def save(self) -> bool:
        if self.unreadable is not None:
            self.say(self.unreadable)
            return False
        try:
            save_config(self.config, self.path)
        except OSError as error:
            self.say(f"Cannot save {self.path}: {error.strerror or error}")
            return False
        return True

    def stop_editing(self) -> None:
        self.editing = None
        self.query_one(Input).display = False
        self.query_one(OptionList).focus()

    def action_close(self) -> None:
        if self.editing is not None:
            self.stop_editing()
        else:
            self.dismiss(self.edits)
