"""Watch folders for the TUI: batches of added, changed and deleted files, debounced."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from watchfiles import Change, watch


@dataclass(slots=True)
class Batch:
    """The files that changed together; a file both added and changed counts as added."""

    added: set[Path] = field(default_factory=set)
    changed: set[Path] = field(default_factory=set)
    deleted: set[Path] = field(default_factory=set)


def watch_folders(
    folders: Iterable[str | Path],
    stop: threading.Event,
    debounce_ms: int = 200,
    ignore: Iterable[str | Path] = (),
) -> Iterator[Batch]:
    """Yield one Batch per burst of changes under `folders` until `stop` is set; changes
    under `ignore` (the reader's own cache, should it sit in a watched folder) are not news."""
    ignored = {form for folder in ignore for form in (Path(folder), Path(folder).resolve())}
    for changes in watch(
        *folders,
        stop_event=stop,
        debounce=debounce_ms,
        step=50,
        rust_timeout=500,
        yield_on_timeout=False,
    ):
        batch = Batch()
        for kind, name in changes:
            path = Path(name)
            if path.name.startswith(".") or any(path.is_relative_to(i) for i in ignored):
                continue
            if kind != Change.deleted and _special(path):
                continue  # a FIFO, socket or device is never read: no news
            if kind == Change.added:
                batch.added.add(path)
            elif kind == Change.modified:
                batch.changed.add(path)
            else:
                batch.deleted.add(path)
        batch.changed -= batch.added
        batch.added -= batch.deleted
        batch.changed -= batch.deleted
        if batch.added or batch.changed or batch.deleted:
            yield batch


def _special(path: Path) -> bool:
    """Whether `path` is there and is neither a regular file nor a folder (links followed)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
