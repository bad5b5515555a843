"""A watched folder's batch of paths, synced and listed without the rest of the archive.

A full sync walks every folder and stats every file to learn the corpus order and what
changed; a watch batch already names what changed. Given the corpus order as last synced,
`batch_order` looks at the batch's paths alone (a file, a folder moved in: walked, a path gone:
it and what was under it) and gives the order with those files put in or taken out where a
walk would find them. `patched_headers` does the same to the list of articles last shown: the
articles of the files a sync wrote or removed are read again, the others kept as listed.
(`reader.core.last_listing` keeps both for a library between its loads.)

Where a walk puts a file: `Positions`, the order `list_files` gives (a folder's files sorted by
the parts of their names), root after root, a feed's URL at its place among the paths.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from itertools import groupby

from reader.core.file_rows import file_key
from reader.core.ingest import list_files
from reader.core.model import Article
from reader.core.paths import is_url, path_text

Position = tuple[int, tuple[str, ...]]
Warn = Callable[[str], None]


class KeysUnder:
    """`file_key` of the files `list_files` finds under one root, without a Path made for each
    (100,000 of them cost seconds): the root's key joined to the rest of the name, which holds
    nothing a Path would change (names from the folder, joined by separators)."""

    def __init__(self, root: str) -> None:
        self.base = os.path.join(root, "")  # the root and one separator, as list_files joins
        key = file_key(root)
        self.prefix = "" if key == "." else os.path.join(key, "")

    def __call__(self, name: str) -> str:
        if not name.startswith(self.base) or name == self.base:
            return file_key(name)
        return self.prefix + path_text(name[len(self.base) :])


class Positions:
    """A file's or feed's place in the corpus order of `paths`, as a sort key."""

    def __init__(self, paths: Sequence[str]) -> None:
        self._roots: list[tuple[int, str, str]] = []
        """(index, the root's key, the prefix of the keys under it), local roots only."""
        self._urls: dict[str, int] = {}
        for index, path in enumerate(map(str, paths)):  # (a library may be given Paths)
            if is_url(path):
                self._urls.setdefault(path, index)
                continue
            key = file_key(path)
            self._roots.append((index, key, "" if key == "." else os.path.join(key, "")))

    def __call__(self, key: str) -> Position:
        if key in self._urls:
            return (self._urls[key], ())
        for index, root, prefix in self._roots:  # the first root that holds it (its key's)
            if key == root:
                return (index, ())
            if key.startswith(prefix) and (prefix or not os.path.isabs(key)):
                return (index, tuple(key[len(prefix) :].split(os.sep)))
        return (len(self._urls) + len(self._roots), (key,))


def batch_order(
    paths: Sequence[str], batch: Collection[str], listed: list[str], warn: Warn
) -> tuple[list[str], dict[str, str]] | None:
    """The corpus order after a watched `batch` (absolute paths) changed, from `listed` (the
    order as last synced), and each file of the batch that is there now (key -> OS path),
    as `_listing` would give them for the paths walked again; None when the batch holds a
    root itself (walk them all)."""
    present: dict[str, str] = {}
    looked: set[str] = set()
    for root in (path for path in paths if not is_url(path)):
        absolute = os.path.abspath(root)
        prefix, keys = os.path.join(absolute, ""), KeysUnder(root)
        for name in sorted(map(os.path.abspath, batch)):
            if name == absolute:
                return None
            if name.startswith(prefix):
                inside = name[len(prefix) :]
                rest = keys.base + inside
                looked.add(keys(rest))
            else:
                continue
            if _walked(absolute, inside):
                for found in list_files(rest, warn):
                    present.setdefault(keys(found), found)
    return _reordered(listed, looked, present, Positions(paths)), present


def _walked(root: str, inside: str) -> bool:
    """Whether a walk of `root` reaches `inside` (a path under it): not hidden, not in or
    through a link to a folder (a walk follows none), and there."""
    parts = [part for part in inside.split(os.sep) if part]
    if any(part.startswith(".") for part in parts):
        return False
    folder = root
    for part in parts[:-1]:
        folder = os.path.join(folder, part)
        if os.path.islink(folder):
            return False
    whole = os.path.join(root, *parts)
    if parts and os.path.islink(whole) and os.path.isdir(whole):
        return False
    return os.path.lexists(whole)


def _reordered(
    listed: list[str], looked: set[str], present: dict[str, str], position: Positions
) -> list[str]:
    """`listed` without the keys at or under `looked`, with those `present` where they go."""
    under = tuple(os.path.join(key, "") for key in looked)
    order = [key for key in listed if key not in looked and not key.startswith(under)]
    kept = set(order)
    new = sorted((key for key in present if key not in kept), key=position)
    if len(new) > len(order) // 8:  # many: one sort
        return sorted([*order, *new], key=position)
    for key in new:
        order.insert(bisect_left(order, position(key), key=position), key)
    return order


def patched_headers(
    articles: list[Article], paths: Collection[str], headers: list[Article], position: Positions
) -> list[Article]:
    """The list `articles` (in corpus order) with the articles of `paths` replaced by
    `headers` (theirs as stored now, in order: by path, then place in the file)."""
    changed = set(paths)
    kept = [article for article in articles if article.path not in changed]
    for path, group in groupby(headers, key=lambda article: article.path):
        at = position(path)
        index = bisect_left(kept, at, key=lambda article: position(article.path))
        kept[index:index] = list(group)
    return kept
