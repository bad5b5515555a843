"""How far the CLI got, on stderr: how far a big file is read, as one line redrawn in place
only when stderr is a terminal (a script reading stderr, or --json on stdout, never sees it);
and how many files `reader index` has indexed."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from reader.core.reading_text import WORTH_SHOWING, reading_text
from reader.core.safe_text import clean

if TYPE_CHECKING:
    from reader.core.ingest import FileStream

EVERY = 0.2
"""Seconds between two redraws at least."""
_ERASE = "\r\x1b[K"


class ProgressLine:
    """A ReadProgress for the terminal; `clear` before writing anything else on stderr."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False
        self._last = 0.0

    def __call__(self, reading: FileStream) -> None:
        now = time.monotonic()
        if reading.size < WORTH_SHOWING or now - self._last < EVERY or not self.stream.isatty():
            return
        self._last = now
        self.stream.write(_ERASE + "reader: " + clean(reading_text(reading)))
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write(_ERASE)
            self.stream.flush()
            self.shown = False


class FilesProgress:
    """How many files are indexed, on stderr: one line redrawn in a terminal, else a line per
    tenth (`reader index` runs unattended: its log says how far it got)."""

    def __init__(self) -> None:
        self.terminal = sys.stderr.isatty()
        self.said = -1

    def __call__(self, done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if self.terminal:
            end = "\n" if done >= total else ""
            print(f"\rreader: indexing: {done:,} of {total:,} files", end=end, file=sys.stderr)
        elif tenth != self.said:
            self.said = tenth
            print(f"reader: indexing: {done:,} of {total:,} files", file=sys.stderr)
