"""The reading habits at scale: the TUI headless on N listed articles (default 100,000, 50
outlets), timing what each key costs with the unread counts kept up to date.

    python benchmarks/habits.py [--size 100000]

Prints figures, asserts nothing: opening an article (marks it read, recounts its outlet), `u`,
`U` (relist with the unread-only filter), `A` (an outlet read), `C` (everything read) and
`ctrl+z`. The reading state is a real SQLite file in a throwaway directory.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.corpus import Corpus  # noqa: E402
from reader.core.model import Article  # noqa: E402
from reader.core.state import ReadingState  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402


def articles(size: int) -> list[Article]:
    return [
        Article(
            id=f"a{n}",
            path=f"/news/{n % 50}/{n}.txt",
            source=f"Outlet {n % 50}",
            title=f"Article {n}",
            published=f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}",
            paragraphs=[f"Body of article {n}."],
        )
        for n in range(size)
    ]


async def measure(size: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="reader-habits-"))
    state = ReadingState(folder / "state.sqlite3")
    app = ReaderApp(corpus=Corpus(articles=articles(size)), state=state)
    async with app.run_test(size=(160, 50)) as pilot:
        started = time.perf_counter()
        await app.settled()
        await pilot.pause()
        print(f"{size} articles listed and counted: {time.perf_counter() - started:.2f} s")
        for label, keys in [
            ("j (preview the next article)", ["j"]),
            ("enter (open, mark read, recount its outlet)", ["enter"]),
            ("u (next unread)", ["u"]),
            ("U (unread only: relist)", ["U"]),
            ("U (all again: relist)", ["U"]),
            ("A (an outlet read)", ["A"]),
            ("C (everything read)", ["C"]),
            ("ctrl+z (undo C)", ["ctrl+z"]),
        ]:
            started = time.perf_counter()
            await pilot.press(*keys)
            await app.settled()
            await pilot.pause()
            print(f"  {label:<46} {1000 * (time.perf_counter() - started):7.0f} ms")
        print(f"  status line: {app.screen.counts}")
    state.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    asyncio.run(measure(parser.parse_args().size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
