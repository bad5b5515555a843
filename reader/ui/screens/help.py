"""The help screen: every key, from the same table the footer and tests use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("j / k, ↓ / ↑", "move: next / previous article, paragraph, event or actor"),
    ("tab / shift+tab", "next / previous pane"),
    ("enter", "open the article, actor, event or search hit under the cursor"),
    ("/", "search every article as you type (titles, text, actor names)"),
    ("n / N", "next / previous search hit, or mention of the selected actor"),
    ("escape", "close search, clear the selected actor"),
    ("o", "open the article's URL in a browser"),
    ("r", "mark the article read / unread"),
    ("R", "refresh: read the folders and fetch the feeds again now"),
    ("s", "star / unstar the article"),
    ("p", "show / hide the timeline and actor panel"),
    ("ctrl+p", "command palette: go to an article, an actor or a date"),
    ("?", "this help"),
    ("q", "quit"),
]
"""Every key of the reader, in the order the help shows them."""


class HelpScreen(ModalScreen[None]):
    """A key reference; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in KEYS) + 2
        lines = [Content.styled("Reader — keys", "bold"), Content("")]
        lines += [Content.assemble((key.ljust(width), "bold $accent"), what) for key, what in KEYS]
        lines += [Content(""), Content.styled("The mouse works too. escape closes.", "dim")]
        with VerticalScroll(id="help"):
            yield Static(Content("\n").join(lines))
