"""WACZ (Webrecorder's web archive package): a zip whose `archive/` folder holds WARC files, each
read as a stream. A member whose path leaves its folder (`../`, an absolute path) is refused."""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Generator
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, cast

from reader.core.ingest.compressed import Bounded, Decompressing, archive_limit
from reader.core.ingest.files import IngestError
from reader.core.ingest.warc import record_articles, summary
from reader.core.model import Article


def stream_articles(
    path: Path, handle: BinaryIO, size: int
) -> Generator[Article, None, str | None]:
    """The articles of every WARC in the WACZ open as `handle` (`size` bytes), one at a time;
    returns one line on what was skipped or refused (None when nothing was)."""
    try:
        package = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise IngestError(f"not a readable zip: {error}") from error
    with package:
        members, refused = _archives(package)
        if not members and not refused:
            raise IngestError("a zip without web archives (no archive/*.warc, *.warc.gz)")
        read = [0]
        skipped: Counter[str] = Counter()
        stops = []
        for member in members:
            try:
                with package.open(member) as raw:
                    opened: Any = raw
                    if member.filename.lower().endswith(".gz"):
                        opened = Decompressing("gzip", cast(BinaryIO, raw))
                    stream = Bounded(opened, archive_limit(size))
                    stop = yield from record_articles(path, cast(BinaryIO, stream), skipped, read)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
                stop = f"cannot open: {error}"
            if stop:
                stops.append(f"{member.filename}: {stop}")
    if refused:
        shown = ", ".join(repr(name) for name in refused[:3])
        stops.append(
            f"refused {len(refused)} path{'s' if len(refused) > 1 else ''} "
            f"outside the archive folder ({shown})"
        )
    return summary(skipped, read[0], "; ".join(stops) or None) or None


def _archives(package: zipfile.ZipFile) -> tuple[list[zipfile.ZipInfo], list[str]]:
    """The WARC members under archive/, and the names of those whose path leaves it."""
    members, refused = [], []
    for info in package.infolist():
        name = info.filename
        if not name.lower().endswith((".warc", ".warc.gz")):
            continue
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            refused.append(name)
        elif parts[0] == "archive":
            members.append(info)
    return members, refused
