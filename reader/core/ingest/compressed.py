"""Compressed files (.gz, .bz2, .xz): decompressed as a stream, never past a cap.

A file is decompressed only up to the cap of the format it holds (a compression bomb is
reported, not expanded); a web archive, read record by record, may decompress to more than it
weighs, but not to more than MAX_RATIO times as much (nor past ARCHIVE_FLOOR for a small one).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from typing import BinaryIO, cast

from reader.core.ingest.files import MB, IngestError

MAX_RATIO = 100
"""How many times its compressed size an archive may decompress to (news pages: 4-10x)."""
ARCHIVE_FLOOR = 64 * MB
"""What even a small compressed archive may decompress to."""
ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)
"""What a corrupt or truncated stream raises while it is decompressed."""


class CompressionBomb(IngestError):
    """A compressed stream that decompresses to more than its cap."""


def decompressing(kind: str, handle: BinaryIO) -> BinaryIO:
    """A stream of the decompressed bytes of `handle` ("gzip", "bz2" or "xz")."""
    if kind == "gzip":
        return cast(BinaryIO, gzip.GzipFile(fileobj=handle, mode="rb"))
    if kind == "bz2":
        return cast(BinaryIO, bz2.BZ2File(handle, mode="rb"))
    return cast(BinaryIO, lzma.LZMAFile(handle, mode="rb"))


def read_decompressed(stream: BinaryIO, cap: int, kind: str, partial: bool = False) -> bytes:
    """The decompressed bytes of `stream`: all of them up to `cap` (CompressionBomb past it),
    or only the first `cap` when `partial`; IngestError for corrupt or truncated data."""
    try:
        data = stream.read(cap if partial else cap + 1)
    except ERRORS as error:
        raise IngestError(f"corrupt {kind} data: {error}") from error
    if len(data) > cap:
        raise CompressionBomb(
            f"decompresses to more than {cap / MB:.0f} MB (the limit for its format): not expanded"
        )
    return data


class Bounded:
    """A read-only stream that raises CompressionBomb once more than `limit` bytes came out."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self._count(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.stream.readline(size)
        self._count(data)
        return data

    def _count(self, data: bytes) -> None:
        self.count += len(data)
        if self.count > self.limit:
            raise CompressionBomb(
                f"decompresses to more than {self.limit / MB:.0f} MB "
                f"({MAX_RATIO}x its size): stopped there"
            )


def archive_limit(compressed_size: int) -> int:
    """What a compressed archive of `compressed_size` bytes may decompress to."""
    return max(compressed_size * MAX_RATIO, ARCHIVE_FLOOR)
