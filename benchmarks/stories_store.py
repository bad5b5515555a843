"""Stories through the store, the Library and the CLI: prints the figures the store adds.

    python benchmarks/stories_store.py               # everything
    python benchmarks/stories_store.py --only cli    # one part: cli, kept, new

- cli: `reader stories multi-source/articles.jsonl --json`, cold (empty cache) and warm, and
  the B-cubed F1 of what it prints against `clusters.jsonl` (read only to score).
- kept: at --size articles, reading the kept vectors back against reading every article and
  analysis and vectorising it again (what a process pays before its first change), and the
  grouping that follows either.
- new: one new file dropped into a folder of --folder BBC files: until its story is known,
  in a running Library (the TUI's refresh) and as a whole `reader stories` process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stories import CORPORA, analyses, bcubed  # noqa: E402

from reader.core.corpus import Corpus  # noqa: E402
from reader.core.ingest import iter_files, load_articles  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.settings import Settings  # noqa: E402
from reader.core.store import Store  # noqa: E402
from reader.core.stories import ArticleVector, StoredStories, StoryIndex, vectorize  # noqa: E402


def quiet(message: str) -> None:
    pass


def reader_stories(paths: list[str], cache: Path) -> tuple[float, list[dict]]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "stories", *paths, "--json", "--cache", str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, json.loads(result.stdout)


def cli(work: Path) -> None:
    folder = CORPORA / "multi-source"
    gold = {}
    for line in (folder / "clusters.jsonl").read_text().splitlines():
        cluster = json.loads(line)
        gold.update({a: cluster["cluster"] for a in cluster["article_ids"]})
    paths = [str(folder / "articles.jsonl")]
    cold, stories = reader_stories(paths, work / "cli-cache")
    warm, again = reader_stories(paths, work / "cli-cache")
    found = {a["id"]: story["id"] for story in stories for a in story["articles"]}
    p, r, f = bcubed(found, gold)
    print(
        f"cli: reader stories multi-source --json: cold {cold:.1f} s, warm {warm:.2f} s "
        f"(same output: {stories == again}); {len(stories)} stories of {len(found)} articles; "
        f"B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f} (bar >= 0.93)"
    )


def bbc_articles(count: int) -> list:
    """`count` distinct articles: BBC files, then copies with a line of their own."""
    paths = sorted(p for p in iter_files(CORPORA / "bbc") if p.parent.name != "bbc")
    originals = load_articles(paths)
    articles = []
    for n in range(count):
        original = originals[n % len(originals)]
        extra = f"Filed as copy {n} of {original.id}."
        articles.append(replace(original, id=f"{n:06d}", paragraphs=[*original.paragraphs, extra]))
    return articles


def kept(work: Path, size: int) -> None:
    """Keep the vectors, or recompute them from the stored articles on load?"""
    articles = bbc_articles(size)
    originals = articles[:2225]
    found = analyses(originals, None)
    store = Store(work / "kept.sqlite3")
    by_id = {a.id: found[n % len(originals)] for n, a in enumerate(articles)}
    store.add_corpus(Corpus(articles, by_id))
    start = time.perf_counter()
    StoredStories(store).update()
    first = time.perf_counter() - start

    start = time.perf_counter()
    state = sorted(store.story_state_of(None))
    vectors = [ArticleVector.from_json(json.loads(text)) for _, _, text, _, _ in state]
    read_kept = time.perf_counter() - start
    start = time.perf_counter()
    ids = [article_id for article_id, _, _, _, _ in state]
    again = [vectorize(a, n) for a, n in store.story_articles(ids)]
    recompute = time.perf_counter() - start
    start = time.perf_counter()
    index = StoryIndex()
    for article_id, vector in zip(ids, vectors, strict=True):
        index.add_vector(article_id, vector)
    grouping = time.perf_counter() - start
    start = time.perf_counter()
    links = [None if s is None or n is None else (s, n) for _, _, _, s, n in state]
    restored = StoryIndex.restore(zip(ids, vectors, links, strict=True))
    restoring = time.perf_counter() - start
    same = restored.assignments() == index.assignments()
    start = time.perf_counter()
    StoredStories(store)._loaded().load_all()
    whole = time.perf_counter() - start
    mb = os.path.getsize(store.database) / 1e6
    print(
        f"kept: {size:,} articles: first placing (read, vectorise, group, save) {first:.1f} s; "
        f"on load, kept vectors read in {read_kept:.2f} s vs articles read and vectorised "
        f"again in {recompute:.2f} s ({len(again):,}); then grouped again in {grouping:.2f} s "
        f"or restored from the kept links in {restoring:.2f} s (same stories: {same}); a "
        f"process's whole restore before its first change {whole:.2f} s; store {mb:.0f} MB"
    )
    store.close()


def new(work: Path, count: int) -> None:
    folder = work / "folder"
    folder.mkdir()
    paths = sorted(p for p in iter_files(CORPORA / "bbc") if p.parent.name != "bbc")
    for n, path in enumerate(paths[:count]):
        shutil.copy(path, folder / f"{n:05d}{path.suffix}")
    cache = work / "new-cache"
    with Library([str(folder)], Settings.resolve(cache=cache)) as library:
        start = time.perf_counter()
        library.sync(quiet)
        first = time.perf_counter() - start
        stories, spent = library.kept_stories, []
        update = stories.update

        def timed(cancel=None):  # the stories' share of the refresh
            begun = time.perf_counter()
            touched = update(cancel)
            spent.append(time.perf_counter() - begun)
            return touched

        stories.update = timed  # type: ignore[method-assign]
        shutil.copy(paths[count], folder / f"new{paths[count].suffix}")
        start = time.perf_counter()
        library.sync(quiet)
        story = library.story_of("new")
        running = time.perf_counter() - start
        assert story is not None
        start = time.perf_counter()
        library.story_corpus(story)
        merged = time.perf_counter() - start
    shutil.copy(paths[count + 1], folder / f"newer{paths[count].suffix}")
    process, stories = reader_stories([str(folder)], cache)
    listed = any(a["id"] == "newer" for s in stories for a in s["articles"])
    print(
        f"new: {count:,} files indexed and grouped in {first:.1f} s; one new file: its story "
        f"known {running * 1000:.0f} ms after the refresh starts in a running Library (of "
        f"which the stories' update {spent[0] * 1000:.0f} ms), its story's merge "
        f"{merged * 1000:.0f} ms; as a whole `reader stories` process "
        f"{process:.1f} s (listed: {listed})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("cli", "kept", "new"))
    parser.add_argument("--size", type=int, default=10_000, help="articles for the kept part")
    parser.add_argument("--folder", type=int, default=2_000, help="files for the new part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        if args.only in (None, "cli"):
            cli(Path(work))
        if args.only in (None, "kept"):
            kept(Path(work), args.size)
        if args.only in (None, "new"):
            new(Path(work), args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
