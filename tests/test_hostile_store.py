"""The hostile folder (tests/hostile.py) through the store: `reader entities` and `reader search`
read it as `reader articles` does (the same articles, ids and one-line messages, no hang, no
traceback), on the first run and on the next, from the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.settings import Settings
from tests.conftest import ROOT
from tests.hostile import Hostile, write_hostile


def reader(*args: str) -> tuple[str, list[str]]:
    """stdout and the stderr lines of a `reader` run that must succeed; a hang fails it."""
    done = subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, cwd=ROOT, timeout=90
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    return done.stdout.decode(), sorted(stderr.splitlines())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    return write_hostile(tmp_path_factory.mktemp("hostile") / "folder")


@pytest.fixture(scope="module")
def articles(hostile: Hostile) -> tuple[dict[str, dict], list[str]]:
    """`reader articles`' articles by path and title, and its messages."""
    out, messages = reader("articles", str(hostile.root), "--json")
    return {(a["path"], a["title"]): a for a in json.loads(out)}, messages


def test_entities_and_search_read_the_folder_as_articles_does(hostile: Hostile, articles) -> None:
    by_path, messages = articles
    cache = str(hostile.root.parent / "cache")
    ids = {a["id"] for a in by_path.values()}
    for run in ("first", "stored"):
        out, said = reader("entities", str(hostile.root), "--json", "--cache", cache)
        assert said == messages, run  # the same one-line messages, bad lines by number too
        actors = {actor["name"]: actor["articles"] for actor in json.loads(out)}
        assert {i for listed in actors.values() for i in listed} <= ids
        story = {Path(path).suffix: a["id"] for (path, _), a in by_path.items() if "story" in path}
        assert actors["Angela Merkel"] == [story[".txt"]], run
        assert actors["Olaf Scholz"] == [story[".md"]], run
    with Library([str(hostile.root)], Settings.resolve(cache=cache)) as library:
        stored = library.open(lambda message: None).articles
    assert sorted((a.id, a.path, a.title) for a in stored) == sorted(
        (a["id"], a["path"], a["title"]) for a in by_path.values()
    ), "the store holds the articles `reader articles` reads, with the same ids"
    out, said = reader("search", "zanzibar", str(hostile.root), "--json", "--cache", cache)
    twins = sorted(a["id"] for a in by_path.values() if a["title"].startswith("Twin record"))
    assert sorted(hit["article"] for hit in json.loads(out)) == twins
    assert len(set(twins)) == 2
    out, _ = reader("search", "council", str(hostile.root), "--json", "--cache", cache)
    (not_utf8,) = [a for a in by_path.values() if a["title"] == "Not UTF-8 name"]
    assert not_utf8["id"] in {hit["article"] for hit in json.loads(out)}


def test_a_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff")
    os.mkdir(folder)
    with open(os.path.join(folder, b"r\xe9sum\xe9.txt"), "wb") as handle:
        handle.write(b"Summit report\n\nVladimir Putin met the council on Monday.\n")
    name, cache = os.fsdecode(folder), str(tmp_path / "cache")
    out, said = reader("entities", name, "--json", "--cache", cache)
    assert said == []
    (putin,) = [a for a in json.loads(out) if a["name"] == "Vladimir Putin"]
    assert putin["articles"] == ["r\\xe9sum\\xe9"]
    out, _ = reader("search", "council", name, "--json", "--cache", cache)
    (hit,) = json.loads(out)
    assert hit["article"] == "r\\xe9sum\\xe9" and hit["title"] == "Summit report"
