"""Text from outside (titles, names, outlets, URLs, file names) made safe to show.

One sanitiser for every path to the screen, stdout and stderr: terminal control sequences are
removed, so no title can set the terminal's title, clear it or write the clipboard. Markup is
a separate matter: callers pass the result as plain text (Content, Text), never as markup.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left

from reader.core.json_indent import indented_json

# Terminal control: CSI sequences (7- and 8-bit); OSC strings up to their terminator (BEL or ST)
# or the end; DCS, SOS, PM and APC strings with their terminator; every other escape (ESC 7,
# ESC c, ESC ( B, ...); lone C0/C1 controls but \n and \t.
_CONTROL = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[P^_X]|[\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
# Lone surrogates (undecodable bytes of a file name) cannot be written out as UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal may act on or UTF-8 cannot hold.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


def sanitize(text: str) -> tuple[str, list[int]]:
    """Remove terminal control sequences; lone surrogates become U+FFFD.

    Returns:
        The clean text and the sorted offsets of the removed characters, for `remap`.
    """
    text = _SURROGATE.sub("\ufffd", text)  # one for one: offsets are unchanged
    if not _CONTROL.search(text):
        return text, []
    removed: list[int] = []
    for match in _CONTROL.finditer(text):
        removed.extend(range(match.start(), match.end()))
    return _CONTROL.sub("", text), removed


def remap(offset: int, removed: list[int]) -> int:
    """An offset in the original text as an offset in the sanitized text."""
    return offset - bisect_left(removed, offset) if removed else offset


def clean(text: object) -> str:
    """`text` (or its str) without control sequences, to be shown as plain text."""
    return sanitize(text if isinstance(text, str) else str(text))[0]


def json_text(data: object, indent: int | None = None, margin: str = "") -> str:
    """JSON that keeps every character of the data but shows none raw to a terminal.

    json.dumps escapes C0 controls (ESC included) even with ensure_ascii=False; DEL, C1
    controls and lone surrogates it leaves raw, so they are escaped here as well. With an
    `indent`, every line but the first begins with `margin` too (an item inside an array).
    """
    if indent is None:
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = indented_json(data, indent, margin)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
