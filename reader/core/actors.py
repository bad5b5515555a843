"""Resolve entity mentions into actors merged across articles (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.model import Actor, Analysis, Article


@dataclass
class ActorIndex:
    """The corpus's actors and which actor each entity mention belongs to."""

    actors: list[Actor] = field(default_factory=list)
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)
    """(article id, mention start offset) -> canonical actor name."""
    by_surface: dict[tuple[str, str], str] = field(default_factory=dict)
    """(article id, surface text) -> canonical actor name."""

    def actor_at(self, article_id: str, start: int) -> str | None:
        """The canonical name of the actor mentioned at `start` in an article."""
        return self.by_mention.get((article_id, start))

    def canonical(self, article_id: str, name: str | None) -> str | None:
        """The canonical actor name for a name as written in an article (e.g. a speaker)."""
        if name is None:
            return None
        return self.by_surface.get((article_id, name), name)


def resolve_actors(docs: list[tuple[Article, Analysis]]) -> ActorIndex:
    """Merge every article's entity mentions into actors."""
    return ActorIndex()
