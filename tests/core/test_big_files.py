"""Big files read as a stream: JSON lines a line at a time, web archives a record at a time,
progress in bytes, and the store written in parts with the ids ingest gives."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader.core import file_rows, ingest
from reader.core import library as library_module
from reader.core import sync as sync_module
from reader.core.ingest import FileStream, compressed
from reader.core.ingest.records import jsonl_articles
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.sources import load_sources
from reader.core.sync import Partial, sync_steps
from tests.core.test_ingest_archives import build_warc, page

TOPICS = ["harbour", "ferry", "bridge", "tunnel", "market", "council", "storm"]


def records(count: int, start: int = 0) -> list[str]:
    """JSON lines: titles and bodies that differ, every third sharing its id with another."""
    lines = []
    for number in range(start, start + count):
        topic = TOPICS[number % len(TOPICS)]
        record = {
            "title": f"The {topic} report number {number}",
            "body": f"The {topic} council met on Monday. Report {number} says the plan holds.",
            "outlet": ["Daily Planet", "The Herald"][number % 2],
            "date": f"2024-03-{1 + number % 28:02d}",
        }
        if number % 3 == 0:
            record["id"] = f"shared-{number // 6}"
        lines.append(json.dumps(record))
    return lines


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def test_json_lines_are_read_one_line_at_a_time() -> None:
    data = ("\n".join(records(500)) + "\n").encode()
    handle = io.BytesIO(data)
    articles = jsonl_articles(Path("big.jsonl"), handle)
    first, second = next(articles), next(articles)
    assert (first.title, second.title) == (
        "The harbour report number 0",
        "The ferry report number 1",
    )
    assert handle.tell() < len(data) // 50  # nothing read ahead beyond the next line or so
    assert len(list(articles)) == 498


def test_progress_counts_bytes_up_to_the_file_size(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ingest, "PROGRESS_STEP", 1)
    monkeypatch.setattr(compressed, "_CHUNK", 1024)  # a small .gz is read in several pieces
    pages = {f"https://news.example.org/{n}": page(f"Harbour story {n}") for n in range(8)}
    for path in (
        tmp_path / "crawl.warc",
        tmp_path / "crawl.warc.gz",
        write_lines(tmp_path / "big.jsonl", records(300)),
    ):
        if path.suffix != ".jsonl":
            path.write_bytes(build_warc(gzipped=path.suffix == ".gz", pages=pages))
        told: list[tuple[int, int, int]] = []

        def tell(stream: FileStream, told: list = told) -> None:
            told.append((stream.done, stream.size, stream.count))

        stream = FileStream(path, tell)
        articles = list(stream)
        done = [d for d, _, _ in told]
        assert len(told) >= 3, path
        assert done == sorted(done) and 0 < done[0] < path.stat().st_size, path
        assert told[-1] == (path.stat().st_size, path.stat().st_size, len(articles)), path
        counts = [c for _, _, c in told]
        assert counts == sorted(counts) and counts[0] < len(articles), path


def test_bad_lines_are_reported_by_number_in_a_streamed_file(tmp_path: Path) -> None:
    lines = records(10)
    lines[3] = "\x00\x00\x00"
    lines[6] = '{"title": "cut'
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n" + '{"title": "the end, cut')
    stream = FileStream(path)
    assert len(list(stream)) == 8
    assert (
        stream.note
        == "skipped bad lines 4, 7; skipped line 11: truncated (the file ends mid-record)"
    )


def stored_ids(library: Library) -> list[tuple[str, str]]:
    return sorted((a.id, a.title) for a in library.store.headers())


@pytest.fixture
def small_parts(monkeypatch) -> None:
    """Parts of 7 articles, and a listing after each."""
    monkeypatch.setattr(file_rows, "BATCH_ARTICLES", 7)
    monkeypatch.setattr(library_module, "LIVE_EVERY", 0.0)


def test_a_big_file_is_listed_in_parts_with_the_ids_ingest_gives(tmp_path, small_parts) -> None:
    path = write_lines(tmp_path / "big.jsonl", records(40))
    said: list[str] = []
    with Library([str(path)], Settings.resolve(cache=tmp_path / "cache")) as library:
        steps = list(library.steps(said.append, lambda done, total: None))
        listed = [len(step.corpus.articles) for step in steps if not step.merged]
        # in parts as they are written (a slow machine may skip some: listings space out
        # when listing takes longer than reading), then whole
        parts = listed[:-1]
        assert listed[0] == 7 and len(parts) >= 2 and listed[-1] == 40
        assert all(n % 7 == 0 for n in parts[:-1]) and listed == sorted(listed)
        expected = sorted((a.id, a.title) for a in load_sources([path]))
        assert len({i for i, _ in expected}) == 40
        assert stored_ids(library) == expected
    assert said == []


def test_an_edited_big_file_keeps_its_ids_and_loses_what_went(tmp_path, small_parts) -> None:
    path = write_lines(tmp_path / "big.jsonl", records(30))
    with Library([str(path)], Settings.resolve(cache=tmp_path / "cache")) as library:
        library.sync(print)
        before = {title: i for i, title in stored_ids(library)}
        write_lines(path, records(30) + records(10, start=30))
        library.sync(print)
        after = {title: i for i, title in stored_ids(library)}
        assert len(after) == 40 and all(after[t] == i for t, i in before.items())
        write_lines(path, records(12))
        library.sync(print)
        kept = sorted(i for t, i in before.items() if int(t.rsplit(" ", 1)[1]) < 12)
        assert [i for i, _ in stored_ids(library)] == kept


def test_a_sync_stopped_midway_through_a_big_file_is_finished_by_the_next(
    tmp_path, small_parts
) -> None:
    path = write_lines(tmp_path / "big.jsonl", records(30))
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(path)], settings) as library:
        steps = sync_steps(library.store, [str(path)], print, live=0.0)
        assert isinstance(next(steps), Partial)
        steps.close()  # as a killed or cancelled sync would leave it: one part stored
        assert library.store.count() == 7
        assert library.store.stored_files()[str(path)][3] == ""  # not analysed yet
        library.sync(print)
        assert stored_ids(library) == sorted((a.id, a.title) for a in load_sources([path]))


def test_big_files_stream_here_in_order_while_the_pool_reads_the_rest(
    tmp_path, small_parts, monkeypatch
) -> None:
    monkeypatch.setattr(sync_module, "PARALLEL_FROM", 4)
    monkeypatch.setattr(sync_module, "STREAM_FROM", 2000)
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(5):
        lines = records(1, start=number)  # small: read by the pool
        write_lines(folder / f"{number}-small.jsonl", lines)
    write_lines(folder / "2-big.jsonl", records(20))  # between small ones: read here
    write_lines(folder / "9-big.jsonl", records(20))  # the same ids as the other big one
    with Library([str(folder)], Settings.resolve(cache=tmp_path / "cache")) as library:
        library.sync(print)
        assert stored_ids(library) == sorted((a.id, a.title) for a in load_sources([folder]))
        assert len(stored_ids(library)) == 45
