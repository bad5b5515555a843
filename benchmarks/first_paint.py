"""Warm first paint in process: the TUI (headless, `App.run_test`) on a store that already
holds and has analysed its articles, timed until the source list is populated.

    python benchmarks/peer.py --keep                  # keeps /tmp/reader-peer-XXXX
    python benchmarks/first_paint.py /tmp/reader-peer-XXXX/reader [--runs 3] [--profile OUT]
    python benchmarks/first_paint.py HOME --store postgresql://...   # a shared archive's reader

HOME is the Reader home that benchmarks/peer.py keeps (its config, cache and data folders).
Each run is a fresh process (imports counted): it prints the seconds to import the UI, and
from the start of the process until the list holds its first rows (the frame that draws them
is not waited for), the CPU time (user+sys, all threads) the process had used by then, which
the machine's load disturbs less, the seconds until the screen counts the whole list (a warm
start's first rows may be the top stories' alone: reader.core.first_list), and its peak memory.
The garbage collector is held off until the first frame, as `reader` starts (reader.ui.collector).
With --profile, the first run is run under cProfile and its statistics written to OUT. With
--store, the TUI is a reader of that archive (no PATH, as `READER_STORE=URL reader` starts),
HOME (made when absent) holding only its own cache and data.
The machine's load (`os.getloadavg`) is printed with the figures.
Reader's modules are compiled to bytecode first, as an installed Reader's are (pip compiles
them): a checkout run with PYTHONDONTWRITEBYTECODE set would compile them at every start.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""This checkout: its Reader is the one timed (first on the path), not an installed one."""

CHILD = r"""
import asyncio, os, sys, time
began = time.perf_counter()
from reader.ui import collector
collector.hold()  # as `reader` does before its imports (reader.cli.cmd_open)
from reader.core.settings import Settings
from reader.core.store_url import parse_store_url
from reader.core.subscriptions import load_config
from reader.ui.app import ReaderApp
from reader.ui.widgets.source_list import SourceList
imported = time.perf_counter() - began

async def main() -> tuple[float, float]:
    store = os.environ.get("READER_STORE")
    if store:
        app = ReaderApp(paths=[], settings=Settings.resolve(store=parse_store_url(store)))
    else:
        app = ReaderApp(paths=[feed.url for feed in load_config().feeds],
                        settings=Settings.resolve(), follows_subscriptions=True)
    async with app.run_test(size=(160, 50)):
        screen = app.screen
        while not app.query_one(SourceList).option_count:
            await asyncio.sleep(0.005)
        listed = time.perf_counter() - began
        cpu = time.process_time()
        while not screen.counts:
            await asyncio.sleep(0.005)
        counted = time.perf_counter() - began
        app.exit()
    return listed, cpu, counted

listed, cpu, counted = asyncio.run(main())
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{imported:.3f} {listed:.3f} {cpu:.3f} {peak:.0f} {counted:.3f}")
"""


def run_once(home: Path, profile: Path | None) -> tuple[float, float, float, float, float]:
    """One fresh process: seconds to import the UI, seconds until listed, CPU s, peak MB,
    seconds until the whole list is counted."""
    env = {
        **os.environ,
        "READER_CONFIG_DIR": str(home / "config"),
        "READER_CACHE_DIR": str(home / "cache"),
        "READER_DATA_DIR": str(home / "data"),
        "PYTHONPATH": own_path(),
    }
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    script = home / "first_paint_child.py"
    script.write_text(CHILD)
    done = subprocess.run(
        [*command, str(script)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"first_paint: the run failed:\n{done.stderr[-2000:]}")
    imported, listed, cpu, peak, counted = (float(word) for word in done.stdout.split()[-5:])
    return imported, listed, cpu, peak, counted


def own_path() -> str:
    """PYTHONPATH with this checkout first, so a child process imports this tree's Reader."""
    return os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))


def compile_reader() -> None:
    """Reader's modules compiled to bytecode, as an installed Reader's are (pip compiles them):
    a checkout run with PYTHONDONTWRITEBYTECODE set would compile them at every start."""
    sys.path.insert(0, str(ROOT))
    package = importlib.util.find_spec("reader")
    if package is not None and package.submodule_search_locations:
        for folder in package.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path, help="a Reader home kept by benchmarks/peer.py")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="cProfile statistics of the first run")
    parser.add_argument("--store", help="a shared archive's URL: its reader's TUI, no PATH")
    args = parser.parse_args(argv)
    if args.store:
        os.environ["READER_STORE"] = args.store
        (args.home / "cache").mkdir(parents=True, exist_ok=True)
    if not (args.home / "cache").is_dir():
        print(f"first_paint: {args.home} holds no cache (run benchmarks/peer.py --keep)")
        return 1
    compile_reader()
    if args.profile is not None:
        run_once(args.home, args.profile)
        print(f"profile written to {args.profile}")
    figures = [run_once(args.home, None) for _ in range(args.runs)]
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    for imported, listed, cpu, peak, counted in figures:
        print(
            f"imports {imported:.2f} s   listed {listed:.2f} s   CPU {cpu:.2f} s"
            f"   counted {counted:.2f} s   peak memory {peak:.0f} MB"
        )
    median = statistics.median(figure[1] for figure in figures)
    cpu_median = statistics.median(figure[2] for figure in figures)
    print(
        f"median first paint {median:.2f} s (CPU {cpu_median:.2f} s) over {len(figures)} runs;"
        f" load average {load}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
