"""Web archives through the store: hashed a chunk at a time (never held whole), and their one
summary line said by every command, on every run, as `reader articles` says it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from reader.core import sync as sync_module
from reader.core.ingest.files import content_hash
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.store.codec import data_hash
from tests.conftest import run_here
from tests.core.test_ingest_archives import build_warc


def test_content_hash_reads_in_chunks_and_matches_hashing_at_once() -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)  # over several chunks, the last one short
    assert content_hash(io.BytesIO(data)) == data_hash(data)
    assert content_hash(io.BytesIO(data[:-1])) != data_hash(data)


def test_a_touched_archive_is_hashed_not_read_again(tmp_path: Path, monkeypatch) -> None:
    archive = tmp_path / "news" / "crawl.warc.gz"
    archive.parent.mkdir()
    archive.write_bytes(build_warc(gzipped=True))
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(archive.parent)], settings) as library:
        library.sync(print)
        os.utime(archive, ns=(1, 1))  # same bytes, another mtime

        def read_again(path: str, *args: object, **kwargs: object) -> None:
            raise AssertionError(f"{path} read again")

        monkeypatch.setattr(sync_module, "file_parts", read_again)
        library.sync(print)
        assert library.store.stored_files()[str(archive)][1] == 1  # the new mtime kept
        data = archive.read_bytes()
        archive.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, other bytes
        with pytest.raises(AssertionError, match="read again"):
            library.sync(print)


def test_every_command_says_the_archive_summary_on_every_run(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "crawl.warc").write_bytes(build_warc())
    cache = ["--cache", str(tmp_path / "cache")]
    said = run_here("articles", str(folder), *cache).stderr
    assert said.startswith(f"reader: {folder / 'crawl.warc'}: 3 pages read; skipped 3 requests")
    for command in (["entities"], ["search", "pier"], ["stories"], ["entities"]):
        done = run_here(*command, str(folder), *cache)
        assert (done.returncode, done.stderr) == (0, said), command
