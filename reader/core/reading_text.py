"""How far a big file is read, in words, for the status line and the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.ingest import FileStream

MB = 1024 * 1024
WORTH_SHOWING = 4 * MB
"""Files smaller than this are read too fast to be worth saying how far they are."""


def reading_text(stream: FileStream) -> str:
    """ "Reading news.warc.gz: 312 of 1,024 MB · 4,210 articles" (KB for a small file). The
    name is data: whoever shows it cleans it."""
    unit, scale = ("MB", MB) if stream.size >= 10 * MB else ("KB", 1024)
    done, size = round(stream.done / scale), max(1, round(stream.size / scale))
    found = f"{stream.count:,} article{'' if stream.count == 1 else 's'}"
    return f"Reading {stream.name.name}: {min(done, size):,} of {size:,} {unit} · {found}"
