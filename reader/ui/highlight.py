"""Turn character spans from core into styled Content: the only core-to-render adapter.

Article text is data. It never goes through markup parsing (Content is built from plain text and
styled by offsets), and terminal control sequences are removed (reader.core.safe_text, the one
sanitiser the CLI shares) with the offsets remapped, so spans computed on the original text
still land on the right characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from reader.core.model import Entity, Timex
from reader.core.safe_text import remap, sanitize

ENTITY_STYLES = {
    "person": "bold #5fafff",
    "organization": "bold #d787ff",
    "place": "bold #5fd787",
    "group": "bold #ffaf5f",
    "other": "#bcbcbc",
    "date": "underline #ffd75f",
}
"""Style per entity type; `date` is used for time expressions."""

LEGEND_NAMES = {
    "person": "person",
    "organization": "organisation",
    "place": "place",
    "group": "group",
    "date": "date",
}

ACTOR_EMPHASIS = "reverse"
SEARCH_EMPHASIS = "bold black on #ffd75f"
CURRENT_MATCH = "bold white on #d75f00 underline"
"""The search match `n`/`N` stopped on, apart from the other matches."""


def styled_spans(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    base: int = 0,
) -> Content:
    """`text` with each (start, end, style) applied; offsets are relative to `base`.

    Spans outside `text` are clipped or ignored, so a paragraph can be given the whole
    article's spans.
    """
    clean, removed = sanitize(text)
    content = Content(clean)
    length = len(text)
    for start, end, style in spans:
        start, end = max(start - base, 0), min(end - base, length)
        if start < end:
            content = content.stylize(style, remap(start, removed), remap(end, removed))
    return content


def entity_spans(
    entities: Iterable[Entity],
    timexes: Iterable[Timex],
) -> list[tuple[int, int, str]]:
    """Colour spans for entities by type and for time expressions."""
    spans = [(t.start, t.end, ENTITY_STYLES["date"]) for t in timexes]
    spans += [(e.start, e.end, ENTITY_STYLES.get(e.type, ENTITY_STYLES["other"])) for e in entities]
    return spans


def snippet_content(snippet: str, highlights: Iterable[tuple[int, int]]) -> Content:
    """A search snippet with its matched words highlighted."""
    snippet = snippet.replace("\n", " ")
    return styled_spans(snippet, ((s, e, SEARCH_EMPHASIS) for s, e in highlights))


def legend() -> Content:
    """One line naming each entity colour."""
    parts: list[Content | str] = []
    for kind, name in LEGEND_NAMES.items():
        if parts:
            parts.append("  ")
        parts.append(Content(name).stylize(ENTITY_STYLES[kind]))
    return Content.assemble(*parts)
