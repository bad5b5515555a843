"""Temporal expressions (placeholder: the time issue builds the real recogniser)."""

from __future__ import annotations

from datetime import datetime

from reader.core.model import Timex


def find_timexes(text: str, reference: datetime | None) -> list[Timex]:
    """Temporal expressions in `text`, normalised against `reference` (publication time)."""
    return []
