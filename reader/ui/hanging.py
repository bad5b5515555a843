"""A row with a hanging indent: a head (a mark and a date) then text whose wrapped lines
line up under the text, not under the head."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """`head` on the first line; `text` wrapped in the width left beside it."""

    def __init__(self, head: Content, text: Content) -> None:
        self.head = head
        self.text = text

    @property
    def plain(self) -> str:
        """The row as plain text, on one line."""
        return self.head.plain + self.text.plain

    def _text_width(self, width: int) -> int:
        return max(1, width - self.head.cell_length)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.head.cell_length + self.text.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.text.get_height(rules, self._text_width(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        head_width = self.head.cell_length
        if width <= head_width:
            return self.head.render_strips(width, height, style, options)
        head = self.head.render_strips(head_width, 1, style, options)[0]
        lines = self.text.render_strips(self._text_width(width), height, style, options)
        blank = Strip.blank(head_width, style.rich_style)
        return [Strip.join([head if row == 0 else blank, line]) for row, line in enumerate(lines)]
