"""One new article beside an archive whose store is built: `reader stories` as a whole process.

    python benchmarks/one_new.py CORPUS [CORPUS ...] STORE_DIR [--runs 3]

STORE_DIR holds the store `reader stories CORPUS` built (READER_CACHE_DIR of that run; CORPUS
spelled as it was then: a file's key is its path as given). It is only read: its database is
copied into a temporary cache under the name of two paths, CORPUS and a folder of its own for
the new file, so the corpus's files keep their stored keys and nothing of theirs is written.
The name lists the build kept beside it (gazetteer-*.json) are copied with it, as a user's
cache holds them. Each run adds the new file (one of the corpus's files with a line of its
own) to a fresh copy, after a run that finds nothing new, and prints the new run's wall and
CPU seconds (user + system, from the child's rusage), the peak RSS of the largest run so far,
and the load average: a figure on a busy machine is read with its CPU seconds beside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def stories(paths: list[Path], cache: Path) -> tuple[float, float, float]:
    """`reader stories PATHS --json` on `cache`: wall seconds, CPU seconds, peak RSS (MB)."""
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "READER_DATA_DIR": str(cache / "data")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "reader", "stories", *map(str, paths), "--json"]
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, after.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+", help="the paths the store was built of")
    parser.add_argument("store", type=Path, help="READER_CACHE_DIR of the corpus's store")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from reader.core.store import Store

    corpus: list[Path] = args.corpus
    (database,) = [p for p in args.store.glob("corpus-*.sqlite3")]
    source = next(corpus[0].rglob("*.txt"))
    for run in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="reader-one-new-"))
        try:
            extra, cache = work / "new", work / "cache"
            extra.mkdir()
            with Store.for_paths([*corpus, extra], cache) as opened:  # an empty one: its name
                copy = Path(opened.database)
            for made in copy.parent.glob(f"{copy.name}*"):
                made.unlink()
            for suffix in ("", "-wal"):
                if Path(f"{database}{suffix}").exists():
                    shutil.copyfile(f"{database}{suffix}", f"{copy}{suffix}")
            for kept in args.store.glob("gazetteer-*.json"):  # the name lists the build kept
                shutil.copyfile(kept, cache / kept.name)
            settle = stories([*corpus, extra], cache)
            (extra / "new-one.txt").write_text(source.read_text() + "\nA new ending.\n")
            wall, cpu, rss = stories([*corpus, extra], cache)
            print(
                f"run {run + 1}: one new file: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB"
                f" (nothing new before it: {settle[0]:.2f} s wall, {settle[1]:.2f} s CPU);"
                f" load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
                flush=True,
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
