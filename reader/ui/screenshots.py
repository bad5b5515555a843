"""Regenerate the README's screenshots: `python -m reader.ui.screenshots [OUT_DIR]`.

Opens the bundled seeds (reading state and cache in a throwaway directory) and saves SVGs of
the main views into screenshots/ (`python -m reader.ui.screenshots OUT_DIR NAME` saves only
the shot called NAME, e.g. compare-160x50). The actor and the search query come from the
corpus itself.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from reader.core.paths import seeds_dir
from reader.core.settings import Settings

WIDE = (160, 50)
NARROW = (80, 24)


def _busiest(screen):
    """The most mentioned person (else actor) of the corpus, or None."""
    actors = screen.corpus.actors
    people = [a for a in actors if a.type == "person"] or actors
    return max(people, key=lambda a: a.mentions, default=None)


def _query_for(screen) -> str:
    """A word worth searching for: the busiest person's last name, else a title word."""
    busiest = _busiest(screen)
    if busiest:
        return busiest.name.split()[-1]
    words = [w for a in screen.corpus.articles for w in a.title.split() if len(w) > 4]
    return words[0] if words else "the"


async def _until(pilot, condition, seconds: float = 30.0) -> None:
    """Let the app run until `condition()` holds (the story look-up runs after the load)."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await pilot.pause(0.1)
    raise TimeoutError("the screen did not get there")


async def _shoot(
    out: Path, name: str, size: tuple[int, int], action: str | None, settings: Settings
) -> None:
    from reader.ui.app import ReaderApp
    from reader.ui.screens.main import Grouping, MainScreen

    app = ReaderApp(paths=[str(seeds_dir())], settings=settings)
    async with app.run_test(size=size) as pilot:
        await app.settled()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        if action == "search":
            await pilot.press("slash", *_query_for(screen).lower())
        elif action == "actor" and _busiest(screen):
            await screen.select_actor(_busiest(screen).name)
        elif action == "story":  # grouped by story, the first story's newest article open
            if screen.grouping is not Grouping.STORY:
                await pilot.press("b")
            await screen.open_first()
        elif action == "compare":  # the story being read, its outlets side by side
            from reader.ui.screens.compare import CompareScreen
            from reader.ui.widgets.compare_table import CompareTable

            await _until(pilot, lambda: screen.story is not None)
            await pilot.press("c")
            await _until(pilot, lambda: isinstance(app.screen, CompareScreen))
            table = app.screen.query_one(CompareTable)  # the first quote, in full below
            lines = enumerate(table.lines)
            table.move_cursor(row=next(i for i, x in lines if x.row and x.row.kind == "quote"))
        await app.settled()
        await pilot.pause(0.2)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))


async def _main(out: Path, settings: Settings, only: str | None = None) -> None:
    shots = [
        ("seeds-160x50", WIDE, None),
        ("search", WIDE, "search"),
        ("actor-selected", WIDE, "actor"),
        ("story-160x50", WIDE, "story"),
        ("compare-160x50", WIDE, "compare"),
        ("seeds-80x24", NARROW, None),
    ]
    for name, size, action in shots:
        if only and name != only:
            continue
        await _shoot(out, name, size, action, settings)
        print(out / f"{name}.svg")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings.resolve(cache=Path(scratch) / "cache", data=Path(scratch) / "data")
        asyncio.run(_main(out, settings, sys.argv[2] if len(sys.argv) > 2 else None))


if __name__ == "__main__":
    main()
