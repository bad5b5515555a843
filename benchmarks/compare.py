"""Compare quality and speed: prints the figures of TARGETS.md's Compare section.

    python benchmarks/compare.py [--cache DIR]

The seeds: one story, two outlets, Psaki's and Blinken's words as rows with their outlets.
The multi-source corpus, on its three-outlet stories (BASIL: Fox News, NYT, HuffPost):
- shared quotes: found here on their own, from the articles' text (every span between quote
  marks of five words or more; two spans of two outlets of one gold story are the same quote
  when, normalised, most of the shorter one's words run inside the longer one); a shared quote
  counts as one row when the row holding that quote in one article holds it in the other too
  (a quote Reader did not find, or a story Reader split, counts against it);
- actor-outlet pairs: an actor is right for an outlet when it is listed for it iff the outlet's
  article names it (its name or an alias as a whole word).
The gold `cluster` field picks the stories to measure; Reader never sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from reader.core.compare import Comparison, article_outlets, normalise  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.model import Article  # noqa: E402
from reader.core.paths import seeds_dir  # noqa: E402
from reader.core.settings import Settings  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
MULTI = SHARED / "corpora" / "multi-source" / "articles.jsonl"
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{10,}?)[”\"]")
MIN_WORDS = 5
_EMPTY = Article(id="", path="", source=None, title="")
SHARED_OVERLAP = 90
"""partial_ratio of two normalised quote spans above which they are one quote."""


def _library(paths: list[str], cache: Path) -> Library:
    settings = Settings.resolve(cache=cache, data=cache / "data", config=cache / "config")
    return Library(paths, settings)


def comparisons(library: Library) -> tuple[list[Comparison], float]:
    """Every story of two or more outlets compared, and the stories compared per second."""
    library.sync(print)
    ids = [s.id for s in library.stories() if len(set(article_outlets(s.articles).values())) >= 2]
    began = time.perf_counter()
    found = [c for c in map(library.comparison, ids) if c is not None]
    return found, len(found) / max(time.perf_counter() - began, 1e-9)


def seeds(cache: Path) -> None:
    with _library([str(seeds_dir())], cache / "seeds") as library:
        found, _ = comparisons(library)
    print(f"seeds: {len(found)} stories compared, outlets {[c.outlets for c in found]}")
    for c in found:
        for q in c.quotes:
            if q.speaker in ("Jen Psaki", "Antony Blinken"):
                print(f"  {q.speaker}: {q.outlets}  “{q.text[:60]}”")


def _spans(text: str) -> list[tuple[int, str]]:
    """(offset, normalised words) of every quoted span of MIN_WORDS words or more."""
    found = []
    for match in _QUOTED.finditer(text):
        words = normalise(match.group(1))
        if len(words.split()) >= MIN_WORDS:
            found.append((match.start(1), words))
    return found


def _names(text: str, names: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names)


def multi(cache: Path) -> None:
    records = [json.loads(line) for line in MULTI.read_text().splitlines() if line.strip()]
    gold = {r["id"]: r["cluster"] for r in records if r["dataset"] == "BASIL"}
    with _library([str(MULTI)], cache / "multi") as library:
        found, rate = comparisons(library)
        shared = one_row = 0
        pairs = right = 0
        only_one = carried_by_several = 0
        rows_by_article: dict[str, list[tuple[int, frozenset]]] = defaultdict(list)
        for c in found:
            for row in c.quotes:
                if len(row.outlets) > 1:
                    carried_by_several += 1
                else:
                    only_one += 1
                where = frozenset((p.article, p.start) for p in row.places)
                for place in row.places:
                    rows_by_article[place.article].append((place.start or 0, where))
            if not any(a.id in gold for a in c.articles):
                continue
            corpus = library.story_corpus(c.story)
            assert corpus is not None
            names = {actor.name: [actor.name, *actor.aliases] for actor in corpus.actors}
            outlet_of = article_outlets(c.articles)
            bodies = {a: (corpus.article(a) or _EMPTY).text for a in outlet_of}
            for row in c.actors:
                for article, outlet in outlet_of.items():
                    pairs += 1
                    right += (outlet in row.outlets) == _names(bodies[article], names[row.text])
        by_cluster = defaultdict(list)
        for article, cluster in gold.items():
            by_cluster[cluster].append(article)
        for articles in by_cluster.values():
            spans = {a: _spans(_body(library, a) or "") for a in articles}
            for i, first in enumerate(articles):
                for second in articles[i + 1 :]:
                    for start_a, words_a in spans[first]:
                        for start_b, words_b in spans[second]:
                            if fuzz.partial_ratio(words_a, words_b) < SHARED_OVERLAP:
                                continue
                            shared += 1
                            row_a = _row_at(rows_by_article[first], start_a)
                            row_b = _row_at(rows_by_article[second], start_b)
                            one_row += row_a is not None and row_a == row_b
    print(f"multi-source: {len(found)} stories of two or more outlets compared, {rate:.0f}/s")
    print(f"  quote rows carried by several outlets: {carried_by_several}, by one: {only_one}")
    print(f"  BASIL shared quotes in one row: {one_row}/{shared} = {one_row / max(shared, 1):.1%}")
    print(f"  BASIL actor-outlet pairs right: {right}/{pairs} = {right / max(pairs, 1):.1%}")


def _body(library: Library, article_id: str) -> str | None:
    corpus = library.story_corpus(library.story_of(article_id) or "")
    article = corpus.article(article_id) if corpus else None
    return article.text if article else None


def _row_at(rows: list[tuple[int, frozenset]], start: int) -> frozenset | None:
    """The row holding the quote Reader found at (or just around) `start`."""
    near = [(abs(at - start), where) for at, where in rows if abs(at - start) <= 3]
    return min(near, key=lambda item: item[0])[1] if near else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the stores here between runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        cache = args.cache or Path(scratch)
        seeds(cache)
        multi(cache)


if __name__ == "__main__":
    main()
