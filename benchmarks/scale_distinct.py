"""Distinct articles for benchmarks/scale.py --distinct: the generator and its measurements.

Each article is recombined from paragraphs of different BBC articles of one section, under a
headline of its own (the front of one BBC headline joined to the back of another), dated over
one year (a share undated), so actors, events and stories grow as in a real archive rather
than folding into the same few as copies do. Everything is drawn from one seed.

The measurements run the real CLI as whole processes (fresh READER_CACHE_DIR) and the Library
in-process, each in a child process whose whole process tree is sampled through /proc.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PARAGRAPHS = (4, 9)
"""How many paragraphs an article takes, each from a different BBC article."""
UNDATED = 0.15
"""The share of articles with no date."""
FIRST_DAY, DAYS = date(2005, 1, 1), 365
PER_FOLDER = 1000
SAMPLE_S = 0.2


@dataclass(slots=True)
class Source:
    title: str
    paragraphs: list[str]


def read_sections(bbc: Path) -> dict[str, list[Source]]:
    """The BBC corpus by section: each article's headline and body paragraphs."""
    sections: dict[str, list[Source]] = {}
    for path in sorted(bbc.glob("*/*.txt")):
        blocks = [b.strip() for b in path.read_text(errors="replace").split("\n\n") if b.strip()]
        if len(blocks) >= 2:
            sections.setdefault(path.parent.name, []).append(Source(blocks[0], blocks[1:]))
    return sections


