"""An option list that is given all its rows but holds only those near the view and the cursor.

Textual's OptionList measures every row it holds (its wrapped height, at the list's width): a
list of 5,000 rows held at once keeps the screen busy for a good part of a second, right after
the first frame. Here a list is given as row makers; a row is made and measured when it comes
within AHEAD rows of the view or the cursor (scrolling, moving, `end`, choosing an article
further down), so that the rows the reader never nears are never measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.widgets.option_list import Option

from reader.ui.widgets.wrapped_options import WrappedOptions

AHEAD = 200
"""Rows held beyond the last one in view or under the cursor (a few screenfuls)."""

RowMaker = Callable[[], Option]


class GrowingOptions(WrappedOptions):
    """Rows given as makers (`set_rows`); the rows held grow as the reader nears their end."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._makers: Sequence[RowMaker] = ()

    @property
    def row_count(self) -> int:
        """The rows of the list, held or not yet."""
        return len(self._makers)

    def set_rows(self, makers: Sequence[RowMaker], holding: int) -> None:
        """The list's rows, in order; the first `holding` of them are made and held now."""
        rows = [make() for make in makers[:holding]]
        # set_options scrolls to the top, and the scroll's watcher holds rows: with no
        # makers yet it holds none, and `rows` are the only ones made
        self._makers = ()
        self.set_options(rows)
        self._makers = makers

    def hold(self, index: int) -> None:
        """Make sure the row at `index` is held (and, if it was not, AHEAD more)."""
        held = self.option_count
        if index < held or held >= len(self._makers):
            return
        end = min(len(self._makers), index + 1 + AHEAD)
        self.add_options([make() for make in self._makers[held:end]])

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None:
            self.hold(highlighted + AHEAD)
        super().watch_highlighted(highlighted)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.hold(round(new_value) + self.scrollable_content_region.height + AHEAD)

    def action_last(self) -> None:
        self.hold(len(self._makers) - 1)
        super().action_last()

    def action_page_down(self) -> None:
        self.hold((self.highlighted or 0) + 2 * self.scrollable_content_region.height)
        super().action_page_down()
