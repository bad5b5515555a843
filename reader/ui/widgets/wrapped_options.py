"""An OptionList whose wrapped rows are measured again when its scrollbar comes or goes."""

from __future__ import annotations

from textual.widgets import OptionList


class WrappedOptions(OptionList):
    """OptionList measures each row's height once, at the width it has then. Rows listed after
    the first layout (a load lists them) are measured before the scrollbar they bring takes
    its columns; the scrollbar narrows them without a Resize, so a row that wraps onto one more
    line lost its last line until the terminal was resized (OptionList forgets its measures
    on Resize only). Here they are forgotten when the scrollbar comes or goes too.

    For lists of a height of their own (the panes), not `height: auto` ones: there the rows
    measured again with the scrollbar could keep it (the search's hits do not use it)."""

    def watch_show_vertical_scrollbar(self) -> None:
        self._clear_caches()  # what OptionList does on Resize (private: Textual 8.2.8, pinned)
        self.refresh()
