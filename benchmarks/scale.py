"""Scale: index and search 10,000 / 100,000 articles built from the BBC corpus.

    python benchmarks/scale.py --sizes 10000          # or 10000,100000 (100k takes long)
    python benchmarks/scale.py --distinct 10000 --no-throughput   # or --distinct 10000,20000
    python benchmarks/scale.py --peer     # 20,000 feed items beside newsboat (benchmarks/peer.py)

Each size is a temporary folder of copies of ../shared/corpora/bbc, every file given a line
of its own so no two are alike. Prints: first-index time and articles/s (and the indexing
process's peak RSS); the time to group the stories and merge each (actors, timeline, quotes;
kept in the store, so only a changed story merges again); warm `reader search` whole-process
time (median of 5); in-process search latency p50/p95/max over 200 queries (words, typos,
@actor, phrases), and the CPU time per query by kind (benchmarks/scale_search.py); whether a
title finds its article first; the search process's peak RSS; the store's size on disk; and,
once, the analysis throughput on the BBC corpus on one core; and the TUI's warm start: time to
first paint (the source list showing articles) and to the merged corpus, with that process's
peak RSS.

With --distinct N the articles are distinct instead (benchmarks/scale_distinct.py: paragraphs
of different BBC articles of one section recombined, headlines of their own, dates over a year,
a share undated), and the figures are printed as a table beside the targets (TARGETS.md,
"Scale on distinct articles"); the whole-process ones with the peak RSS of the whole process
tree (the parent and its analysis workers, sampled from /proc):
    READER_CACHE_DIR=<fresh> reader stories CORPUS --json      cold: sync, analysis, stories
    READER_CACHE_DIR=<same> reader entities CORPUS --json      warm articles: stories merged
    (--cold-entities: also `reader entities` on a fresh store)
    the TUI headless on that store (merge kept): first paint and merged corpus
    one new file, then one changed file: `reader stories CORPUS --json` again, each
then, in-process on another fresh store (the Library): sync, stories and merge timed apart,
Library.search p50/p95 over 200 queries from titles, and a refresh (Library.steps) after one
new and one changed article, run as a watched folder's batch: seconds until listed, until
merged (its story merged again) and until its story's corpus is read.
    READER_SHARED=/work/shared python benchmarks/scale.py --distinct 10000 --cold-entities
    (add --no-throughput to skip the one-core run; 10,000 takes about 12 min on 2 busy cores;
    --corpus DIR builds the articles in DIR once and reads them from there on later runs, the
    files the run adds and changes put back at its end)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_distinct import library_edits, phase_library  # noqa: E402  (after the path)
from scale_search import compare_tops, phase_search  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", Path(__file__).parents[1].parent / "shared"))
BBC = SHARED / "corpora" / "bbc"
QUERIES = 200


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_corpus(target: Path, size: int) -> None:
    """`size` text files: the BBC files over and over, each with a line of its own."""
    sources = sorted(BBC.glob("*/*.txt"))
    for number in range(size):
        source = sources[number % len(sources)]
        copy = number // len(sources)
        folder = target / f"copy{copy:02d}" / source.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes().rstrip() + f"\n\nArchive copy {copy} number {number}.\n".encode()
        (folder / source.name).write_bytes(data)


def phase_index(corpus: str, cache: str) -> dict:
    from reader.core.store import Store
    from reader.core.stories import StoredStories
    from reader.core.stories.merged import merge_stale
    from reader.core.sync import sync

    started = time.perf_counter()
    store = Store.for_paths([corpus], cache)
    sync(store, [corpus], lambda message: None)
    seconds = time.perf_counter() - started
    synced_rss = rss_mb()
    StoredStories(store).update()
    merge_stale(store)  # every story merged over its own articles, kept in the store
    count = store.count()
    return {
        "seconds": seconds,
        "merge_seconds": time.perf_counter() - started - seconds,
        "articles": count,
        "rss_mb": synced_rss,
        "merge_rss_mb": rss_mb(),
    }


def make_queries(store, rng: random.Random) -> tuple[list[str], list[str]]:
    """200 queries of five kinds drawn from the stored articles, and 20 whole titles."""
    with store.db.read() as db:  # a benchmark may read the tables directly
        (top,) = db.execute("SELECT max(rowid) FROM articles").fetchone()
        rows = [
            db.execute("SELECT title, body, actors FROM articles WHERE rowid >= ?", (r,)).fetchone()
            for r in (rng.randint(1, top) for _ in range(QUERIES))
        ]
    queries = []
    for index, (title, body, actors) in enumerate(rows):
        words = [w for w in re.findall(r"[A-Za-z]{5,}", title + " " + body[:500])]
        kind = index % 5
        if kind == 0 or not words:
            queries.append(rng.choice(words or ["government"]).lower())
        elif kind == 1:
            word = rng.choice([w for w in words if len(w) >= 6] or words).lower()
            cut = rng.randint(1, len(word) - 2)
            queries.append(word[:cut] + word[cut + 1 :])
        elif kind == 2:
            queries.append(" ".join(rng.sample(words, min(2, len(words)))).lower())
        elif kind == 3 and actors:
            name = rng.choice(actors.split("\n")).split()[-1]
            queries.append(f"@{name.lower()}")
        else:
            sentence = body.split("\n\n")[0].split()
            start = rng.randint(0, max(0, len(sentence) - 3))
            queries.append('"' + " ".join(sentence[start : start + 3]).replace('"', "") + '"')
    titles = [title for title, _, _ in rows[:20]]
    return queries, titles


def phase_throughput() -> dict:
    from reader.core.analysis import analyze_article
    from reader.core.ingest import load_articles

    articles = load_articles([BBC])
    started = time.perf_counter()
    for article in articles:
        analyze_article(article)
    seconds = time.perf_counter() - started
    return {"articles": len(articles), "seconds": seconds, "per_second": len(articles) / seconds}


def phase_paint(corpus: str, cache: str, cap: str = "") -> dict:
    """Start the TUI headless on a warm store; time the first articles shown, every story
    listed (the top ones may come with the first list), the story panels filled (the merge
    of the story of the article on screen, for the article on screen once the stories are
    listed: grouping by story may open another) and the full merge. With `cap` (seconds),
    stop once the paint, the stories and the panels are in, or at the cap: the full merge
    is not waited for
    (`python benchmarks/scale.py --phase paint CORPUS CACHE 60`)."""
    import asyncio

    from reader.core.settings import Settings
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.source_list import SourceList

    limit = float(cap) if cap else 600.0

    def mark(times: dict, name: str, elapsed: float) -> None:
        times[f"{name}_s"] = elapsed
        times[f"{name}_cpu_s"] = time.process_time()
        times[f"{name}_load"] = os.getloadavg()[0]

    async def run() -> dict:
        started = time.perf_counter()
        data = tempfile.mkdtemp(prefix="reader-scale-data-")
        app = ReaderApp(paths=[corpus], settings=Settings.resolve(cache=cache, data=data))
        times: dict = {}
        wanted = ["first_paint_s", *(("stories_s", "panels_s") if cap else ("merged_s",))]
        async with app.run_test(size=(160, 50)) as pilot:
            screen = app.screen
            panels_for = None
            while not all(name in times for name in wanted):
                await pilot.pause(0.02)
                elapsed = time.perf_counter() - started
                if "first_paint_s" not in times and screen.query_one(SourceList).option_ids:
                    mark(times, "first_paint", elapsed)
                listed = screen.query_one(SourceList)
                if "stories_s" not in times and screen.stories and listed.stories_complete:
                    mark(times, "stories", elapsed)
                if panels_for != screen.article_id:  # another article opened: its own panels
                    for key in ("panels_s", "panels_cpu_s", "panels_load"):
                        times.pop(key, None)
                    panels_for = None
                story = screen.story
                if (
                    "panels_s" not in times
                    and screen.story_corpus is not None
                    and story is not None
                    and any(article.id == screen.article_id for article in story.articles)
                ):
                    mark(times, "panels", elapsed)
                    panels_for = screen.article_id
                if "merged_s" not in times and screen.corpus.events:
                    mark(times, "merged", elapsed)
                if elapsed > limit:
                    break
        return {**times, "rss_mb": rss_mb()}

    return asyncio.run(run())


def run_phase(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--phase", *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"phase {args[0]} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def warm_cli(corpus: str, cache: str) -> float:
    times = []
    for query in ["government", "sanctons", "@blair", '"chief executive"', "election labour"]:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "search", query, corpus, "--cache", cache, "--json"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench(size: int, keep: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"reader-scale-{size}-"))
    corpus, cache = work / "corpus", work / "cache"
    try:
        build_corpus(corpus, size)
        index = run_phase("index", str(corpus), str(cache))
        print(
            f"{size:>7} articles  first index {index['seconds']:.1f} s "
            f"({index['articles'] / index['seconds']:.0f} articles/s on {os.cpu_count()} cores; "
            f"indexing process peak RSS {index['rss_mb']:.0f} MB)"
        )
        print(
            f"{'':>7}           stories, each merged (actors, timeline, quotes), kept in the "
            f"store: {index['merge_seconds']:.1f} s (peak RSS of the merging process "
            f"{index['merge_rss_mb']:.0f} MB)"
        )
        warm = warm_cli(str(corpus), str(cache))
        print(f"{'':>7}           warm `reader search` whole process, median {warm:.2f} s")
        found = run_phase("search", str(corpus), str(cache))
        print(
            f"{'':>7}           search p50 {found['p50_ms']:.1f} ms  p95 {found['p95_ms']:.1f} ms"
            f"  max {found['max_ms']:.1f} ms over {QUERIES} queries; title first "
            f"{found['titles_first']}; search process peak RSS {found['rss_mb']:.0f} MB"
        )
        kinds = ", ".join(
            f"{kind} {each['cpu_ms']['p50']:.1f}/{each['cpu_ms']['p95']:.1f}"
            for kind, each in found["kinds"].items()
        )
        print(f"{'':>7}           search CPU p50/p95 ms: {kinds} (load {found['load'][0]:.1f})")
        paint = run_phase("paint", str(corpus), str(cache))
        print(
            f"{'':>7}           TUI warm start: first paint {paint.get('first_paint_s', -1):.2f} s,"
            f" actors and timeline merged {paint.get('merged_s', -1):.1f} s;"
            f" TUI process peak RSS {paint['rss_mb']:.0f} MB"
        )
        size_mb = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 1024 / 1024
        print(f"{'':>7}           store on disk {size_mb:.0f} MB")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


def bench_distinct(size: int, keep: bool, cold_entities: bool, corpus: Path | None = None) -> None:
    """The --distinct figures for `size` articles, as a table beside the targets. With
    `corpus`, the articles are built there once and read from there on later runs (the
    stores are still made fresh, in a temporary folder)."""
    from scale_distinct import build_distinct, cli

    work = Path(tempfile.mkdtemp(prefix=f"reader-distinct-{size}-"))
    cache = work / "cache"
    built = corpus is not None and corpus.is_dir()
    corpus = corpus or work / "corpus"
    rows: list[tuple[str, str, str]] = []

    def row(what: str, figure: str, target: str = "") -> None:
        rows.append((what, figure, target))
        print(f"  {what:<44} {figure:<30} {target}", flush=True)

    def run(verb: str, store: Path) -> dict:
        result = cli(verb, corpus, store)
        return {
            **result,
            "text": f"{result['seconds']:.1f} s, tree {result['tree_mb']:.0f} MB"
            f" (largest {result['process_mb']:.0f} MB)",
        }

    edited = _Edits()  # the files the runs add and change, put back for the next run
    try:
        started = time.perf_counter()
        if not built:
            build_distinct(corpus, size, BBC)
        print(
            f"{size} distinct articles {'read from' if built else 'written to'} {corpus} in "
            f"{time.perf_counter() - started:.0f} s; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        stories = run("stories", cache)
        row(
            "`reader stories` cold (index+stories)",
            stories["text"],
            "20k: <= 150 s, tree <= 1 GB; 100k index <= 240 s",
        )
        row("  stories listed", str(stories["count"]))
        merge = run("entities", cache)
        row("`reader entities` after it (stories merged)", merge["text"], "every process <= 1 GB")
        if cold_entities:
            row("`reader entities` cold", run("entities", work / "cache-entities")["text"])
        size_mb = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 1024 / 1024
        row("store on disk", f"{size_mb:.0f} MB")
        paint = run_phase("paint", str(corpus), str(cache))
        row(
            "TUI warm: first paint / merged (kept)",
            f"{paint.get('first_paint_s', -1):.2f} / {paint.get('merged_s', -1):.1f} s "
            f"({paint['rss_mb']:.0f} MB)",
            "first paint <= 2 s",
        )
        source = sorted(corpus.rglob("*.txt"))[1]
        edited.note(source, source.parent / "new-cli.txt", *library_edits(corpus))
        (source.parent / "new-cli.txt").write_text(source.read_text() + "\nA new ending.\n")
        row("one new article: `reader stories`", run("stories", cache)["text"], "<= 5 s")
        source.write_text(source.read_text() + "\nA correction.\n")
        row("one changed article: `reader stories`", run("stories", cache)["text"], "<= 5 s")
        lib = run_phase("library", str(corpus), str(work / "cache-library"))
        row("in-process: sync (parse+analyse)", f"{lib['sync_s']:.1f} s", "100k index <= 240 s")
        row(
            "in-process: stories",
            f"{lib['stories_s']:.1f} s ({lib['story_count']} stories)",
            "10k grouped <= 10 s",
        )
        row("in-process: every story merged + archive view", f"{lib['merge_s']:.1f} s")
        row(
            f"Library.search p50 / p95 ({lib['search_queries']} q)",
            f"{lib['search_p50_ms']:.1f} / {lib['search_p95_ms']:.1f} ms",
            "p95 <= 50 ms",
        )
        for kind in ("new", "changed"):
            row(
                f"refresh, one {kind}: listed / merged / its story read",
                f"{lib.get(kind + '_listed_s', -1):.2f} / {lib.get(kind + '_merged_s', -1):.1f}"
                f" / {lib.get(kind + '_story_s', -1):.1f} s",
                "listed <= 1 s, story <= 3 s",
            )
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("\n| what | measured | target |\n|---|---|---|")
        for what, figure, target in rows:
            print(f"| {what.strip()} | {figure} | {target} |")
    finally:
        edited.undo()
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


class _Edits:
    """Files as they were before a run added or changed them, to put back."""

    def __init__(self) -> None:
        self.before: dict[Path, bytes | None] = {}

    def note(self, *paths: Path) -> None:
        for path in paths:
            self.before.setdefault(path, path.read_bytes() if path.exists() else None)

    def undo(self) -> None:
        for path, data in self.before.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--no-throughput", action="store_true", help="skip the one-core run")
    parser.add_argument("--distinct", help="comma-separated sizes of distinct articles")
    parser.add_argument("--cold-entities", action="store_true", help="with --distinct")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="with one --distinct size: build the articles in this folder once, reuse it after",
    )
    parser.add_argument(
        "--peer", action="store_true", help="side by side with newsboat (benchmarks/peer.py)"
    )
    parser.add_argument("--phase", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        import peer

        return peer.main(["--keep"] if args.keep else [])
    if args.phase:
        name, *rest = args.phase
        phases = {
            "index": phase_index,
            "search": phase_search,
            "compare": compare_tops,
            "throughput": phase_throughput,
            "paint": phase_paint,
            "library": phase_library,
        }
        print(json.dumps(phases[name](*rest)))
        return 0
    if not BBC.is_dir():
        print(f"scale: {BBC} is absent; nothing to measure")
        return 0
    if not args.no_throughput:
        speed = run_phase("throughput")
        print(
            f"analysis on one core: {speed['articles']} BBC articles in {speed['seconds']:.1f} s "
            f"= {speed['per_second']:.0f} articles/s ({1000 / speed['per_second']:.1f} ms each)"
        )
    if args.distinct:
        for size in (int(s) for s in args.distinct.split(",")):
            bench_distinct(size, args.keep, args.cold_entities, args.corpus)
        return 0
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
