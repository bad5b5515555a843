"""Article ids: the file stem where unique, else path-based, and stable once given.

An id a store already gave is kept while it stays unique and still fits its article, so a file
with the same stem appearing (or going) elsewhere never renames the articles already there: the
newcomer is the one disambiguated (`010@business/010`), and a deletion is one removal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path


def unique_ids(items: list[tuple[str, str]], held: Sequence[str | None] | None = None) -> list[str]:
    """(id, path) pairs -> their ids made unique: the id where it is, else path-based (the
    path without its suffix, else with it: `story.txt` and `story.md`), else numbered (records
    sharing an id in one file). Unique ids come back unchanged, so applying it twice is safe.

    `held` gives each item's id from before (None: new), oldest claim first in item order:
    an id held is kept while it is one of the item's own forms and no earlier item holds it."""
    fresh = _fresh_ids(items)
    if not held:
        return fresh
    ids: list[str | None] = [None] * len(items)
    taken: set[str] = set()
    for index, ((base, path), claim) in enumerate(zip(items, held, strict=True)):
        if claim and claim not in taken and claim in _forms(base, path):
            ids[index] = claim
            taken.add(claim)
    for index, (base, path) in enumerate(items):
        if ids[index] is None:
            options = [fresh[index], *_forms(base, path)[1:]]
            choice = next((o for o in options if o not in taken), None)
            number = 1
            while choice is None or choice in taken:
                number += 1
                choice = f"{options[-1]}#{number}"
            ids[index] = choice
            taken.add(choice)
    return [i for i in ids if i is not None]


def _forms(base: str, path: str) -> list[str]:
    """An article's possible ids, shortest first."""
    return [
        base,
        f"{base}@{Path(path).with_suffix('').as_posix()}",
        f"{base}@{Path(path).as_posix()}",
    ]


def _fresh_ids(items: list[tuple[str, str]]) -> list[str]:
    counts = Counter(article_id for article_id, _ in items)
    if len(counts) == len(items):  # the usual case: every id unique already
        return [article_id for article_id, _ in items]
    ids = [
        article_id
        if counts[article_id] == 1
        else f"{article_id}@{Path(path).with_suffix('').as_posix()}"
        for article_id, path in items
    ]
    counts = Counter(ids)
    ids = [
        unique
        if counts[unique] == 1 or unique == article_id
        else f"{article_id}@{Path(path).as_posix()}"
        for unique, (article_id, path) in zip(ids, items, strict=True)
    ]
    counts, seen = Counter(ids), Counter[str]()
    numbered = []
    for unique in ids:
        seen[unique] += 1
        numbered.append(unique if counts[unique] == 1 else f"{unique}#{seen[unique]}")
    return numbered
