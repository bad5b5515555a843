"""Direct quotations and their speakers (placeholder: the quotes issue builds it)."""

from __future__ import annotations

from reader.core.model import Entity, Quote


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Quotes in `text`; speakers are names as written in the article (resolved later)."""
    return []
