"""Where Reader finds its bundled seeds."""

from __future__ import annotations

from pathlib import Path


def seeds_dir() -> Path:
    """The bundled seed articles: inside the wheel, or the repository's seeds/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_seeds"
    return bundled if bundled.is_dir() else package.parent / "seeds"
