"""A big web archive in the TUI: the list fills while it is read, and the status line says how
far. Real WARC, real store; the reading is held after the first part, so what the screen shows
then is what it shows before the archive is read."""

from __future__ import annotations

import threading
import time

from reader.core import file_rows, ingest
from reader.core import library as library_module
from reader.core.ingest import FileStream
from reader.core.reading_text import reading_text
from reader.core.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens import loading
from reader.ui.widgets.source_list import SourceList
from tests.core.test_ingest_archives import build_warc, page
from tests.ui.conftest import WIDE
from tests.ui.test_live import wait_for


async def until(pilot, condition, seconds: float = 60.0) -> None:
    """Let the app run until `condition()` holds (not waiting for its workers: one is held);
    fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the screen to update"
        await pilot.pause(0.05)


PAGES = {f"https://news.example.org/story-{n}": page(f"Harbour story {n}") for n in range(6)}


async def test_the_list_fills_while_a_big_archive_is_read(tmp_path, monkeypatch) -> None:
    archive = tmp_path / "news" / "crawl.warc"
    archive.parent.mkdir()
    archive.write_bytes(build_warc(pages=PAGES))
    monkeypatch.setattr(file_rows, "BATCH_ARTICLES", 2)  # written (and listed) two at a time
    monkeypatch.setattr(library_module, "LIVE_EVERY", 0.0)
    monkeypatch.setattr(ingest, "PROGRESS_STEP", 1)
    monkeypatch.setattr(loading, "WORTH_SHOWING", 0)  # a small archive's progress shown too
    monkeypatch.setattr(loading, "READING_EVERY", 0.0)
    gate = threading.Event()
    said: list[str] = []

    def told(stream: FileStream) -> str:
        said.append(reading_text(stream))
        return said[-1]

    monkeypatch.setattr(loading, "reading_text", told)

    class Held(FileStream):
        """Stops before its third article until the test lets it go on."""

        def __iter__(self):
            for number, article in enumerate(FileStream.__iter__(self)):
                if number == 2:
                    assert gate.wait(60), "the test never let the reading go on"
                yield article

    monkeypatch.setattr(file_rows, "FileStream", Held)
    app = ReaderApp(paths=[str(archive.parent)], state=ReadingState(tmp_path / "state.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        sources = app.screen.query_one(SourceList)
        try:
            await until(pilot, lambda: len(sources.articles) >= 2)
            assert len(sources.articles) == 2  # listed while the archive is still being read
            assert said[0].startswith("Reading crawl.warc: ") and said[0].endswith("· 1 article")
        finally:
            gate.set()
        await wait_for(pilot, lambda: app.screen.merged is not None, seconds=60)
        assert sorted(a.title for a in sources.articles.values()) == sorted(
            f"Harbour story {n}" for n in range(6)
        )
