"""Big JSON lines files: peak memory and time of `reader articles --json` and of a sync
(`reader search`, which syncs without stories), on a generated file of N small records.

    python benchmarks/big_files.py --records 1000000        # about 380 MB of JSON lines
    python benchmarks/big_files.py --records 200000 --stories

Each command runs in a fresh cache, as its own process; printed: wall and CPU seconds and the
process's peak RSS (`reader stories --json` too with --stories: the stories update on a
file of N records). The file is written to a temporary folder and removed after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "the a minister said on tuesday that government plans would change policy across regions "
    "council vote market prices rose fell city storm police report court ruling election"
).split()
OUTLETS = ["Daily Planet", "The Herald", "Morning Post", "Evening Star", "City Wire"]
MEASURED = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
)


def write_records(path: Path, count: int) -> None:
    rng = random.Random(7)
    with path.open("w") as out:
        for number in range(count):
            title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
            body = " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "."
            date = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
            record = {"title": title, "body": body, "outlet": OUTLETS[number % 5], "date": date}
            out.write(json.dumps(record) + "\n")


def measure(label: str, command: list[str], cache: Path) -> None:
    """Run `command` in its own process with `cache` as its cache; print its figures."""
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *command], env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - began
    if done.returncode:
        print(f"{label}: failed: {done.stderr.strip()[-300:]}")
        return
    peak_kb, cpu = done.stdout.split()
    print(f"{label:<34} {wall:8.1f} s wall {float(cpu):8.1f} s CPU {int(peak_kb) / 1024:8.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--stories", action="store_true", help="also `reader stories --json`")
    args = parser.parse_args()
    reader = [sys.executable, "-m", "reader"]
    with tempfile.TemporaryDirectory(prefix="reader-big-") as folder:
        path = Path(folder) / "big.jsonl"
        write_records(path, args.records)
        print(f"{args.records:,} records, {path.stat().st_size / 2**20:,.0f} MB")
        measure(
            "reader articles --json",
            [*reader, "articles", "--json", str(path)],
            Path(folder) / "cache-articles",
        )
        cache = Path(folder) / "cache"
        measure("reader search (sync, cold)", [*reader, "search", "minister", str(path)], cache)
        measure("reader search (warm)", [*reader, "search", "minister", str(path)], cache)
        if args.stories:
            measure(
                "reader stories --json (synced)", [*reader, "stories", "--json", str(path)], cache
            )


if __name__ == "__main__":
    main()
