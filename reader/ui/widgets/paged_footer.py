"""A footer that shows the screen's keys a page at a time, so that every key has a visible
binding at any width: one key (`.`) turns the page; every key works whatever page is shown.

Textual's Footer shows every binding with `show=True`; this one shows those of the page on
view (whatever their `show`: the app's ctrl+p has none) and leaves out those of the other pages;
bindings on no page (`.`, `?`, a focused widget's) show as Textual's footer would. Wide, it
shows two pages at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup  # private: Textual 8.2.8

PAGE_ACTION = "footer_page"
"""The action of the key that turns the page (its description gets "i/n")."""


class PagedFooter(Footer):
    """The bindings of page `page` (of `pages`, each a list of actions), and those of no page."""

    page: reactive[int] = reactive(0, recompose=True)
    """The page shown (modulo the number of views)."""
    per_view: reactive[int] = reactive(1, recompose=True)
    """How many pages are shown at once (2 where they fit)."""

    def __init__(self, pages: Sequence[Sequence[str]], per_view: int = 1, **kwargs) -> None:
        super().__init__(show_command_palette=False, **kwargs)
        self.set_reactive(PagedFooter.per_view, per_view)
        self.pages = [frozenset(page) for page in pages]
        self._composed: tuple | None = None
        """What the keys on view were composed from (see `_shown`)."""
        self._pending = False
        """A recompose is asked for after the next refresh."""

    @property
    def views(self) -> int:
        """How many times `.` turns the page before the first comes back."""
        return -(-len(self.pages) // self.per_view)

    def shown_pages(self) -> list[int]:
        """The pages on view."""
        first = self.page % self.views * self.per_view
        return list(range(first, min(first + self.per_view, len(self.pages))))

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's footer composes itself again after every change of the screen's bindings
        (a focus moved, a key's check changed): at start that is dozens of times, each making
        and styling every key. Here once after a refresh, and only if the keys shown differ.
        Overrides Footer's undocumented hook and sets its private `_bindings_ready` (Textual
        8.2.8, pinned): check both on an upgrade."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._shown() != self._composed:
            await self.recompose()

    def _shown(self) -> tuple:
        """The keys on view, in order (the page's first, then those of every page: `.`, `?`),
        each (binding, enabled, tooltip); and the page, which the `.` key names."""
        on_view = frozenset().union(*(self.pages[n] for n in self.shown_pages()))
        paged = frozenset().union(*self.pages)
        shown: dict[str, tuple[Binding, bool, str]] = {}  # one key an action, shown if any is
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            action = binding.action
            if action in on_view or binding.show and action not in paged:
                if action not in shown or binding.show and not shown[action][0].show:
                    shown[action] = (binding, enabled, tooltip)
        ordered = sorted(shown.values(), key=lambda item: item[0].action not in on_view)
        return (self.page % self.views, self.views, tuple(ordered))

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._composed = self._shown()
        ordered = self._composed[2]
        for group, members in groupby(ordered, lambda item: item[0].group):
            keys = list(members)
            if group is not None and len(keys) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for binding, enabled, tooltip in keys:
                        yield self._key(binding, enabled, "", tooltip or binding.description)
                yield FooterLabel(group.description)
            else:
                for binding, enabled, tooltip in keys:
                    yield self._key(binding, enabled, self._description(binding), tooltip)

    def _description(self, binding: Binding) -> str:
        if binding.action == PAGE_ACTION and self.views > 1:
            return f"{binding.description} {self.page % self.views + 1}/{self.views}"
        return binding.description[:1].upper() + binding.description[1:]  # Textual's "palette"

    def _key(self, binding: Binding, enabled: bool, description: str, tooltip: str) -> FooterKey:
        grouped = "" if description else "-grouped"
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            classes=grouped,
        )
        return key.data_bind(compact=Footer.compact)