def headline(rng: random.Random, pool: list[Source], taken: set[str]) -> str:
    """The front of one headline and the back of another; numbered on the rare repeat."""
    front, back = (s.title.split() for s in rng.sample(pool, 2))
    title = " ".join(front[: max(1, len(front) // 2)] + back[len(back) // 2 :])
    if title in taken:
        title = f"{title} ({len(taken)})"
    taken.add(title)
    return title


def build_distinct(target: Path, size: int, bbc: Path, seed: int = 19) -> None:
    """`size` distinct text files under `target`, the same for the same seed."""
    rng = random.Random(seed)
    sections = read_sections(bbc)
    names = sorted(sections)
    taken: set[str] = set()
    for number in range(size):
        section = names[number % len(names)]
        pool = sections[section]
        title = headline(rng, pool, taken)
        donors = rng.sample(pool, rng.randint(*PARAGRAPHS))
        body = [rng.choice(donor.paragraphs) for donor in donors]
        head = [title]
        if rng.random() >= UNDATED:
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            head.append(f"Published: {day.day} {day:%B %Y}")
        folder = target / f"part{number // PER_FOLDER:03d}" / section
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:06d}.txt").write_text("\n\n".join(head + body) + "\n")


# Measuring ------------------------------------------------------------------------------------


def distinct_work(size: int, shared: Path, prefix: str) -> Path | None:
    """A new temporary folder holding `size` distinct articles in its `corpus` folder, or None
    (said) when the BBC corpus they are made from is absent."""
    bbc = shared / "corpora" / "bbc"
    if not bbc.is_dir():
        print(f"skipped: {bbc} is absent")
        return None
    work = Path(tempfile.mkdtemp(prefix=prefix))
    build_distinct(work / "corpus", size, bbc)
    return work


def proc_stats() -> Iterator[tuple[int, list[str]]]:
    """Every process's pid and the fields of its /proc/PID/stat after its name (the name may
    hold spaces): fields[1] is its parent (a process gone meanwhile is left out)."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                yield int(entry.name), stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue


def process_tree(root: int, parents: dict[int, int]) -> list[int]:
    """`root` and every process under it, from each process's parent (none when it ended)."""
    kids: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        kids.setdefault(parent, []).append(pid)
    tree, todo = [], [root] if root in parents else []
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += kids.get(pid, [])
    return tree


def tree_rss(root: int) -> tuple[int, int]:
    """The resident memory (kB) of `root` and all its descendants: the sum, and the largest."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for pid, fields in proc_stats():
        try:
            with open(f"/proc/{pid}/statm") as statm:
                pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents[pid] = int(fields[1])
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    sizes = [rss[pid] for pid in process_tree(root, parents)]
    return sum(sizes), max(sizes, default=0)


def timed(command: list[str], env: dict[str, str] | None = None) -> dict:
    """Run `command`; its wall time, peak tree RSS and peak single-process RSS (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(SAMPLE_S):
            total, largest = tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{err[-2000:]}")
    return {
        "seconds": time.perf_counter() - started,
        "tree_mb": peaks[0] / 1024,
        "process_mb": peaks[1] / 1024,
        "stdout": out,
    }


def cli(verb: str, corpus: Path, cache: Path) -> dict:
    """`reader VERB CORPUS --json`, a whole process on the store in `cache`."""
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "READER_DATA_DIR": str(cache / "data")}
    result = timed([sys.executable, "-m", "reader", verb, str(corpus), "--json"], env=env)
    result["count"] = len(json.loads(result.pop("stdout")))
    return result


def print_err(message: str) -> None:
    print(message, file=sys.stderr)


def phase_library(corpus: str, cache: str) -> dict:
    """In-process on a fresh store: the sync (analysis), the stories and the merge, timed apart;
    then a warm search over queries taken from titles; then one new and one changed article
    through a refresh (first listed, stories and merge done)."""
    from reader.core.library import Library
    from reader.core.settings import Settings
    from reader.core.stories.merged import archive_corpus, merge_stale

    library = Library([corpus], Settings.resolve(cache=cache, data=cache + "/data"))
    warn = print_err
    times = {}
    started = time.perf_counter()
    files = library.sync(warn, stories=False)
    times["sync_s"] = time.perf_counter() - started
    started = time.perf_counter()
    library.kept_stories.update(None)
    times["stories_s"] = time.perf_counter() - started
    times["story_count"] = len(library.stories())
    started = time.perf_counter()
    merge_stale(library.store)  # each story merged over its own articles
    archive_corpus(library.store, library.store.headers(files))  # the whole archive's view
    times["merge_s"] = time.perf_counter() - started
    times.update(search_latency(library))
    existing, new = library_edits(Path(corpus))
    new.write_text(existing.read_text().replace("\n\n", "\n\nA new paragraph for the test.\n\n", 1))
    times.update({f"new_{k}": v for k, v in refresh(library, new).items()})
    existing.write_text(existing.read_text() + "\nA late correction to the article.\n")
    times.update({f"changed_{k}": v for k, v in refresh(library, existing).items()})
    library.close()
    return times


def library_edits(corpus: Path) -> tuple[Path, Path]:
    """The file `phase_library` changes and the one it adds."""
    folder = sorted(corpus.glob("part*/*"))[0]
    return sorted(folder.glob("*.txt"))[0], folder / "new-article.txt"


def search_latency(library, count: int = 200) -> dict:
    """Warm Library.search over words and whole titles drawn from the stored headers."""
    rng = random.Random(7)
    titles = [a.title for a in library.store.headers(None) if a.title]
    picked = rng.sample(titles, min(count, len(titles)))
    queries = [t if i % 2 else " ".join(t.split()[:2]) for i, t in enumerate(picked)]
    library.search(None, "warm up")
    times = []
    for query in queries:
        started = time.perf_counter()
        library.search(None, query)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "search_p50_ms": statistics.median(times),
        "search_p95_ms": times[int(0.95 * len(times)) - 1],
        "search_queries": len(times),
    }


def refresh(library, path: Path) -> dict:
    """Library.steps(refresh=True) as a watched folder's batch of one file runs it: seconds
    until the first listing, until the merged step (the changed stories merged again, the
    archive's view read), and until the file's story corpus (what its panels show) is read."""
    started = time.perf_counter()
    marks = {}
    only = {str(path.resolve())}
    for step in library.steps(print_err, lambda *a: None, True, False, None, only):
        key = "merged_s" if step.merged else "listed_s"
        marks.setdefault(key, time.perf_counter() - started)
    library.story_corpus(library.story_of(path.stem) or "")
    marks["story_s"] = time.perf_counter() - started
    return marks
