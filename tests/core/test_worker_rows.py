"""What a worker makes of a chunk of files: the analyses the store holds looked up once for
files read together, the rows as the store keeps them."""

from __future__ import annotations

import json
import sqlite3

import pytest

from reader.core import file_rows
from reader.core.library import Library
from reader.core.model import Analysis, Entity, Quote, Timex
from reader.core.settings import Settings
from reader.core.store import Store, codec
from reader.core.store.articles import AnalysisLookup
from tests.core.conftest import write


@pytest.fixture
def lookups(monkeypatch):
    """The keys of each lookup of stored analyses, in order."""
    asked: list[list[str]] = []
    real = AnalysisLookup.__call__

    def counting(self, keys):
        asked.append(list(keys))
        return real(self, keys)

    monkeypatch.setattr(AnalysisLookup, "__call__", counting)
    return asked


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.sqlite3") as store:
        yield store


def test_a_chunk_looks_up_its_analyses_once_and_reuses_them(
    tmp_path, corpus_dir, store, lookups, monkeypatch
):
    paths = sorted(str(path) for path in corpus_dir.iterdir())
    first = file_rows.process_chunk(paths, store.location)
    assert len(lookups) == 1 and len(lookups[0]) == 3
    assert [result.path for result in first] == paths
    store.write_files(first, print)
    monkeypatch.setattr(file_rows, "analyze_article", lambda article: pytest.fail("analysed"))
    again = file_rows.process_chunk(paths, store.location)
    assert [result.rows for result in again] == [result.rows for result in first]


def test_files_are_read_together_up_to_a_size(tmp_path, corpus_dir, store, lookups, monkeypatch):
    paths = sorted(str(path) for path in corpus_dir.iterdir())
    size = max(len(open(path, "rb").read()) for path in paths)
    monkeypatch.setattr(file_rows, "READ_TOGETHER", 2 * size)
    results = file_rows.process_chunk(paths, store.location)
    assert [len(keys) for keys in lookups] == [2, 1]
    assert [result.path for result in results] == paths


def test_a_chunk_told_to_stop_keeps_the_files_analysed_in_order(
    tmp_path, corpus_dir, store, monkeypatch
):
    paths = sorted(str(path) for path in corpus_dir.iterdir())
    whole = file_rows.process_chunk(paths, store.location)
    told = iter([False] * 5)  # three files read, two analysed, then told to stop
    monkeypatch.setattr(file_rows, "stopping", lambda: next(told, True))
    stopped = file_rows.process_chunk(paths, store.location)
    assert [result.rows for result in stopped] == [result.rows for result in whole[:2]]


def test_a_skipped_file_and_notes_are_kept_as_a_file_alone_keeps_them(
    tmp_path, corpus_dir, store, monkeypatch
):
    (corpus_dir / "empty.txt").write_text("")
    write(corpus_dir, "d.txt", "Talks resume", "Talks resumed in Geneva on Friday.")

    def broken(article):
        if article.title == "Talks resume":
            raise ValueError("unexpected text")
        return Analysis()

    monkeypatch.setattr(file_rows, "analyze_article", broken)
    paths = sorted(str(path) for path in corpus_dir.iterdir())
    chunk = file_rows.process_chunk(paths, store.location)
    alone = [file_rows.process_file(path) for path in paths]
    assert [(r.path, r.error, r.note, r.rows) for r in chunk] == [
        (r.path, r.error, r.note, r.rows) for r in alone
    ]
    assert [bool(r.error) for r in chunk] == [False, False, False, False, True]
    assert "unexpected text" in (chunk[3].note or "")


def test_an_analysis_is_written_as_the_encoder_writes_it() -> None:
    odd = 'a "quoted" \\ back\nslash\ttab \u00e9t\u00e9 \u2019 \x00 \x1f \ud800 \U0001f600'
    analyses = [
        Analysis(),
        Analysis(
            entities=[Entity(0, 5, "Paris", "place"), Entity(7, 9, odd, "other")],
            timexes=[Timex(1, 2, "Monday", "DATE", "2024-01-01"), Timex(3, 4, odd, "SET", odd)],
            quotes=[Quote(5, 9, odd, None), Quote(10, 20, "We will go", "Jane Doe")],
        ),
    ]
    for analysis in analyses:
        data = codec.analysis_data(analysis)
        assert data == codec.to_data(analysis.to_json())
        assert data == json.dumps(analysis.to_json(), ensure_ascii=False)
        assert codec.analysis_from_data(data).to_json() == analysis.to_json()


def test_a_store_of_layout_8_keeps_its_analyses_in_a_table_with_rowids(
    tmp_path, corpus_dir, monkeypatch
):
    settings = Settings.resolve(cache=tmp_path / "cache")
    before = Library([str(corpus_dir)], settings).open(print)
    database = next((tmp_path / "cache").glob("corpus-*.sqlite3"))
    with sqlite3.connect(database) as connection:  # the analyses as layout 8 kept them
        connection.executescript(
            "ALTER TABLE analyses RENAME TO kept;"
            " CREATE TABLE analyses (key TEXT, version TEXT, data TEXT,"
            " PRIMARY KEY (key, version)) WITHOUT ROWID;"
            " INSERT INTO analyses SELECT * FROM kept; DROP TABLE kept;"
            " PRAGMA user_version = 8;"
        )
    monkeypatch.setattr(file_rows, "analyze_article", lambda article: pytest.fail("analysed"))
    after = Library([str(corpus_dir)], settings).open(print)
    assert [after.analysis(a.id).to_json() for a in after.articles] == [
        before.analysis(a.id).to_json() for a in before.articles
    ]
    with sqlite3.connect(database) as connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'analyses'"
        ).fetchone()
        assert "WITHOUT ROWID" not in sql
        assert connection.execute("SELECT count(*) FROM analyses").fetchone() == (3,)
