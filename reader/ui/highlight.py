"""Turn character spans from core into styled Content: the only core-to-render adapter.

Article text is data. It never goes through markup parsing (Content is built from plain text and
styled by offsets), and terminal control sequences are removed with the offsets remapped, so
spans computed on the original text still land on the right characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from textual.content import Content

from reader.core.model import Entity, Timex

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

# ANSI escape sequences (CSI, OSC, two-character escapes) and lone C0/C1 controls but \n and \t.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def sanitize(text: str) -> tuple[str, list[int]]:
    """Remove terminal control sequences.

    Returns:
        The clean text and the sorted start offsets of the removed characters, for `remap`.
    """
    if not _CONTROL.search(text):
        return text, []
    removed: list[int] = []
    for match in _CONTROL.finditer(text):
        removed.extend(range(match.start(), match.end()))
    return _CONTROL.sub("", text), removed


def remap(offset: int, removed: list[int]) -> int:
    """An offset in the original text as an offset in the sanitized text."""
    return offset - bisect_left(removed, offset) if removed else offset


def plain(text: str) -> Content:
    """Untrusted text (a title, a name) as Content, shown literally."""
    return Content(sanitize(text)[0])


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
