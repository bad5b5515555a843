"""Search across articles (placeholder: the search issue adds the index and the ranking)."""

from __future__ import annotations

from reader.core.corpus import Corpus
from reader.core.model import SearchHit


def search(corpus: Corpus, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles matching `query`, best first."""
    words = query.lower().split()
    hits = []
    for article in corpus.articles:
        haystack = f"{article.title}\n{article.text}".lower()
        if words and all(word in haystack for word in words):
            offset = max(article.text.lower().find(words[0]), 0)
            snippet = article.text[max(offset - 60, 0) : offset + 100]
            hits.append(SearchHit(article.id, article.title, 1.0, snippet, offset))
    return hits[:limit]
