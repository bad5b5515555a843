"""The shared archive on PostgreSQL beside the embedded SQLite store, on distinct articles.

    READER_SHARED=../shared python benchmarks/archive.py [--size 2000] [--store URL]

Builds `--size` distinct articles (the generator of `scale.py --distinct`, from the BBC
corpus) and measures, each as whole `reader` processes:
- indexing: one indexer into an empty archive, two indexers at once on the same folder (their
  articles/s, and that every article is stored once), and the embedded store, cold; the
  indexers first with one worker process per core each (on a 2-core machine two indexers
  then share the cores one already used), then with `--workers 1` each (what a second
  indexer adds when there are cores to add);
- search with 8 readers at once (8 processes, 100 queries each): p50/p95 per engine, and the
  top-10 overlap between the engines on the same queries;
- the time from one indexer's commit of a new article to a reader that listens (`LISTEN`)
  having it listed.
With `--search-only`, each store is indexed once (one indexer) and only search is measured.
With `--copies K`, every indexed article is then copied K-1 times in SQL into both stores
(recombined from two articles, see archive_copies.py), so that search is measured on K times
`--size` articles without analysing them all (what the scale target asks of search, in
minutes rather than the hour an indexer takes).
Without `--store`, a throwaway server is started for the run (tests/pg_cluster.py), as the
tests do; with it, databases named `bench_*` are made there (the URL's role must own them).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from scale import make_queries  # noqa: E402
from scale_distinct import distinct_work  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
READERS = 8
QUERIES_EACH = 100


def reader(*args: str, env: dict[str, str]) -> tuple[float, str]:
    """Run `reader ARGS`; its wall time and stderr (it must succeed)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reader", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"reader {' '.join(args[:2])} failed: {done.stderr[-1500:]}")
    return time.perf_counter() - started, done.stderr


def indexers(count: int, corpus: Path, env: dict[str, str], workers: int | None = None) -> float:
    """`count` indexers at once on `corpus` (each with `workers` worker processes, else one
    per core); the wall time until the last ends."""
    started = time.perf_counter()
    options = [] if workers is None else ["--workers", str(workers)]
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "index", str(corpus), *options],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for process in running:
        _, err = process.communicate()
        if process.returncode:
            sys.exit(f"an indexer failed: {err[-1500:]}")
    return time.perf_counter() - started


