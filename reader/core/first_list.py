"""A warm start's first frame at its cheapest: the top stories of the listing the store keeps
and their articles alone, read by id, before the whole stored list (20,000 articles' headers,
a few hundredths of a second) is read and listed right after that frame.

The rows of such a head are the first rows of the whole list grouped by story, and each of
its stories' counts are the whole list's (a story's articles are all in the head); the head
is not the whole list, so nothing counts the list from it. Only a list grouped by story
starts so (some story told by several outlets, as `reader.ui.screens.story.default_grouping`
chooses): grouped by outlet, the first group is any outlet's, and the whole list is read.
"""

from __future__ import annotations

from reader.core.changes import Step
from reader.core.kept_listing import kept_listing_head
from reader.core.last_listing import listed
from reader.core.store import BaseStore

HEAD_ARTICLES = 150
"""Articles the head's stories hold at least: more rows than a screen has lines (see
`reader.ui.widgets.source_list.FIRST_ROWS`)."""


def stored_head(store: BaseStore) -> Step | None:
    """The head of the stored list: the first stories of the kept listing, holding
    HEAD_ARTICLES articles or more, with their articles' headers (`Step.top`: those stories);
    None when the listing kept is not current or holds fewer, or the list would not be
    grouped by story."""
    if store.shared:  # (a shared archive's list comes from the load: its server may be slow)
        return None
    stories = kept_listing_head(store, HEAD_ARTICLES) or []
    if sum(len(story.articles) for story in stories) < HEAD_ARTICLES:
        return None  # (a small store: listed whole at once, as cheaply)
    if not any(len(story.outlets) > 1 for story in stories):
        return None
    articles = store.headers_by_id(list({a.id: None for s in stories for a in s.articles}))
    if not articles:
        return None
    return Step(listed(store, given=articles), merged=False, top=stories)
