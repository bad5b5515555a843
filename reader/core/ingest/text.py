"""Plain text articles, as scraped from the web (placeholder: the ingest issue completes it)."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Article


def read(path: Path, data: bytes) -> list[Article]:
    """Title from the first non-blank line, paragraphs split on blank lines."""
    content = data.decode("utf-8-sig", errors="replace")
    blocks = [" ".join(b.split()) for b in content.replace("\r\n", "\n").split("\n\n")]
    blocks = [b for b in blocks if b]
    if not blocks:
        return []
    return [
        Article(
            id=path.stem,
            path=str(path),
            source=None,
            title=blocks[0],
            paragraphs=blocks[1:],
        )
    ]
