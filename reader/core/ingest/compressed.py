"""Compressed files (.gz, .bz2, .xz): decompressed as a stream, never past a cap.

A file is decompressed only up to the cap of the format it holds (a compression bomb is
reported, not expanded); a web archive, read record by record, may decompress to more than it
weighs, but not to more than MAX_RATIO times as much (nor past ARCHIVE_FLOOR for a small one).
"""

from __future__ import annotations

import bz2
import lzma
import zlib
from typing import Any, BinaryIO

from reader.core.ingest.files import MB, IngestError

MAX_RATIO = 100
"""How many times its compressed size an archive may decompress to (news pages: 4-10x)."""
ARCHIVE_FLOOR = 64 * MB
"""What even a small compressed archive may decompress to."""
ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)
"""What a corrupt or truncated stream raises while it is decompressed."""
_CHUNK = 256 * 1024


class CompressionBomb(IngestError):
    """A compressed stream that decompresses to more than its cap."""


class Bounded:
    """A read-only stream that raises CompressionBomb once more than `limit` bytes came out."""

    def __init__(self, stream: Any, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.count = 0

    @property
    def truncated(self) -> bool:
        return bool(getattr(self.stream, "truncated", False))

    def read(self, size: int) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        if self.count > self.limit:
            raise CompressionBomb(
                f"decompresses to more than {self.limit / MB:.0f} MB ({MAX_RATIO}x its size)"
            )
        return data


class Decompressing:
    """The decompressed bytes of a .gz, .bz2 or .xz stream (of several members, as a .warc.gz
    is), a chunk at a time. Unlike gzip.GzipFile, a truncated stream gives every byte up to
    the cut, then ends with `truncated` set."""

    def __init__(self, kind: str, raw: BinaryIO) -> None:
        self.kind = kind
        self.raw = raw
        self.truncated = False
        self._ended = False
        self._decompressor = self._new()
        self._pending = b""
        self._buffer = bytearray()

    def _new(self) -> Any:
        if self.kind == "gzip":
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return bz2.BZ2Decompressor() if self.kind == "bz2" else lzma.LZMADecompressor()

    def _input(self) -> bytes:
        data, self._pending = self._pending or self.raw.read(_CHUNK), b""
        return data

    def _step(self) -> bytes:
        """The next piece of output (maybe empty), starting a new member where one ends."""
        decompressor = self._decompressor
        if decompressor.eof:
            rest = decompressor.unused_data or self._input()
            if not rest:
                self._ended = True
                return b""
            self._decompressor = decompressor = self._new()
            self._pending = rest
        if self.kind != "gzip" and not decompressor.needs_input:
            return decompressor.decompress(b"", _CHUNK)
        data = self._input()
        if not data:
            self._ended = self.truncated = True
            return b""
        output = decompressor.decompress(data, _CHUNK)
        if self.kind == "gzip":
            self._pending = decompressor.unconsumed_tail
        return output

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size and not self._ended:
            self._buffer += self._step()
        output = bytes(self._buffer[:size])
        del self._buffer[:size]
        return output


def read_decompressed(stream: Decompressing, cap: int, partial: bool = False) -> bytes:
    """The decompressed bytes of `stream`: all of them up to `cap` (CompressionBomb past it),
    or only the first `cap` when `partial`; IngestError for corrupt or truncated data."""
    try:
        data = stream.read(cap if partial else cap + 1)
    except ERRORS as error:
        raise IngestError(f"corrupt {stream.kind} data: {error}") from error
    if len(data) > cap:
        raise CompressionBomb(
            f"decompresses to more than {cap / MB:.0f} MB (the limit for its format): not expanded"
        )
    if stream.truncated and not partial:
        raise IngestError(f"truncated {stream.kind} data (the file ends mid-stream)")
    return data


def archive_limit(compressed_size: int) -> int:
    """What a compressed archive of `compressed_size` bytes may decompress to."""
    return max(compressed_size * MAX_RATIO, ARCHIVE_FLOOR)
