"""Story grouping quality and speed on ../shared/corpora: prints the figures of TARGETS.md.

    python benchmarks/stories.py               # everything
    python benchmarks/stories.py --only multi  # one part: multi, bbc, seeds, speed

The gold clusters of multi-source are read only to score; the articles come through the
project's own ingest (which drops the `cluster` field). Analyses run once per article (on every
core) and, with --cache DIR, are kept there between runs. Speed counts the grouping alone
(vectors, candidates, links), not the analysis.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis import analyze  # noqa: E402
from reader.core.ingest import iter_files, load_articles  # noqa: E402
from reader.core.model import Analysis, Article  # noqa: E402
from reader.core.stories import Settings, StoryIndex, vectorize  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
THRESHOLDS = (0.08, 0.10, 0.12, 0.14, 0.16, 0.20, 0.25)


def _analyze(item: tuple[str, str | None]) -> dict:
    return analyze(*item).to_json()


def analyses(articles: list[Article], cache: Path | None) -> list[Analysis]:
    """Every article's analysis, from the cache folder when it holds one."""
    keys = [hashlib.sha1(f"{a.published}\0{a.text}".encode()).hexdigest() for a in articles]
    found: dict[str, dict] = {}
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        for key in set(keys):
            path = cache / f"{key}.json"
            if path.exists():
                found[key] = json.loads(path.read_text())
    todo = {k: (a.text, a.published) for k, a in zip(keys, articles, strict=True) if k not in found}
    with Pool(os.cpu_count()) as pool:
        done = pool.map(_analyze, list(todo.values()), chunksize=8)
        for key, data in zip(todo, done, strict=True):
            found[key] = data
            if cache:
                (cache / f"{key}.json").write_text(json.dumps(data))
    return [Analysis.from_json(found[k]) for k in keys]


