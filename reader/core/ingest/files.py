"""Finding and reading files safely: regular files only, and never more than a cap.

A folder may hold a FIFO (opening it blocks until a writer comes), a socket, a device or a
link to one (`/dev/zero` never ends): such entries are reported and skipped, never opened.
Regular files are opened without blocking, checked again on the open descriptor (the entry may
have been swapped since it was listed) and read up to a cap, so no file is read without bound.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Generator
from pathlib import Path
from typing import BinaryIO, TypeVar

from reader.core.paths import path_text

MB = 1024 * 1024

Warn = Callable[[str], None]
T = TypeVar("T")


class IngestError(Exception):
    """A file that cannot be read as articles; the message says why, in a few words."""


class PartlyRead(IngestError):
    """A file whose good part was read (`articles`); the message says what was skipped."""

    def __init__(self, message: str, articles: list) -> None:
        super().__init__(message)
        self.articles = articles


def drain(items: Generator[T, None, str | None]) -> tuple[list[T], str | None]:
    """Every item of a stream of articles, and the note it returns on what it skipped."""
    found = []
    while True:
        try:
            found.append(next(items))
        except StopIteration as stop:
            return found, stop.value


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in a word or two; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "folder"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return name
    return "special file"


def regular_file(path: str | Path) -> os.stat_result:
    """The status of `path` (links followed) when it is a regular file; else IngestError."""
    try:
        status = os.stat(path)
    except OSError as error:
        if os.path.islink(path):
            raise IngestError("broken link") from error
        raise IngestError(f"cannot read: {error.strerror or error}") from error
    kind = kind_of(status.st_mode)
    if kind is not None:
        raise IngestError(f"not a regular file ({kind})")
    return status


HEAD_BYTES = 8192
HASH_CHUNK = 64 * 1024
"""Bytes hashed at a time (`content_hash`)."""


def open_regular(path: str | Path) -> tuple[os.stat_result, BinaryIO]:
    """The status of the regular file `path` and the file, open for reading (the caller closes
    it); IngestError when it is not a regular file or cannot be opened."""
    regular_file(path)
    try:
        # O_NONBLOCK: should a FIFO have taken the file's place since, opening does not wait.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}") from error
    handle = os.fdopen(descriptor, "rb")
    status = os.fstat(handle.fileno())
    kind = kind_of(status.st_mode)
    if kind is not None:
        handle.close()
        raise IngestError(f"not a regular file ({kind})")
    return status, handle


def content_hash(handle: BinaryIO) -> str:
    """The hash a file's content is compared by, read from the start of the open file a chunk
    at a time (memory bounded whatever its size); the same as hashing its bytes at once."""
    handle.seek(0)
    digest = hashlib.blake2b(digest_size=16)
    # Not hashlib.file_digest: its 256 KB buffer, made for each file, costs more than hashing
    # a small file.
    while chunk := handle.read(HASH_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def file_hash(path: str | Path) -> tuple[os.stat_result, str]:
    """The status and content hash of the regular file `path` (see content_hash)."""
    status, handle = open_regular(path)
    with handle:
        try:
            return status, content_hash(handle)
        except OSError as error:
            raise IngestError(f"cannot read: {error.strerror or error}") from error


def read_capped(
    path: str | Path, limit: int | Callable[[bytes], int]
) -> tuple[os.stat_result, bytes]:
    """The status and bytes of the regular file `path`, read up to `limit` bytes (or the limit
    its first HEAD_BYTES call for); IngestError when it is not a regular file, cannot be read
    or holds more than the limit."""
    status, handle = open_regular(path)
    with handle:
        try:
            data = handle.read(HEAD_BYTES)
            cap = limit if isinstance(limit, int) else limit(data)
            data += read_rest(handle, status.st_size, cap, len(data))
        except OSError as error:
            raise IngestError(f"cannot read: {error.strerror or error}") from error
    return status, data


def read_rest(handle: BinaryIO, size: int, cap: int, done: int) -> bytes:
    """The rest of an open file whose first `done` bytes were read; IngestError past `cap`."""
    if size > cap:
        raise IngestError(too_large(size, cap))
    rest = handle.read(max(0, cap + 1 - done))
    if done + len(rest) > cap:  # it grew while we read
        raise IngestError(too_large(done + len(rest), cap))
    return rest


def too_large(size: int, limit: int) -> str:
    return f"too large ({size / MB:.0f} MB, limit {limit // MB} MB)"


def hidden(name: str) -> bool:
    """Whether a walk (`list_files`) passes over a file or folder of this name."""
    return name.startswith(".")


def list_files(root: str | Path, warn: Warn = lambda message: None) -> list[str]:
    """The paths (OS form, see reader.core.paths) of every regular file under `root` (or
    `root` itself), recursively, skipping hidden ones, in the order of their parts (a folder's
    files sort by name among its subfolders). Entries that are not regular files (FIFOs,
    devices, sockets, links to them, broken links) are reported through `warn` and skipped;
    links to folders are not followed."""
    root = os.fspath(root)
    if not os.path.isdir(root):
        try:
            regular_file(root)
        except IngestError as error:
            warn(f"{path_text(root)}: skipped: {error}")
            return []
        return [root]
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        parts = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(root, *parts)))
        except OSError as error:
            warn(f"{path_text(os.path.join(root, *parts))}: skipped: {error.strerror or error}")
            continue
        for entry in entries:
            if hidden(entry.name):
                continue
            if entry.is_dir():
                if not entry.is_symlink():
                    pending.append((*parts, entry.name))
            elif entry.is_file():
                found.append((*parts, entry.name))
            else:
                try:
                    regular_file(entry.path)
                except IngestError as error:
                    warn(f"{path_text(entry.path)}: skipped: {error}")
    found.sort()
    base = os.path.join(root, "")  # (joined as os.path.join would, without its cost a file)
    return [base + os.sep.join(parts) for parts in found]
