"""Faults of Reader's own files, with real files: a store with damaged pages is rebuilt (it is a
cache) and said so; a cache folder that is read-only or a file gives one line, deletes nothing;
a damaged reading state is kept aside, its readable marks carried over, and said so; a file of
more records than SQLite takes variables in one statement is stored whole."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.state import ReadingState, StateError
from tests.conftest import ROOT


def damage(database: Path, seed: int = 18) -> None:
    """Overwrite the middle third of an SQLite file with junk; check SQLite sees it."""
    size = database.stat().st_size
    rng = random.Random(seed)
    with open(database, "r+b") as handle:
        handle.seek(size // 3)
        handle.write(bytes(rng.randrange(256) for _ in range(size // 3)))
    with sqlite3.connect(database) as connection:
        try:
            problems = connection.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError:
            problems = [("damaged",)]
    assert problems != [("ok",)], "the junk must land on pages in use"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder of reports big enough for a store of several dozen pages."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(40):
        body = f"Vladimir Putin met the council of town {number} on Monday. " * 8
        (folder / f"r{number:02d}.txt").write_text(f"Report {number}\n\n{body}\n")
    return folder


def test_a_store_with_damaged_pages_is_rebuilt_and_said_so(reports: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    settings = Settings.resolve(cache=cache)
    with Library([str(reports)], settings) as library:
        whole = library.open(print)
        expected = sorted(a.title for a in whole.articles), [a.name for a in whole.actors]
    (database,) = cache.glob("corpus-*.sqlite3")
    damage(database)
    warnings: list[str] = []
    with Library([str(reports)], settings) as library:
        corpus = library.open(warnings.append)
        assert (sorted(a.title for a in corpus.articles), [a.name for a in corpus.actors]) == (
            expected
        )
    assert warnings == [f"the cache at {database} was damaged; rebuilding it"]
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]

    damage(database, seed=4)  # the command line, search first: one line, then the hits
    done = cli("search", "council", str(reports), "--cache", str(cache), "--json")
    assert done.returncode == 0
    assert done.stderr == f"reader: the cache at {database} was damaged; rebuilding it\n"
    assert len(json.loads(done.stdout)) == 20


def test_a_file_where_the_cache_folder_should_be(reports: Path, tmp_path: Path):
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("mine")
    done = cli("entities", str(reports), "--cache", str(in_the_way))
    assert done.returncode == 1
    assert done.stderr == (
        f"reader: error: cannot use the cache at {in_the_way}: a file is in the way"
        " (give another folder with --cache DIR or READER_CACHE_DIR)\n"
    )
    assert in_the_way.read_text() == "mine"
    with pytest.raises(StoreError, match="a file is in the way"):
        Library([str(reports)], Settings.resolve(cache=in_the_way / "sub")).sync(print)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` read-only, also for root (who ignores permissions, not the immutable flag)."""
    folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
        folder.chmod(0o755)
        pytest.skip("cannot make a folder read-only for root here")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("damaged", [False, True])
def test_a_read_only_cache_folder_gives_one_line_and_loses_nothing(
    reports: Path, tmp_path: Path, damaged: bool
):
    cache = tmp_path / "cache"
    assert cli("entities", str(reports), "--cache", str(cache)).returncode == 0
    if damaged:
        damage(next(cache.glob("corpus-*.sqlite3")))
    before = snapshot(cache)
    with read_only(cache):
        done = cli("entities", str(reports), "--cache", str(cache))
        after = snapshot(cache)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    (line,) = lines
    assert line.startswith(f"reader: error: cannot use the cache at {cache}: ")
    assert after.keys() == before.keys(), "nothing deleted"
    if not damaged:
        assert after == before


