"""Analysis throughput: articles per CPU-second through `analyze_article` on the BBC corpus.

    READER_SHARED=/work/shared python benchmarks/analysis_speed.py            # 3 rounds
    READER_SHARED=/work/shared python benchmarks/analysis_speed.py --profile  # + cProfile top 25
    READER_SHARED=/work/shared python benchmarks/analysis_speed.py --dump out.json
    READER_SHARED=/work/shared python benchmarks/analysis_speed.py --compare out.json

CPU time (time.process_time), not wall time: the machine's cores are shared, so the figure of
one process stays comparable while others run; the best of the rounds is the figure. --dump
writes the analysis (every field) of every BBC and multi-source article; --compare analyses
them again and reports each article whose analysis differs from that file's, so a change
meant to be faster can be shown to change nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis import analyze_article, warm_up  # noqa: E402  (after the path)
from reader.core.ingest import load_articles  # noqa: E402
from reader.core.model import Article  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc"
MULTI = SHARED / "corpora" / "multi-source" / "articles.jsonl"


def throughput(articles: list[Article]) -> float:
    started = time.process_time()
    for article in articles:
        analyze_article(article)
    return len(articles) / (time.process_time() - started)


def profile(articles: list[Article], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        analyze_article(article)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def analyses(articles: list[Article]) -> dict[str, dict]:
    return {f"{a.path}#{a.id}": analyze_article(a).to_json() for a in articles}


def compare(expected: dict[str, dict], found: dict[str, dict]) -> int:
    """Print every article whose analysis differs; return how many."""
    differing = 0
    for key in sorted(expected.keys() | found.keys()):
        before, after = expected.get(key), found.get(key)
        if before == after:
            continue
        differing += 1
        print(f"differs: {key}")
        for field in ("entities", "timexes", "quotes"):
            old = {json.dumps(x, sort_keys=True) for x in (before or {}).get(field, [])}
            new = {json.dumps(x, sort_keys=True) for x in (after or {}).get(field, [])}
            for item in sorted(old - new):
                print(f"  - {field} {item}")
            for item in sorted(new - old):
                print(f"  + {field} {item}")
    return differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print a cProfile top list")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--dump", help="write every BBC and multi-source analysis to this file")
    parser.add_argument("--compare", help="compare every analysis with this --dump file")
    args = parser.parse_args()
    bbc = load_articles([BBC])
    warm_up()
    if args.dump or args.compare:
        found = analyses(bbc + load_articles([MULTI]))
        if args.dump:
            Path(args.dump).write_text(json.dumps(found, ensure_ascii=False, sort_keys=True))
            print(f"wrote {len(found)} analyses to {args.dump}")
        if args.compare:
            differing = compare(json.loads(Path(args.compare).read_text()), found)
            print(f"{differing} of {len(found)} analyses differ")
            sys.exit(1 if differing else 0)
        return
    if args.profile:
        profile(bbc, args.top)
    rates = [throughput(bbc) for _ in range(args.rounds)]
    print(f"{len(bbc)} BBC articles, rounds: " + ", ".join(f"{r:.0f}" for r in rates))
    print(f"analyze_article: {max(rates):.0f} articles per CPU-second (best of {args.rounds})")


if __name__ == "__main__":
    main()
