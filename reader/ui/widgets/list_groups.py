"""The groups of the source list, before its filters: by outlet, or by story (the articles of
no story last), each newest first (ties in the story's order, else the corpus's), made whole
or, for a new list of articles under the same stories, again only where it changed (a watched
batch at 100,000 articles changes a few groups of thousands).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.core.model import Article, Story, outlet_name
from reader.core.state import ReadingState
from reader.core.unread import count_unread

UNGROUPED = "\0ungrouped"
"""The group key of the articles no story holds yet."""
MANY_CHANGED = 1000
"""More articles added, removed or changed in a new list than this: the groups are made whole
again (rather than where they changed)."""


def outlet(article: Article) -> str:
    return outlet_name(article.source)


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: a.published or "", reverse=True)


def outlet_groups(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """One group per outlet, alphabetically."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[outlet(article)].append(article)
    return {name: groups[name] for name in sorted(groups, key=str.casefold)}


def story_groups(stories: list[Story], articles: dict[str, Article]) -> dict[str, list[Article]]:
    """One group per story (by its id), in the stories' order; then (UNGROUPED) the articles
    of none. An article two stories hold is listed in the first."""
    groups: dict[str, list[Article]] = {}
    placed: set[str] = set()
    for story in stories:
        members = [articles[a.id] for a in story.articles if a.id in articles]
        members = [a for a in members if a.id not in placed]
        placed.update(a.id for a in members)
        groups[story.id] = members
    groups[UNGROUPED] = [a for a in articles.values() if a.id not in placed]
    return groups


class Members:
    """Each group's articles (before the filters, newest first), in the list's order of
    groups; by story when given `stories`, else by outlet."""

    def __init__(self, articles: dict[str, Article], stories: list[Story] | None) -> None:
        self.stories = stories
        self.articles = articles
        if stories is None:
            groups = outlet_groups(articles.values())
        else:
            groups = story_groups(stories, articles)
        self._key_of = {a.id: key for key, group in groups.items() for a in group}
        self.groups = {key: newest_first(group) for key, group in groups.items()}
        self._story: dict[str, Story] = {story.id: story for story in stories or []}
        """Story id -> its story."""
        self._story_of: dict[str, str] = {}
        """Article id -> the first story that holds it (made when first needed)."""

    def update(self, articles: dict[str, Article]) -> set[str] | None:
        """Take `articles` as the new list: the keys of the groups that changed (their
        articles added, removed or changed), the others as they were; None when too much
        changed (or the others' order did) and the groups are to be made whole again."""
        old = self.articles
        if abs(len(articles) - len(old)) > MANY_CHANGED:  # (as many added or removed at least)
            return None
        gone = [key for key in old if key not in articles]
        came = [key for key, a in articles.items() if (was := old.get(key)) is not a and was != a]
        if len(gone) + len(came) > MANY_CHANGED:
            return None
        if [key for key in articles if key in old] != [key for key in old if key in articles]:
            return None  # (the corpus order of the articles of no story, of an outlet)
        self.articles = articles
        changed = {self._key_of.pop(key) for key in gone if key in self._key_of}
        changed |= {self._key_of[key] for key in came if key in self._key_of}
        for key in came:
            self._key_of[key] = self._key(articles[key])
        changed |= {self._key_of[key] for key in came}
        self._remake(changed)
        self._order()
        return changed

    def _key(self, article: Article) -> str:
        if self.stories is None:
            return outlet(article)
        if not self._story_of:
            for story in reversed(self.stories):  # the first story holding an article wins
                self._story_of.update((a.id, story.id) for a in story.articles)
        return self._story_of.get(article.id, UNGROUPED)

    def _remake(self, keys: set[str]) -> None:
        """Make these groups again from the articles now: a story's in its order, the others
        (outlets, the articles of no story) in the corpus's, all of them in one pass."""
        others: dict[str, list[Article]] = {key: [] for key in keys if key not in self._story}
        if others:
            for article in self.articles.values():
                if (group := others.get(self._key_of[article.id])) is not None:
                    group.append(article)
        for key in keys:
            story = self._story.get(key)
            if story is not None:
                held = (a.id for a in story.articles if self._key_of.get(a.id) == key)
                others[key] = [self.articles[article_id] for article_id in held]
            self.groups[key] = newest_first(others[key])

    def _order(self) -> None:
        """The groups in the list's order (new ones in their place), the empty ones dropped."""
        groups = {key: group for key, group in self.groups.items() if group}
        if self.stories is None:
            order = sorted(groups, key=str.casefold)
        else:
            order = [story.id for story in self.stories if story.id in groups]
            order += [UNGROUPED] if UNGROUPED in groups else []
        self.groups = {key: groups[key] for key in order}


@dataclass
class Shown:
    """The groups as listed, after the filters: each one's articles (newest first) and
    unread count, in the list's order, and each listed article's group."""

    groups: dict[str, list[Article]] = field(default_factory=dict)
    unread: dict[str, int] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)

    def update(
        self,
        members: dict[str, list[Article]],
        changed: set[str] | None,
        kept: Callable[[Article], bool] | None,
        state: ReadingState,
    ) -> None:
        """List the `members`' groups (Members.groups): every one, or those `changed` (the
        others as they were); with filters (`kept`), every one filtered again, since the
        marks they read change between two lists (only the changed ones sorted again)."""
        if changed is None or kept is not None:
            self.groups, self.unread, self.group_of = {}, {}, {}
            changed = set(members)
        for key in changed:  # (an article that moved: out of its old group before into its new)
            for article in self.groups.pop(key, []):
                del self.group_of[article.id]
        for key in changed:
            group = members.get(key, [])
            group = [a for a in group if kept(a)] if kept is not None else group
            if group:
                self.groups[key] = group
                self.unread[key] = count_unread(group, state)
                self.group_of.update((a.id, key) for a in group)
        self.groups = {key: self.groups[key] for key in members if key in self.groups}
        self.unread = {key: self.unread[key] for key in self.groups}

    def counts(self) -> tuple[int, int]:
        """The unread and total articles listed."""
        return sum(self.unread.values()), sum(len(group) for group in self.groups.values())
