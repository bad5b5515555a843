"""Named entity recognition (placeholder: the entities issue builds the real recogniser)."""

from __future__ import annotations

from typing import Protocol

from reader.core.model import Entity


class EntityRecognizer(Protocol):
    """Anything that finds entity spans in a text; a model-based backend can plug in here."""

    def __call__(self, text: str) -> list[Entity]: ...


def find_entities(text: str) -> list[Entity]:
    """Entity spans in `text`, sorted by start offset."""
    return []
