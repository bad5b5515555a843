"""Ingest quality and speed on ../shared/corpora: prints the figures of TARGETS.md.

Run from the repository root: `python benchmarks/ingest.py` (READER_SHARED overrides the
location of the shared folder).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run without installing

from reader.core.ingest import IngestError, iter_files, load_articles, read_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"


def word_f1(found: str, truth: str) -> float:
    """Bag-of-words F1 of lowercase word tokens."""
    found_words = Counter(re.findall(r"\w+", found.lower()))
    truth_words = Counter(re.findall(r"\w+", truth.lower()))
    overlap = sum((found_words & truth_words).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(found_words.values())
    recall = overlap / sum(truth_words.values())
    return 2 * precision * recall / (precision + recall)


def bbc() -> int:
    files = [p for p in iter_files(CORPORA / "bbc") if p.parent.name != "bbc"]
    good = 0
    for path in files:
        first_line = path.read_bytes().split(b"\n", 1)[0]
        try:
            articles = read_file(path)
        except IngestError as error:
            print(f"  {path}: {error}")
            continue
        try:
            expected = first_line.decode("utf-8-sig")
        except UnicodeDecodeError:
            expected = first_line.decode("latin-1")
        good += articles[0].title == " ".join(expected.split())
    print(f"BBC files loaded with first-line title: {good:,} / {len(files):,}")
    return len(files)


def html() -> int:
    folder = CORPORA / "html"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores, urls = [], 0
    for key, record in truth.items():
        path = folder / f"{key}.html"
        try:
            article = read_file(path)[0]
        except IngestError as error:
            print(f"  {path.name}: {error}")
            scores.append(0.0)
            continue
        scores.append(word_f1(article.text, record["articleBody"]))
        urls += bool(article.url)
    mean = sum(scores) / len(scores)
    print(f"HTML body word-F1 (mean over {len(scores)} pages): {mean:.3f}")
    print(f"HTML pages with their URL found: {urls} / {len(scores)}")
    return len(scores)


def feeds() -> int:
    paths = [p for p in iter_files(CORPORA / "feeds") if p.suffix != ".md"]
    items = load_articles(paths, print)
    print(f"Feed items loaded: {len(items)} / 446")
    return len(paths)


def jsonl() -> int:
    articles = load_articles([CORPORA / "multi-source" / "articles.jsonl"], print)
    dated = sum(1 for a in articles if a.source and a.published)
    with_outlet = sum(1 for a in articles if a.source)
    print(
        f"JSON-lines articles loaded: {len(articles)} / 604, with outlet: {with_outlet}, "
        f"with outlet and date: {dated} (the data has no date for 20)"
    )
    return 1


def main() -> int:
    if not CORPORA.is_dir():
        print(f"corpora not found at {CORPORA}; set READER_SHARED")
        return 0
    start = time.perf_counter()
    files = bbc() + html() + feeds() + jsonl()
    elapsed = time.perf_counter() - start
    print(f"Files per second overall: {files / elapsed:,.0f} ({files:,} files in {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
