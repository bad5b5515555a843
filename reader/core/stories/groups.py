"""The links between articles and the stories they make (a part of `StoryIndex`).

Each article links to its nearest neighbour; a story is a connected group of links, named by
its first article (`canonical_key`). When an article is placed, the links it adds only join
stories, unless it takes an article's link from another: that may part a story, and the
stories it reaches are then walked again whole. Most often the article that lost the link
is still joined to it a few links away; the stories are then joined without walking them
(a walk of a big story costs as many steps as it has articles, on every article it gains).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from reader.core.story_vector import Held

Link = tuple[float, str]
"""(similarity, nearest neighbour)."""
NEAR_WALK = 200
"""Articles looked at, at most, to find an article that lost its link still joined to it."""


def canonical_key(article_id: str, vector: Held) -> tuple:
    """Dated articles first, oldest first, then by id: a story's id is its first member."""
    return (vector.day is None, vector.day or 0, article_id)


class Groups:
    """Links and stories, kept in step (see the module docstring)."""

    _vectors: dict[str, Held]
    _best: dict[str, Link]
    _inbound: dict[str, set[str]]
    _story_of: dict[str, str]
    _members: dict[str, set[str]]
    _was: dict[str, tuple[str | None, Link | None]] | None

    def _note(self, article_id: str) -> None:
        if self._was is not None and article_id not in self._was:
            self._was[article_id] = (self._story_of.get(article_id), self._best.get(article_id))

    def _link(self, article_id: str, best: Link | None) -> None:
        self._note(article_id)
        old = self._best.pop(article_id, None)
        if old is not None and (inbound := self._inbound.get(old[1])) is not None:
            inbound.discard(article_id)
            if not inbound:
                del self._inbound[old[1]]
        if best is not None:
            self._best[article_id] = best
            self._inbound.setdefault(best[1], set()).add(article_id)

    def _neighbours(self, article_id: str) -> Iterable[str]:
        best = self._best.get(article_id)
        if best is not None:
            yield best[1]
        yield from self._inbound.get(article_id, ())

    def _regroup_linked(self, touched: set[str], lost: list[tuple[str, str]]) -> None:
        """`_regroup` after one article was placed: `touched`, the articles whose stories its
        links reach; `lost`, the links it took (article, neighbour it had). When each article
        that lost its link is still joined to that neighbour, no story parted: the stories of
        `touched` are joined into one, and only the articles whose story id changes are
        looked at."""
        vectors = self._vectors
        if not all(a in vectors for a in touched) or not all(self._joined(a, b) for a, b in lost):
            self._regroup(touched)
            return
        stories = {self._story_of[a] for a in touched}
        story_id = min(stories, key=lambda s: canonical_key(s, vectors[s]))
        largest = max(stories, key=lambda s: len(self._members[s]))
        members = self._members.pop(largest)
        for story in [largest, *(s for s in stories if s != largest)]:
            part = members if story == largest else self._members.pop(story)
            if story != story_id:
                for member in part:
                    self._note(member)
                    self._story_of[member] = story_id
            if part is not members:
                members |= part
        self._members[story_id] = members

    def _joined(self, start: str, goal: str) -> bool:
        """Whether `goal` is found within NEAR_WALK articles of `start` (False: not so near,
        whether or not joined)."""
        seen, queue = {start}, deque([start])
        while queue and len(seen) <= NEAR_WALK:
            for neighbour in self._neighbours(queue.popleft()):
                if neighbour == goal:
                    return True
                if neighbour not in seen:
                    seen.add(neighbour)
                    queue.append(neighbour)
        return False

    def _regroup(self, touched: set[str]) -> None:
        """Recompute the stories that hold any of `touched`, and only those."""
        seen: set[str] = set()
        for start in sorted(touched):
            if start in seen or start not in self._vectors:
                continue
            component, stack = {start}, [start]
            while stack:
                for neighbour in self._neighbours(stack.pop()):
                    if neighbour not in component:
                        component.add(neighbour)
                        stack.append(neighbour)
            seen |= component
            for member in component:
                self._note(member)
                old = self._story_of.get(member)
                if old is not None and old in self._members:
                    self._members[old].discard(member)
                    if not self._members[old]:
                        del self._members[old]
            story_id = min(component, key=lambda a: canonical_key(a, self._vectors[a]))
            self._members[story_id] = component
            for member in component:
                self._story_of[member] = story_id
