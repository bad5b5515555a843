"""Which actor each entity mention of a corpus belongs to: what a listed corpus carries from
its last merge. Apart from `reader.core.actors` (which builds it) so that a corpus can be
listed without the name matching and the word lists that merging needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.model import Actor


@dataclass
class ActorIndex:
    """The corpus's actors and which actor each entity mention belongs to."""

    actors: list[Actor] = field(default_factory=list)
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)
    """(article id, mention start offset) -> canonical actor name."""
    by_surface: dict[tuple[str, str], str] = field(default_factory=dict)
    """(article id, surface text) -> canonical actor name."""

    loader: Callable[[str], dict] | None = field(default=None, repr=False)
    """For a stored corpus: one article's `mentions_by_article()` entry, read on first use."""
    _loaded: set[str] = field(default_factory=set, repr=False)
    _in_article: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    """article id -> {surface text: canonical name}, built on first use by canonical()."""

    def actor_at(self, article_id: str, start: int) -> str | None:
        """The canonical name of the actor mentioned at `start` in an article."""
        self._load(article_id)
        return self.by_mention.get((article_id, start))

    def actor_named(self, article_id: str, surface: str) -> str | None:
        """The canonical name of the actor an article mentions as `surface`."""
        self._load(article_id)
        return self.by_surface.get((article_id, surface))

    def mentions_by_article(self) -> dict[str, dict]:
        """Per article, `{"mentions": [[start, actor]], "surfaces": [[text, actor]]}`: what a
        store keeps so that a large corpus reads one article's share back when it is shown."""
        out: defaultdict[str, dict] = defaultdict(lambda: {"mentions": [], "surfaces": []})
        for (article_id, start), name in self.by_mention.items():
            out[article_id]["mentions"].append([start, name])
        for (article_id, surface), name in self.by_surface.items():
            out[article_id]["surfaces"].append([surface, name])
        return dict(out)

    def _load(self, article_id: str) -> None:
        if self.loader is None or article_id in self._loaded:
            return
        self._loaded.add(article_id)
        data = self.loader(article_id)
        for start, name in data.get("mentions", []):
            self.by_mention[(article_id, start)] = name
        for surface, name in data.get("surfaces", []):
            self.by_surface[(article_id, surface)] = name
            if self._in_article:
                self._in_article.setdefault(article_id, {})[surface] = name

    def canonical(self, article_id: str, name: str | None) -> str | None:
        """The canonical actor name for a name as written in an article (e.g. a speaker).

        A speaker is named without the title or place its mention carries ("Angus King" for
        "Sen. Angus King of Maine", "Mr Blair" for "Tony Blair"): when the name is not a
        mention as written, it is the one actor of the article whose mentions or name contain
        its words in order (a leading title aside: "Sen. King"); failing that, the name itself.
        """
        if name is None:
            return None
        found = self.actor_named(article_id, name)
        if found is not None:
            return found
        if not self._in_article:
            for (article, surface), actor in self.by_surface.items():
                self._in_article.setdefault(article, {})[surface] = actor
        from reader.core.nlp import cues  # the word lists: only when a name is looked up

        wanted = _name_words(name)
        while len(wanted) > 1 and (wanted[0] in cues.HONORIFICS or wanted[0] in cues.TITLE_HEADS):
            wanted = wanted[1:]
        if not wanted:
            return name
        actors = {
            actor
            for surface, actor in self._in_article.get(article_id, {}).items()
            if _contains(_name_words(surface), wanted) or _contains(_name_words(actor), wanted)
        }
        return actors.pop() if len(actors) == 1 else name


def _name_words(name: str) -> list[str]:
    return [w.rstrip(".,").lower() for w in name.removesuffix("’s").removesuffix("'s").split()]


def _contains(words: list[str], part: list[str]) -> bool:
    """Whether `part` occurs in `words` as consecutive words."""
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))
