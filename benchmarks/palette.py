"""The command palette on a real corpus: the TUI headless, the time from `ctrl+p` to the
first results, and from each key typed to the results changing.

    python benchmarks/palette.py [PATH]   (default ../shared/corpora/bbc, 2,225 articles)

Prints figures, asserts nothing. The reading state is a throwaway SQLite file.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.command import CommandList, CommandPalette  # noqa: E402

from reader.core.state import ReadingState  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.widgets.source_list import SourceList  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
QUERY = "minis"


async def until(pilot, check: Callable[[], object], most: float = 600.0) -> float:
    """Seconds until `check()` holds (or `most` passed)."""
    start = time.perf_counter()
    while not check() and time.perf_counter() - start < most:
        await pilot.pause(0.01)
    return time.perf_counter() - start


async def main(path: str) -> None:
    app = ReaderApp(paths=[path], state=ReadingState(Path(tempfile.mkdtemp()) / "s.sqlite3"))
    async with app.run_test(size=(160, 50)) as pilot:

        def loaded() -> bool:
            lists = app.screen.query(SourceList)
            return (
                bool(lists) and lists.first().option_count > 0 and not app.screen.query("#loading")
            )

        await until(pilot, loaded)
        await app.settled()
        corpus = app.screen.corpus
        print(f"{len(corpus.articles):,} articles, {len(corpus.actors):,} actors, "
              f"{len(corpus.events):,} events")  # fmt: skip
        start = time.perf_counter()
        await pilot.press("ctrl+p")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, CommandPalette)
                and app.screen.query_one(CommandList).option_count > 0
            ),
        )
        print(f"ctrl+p: first results after {time.perf_counter() - start:.2f} s")
        results = app.screen.query_one(CommandList)
        for key in QUERY:
            before = results.get_option_at_index(0).prompt
            start = time.perf_counter()
            await pilot.press(key)
            await until(
                pilot,
                lambda b=before: (
                    results.option_count and results.get_option_at_index(0).prompt is not b
                ),
                30,
            )
            print(f"typed {key!r}: results after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else str(SHARED / "corpora" / "bbc")))
