"""The help screen: every key, from the same table the footer and tests use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("j / k, ↓ / ↑", "move: next / previous article, paragraph, event, actor or quote"),
    ("tab / shift+tab", "next / previous pane (sources, article, timeline, actors, quotes)"),
    ("enter", "open the article, actor, event or search hit under the cursor"),
    ("/", "search every article as you type (titles, text, actor names)"),
    ("n / N", "next / previous search match (this article's, then the next hit's) or mention"),
    ("PageDown / PageUp", "a screen down / up; home / g, end / G: the first / the last"),
    ("escape", "close search, clear the selected actor, then the tag"),
    ("b", "group the articles by story / by outlet"),
    ("] / [", "the same story in the next / previous outlet's article"),
    ("w", "right panel: this story / the whole archive (not in the footer below 120 columns)"),
    ("c", "compare the story's outlets: their actors, quotes and events side by side"),
    ("  enter", "(in compare) open that outlet's article at that paragraph; escape: back"),
    ("  n / N, o", "(in compare) next / previous row one outlet alone told; o: only those"),
    ("o", "open the article's URL in a browser (not in the footer below 120 columns)"),
    ("r", "mark the article read / unread (ditto)"),
    ("R", "refresh: read the folders and fetch the feeds again now (and feeds added since)"),
    ("ctrl+r", "reload the feed of the article only"),
    ("F", "feeds: add, remove and rename your subscriptions"),
    ("s", "star / unstar the article (ditto)"),
    ("u", "next unread article: this outlet or story, then the next ones (footer: 170 cols)"),
    ("A", "mark every article of this outlet or story read"),
    ("C", "mark every article listed read"),
    ("ctrl+z", "undo the last A or C"),
    ("U", "list only the unread articles / all (ditto)"),
    ("S", "list only the starred articles / all"),
    ("y", "copy the article's URL to the clipboard"),
    ("t", "list the articles of the next tag of config.toml ([tags]); escape lists all"),
    ("p", "show / hide the timeline, actors and quotes"),
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
