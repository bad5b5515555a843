"""Quote extraction on real corpora: how many quotes, how many with a speaker, how fast,
and how often the speaker is right on a small hand-labelled set (benchmarks/quotes_gold.json).

    python benchmarks/quotes.py            # reads ../shared/corpora (or $READER_SHARED/corpora)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.ingest import load_articles  # noqa: E402
from reader.core.model import Quote  # noqa: E402
from reader.core.nlp.entities import find_entities  # noqa: E402
from reader.core.nlp.quotes import find_quotes  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
GOLD = Path(__file__).with_name("quotes_gold.json")
MULTI_SOURCE = CORPORA / "multi-source" / "articles.jsonl"


def measure(name: str, path: Path) -> None:
    """Quotes found, the share with a speaker and quotes/second for every article under path."""
    if not path.exists():
        print(f"{name}: {path} is absent, skipped")
        return
    articles = load_articles([path], warn=lambda message: None)
    texts = [article.text for article in articles]
    entities = [find_entities(text) for text in texts]
    started = time.perf_counter()
    quotes = [
        quote
        for text, found in zip(texts, entities, strict=True)
        for quote in find_quotes(text, found)
    ]
    seconds = time.perf_counter() - started
    with_speaker = sum(1 for q in quotes if q.speaker)
    share = with_speaker / len(quotes) if quotes else 0.0
    print(
        f"{name}: {len(articles)} articles, {len(quotes)} quotes, {with_speaker} with a speaker "
        f"({share:.1%}); {len(quotes) / seconds:,.0f} quotes/s, "
        f"{len(articles) / seconds:,.0f} articles/s (find_quotes alone, {seconds:.2f} s)"
    )


def _normal(words: str) -> str:
    return " ".join(words.lower().split())


def same_speaker(found: str | None, wanted: str | None) -> bool:
    """Names match case-insensitively, or when one is the other's last words ("Rother")."""
    if found is None or wanted is None:
        return found is wanted
    found_words, wanted_words = found.lower().split(), wanted.lower().split()
    shorter = min(len(found_words), len(wanted_words))
    return found_words[-shorter:] == wanted_words[-shorter:]


def match(quotes: list[Quote], starts: str) -> Quote | None:
    for quote in quotes:
        if _normal(quote.text).startswith(_normal(starts)):
            return quote
    return None


def check_gold() -> None:
    """% of hand-labelled quotes found, and found with the right speaker, per part of the set."""
    if not MULTI_SOURCE.is_file():
        print(f"hand-labelled set: {MULTI_SOURCE} is absent, skipped")
        return
    labels = json.loads(GOLD.read_text(encoding="utf-8"))
    texts = {}
    with MULTI_SOURCE.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    for part in ("development", "held_out"):
        score_part(part, labels[part], texts)


def score_part(part: str, gold: dict[str, list[dict]], texts: dict[str, str]) -> None:
    total = found = right = extra = 0
    misses = []
    for article, labels in gold.items():
        quotes = find_quotes(texts[article], find_entities(texts[article]))
        matched = set()
        for label in labels:
            total += 1
            quote = match(quotes, label["starts"])
            if quote is None:
                misses.append(f"  not found: {label['starts']!r}")
                continue
            found += 1
            matched.add(quote.start)
            if same_speaker(quote.speaker, label["speaker"]):
                right += 1
            else:
                misses.append(f"  {label['starts']!r}: {quote.speaker!r}, not {label['speaker']!r}")
        extra += sum(1 for q in quotes if q.start not in matched)
    print(
        f"hand-labelled {part} set ({len(gold)} multi-source articles, {total} quotes): "
        f"{found / total:.1%} found, {right / total:.1%} found with the right speaker; "
        f"{extra} quotes found that are not in the labels"
    )
    print("\n".join(misses))


def main() -> int:
    if not CORPORA.is_dir():
        print(f"{CORPORA} is absent: nothing to measure")
        return 0
    measure("bbc", CORPORA / "bbc")
    measure("multi-source", MULTI_SOURCE)
    check_gold()
    return 0


if __name__ == "__main__":
    sys.exit(main())
