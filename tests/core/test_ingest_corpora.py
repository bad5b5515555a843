"""Quick checks on the shared corpora (skipped when absent); benchmarks/ingest.py does it all."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.ingest import load_articles, read_file


def test_bbc_latin1_file(corpora: Path) -> None:
    (article,) = read_file(corpora / "bbc" / "sport" / "199.txt")
    assert article.title == "Chelsea sack Mutu"
    assert "£15.8m" in article.text


def test_bbc_titles_are_first_lines(corpora: Path) -> None:
    folder = corpora / "bbc" / "business"
    articles = load_articles([folder])
    assert len(articles) == len(list(folder.glob("*.txt")))
    for article in articles:
        first_line = Path(article.path).read_text(encoding="utf-8").split("\n", 1)[0]
        assert article.title == " ".join(first_line.split())


def test_every_feed_item_loads(corpora: Path) -> None:
    feeds = [p for p in (corpora / "feeds").iterdir() if p.suffix != ".md"]
    warnings: list[str] = []
    items = load_articles(feeds, warnings.append)
    assert (len(items), warnings) == (446, [])
    assert all(item.title and item.source for item in items)


def test_every_jsonl_article_loads_with_outlet(corpora: Path) -> None:
    articles = load_articles([corpora / "multi-source" / "articles.jsonl"])
    assert len(articles) == 604 and len({a.id for a in articles}) == 604
    assert all(a.source for a in articles)
    records = (corpora / "multi-source" / "articles.jsonl").read_text(encoding="utf-8")
    dated = sum(1 for line in records.splitlines() if json.loads(line).get("published"))
    assert sum(1 for a in articles if a.published) == dated


def test_html_pages_sample(corpora: Path) -> None:
    folder = corpora / "html"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    urls = 0
    for key in sorted(truth)[:6]:
        (article,) = read_file(folder / f"{key}.html")
        words = set(truth[key]["articleBody"].lower().split())
        found = set(article.text.lower().split())
        assert len(words & found) >= 0.8 * len(words), key
        assert article.title
        urls += bool(article.url)
    assert urls >= 5  # one of these pages names no URL of its own anywhere
