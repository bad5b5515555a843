"""A watched folder's batch of paths, synced and listed without the rest of the archive.

A full sync walks every folder and stats every file to learn the corpus order and what
changed; a watch batch already names what changed. Given the corpus order as last synced,
`batch_order` looks at the batch's paths alone (a file, a folder moved in: walked, a path gone:
it and what was under it) and gives the order with those files put in or taken out where a
walk would find them. `patched_headers` does the same to the list of articles last shown: the
articles of the files a sync wrote or removed, or the batch looked at, are read again, the
others kept as listed.
(`reader.core.last_listing` keeps both for a library between its loads.)

Where a walk puts a file: `Positions`, the order `list_files` gives (a folder's files sorted by
the parts of their names), root after root, a feed's URL at its place among the paths.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import chain, groupby

from reader.core.file_rows import file_key
from reader.core.ingest import hidden, list_files
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
) -> tuple[list[str], dict[str, str], set[str]] | None:
    """The corpus order after a watched `batch` (absolute paths) changed, from `listed` (the
    order as last synced), each file of the batch that is there now (key -> OS path), as
    `_listing` would give them for the paths walked again, and the keys the batch looked at
    (its paths' and those files'). None (walk them all) when the batch holds a root itself or
    a path under no root, or when a key may hold an undecodable byte (`escaped`)."""
    present: dict[str, str] = {}
    looked: set[str] = set()
    found, all_under = batch_under(paths, batch)
    if not all_under or not all(inside for _, _, inside in found):
        return None
    for root, keys, inside in found:
        rest = keys.base + inside
        looked.add(keys(rest))
        if _walked(os.path.abspath(root), inside):
            for name in list_files(rest, warn):
                present.setdefault(keys(name), name)
    if escaped(chain(listed, looked, present)):
        return None
    return _reordered(listed, looked, present, Positions(paths)), present, looked | present.keys()


def batch_under(
    paths: Sequence[str], batch: Collection[str]
) -> tuple[list[tuple[str, KeysUnder, str]], bool]:
    """Each path of a watched `batch` (absolute) at or under a local root of `paths`, as (the
    root as given, its `KeysUnder`, the rest of the path after the root: "" for the root
    itself); and whether every path of the batch is under a root. A path is under a root as
    given or as resolved: a watcher may tell either form when the root is given through a
    link."""
    names = sorted(set(map(os.path.abspath, batch)))
    found: list[tuple[str, KeysUnder, str]] = []
    matched: set[str] = set()
    for root in (path for path in paths if not is_url(path)):
        keys = KeysUnder(root)
        forms = dict.fromkeys((os.path.abspath(root), os.path.realpath(root)))
        for name in names:
            form = next((f for f in forms if name == f or name.startswith(_inside(f))), None)
            if form is not None:
                found.append((root, keys, name[len(_inside(form)) :]))
                matched.add(name)
    return found, len(matched) == len(names)


def keys_under(files: set[str], roots: list[str]) -> set[str]:
    """The `files` (keys) that are `roots` or under them."""
    keys = {root if is_url(root) else file_key(root) for root in roots}
    prefixes = tuple(key.rstrip(os.sep) + os.sep for key in keys if not is_url(key))
    return {key for key in files if key in keys or key.startswith(prefixes)}


def batch_keys(paths: list[str], batch: Collection[str]) -> set[str]:
    """The keys `sync` lists the files of a watched batch (absolute paths) under `paths`,
    found without the absolute form of every listed file: a listed name is its root joined to
    the rest as the folder gave it, so its absolute form is the root's joined to that rest."""
    found, _ = batch_under(paths, batch)
    return {keys(keys.base + inside) if inside else keys(root) for root, keys, inside in found}


def _inside(folder: str) -> str:
    return os.path.join(folder, "")


ESCAPE = re.compile(r"\\(?:x[89a-f][0-9a-f]|u[0-9a-f]{4})")
"""What `path_text` writes for a byte or surrogate that is not text."""


def escaped(keys: Iterable[str]) -> bool:
    """Whether a key may hold an undecodable byte (`path_text` writes it `\\xNN`): a walk
    sorts the name as the OS gives it (a lone surrogate, after every character), which the key
    no longer tells, so `Positions` cannot put it where a walk does."""
    return ESCAPE.search("\0".join(keys)) is not None


def _walked(root: str, inside: str) -> bool:
    """Whether a walk of `root` reaches `inside` (a path under it): not hidden, not in or
    through a link to a folder (a walk follows none), and there."""
    parts = [part for part in inside.split(os.sep) if part]
    if any(map(hidden, parts)):
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
