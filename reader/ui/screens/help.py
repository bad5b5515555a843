"""The help screen: every key, from the same table the footer and tests use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    (
        ".",
        "the footer's next page of keys: the groups below, a page each (two at once from 140 "
        "columns); every key works whatever page the footer shows",
    ),
    ("j / k, ↓ / ↑", "move: next / previous article, paragraph, event, actor or quote"),
    ("tab / shift+tab", "next / previous pane (sources, article, timeline, actors, quotes)"),
    ("enter", "open the article, actor, event or search hit under the cursor"),
    ("PageDown / PageUp", "a screen down / up; home / g, end / G: the first / the last"),
    ("", "Reading"),
    ("/", "search every article as you type (titles, text, actor names)"),
    ("n / N", "next / previous search match, each in turn, on through the hits; or mention"),
    ("u", "next unread article: this outlet or story, then the next ones"),
    ("r", "mark the article read / unread"),
    ("s", "star / unstar the article"),
    ("c", "compare the story's outlets: their actors, quotes and events side by side"),
    ("  enter", "(in compare) open that outlet's article at that paragraph; escape: back"),
    ("  n / N, o", "(in compare) next / previous row one outlet alone told; o: only those"),
    ("", "Moving"),
    ("b", "group the articles by story / by outlet"),
    ("] / [", "the same story in the next / previous outlet's article"),
    ("p", "show / hide the timeline, actors and quotes"),
    ("w", "right panel: this story / the whole archive"),
    ("o", "open the article's URL in a browser"),
    ("y", "copy the article's URL to the clipboard"),
    ("t", "list the articles of the next tag of config.toml ([tags]); escape lists all"),
    ("", "Lists"),
    ("U", "list only the unread articles / all"),
    ("S", "list only the starred articles / all"),
    ("A", "mark every article of this outlet or story read"),
    ("C", "mark every article listed read"),
    ("ctrl+z", "undo the last A or C"),
    ("", "Feeds and more"),
    ("R", "refresh: read the folders and fetch the feeds again now (and feeds added since)"),
    ("ctrl+r", "reload the feed of the article only"),
    ("F", "feeds: add, remove and rename your subscriptions"),
    ("escape", "close search, clear the search highlight or the selected actor, then the tag"),
    ("q", "quit"),
    ("ctrl+p", "command palette: go to an article, an actor or a date"),
    ("?", "this help (on every page of the footer, as `.` is)"),
]
"""Every key of the reader, in the order the help shows them; ("", heading) heads the keys of a
footer page."""


class HelpScreen(ModalScreen[None]):
    """A key reference; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content.styled("Reader — keys", "bold"))
            for key, what in KEYS:
                if not key:  # a footer page's heading
                    yield Static(Content.styled(what, "bold"), classes="help-heading")
                    continue
                with HorizontalGroup(classes="help-row"):  # the text wraps in its column
                    yield Static(key, classes="help-key", markup=False)
                    yield Static(what, classes="help-what", markup=False)
            yield Static(Content.styled("The mouse works too. escape closes.", "dim"))

    def text(self) -> str:
        """What the help says, as plain text (its keys and what they do)."""
        return "\n".join(str(static.render()) for static in self.query(Static))
