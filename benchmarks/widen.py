"""`w` on a large archive: the right panel widened from the story to the whole archive.

    python benchmarks/widen.py CORPUS CACHE   # a store kept by `scale.py --distinct N --keep`

On a warm store (its stories merged), prints for the article listed first:
- in-process, the Library calls behind the widened panels: the actor panel's (the article's
  actors, the top actors, their count), the timeline's (its length, the window around the
  start) and the quotes panel's (every speaker's quotes), each with wall and CPU time and the
  memory they allocate at their peak (tracemalloc, in a second pass);
- in a Pilot run of the TUI (160x50), the time from the `w` keypress to the actor panel
  listing the whole archive's actors, wall and CPU of the process (`w` pressed PRESSES times).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from reader.core.library import Corpus, Library  # noqa: E402
from reader.core.settings import Settings  # noqa: E402
from reader.ui.widgets.actor_panel import MAX_LISTED  # noqa: E402
from reader.ui.widgets.quotes_panel import MAX_SHOWN  # noqa: E402
from reader.ui.widgets.timeline_panel import WINDOW  # noqa: E402


def actor_panel(archive: Corpus, article_id: str) -> int:
    here = Library.article_actor_counts(archive, article_id)
    Library.actors_named(archive, list(here))
    Library.top_actors(archive, MAX_LISTED)
    return len(archive.actors)


def timeline_panel(archive: Corpus, article_id: str) -> int:
    del article_id
    return len(archive.events[:WINDOW]) and len(archive.events)


def quotes_panel(archive: Corpus, article_id: str) -> int:
    del article_id
    return len(archive.quotes_of(None)[:MAX_SHOWN])


PANELS: dict[str, Callable[[Corpus, str], int]] = {
    "actors": actor_panel,
    "timeline": timeline_panel,
    "quotes": quotes_panel,
}


def in_process(corpus: str, cache: str) -> dict:
    """Each panel's Library calls on a fresh view of the archive: time, then memory."""
    figures: dict = {}
    with Library([corpus], Settings.resolve(cache=cache, data=cache + "/data")) as library:
        started = time.perf_counter()
        archive = library.open(print)
        figures["open_s"] = time.perf_counter() - started
        article_id = archive.articles[0].id
        for name, panel in PANELS.items():
            fresh = library.open(print)
            wall, cpu = time.perf_counter(), time.process_time()
            count = panel(fresh, article_id)
            figures[name] = {
                "count": count,
                "wall_s": round(time.perf_counter() - wall, 3),
                "cpu_s": round(time.process_time() - cpu, 3),
            }
        for name, panel in PANELS.items():
            fresh = library.open(print)
            tracemalloc.start()
            panel(fresh, article_id)
            figures[name]["peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
    return figures


PRESSES = 3
"""Times `w` is pressed (and pressed again to go back to the story) in the Pilot run."""


def pilot(corpus: str, cache: str) -> dict:
    """The TUI on the warm store: from `w` to the actor panel listing the archive's actors."""
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.actor_panel import ActorPanel

    def heading(panel: ActorPanel) -> str:
        prompts = (str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))
        return next((p for p in prompts if p.startswith(("All articles", "In this story"))), "")

    async def run() -> dict:
        data = tempfile.mkdtemp(prefix="reader-widen-data-")
        app = ReaderApp(paths=[corpus], settings=Settings.resolve(cache=cache, data=data))
        figures: dict = {}
        async with app.run_test(size=(160, 50)) as driver:
            screen = app.screen
            started = time.perf_counter()
            while screen.merged is None or screen.story_corpus is None:  # type: ignore[attr-defined]
                await driver.pause(0.05)
                if time.perf_counter() - started > 600:
                    return {"error": "not merged in 600 s"}
            figures["story_panel"] = heading(screen.query_one(ActorPanel))
            walls, cpus = [], []
            for _ in range(PRESSES):
                wall, cpu = time.perf_counter(), time.process_time()
                await driver.press("w")
                while not heading(screen.query_one(ActorPanel)).startswith("All articles"):
                    await driver.pause(0.01)
                await driver.pause()
                walls.append(round(time.perf_counter() - wall, 3))
                cpus.append(round(time.process_time() - cpu, 3))
                figures["archive_panel"] = heading(screen.query_one(ActorPanel))
                await driver.press("w")  # back to the story
                await driver.pause(0.2)
            figures["w_wall_s"], figures["w_cpu_s"] = walls, cpus
        return figures

    return asyncio.run(run())


def main() -> int:
    corpus, cache = sys.argv[1:3]
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(json.dumps({"in_process": in_process(corpus, cache)}, indent=1))
    print(json.dumps({"pilot": pilot(corpus, cache)}, indent=1))
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