def load() -> str:
    """The machine's load averages (1, 5, 15 min): what else ran beside the benchmark."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def searcher(store_url: str, cache: str, queries: list[str], out: str) -> None:
    """One reader process: run `queries`, write each latency (ms) and top 10 to `out`."""
    from reader.core.search import search_store
    from reader.core.store import open_store
    from reader.core.store_url import parse_store_url

    url = parse_store_url(store_url) if store_url else None
    store = open_store([cache], Path(cache), url) if url else _embedded(cache)
    store.vocabulary()  # read once, as a running reader has
    rows = []
    for query in queries:
        started = time.perf_counter()
        hits = search_store(store, query, limit=10)
        rows.append([(time.perf_counter() - started) * 1000, [h.article for h in hits]])
    Path(out).write_text(json.dumps(rows))


def _embedded(cache: str):
    from reader.core.store import Store

    (found,) = Path(cache).glob("corpus-*.sqlite3")
    return Store(found)


def search_load(store_url: str, cache: str, queries: list[str], work: Path) -> list:
    """READERS processes searching at once, each its share of `queries`; every result."""
    running = []
    for number in range(READERS):
        share = queries[number::READERS]
        out = work / f"search-{number}.json"
        code = (
            "import sys, json; sys.path[:0] = sys.argv[1:3];"
            "from archive import searcher; searcher(*sys.argv[3:5], json.loads(sys.argv[5]),"
            " sys.argv[6])"
        )
        running.append(
            (
                subprocess.Popen(
                    [
                        sys.executable,
                        "-c",
                        code,
                        str(ROOT),
                        str(ROOT / "benchmarks"),
                        store_url,
                        cache,
                        json.dumps(share),
                        str(out),
                    ],
                ),  # fmt: skip
                out,
                share,
            )
        )
    results = []
    for process, out, share in running:
        if process.wait():
            sys.exit("a searching reader failed")
        rows = json.loads(out.read_text())
        results += [(query, *row) for query, row in zip(share, rows, strict=True)]
    return results


def percentiles(results: list) -> str:
    times = sorted(ms for _, ms, _ in results)
    p95 = times[int(0.95 * (len(times) - 1))]
    return f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)}"


def commit_to_listed(url: str, env: dict[str, str], work: Path) -> tuple[float, float]:
    """A reader listens; an indexer (a whole `reader index` process) writes one new article.
    Seconds from the indexer's start until the reader lists it, and from the indexer's exit
    (after its commit) until then: negative when listed before the indexer had exited."""
    fresh = work / "late"
    fresh.mkdir()
    (fresh / "late.txt").write_text("A late arrival\n\nIt came after the others, on Friday.\n")
    code = (
        "import sys, time, threading;"
        "from reader.core.store.pg_store import ArchiveStore;"
        "from reader.core.store_url import parse_store_url;"
        "store = ArchiveStore(parse_store_url(sys.argv[1])); stop = threading.Event();"
        "print('ready', flush=True)\n"
        "for _ in store.changes(stop):\n"
        "    if any(h.title == 'A late arrival' for h in store.headers()):\n"
        "        print(time.time(), flush=True); break\n"
    )
    listener = subprocess.Popen(
        [sys.executable, "-c", code, url], stdout=subprocess.PIPE, text=True, env=env
    )
    assert listener.stdout is not None
    listener.stdout.readline()
    time.sleep(1.0)  # listening by now
    started = time.time()
    reader("index", str(fresh), env=env)
    ended = time.time()
    listed = float(listener.stdout.readline())
    listener.wait(timeout=30)
    return listed - started, listed - ended


def compare_indexers(
    size: int, corpus: Path, base: dict[str, str], database: Callable[[str], str], env_one: dict
) -> None:
    """One indexer into the archive of `env_one`, then two at once into another, with one
    worker process per core each, then again into empty archives with `--workers 1` each."""
    two = database("bench_two")
    cache_two = str(Path(env_one["READER_CACHE_DIR"]).parent / "c2")
    env_two = {**base, "READER_STORE": two, "READER_CACHE_DIR": cache_two}
    for workers in (None, 1):
        each = "one worker process per core" if workers is None else f"--workers {workers}"
        if workers is not None:  # the same archives again, empty
            env_one["READER_STORE"] = database("bench_one")
            env_two["READER_STORE"] = database("bench_two")
        seconds = indexers(1, corpus, env_one, workers)
        print(f"index, archive, 1 indexer,  {each}: {size / seconds:7.1f} articles/s")
        two_seconds = indexers(2, corpus, env_two, workers)
        print(
            f"index, archive, 2 indexers, {each}: {size / two_seconds:7.1f} articles/s"
            f" ({seconds / two_seconds:.2f}x one; load average {load()})"
        )
    stored = json.loads(
        subprocess.run(
            [sys.executable, "-m", "reader", "articles", "--json"],
            env=env_two, capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    once = len({a["id"] for a in stored}) == len(stored) == size
    print(f"  two indexers stored {len(stored):,} articles, each once: {once}")


def server(store: str | None) -> tuple[Callable[[str], str], Any]:
    """How to make an empty archive database by name (its URL), on the server `store` names
    (its role creates databases), else on a throwaway cluster (returned, to remove after)."""
    if store:
        import psycopg

        def database(name: str) -> str:
            with psycopg.connect(store, autocommit=True) as db:
                db.execute(f"DROP DATABASE IF EXISTS {name}")
                db.execute(f"CREATE DATABASE {name}")
            return store.rsplit("/", 1)[0] + f"/{name}"

        return database, None
    from tests.pg_cluster import Cluster

    cluster = Cluster().start()
    return cluster.new_database, cluster


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--store", help="a PostgreSQL URL whose role may create databases")
    parser.add_argument(
        "--search-only", action="store_true", help="index once per engine, measure search only"
    )
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        help="search K times the articles: each indexed one copied K-1 times (recombined) in SQL",
    )
    args = parser.parse_args()
    work = distinct_work(args.size, SHARED, "reader-archive-bench-")
    if work is None:
        return 0
    corpus = work / "corpus"
    database, cluster = server(args.store)
    try:
        base = {**os.environ, "READER_DATA_DIR": str(work / "data")}
        one = database("bench_one")
        print(f"{args.size:,} distinct articles; PostgreSQL archive beside SQLite")
        print(f"{os.cpu_count()} cores; load average before: {load()}")

        cache = work / "sqlite-cache"
        seconds, _ = reader("index", str(corpus), env={**base, "READER_CACHE_DIR": str(cache)})
        print(f"index, SQLite (embedded), cold:  {args.size / seconds:7.1f} articles/s")
        env_one = {**base, "READER_STORE": one, "READER_CACHE_DIR": str(work / "c1")}
        if args.search_only:
            seconds = indexers(1, corpus, env_one)
            print(f"index, archive, 1 indexer: {args.size / seconds:7.1f} articles/s")
        else:
            compare_indexers(args.size, corpus, base, database, env_one)
        if args.copies > 1:
            from archive_copies import multiply

            started = time.perf_counter()
            count = multiply(next(cache.glob("corpus-*.sqlite3")), one, args.copies)
            print(
                f"each store now holds {count:,} articles: each copied {args.copies - 1} times"
                f" in SQL, recombined ({time.perf_counter() - started:.0f} s; no analysis)"
            )
        from reader.core.store import Store

        with Store(next(cache.glob("corpus-*.sqlite3"))) as embedded:
            queries, _ = make_queries(embedded, random.Random(21))
        queries = (queries * (READERS * QUERIES_EACH // len(queries) + 1))[: READERS * QUERIES_EACH]
        lite = search_load("", str(cache), queries, work)
        print(f"search, SQLite, {READERS} readers at once:   {percentiles(lite)}")
        pg = search_load(one, str(work / "c1"), queries, work)
        print(f"search, archive, {READERS} readers at once:  {percentiles(pg)}")
        overlap = [
            len(set(a[:10]) & set(b[:10])) / max(1, min(10, len(a)))
            for (_, _, a), (_, _, b) in zip(lite, pg, strict=True)
            if a
        ]
        print(f"search top-10 overlap, archive vs SQLite: {100 * statistics.mean(overlap):.1f} %")

        if args.search_only:
            return 0
        whole, after = commit_to_listed(one, env_one, work)
        print(
            f"a new article listed by a listening reader {whole:.2f} s after its indexer"
            f" started ({after:+.2f} s from the indexer's exit)"
        )
    finally:
        if cluster:
            cluster.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
