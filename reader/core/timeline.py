"""Build the cross-source timeline from dated sentences (placeholder)."""

from __future__ import annotations

from reader.core.actors import ActorIndex
from reader.core.model import Analysis, Article, Event


def build_timeline(docs: list[tuple[Article, Analysis]], actors: ActorIndex) -> list[Event]:
    """Dated events across every article, oldest first, one row per event told by many."""
    return []
