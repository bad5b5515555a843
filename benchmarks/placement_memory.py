"""The memory of placing a whole store's articles into stories on a cold index, per article.

    python benchmarks/placement_memory.py STORE.sqlite3 [--keep]

Works on a copy of the store (in a temporary folder, or beside it with --keep): its kept
stories are dropped, so the next update places every article as a first index does; the
articles' story vectors are kept with them first where the store has none (as the analysing
workers keep them on a first index), so the placement reads them rather than vectorising.
Prints the articles placed, the process's peak resident memory before and during the update
(ru_maxrss), the increase per article and the CPU seconds. Run it at two sizes: the
difference of the peaks over the difference of the articles is the cost of one more article.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.store import Store  # noqa: E402
from reader.core.stories import StoredStories  # noqa: E402
from reader.core.story_vector import kept_text  # noqa: E402

BATCH = 500
STORY_TABLES = ("story_articles", "story_keys", "story_generation", "story_version", "story_todo")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def made_cold(store: Store) -> None:
    """Drop the kept stories; keep a vector with every article that has none."""
    with store.db.write() as db:
        for table in STORY_TABLES:
            db.execute(f"DELETE FROM {table}")
    with store.db.read() as db:
        ids = [i for (i,) in db.execute("SELECT id FROM articles WHERE vector IS NULL")]
    for start in range(0, len(ids), BATCH):
        loaded = store.story_articles(ids[start : start + BATCH])
        rows = [(kept_text(article, analysis), article.id) for article, analysis in loaded]
        with store.db.write() as db:
            db.executemany("UPDATE articles SET vector = ? WHERE id = ?", rows)


def measure(path: Path) -> None:
    # Made cold in a process of its own: vectorising loads word tables this one must not hold.
    subprocess.run([sys.executable, __file__, str(path), "--cold-only"], check=True)
    store = Store(path)
    stories = StoredStories(store)
    before = peak_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    stories.update()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    count, peak = store.story_count(), peak_mb()
    each = (peak - before) * 1024 / max(count, 1)
    print(f"articles {count}  peak before {before:.0f} MB  during {peak:.0f} MB", end="")
    print(f"  ({each:.2f} KB an article)  cpu {cpu:.1f} s  wall {wall:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--keep", action="store_true", help="work beside the store, keep it")
    parser.add_argument("--cold-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_only:  # (the preparation, in its own process)
        made_cold(Store(args.store))
        return 0
    with tempfile.TemporaryDirectory() as work:
        folder = args.store.parent if args.keep else Path(work)
        copy = folder / f"{args.store.stem}.cold.sqlite3"
        shutil.copyfile(args.store, copy)
        measure(copy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