def bcubed(found: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping against the gold, item by item."""
    found_sets, gold_sets = defaultdict(set), defaultdict(set)
    for item, label in found.items():
        found_sets[label].add(item)
    for item, label in gold.items():
        gold_sets[label].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, theirs = found_sets[found[item]], gold_sets[gold[item]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def assign(vectors: dict, settings: Settings, order: list[str] | None = None) -> dict[str, str]:
    index = StoryIndex(settings)
    for article_id in order or vectors:
        index.add_vector(article_id, vectors[article_id])
    return {a: index.story_of(a) for a in vectors}


def multi(cache: Path | None) -> None:
    folder = CORPORA / "multi-source"
    articles = load_articles([folder / "articles.jsonl"])
    gold = {}
    for line in (folder / "clusters.jsonl").read_text().splitlines():
        cluster = json.loads(line)
        gold.update({a: cluster["cluster"] for a in cluster["article_ids"]})
    found = analyses(articles, cache)
    vectors = {a.id: vectorize(a, an) for a, an in zip(articles, found, strict=True)}
    print(f"multi-source: {len(articles)} articles, {len(set(gold.values()))} gold stories")
    default = Settings()
    for threshold in sorted({*THRESHOLDS, default.threshold}):
        grouping = assign(vectors, replace(default, threshold=threshold))
        p, r, f = bcubed(grouping, gold)
        mark = "  <- default" if threshold == default.threshold else ""
        print(
            f"  threshold {threshold:.2f}: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}, "
            f"{len(set(grouping.values()))} stories{mark}"
        )
    print(f"  the same stories and ids in 3 shuffled orders: {same_in_any_order(vectors, default)}")
    print(
        f"  100 removed, then added back: as never there, then as before: "
        f"{same_after_removals(vectors, default)}"
    )


def same_in_any_order(vectors: dict, settings: Settings) -> bool:
    """Whether three shuffled orders of arrival give the very stories (ids too)."""
    expected = assign(vectors, settings)
    for seed in range(3):
        order = list(vectors)
        random.Random(seed).shuffle(order)
        if assign(vectors, settings, order) != expected:
            return False
    return True


def same_after_removals(vectors: dict, settings: Settings) -> bool:
    """Whether taking 100 articles out gives the stories of never having them, and putting
    them back the stories of the whole."""
    index = StoryIndex(settings)
    for article_id, vector in vectors.items():
        index.add_vector(article_id, vector)
    gone = random.Random(7).sample(sorted(vectors), 100)
    for article_id in gone:
        index.remove(article_id)
    rest = {a: v for a, v in vectors.items() if a not in gone}
    without = {a: index.story_of(a) for a in rest} == assign(rest, settings)
    for article_id in gone:
        index.add_vector(article_id, vectors[article_id])
    return without and {a: index.story_of(a) for a in vectors} == assign(vectors, settings)


def bbc(cache: Path | None) -> None:
    paths = sorted(p for p in iter_files(CORPORA / "bbc") if p.parent.name != "bbc")
    articles = load_articles(paths)
    index = StoryIndex()
    for article, analysis in zip(articles, analyses(articles, cache), strict=True):
        index.add(article, analysis)
    story = {a.path: index.story_of(a.id) for a in articles}
    by_bytes, by_headline = defaultdict(list), defaultdict(list)
    for path in paths:
        data = path.read_bytes()
        by_bytes[hashlib.sha1(data).hexdigest()].append(str(path))
        by_headline[data.split(b"\n", 1)[0].strip()].append(str(path))
    pairs = together = 0
    for group in by_bytes.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                pairs += 1
                together += story[first] == story[second]
    headline_groups = [g for g in by_headline.values() if len(g) > 1]
    whole = sum(len({story[p] for p in g}) == 1 for g in headline_groups)
    sizes = sorted((len(s.articles) for s in index.stories()), reverse=True)
    print(f"BBC: {len(articles):,} articles, {len(sizes):,} stories")
    print(f"  byte-identical pairs in one story: {together} / {pairs}")
    print(
        f"  same-headline groups in one story: {whole} / {len(headline_groups)} "
        f"({whole / max(len(headline_groups), 1):.1%})"
    )
    print(f"  largest stories: {sizes[:5]} (bar: <= 50)")


def seeds() -> None:
    articles = load_articles([ROOT / "seeds"])
    index = StoryIndex()
    for article in articles:
        index.add(article, analyze(article.text, article.published))
    print(f"seeds: {len(articles)} articles in {len(index.stories())} story(ies)")


def rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def speed(cache: Path | None, size: int) -> None:
    """`size` distinct articles made of BBC copies, each with a line of its own (the copy
    reuses its original's analysis: the grouping, not the analysis, is being timed)."""
    paths = sorted(p for p in iter_files(CORPORA / "bbc") if p.parent.name != "bbc")
    originals = load_articles(paths)
    found = analyses(originals, cache)
    articles = []
    for n in range(size + 100):
        i = n % len(originals)
        original = originals[i]
        extra = f"Filed as copy {n} of {original.id}."
        article = replace(
            original, id=f"{n:06d}-{original.id}", paragraphs=[*original.paragraphs, extra]
        )
        articles.append((article, found[i]))
    index = StoryIndex()
    memory = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    for article, analysis in articles[:size]:
        index.add(article, analysis)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    memory = rss_mb() - memory
    singles = []
    for article, analysis in articles[size:]:
        start = time.perf_counter()
        index.add(article, analysis)
        singles.append((time.perf_counter() - start) * 1000)
    print(
        f"speed: {size:,} articles grouped in {elapsed:.2f} s, {cpu:.2f} s of CPU "
        f"({size / elapsed:,.0f} articles/s, "
        f"bar <= 10 s); one more article joins in median {statistics.median(singles):.1f} ms, "
        f"max {max(singles):.1f} ms (bar <= 50 ms); {len(index.stories()):,} stories; "
        f"the index grew the process by {memory:.0f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("multi", "bbc", "seeds", "speed"))
    parser.add_argument("--cache", type=Path, help="keep analyses in this folder between runs")
    parser.add_argument("--size", type=int, default=10_000, help="articles for the speed part")
    args = parser.parse_args()
    if args.only in (None, "seeds"):
        seeds()
    if args.only in (None, "multi"):
        multi(args.cache)
    if args.only in (None, "bbc"):
        bbc(args.cache)
    if args.only in (None, "speed"):
        speed(args.cache, args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
