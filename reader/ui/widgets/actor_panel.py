"""The actor panel: this article's actors, then the story's (or the whole archive's), with
roles and counts. Their quotes have a pane of their own (quotes_panel)."""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.library import Corpus, Library
from reader.core.model import Actor, Story
from reader.core.safe_text import clean
from reader.ui.highlight import ENTITY_STYLES
from reader.ui.store_faults import said_when_it_fails
from reader.ui.widgets.wrapped_options import WrappedOptions

MAX_LISTED = 200
"""Corpus actors listed by mentions; ctrl+p reaches every one of them."""


def actor_label(actor: Actor, here: int | None) -> Content:
    """`Name  type · roles · 3 here / 7 mentions`."""
    details = [actor.type, *actor.roles[:1]]
    counts = f"{actor.mentions} mentions" if here is None else f"{here} here / {actor.mentions}"
    return Content.assemble(
        (clean(actor.name), ENTITY_STYLES.get(actor.type, ENTITY_STYLES["other"])),
        "  ",
        (clean(" · ".join(d for d in details if d)), "$text-muted"),
        (f" · {counts}", "dim"),
    )


class ActorPanel(WrappedOptions):
    """This article's actors, then the story's or the archive's; `enter` selects one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class ActorChosen(Message):
        """The reader chose an actor (by canonical name)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    merged: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """The merged corpus whose actors are listed: the story's or the archive's (None until
    the first merge)."""
    story: reactive[Story | None] = reactive(None, always_update=True, init=False)
    """The story `merged` is the merge of (None: the whole archive)."""
    article_id: reactive[str | None] = reactive(None, init=False)
    """The article on screen: its actors are listed first."""

    @said_when_it_fails
    def watch_merged(self) -> None:
        corpus = self.merged or Corpus()
        here = Library.article_actor_counts(corpus, self.article_id or "")
        self.show_actors(corpus, here)

    def watch_article_id(self) -> None:
        self.watch_merged()

    def show_actors(self, corpus: Corpus, here: Counter[str]) -> None:
        """List this article's actors (by mentions here), then the corpus's most mentioned
        (the whole archive's are read from the store by name and by rank, never all)."""
        named = Library.actors_named(corpus, list(here))
        local = [(named[name], count) for name, count in here.most_common() if name in named]
        ranked = Library.top_actors(corpus, MAX_LISTED)
        total = len(corpus.actors)
        options: list[Option] = [
            Option(Content.styled("In this article", "bold"), disabled=True),
            *(Option(actor_label(a, count), id=f"here:{a.name}") for a, count in local),
        ]
        if not local:
            options.append(Option(Content.styled("  none found", "dim"), disabled=True))
        shown = f", top {MAX_LISTED}" if total > MAX_LISTED else ""
        scope = "In this story" if self.story is not None else "All articles"
        heading = Content.styled(f"{scope} ({total}{shown})", "bold")
        options.append(Option(heading, disabled=True))
        options += [Option(actor_label(a, None), id=f"all:{a.name}") for a in ranked]
        self.set_options(options)

    def on_focus(self) -> None:
        """Tab into the list shows its cursor: the first actor (the headings are not rows)."""
        if self.highlighted is None:
            self.action_first()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ActorChosen(event.option.id.split(":", 1)[1]))
