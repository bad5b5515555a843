"""Warm in-process search on a store: wall and CPU time per query kind, and the top hits.

    python benchmarks/scale.py --phase search CORPUS CACHE [TOP.json]

Times the 200 mixed queries of `scale.make_queries` (words, typos, two words, @actor, quoted
phrases) and the 20 whole titles, each with `time.perf_counter` (wall) and
`time.process_time` (CPU of this process: on a machine shared with other work, the wall time
says more about the load than about search). Prints p50/p95 of both per kind, with the load
average. With TOP.json, the ids of each query's first 10 hits are written there, to compare two
versions of search on the same store (`compare_tops`).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time


def query_kind(index: int, query: str) -> str:
    """Which of `make_queries`' kinds `query` is (its fallbacks included)."""
    if query.startswith("@"):
        return "actor"
    if query.startswith('"'):
        return "phrase"
    if " " in query:
        return "two words"
    return "typo" if index % 5 == 1 else "word"


def _percentiles(times: list[float]) -> dict:
    times = sorted(times)
    return {"p50": statistics.median(times), "p95": times[max(0, int(0.95 * len(times)) - 1)]}


def phase_search(corpus: str, cache: str, top_out: str = "") -> dict:
    from scale import make_queries, rss_mb

    from reader.core.search import search_store
    from reader.core.store import Store

    store = Store.for_paths([corpus], cache)
    queries, titles = make_queries(store, random.Random(7))
    search_store(store, "warm up")
    kinds = [query_kind(i, q) for i, q in enumerate(queries)] + ["title"] * len(titles)
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    tops, first = {}, 0
    load = os.getloadavg()[0]
    for position, (kind, query) in enumerate(zip(kinds, queries + titles, strict=True)):
        started, cpu_started = time.perf_counter(), time.process_time()
        hits = search_store(store, query, limit=20)
        wall.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        cpu.setdefault(kind, []).append((time.process_time() - cpu_started) * 1000)
        tops[f"{position}:{query}"] = [hit.article for hit in hits[:10]]
        first += kind == "title" and bool(hits) and hits[0].title == query
    if top_out:
        with open(top_out, "w") as out:
            json.dump(tops, out, indent=1)
    mixed_wall = [t for kind, ts in wall.items() if kind != "title" for t in ts]
    mixed_cpu = [t for kind, ts in cpu.items() if kind != "title" for t in ts]
    mixed = _percentiles(mixed_wall)
    return {
        "p50_ms": mixed["p50"],
        "p95_ms": mixed["p95"],
        "max_ms": max(mixed_wall),
        "cpu_ms": _percentiles(mixed_cpu),
        "kinds": {
            kind: {
                "n": len(wall[kind]),
                "wall_ms": _percentiles(wall[kind]),
                "cpu_ms": _percentiles(cpu[kind]),
            }
            for kind in wall
        },
        "titles_first": f"{first}/{len(titles)}",
        "load": [load, os.getloadavg()[0]],
        "rss_mb": rss_mb(),
    }


def compare_tops(before: str, after: str) -> dict:
    """How much of each query's top 10 in `before` is still in `after` (two TOP.json files)."""
    with open(before) as one, open(after) as two:
        old, new = json.load(one), json.load(two)
    overlaps = [
        len(set(old[q]) & set(new[q])) / len(old[q]) if old[q] else float(not new[q]) for q in old
    ]
    return {
        "queries": len(overlaps),
        "mean_overlap": statistics.fmean(overlaps),
        "identical": sum(old[q] == new[q] for q in old),
        "changed": [q for q, o in zip(old, overlaps, strict=True) if o < 1],
    }