def test_records_past_sqlites_variable_limit_are_stored(tmp_path: Path, monkeypatch):
    """A look-up per key list, capped at 100 variables a statement here (32,766 by default):
    a file of more records than that is stored and analysed whole."""
    real = sqlite3.connect

    def limited(*args, **kwargs):
        connection = real(*args, **kwargs)
        connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
        return connection

    monkeypatch.setattr(sqlite3, "connect", limited)
    folder = tmp_path / "records"
    folder.mkdir()
    records = [{"id": f"r{n}", "title": f"Record {n}", "text": f"Body {n}."} for n in range(250)]
    (folder / "many.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    settings = Settings.resolve(cache=tmp_path / "cache")
    for _ in range(2):  # the second run looks every analysis up
        with Library([str(folder)], settings) as library:
            (folder / "many.jsonl").touch()
            library.sync(print)
            assert library.store.count() == 250
            assert len(library.store.load()[1]) == 250


# The reading state ---------------------------------------------------------------------------


def test_a_state_file_that_is_not_a_database_is_kept_aside(tmp_path: Path):
    path = tmp_path / "data" / "state.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"not a database, but someone's" * 100)
    said: list[str] = []
    state = ReadingState(path, said.append)
    (aside,) = path.parent.glob("state.sqlite3.damaged-*")
    assert aside.read_bytes() == b"not a database, but someone's" * 100
    assert said == [state.notice] and state.notice == (
        f"the reading state at {path} was damaged: kept it as {aside} and started a new one"
        " (0 read or starred marks recovered)"
    )
    state.set_read("a")
    state.close()
    again = ReadingState(path, said.append)
    assert again.is_read("a") and again.notice is None and len(said) == 1
    again.close()


def test_a_state_file_with_damaged_pages_keeps_what_can_be_read(tmp_path: Path):
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    marks = [f"article-{n:05d}-{'x' * 40}" for n in range(3000)]
    for article in marks:
        state.set_read(article)
    state.toggle_star(marks[0])
    state.close()
    with sqlite3.connect(path) as connection:  # everything in the file, none in the journal
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(path)
    state = ReadingState(path)
    assert state.notice and "was damaged: kept it as" in state.notice
    (aside,) = tmp_path.glob("state.sqlite3.damaged-*[0-9]")  # its -wal and -shm beside it
    assert f"kept it as {aside}" in state.notice
    recovered = len(state.read)
    assert 0 < recovered < len(marks)
    assert f"({recovered} read or starred marks recovered)" in state.notice
    assert state.read <= set(marks) and state.is_starred(marks[0])
    state.toggle_star(marks[1])  # the new file takes changes
    state.close()
    assert ReadingState(path).is_starred(marks[1])


def test_marks_a_state_file_cannot_take_now_are_kept_and_saved_with_the_next(tmp_path: Path):
    """Another process holds the state file (as a full disk or damage would refuse it): each
    mark is told, kept in memory, and saved with the first save that can be; one still
    unsaved as the state closes is an error saying how many marks it loses."""
    import sqlite3

    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    told: list[str] = []
    state.told = told.append
    state._db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    state.set_read("a")
    state.toggle_star("b")
    assert state.set_read_many(["c", "d"]) == ["c", "d"]
    assert state.is_read("a") and state.is_starred("b") and state.is_read("d")
    assert len(told) == 3 and all("cannot save to the reading state" in t for t in told)
    holder.execute("ROLLBACK")
    state.set_read("e")
    assert len(told) == 3
    state.close()
    again = ReadingState(path)
    assert {"a", "c", "d", "e"} <= again.read and again.is_starred("b")
    again.told = told.append
    again._db.execute("PRAGMA busy_timeout = 50")
    holder.execute("BEGIN EXCLUSIVE")
    again.set_read("f")
    with pytest.raises(StateError, match="1 mark of this session not saved"):
        again.close()
    holder.execute("ROLLBACK")
    holder.close()


def test_a_search_through_a_corpus_on_a_damaged_store_rebuilds_it_once(
    reports: Path, tmp_path: Path
):
    """The TUI searches through its corpus, with no warn of its own: the store is rebuilt
    and refilled all the same, and the next load says so, once."""
    cache = tmp_path / "cache"
    with Library([str(reports)], Settings.resolve(cache=cache)) as library:
        corpus = library.open(print)
        (database,) = cache.glob("corpus-*.sqlite3")
        with sqlite3.connect(database) as connection:  # the pages in the file, not the log
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        damage(database)
        hits = library.search(corpus, "council")
        assert len(hits) == 20
        warnings: list[str] = []
        library.sync(warnings.append)
        library.sync(warnings.append)
    assert warnings == [f"the cache at {database} was damaged; rebuilding it"]
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
