"""The same answers from both stores: the multi-source corpus in the embedded store and in the
shared archive, compared.

    READER_SHARED=../shared python benchmarks/archive_same.py [--store URL] [--indexers 2]

Indexes `corpora/multi-source/articles.jsonl` with `reader index` (whole processes) into a
fresh embedded store and into an empty archive (by `--indexers` indexers at once), then
reports: the articles each holds (counts, and whether ids, titles, outlets and dates are the
same), the stories between the two engines (B-cubed, the archive's grouping against the
embedded one's; and each against the corpus's gold clusters), and search's top-10 overlap on
the queries `benchmarks/archive.py` makes. Targets (issue 21): B-cubed >= 0.98, overlap >= 80 %.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from archive import SHARED, indexers, load, reader, server  # noqa: E402
from scale import make_queries  # noqa: E402
from stories import bcubed  # noqa: E402

from reader.core.search import search_store  # noqa: E402
from reader.core.store import BaseStore, Store  # noqa: E402
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402


def holdings(store: BaseStore) -> dict[str, tuple]:
    """Each stored article's id -> its outlet, date and title."""
    return {a.id: (a.source, a.published, a.title) for a in store.headers()}


def grouping(store: BaseStore) -> dict[str, str]:
    """Each article's story (a benchmark may read the tables directly)."""
    with store.db.read() as db:
        return dict(db.execute("SELECT id, story FROM story_articles").fetchall())


def gold_clusters(folder: Path) -> dict[str, str]:
    gold: dict[str, str] = {}
    for line in (folder / "clusters.jsonl").read_text().splitlines():
        cluster = json.loads(line)
        gold.update((article, cluster["cluster"]) for article in cluster["article_ids"])
    return gold


def top10_overlap(lite: BaseStore, pg: BaseStore, queries: list[str]) -> tuple[float, int]:
    """The mean share of the embedded store's top 10 that the archive's top 10 holds, over the
    queries the embedded store finds something for; and how many those are."""
    shares = []
    for query in queries:
        a = [hit.article for hit in search_store(lite, query, limit=10)]
        b = [hit.article for hit in search_store(pg, query, limit=10)]
        if a:
            shares.append(len(set(a) & set(b)) / min(10, len(a)))
    return 100 * statistics.mean(shares), len(shares)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="a PostgreSQL URL whose role may create databases")
    parser.add_argument("--indexers", type=int, default=2, help="indexers filling the archive")
    args = parser.parse_args()
    folder = SHARED / "corpora" / "multi-source"
    corpus = folder / "articles.jsonl"
    if not corpus.is_file():
        print(f"skipped: {corpus} is absent")
        return 0
    work = Path(tempfile.mkdtemp(prefix="reader-archive-same-"))
    database, cluster = server(args.store)
    try:
        url = database("bench_same")
        base = {**os.environ, "READER_DATA_DIR": str(work / "data")}
        print(f"multi-source corpus, embedded store and archive; load average {load()}")
        cache = work / "sqlite-cache"
        seconds, _ = reader("index", str(corpus), env={**base, "READER_CACHE_DIR": str(cache)})
        print(f"index, SQLite: {seconds:.1f} s")
        env = {**base, "READER_STORE": url, "READER_CACHE_DIR": str(work / "c1")}
        seconds = indexers(args.indexers, corpus, env)
        print(f"index, archive, {args.indexers} indexer(s) at once: {seconds:.1f} s")
        with (
            Store(next(cache.glob("corpus-*.sqlite3"))) as lite,
            ArchiveStore(parse_store_url(url)) as pg,
        ):
            compare(lite, pg, gold_clusters(folder))
    finally:
        if cluster:
            cluster.remove()
        subprocess.run(["rm", "-rf", str(work)], check=False)
    return 0


def compare(lite: BaseStore, pg: BaseStore, gold: dict[str, str]) -> None:
    held_lite, held_pg = holdings(lite), holdings(pg)
    same_ids = set(held_lite) == set(held_pg)
    same = same_ids and all(held_lite[i] == held_pg[i] for i in held_lite)
    print(
        f"articles: SQLite {len(held_lite):,}, archive {len(held_pg):,}; same ids: {same_ids};"
        f" same outlets, dates and titles: {same}"
    )
    stories_lite, stories_pg = grouping(lite), grouping(pg)
    if set(stories_lite) == set(stories_pg):
        p, r, f1 = bcubed(stories_pg, stories_lite)
        print(
            f"stories: SQLite {len(set(stories_lite.values()))}, archive"
            f" {len(set(stories_pg.values()))}; B-cubed archive vs SQLite: P {p:.3f} R {r:.3f}"
            f" F1 {f1:.3f} (target >= 0.98)"
        )
    else:
        print("stories: the two engines placed different articles")
    known = {a: g for a, g in gold.items() if a in stories_lite and a in stories_pg}
    for name, found in (("SQLite", stories_lite), ("archive", stories_pg)):
        _, _, f1 = bcubed({a: found[a] for a in known}, known)
        print(f"  {name} against the gold clusters: B-cubed F1 {f1:.3f}")
    queries, _ = make_queries(lite, random.Random(21))
    overlap, asked = top10_overlap(lite, pg, queries)
    print(f"search top-10 overlap, archive vs SQLite: {overlap:.1f} % over {asked} queries")


if __name__ == "__main__":
    raise SystemExit(main())
