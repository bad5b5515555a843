"""The left pane: articles grouped by story or by outlet, with date, title and read/star marks.

By story, each story is a header row (its headline; its article count, dates and outlets) with
its articles under it, newest first; the stories come from the Library in its order (several
outlets first, then the most recent). Articles not placed in a story yet are listed last; on a
warm start, until every story is read, the top stories alone are known (a screenful and more),
and the other articles wait there in one group.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article, Story, outlets_line
from reader.core.safe_text import clean
from reader.core.state import ReadingState
from reader.core.story_nav import story_dates
from reader.core.unread import count_unread, next_unread, tally
from reader.ui.widgets.growing_options import AHEAD, GrowingOptions, RowMaker
from reader.ui.widgets.list_groups import UNGROUPED, Members, Shown, outlet

UNREAD_MARK = "●"
STAR_MARK = "★"
PAGE = 500
"""Articles listed per group at first; `enter` on the "… more" line lists the next page."""
GROUP_PAGE = 300
"""Groups listed at first (by story, 100,000 articles make tens of thousands); `enter` on the
"… more" line after them lists the next page."""
FIRST_ROWS = 120
"""Rows a new list holds in its first frame at most (a screenful: no more than the terminal
has lines, each row taking one at least); AHEAD more are held right after that frame, and the
rest as the reader nears them (see GrowingOptions), so that a big store is on screen before
its rows are built, and 5,000 rows are never measured at once."""
REST_AFTER = 0.05
"""Seconds after the first frame before more rows are held."""
MORE_GROUPS = "more-groups"
REST = {True: ("Not in a story yet", "no story"), False: ("Other stories · listing…", "others")}
"""The UNGROUPED group's header and its name in a sentence, by whether every story is listed
(else the top ones alone are, and the other articles wait in it)."""
MANY_MARKED = 10_000
"""More articles' marks changed at once than this: the list is built again rather than redrawn
a row at a time."""
GROUP = "group:"
"""The option id of a group's header row, before the group's key."""

Filter = Callable[[Article], bool]


def article_label(article: Article, state: ReadingState, by_story: bool = False) -> Content:
    """`● ★ 2022-02-23 Title`: unread and star marks, the publication date, the title (by
    story, the outlet before the title: the title is often the story's own)."""
    unread = " " if state.is_read(article.id) else UNREAD_MARK
    star = STAR_MARK if state.is_starred(article.id) else " "
    date = (article.published or "")[:10].ljust(10)
    parts: list[Content | str | tuple[str, str]] = [
        (unread, "bold $accent"),
        (star, "$warning"),
        " ",
        (date, "$text-muted"),
        " ",
    ]
    if by_story:
        parts += [(clean(outlet(article)), "bold $text-secondary"), " · "]
    parts.append(clean(article.title or article.id))
    return Content.assemble(*parts)


def group_label(name: str, unread: int, total: int) -> Content:
    """An outlet (or the articles of no story): `Moscow Times (2/3)`, unread of total."""
    return Content.assemble((clean(name), "bold"), (f" ({tally(unread, total)})", "dim"))


def story_label(story: Story, unread: int, total: int) -> Content:
    """The headline; then `2/3 unread · 2022-02-21 – 2022-02-23`; then the outlets."""
    return Content.assemble(
        ("▌", "$accent"),
        (clean(story.title or story.id), "bold"),
        "\n ",
        (f"{tally(unread, total)} unread · {story_dates(story)}", "$text-muted"),
        "\n ",
        (clean(outlets_line(story.outlets)), "$text-secondary"),
    )


class SourceList(GrowingOptions):
    """Articles grouped by story or by outlet; moving previews an article, `enter` opens it."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class ArticleHighlighted(Message):
        """The cursor moved onto an article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class ArticleOpened(Message):
        """The reader chose an article (enter or click)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Counted(Message):
        """The list's unread and total articles changed (after the filters)."""

        def __init__(self, unread: int, total: int) -> None:
            super().__init__()
            self.unread = unread
            self.total = total

    def __init__(self, state: ReadingState, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = state
        self.articles: dict[str, Article] = {}
        """Every article of the corpus, listed or not yet."""
        self.option_ids: dict[str, str] = {}
        """Article id -> option id, for the articles listed. Option ids are positional."""
        self._article_of: dict[str, str] = {}
        self.stories: list[Story] = []
        """The stories to group by (empty: by outlet only)."""
        self.stories_complete = True
        """Every story is listed (else the top ones; the other articles wait in one group)."""
        self.by_story = False
        """Grouped by story (else by outlet)."""
        self._shown = Shown()
        """The groups as listed (after the filters)."""
        self._stories: dict[str, Story] = {}
        """Group key -> its story (by story; the other groups are named by their key)."""
        self.filters: dict[str, Filter] = {}
        """What the list keeps, by name (`unread`, `starred`, a tag): every one must hold."""
        self.empty_hint = ""
        """How to list all again, said when the filters leave nothing (the keys are the
        screen's)."""
        self._members: Members | None = None
        """The groups before the filters (None: not grouped yet)."""
        self._listed: dict[str, int] = {}
        """Group -> how many of its articles are listed: a page at a time, so that a corpus
        of 100,000 articles lists at once."""
        self._groups_listed = GROUP_PAGE
        """How many groups are listed."""
        self._position: dict[str, int] = {}
        """Group key -> its place in the list of groups."""
        self._row_of: dict[str, int] = {}
        """Option id -> its row, for the articles and the groups' headers listed."""
        self._first_frame = False
        """A new list waits for its first frame: it holds FIRST_ROWS rows until then."""
        self.head = False
        """The list is a head (see `show_articles`): nothing counts it (set before the
        grouping of its stories, its counts are not said either)."""

    def show_articles(self, articles: list[Article], head: bool = False) -> None:
        """List `articles` in the groups of the current grouping (only the groups they
        changed are sorted and counted again); `head`: the first rows alone (a screenful of
        them, not counted: see ArticlesLoaded.head), the list after them is a new one."""
        self.articles = {article.id: article for article in articles}
        if not self.option_count or self.head:  # a new list: a screenful in its first frame
            self._first_frame = head or len(articles) > FIRST_ROWS
            if self._first_frame and not head:
                # after the frame, and after the counts it posts are drawn (they come by message)
                self.call_after_refresh(lambda: self.set_timer(REST_AFTER, self.list_rest))
        members = None if self.head else self._members  # (a head's groups are not kept)
        changed = None if members is None else members.update(self.articles)
        self.head = head
        self._regroup(changed, keep_scroll=True)

    def list_rest(self) -> None:
        """Hold the rows the first frame left out, up to AHEAD (see FIRST_ROWS)."""
        if self._first_frame:
            self._first_frame = False
            self.hold(AHEAD - 1)

    def show_stories(self, stories: list[Story], complete: bool = True) -> None:
        """Group by these stories (when grouped by story); not `complete`: the top ones alone."""
        self.stories, self.stories_complete = stories, complete
        if self.by_story and not self.head:  # (a head's whole list follows: grouped then)
            self._regroup(keep_scroll=True)

    def group_by_story(self, by_story: bool, keep_cursor: bool = True) -> None:
        """Group by story (else by outlet); without `keep_cursor`, the cursor is not kept on
        its article (the caller moves it: an article far down the new list would have every
        row above it made and measured)."""
        if by_story != self.by_story:
            self.by_story = by_story
            self._listed = {}
            if not keep_cursor:
                self.highlighted = None
            self._regroup()

    def set_filter(self, name: str, keep: Filter | None) -> None:
        """Keep only the articles `keep` holds for (None: drop filter `name`), and relist."""
        if keep is None:
            self.filters.pop(name, None)
        else:
            self.filters[name] = keep
        self._regroup()

    def _kept(self, article: Article) -> bool:
        return all(keep(article) for keep in self.filters.values())

    def _regroup(self, changed: set[str] | None = None, keep_scroll: bool = False) -> None:
        """Group the articles again: every group, or those `changed` (see Shown.update);
        with `keep_scroll`, the list stays scrolled where it was (as far as its cursor stays
        in view)."""
        if changed is None:
            stories = self.stories if self.by_story else None
            self._members = Members(self.articles, stories)
            self._stories = {story.id: story for story in stories or []}
        groups = self._members.groups if self._members else {}
        self._shown.update(groups, changed, self._kept if self.filters else None, self.state)
        self._position = {key: place for place, key in enumerate(self._shown.groups)}
        self._listed = {key: max(PAGE, self._listed.get(key, 0)) for key in self._shown.groups}
        self._build(keep_scroll)

    def _header(self, key: str) -> Content:
        """A group's header row, with its unread and total articles."""
        counts = self._shown.unread[key], len(self._shown.groups[key])
        story = self._stories.get(key)
        if story is not None:
            return story_label(story, *counts)
        return group_label(REST[self.stories_complete][0] if key == UNGROUPED else key, *counts)

    def counts(self) -> tuple[int, int]:
        """The list's unread and total articles (after the filters)."""
        return self._shown.counts()

    def _counted(self) -> None:
        if not self.head:
            self.post_message(self.Counted(*self.counts()))

    def _build(self, keep_scroll: bool = False) -> None:
        """The list's rows, made when they are held (a row's label then shows the marks of
        that moment); as many held as before, a screenful for a new list; with
        `keep_scroll`, scrolled as before (the cursor in view)."""
        highlighted, scrolled = self._highlighted_article(), self.scroll_y
        rows: list[RowMaker] = []
        self.option_ids, self._article_of, self._row_of = {}, {}, {}
        groups = list(self._shown.groups.items())
        for name, group in groups[: self._groups_listed]:
            self._row_of[GROUP + name] = len(rows)
            rows.append(partial(self._header_row, name))
            for article in group[: self._listed[name]]:
                option_id = f"article:{len(rows)}"
                self.option_ids.setdefault(article.id, option_id)
                self._article_of[option_id] = article.id
                self._row_of[option_id] = len(rows)
                rows.append(partial(self._article_row, article, option_id))
            hidden = len(group) - self._listed[name]
            if hidden > 0:
                more = f"  … {hidden} more (enter lists {min(PAGE, hidden)} more)"
                rows.append(partial(Option, Content.styled(more, "dim"), id=f"more:{name}"))
        hidden_groups = len(groups) - self._groups_listed
        if hidden_groups > 0:
            kind = "stories" if self.by_story else "outlets"
            more = f"… {hidden_groups} more {kind} (enter lists {min(GROUP_PAGE, hidden_groups)})"
            rows.append(partial(Option, Content.styled(more, "dim"), id=MORE_GROUPS))
        if not rows and self.filters:
            shown = " and ".join(self.filters)
            empty = f"No {shown} articles here. {self.empty_hint}"
            rows.append(partial(Option, Content.styled(empty, "dim"), disabled=True))
        first = min(FIRST_ROWS, self.app.size.height)  # (see FIRST_ROWS)
        holding = first if self._first_frame else max(AHEAD, self.option_count)
        self.set_rows(rows, holding)
        if highlighted:
            self.select_article(highlighted)
        if keep_scroll and self.option_count:
            self.scroll_to(y=scrolled, animate=False, immediate=True, force=True)
            self.scroll_to_highlight()
        self._counted()

    def _header_row(self, name: str) -> Option:
        return Option(self._header(name), id=GROUP + name, disabled=True)

    def _article_row(self, article: Article, option_id: str) -> Option:
        return Option(article_label(article, self.state, self.by_story), id=option_id)

    def _held(self, option_id: str) -> bool:
        """Whether the row of an article or a group's header is held (made and shown)."""
        return self._row_of.get(option_id, self.option_count) < self.option_count

    def _highlighted_article(self) -> str | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self._article_of.get(self.get_option_at_index(self.highlighted).id or "")

    def _list_more(self, name: str, at_least: int = 0) -> None:
        """List the next page of an outlet's articles (or up to its `at_least`-th)."""
        self._listed[name] = max(self._listed[name] + PAGE, at_least)
        self._build()

    def refresh_article(self, article_id: str) -> None:
        """Redraw one article's marks, and its group's count, after its state changed."""
        self.refresh_articles([article_id])

    def refresh_articles(self, article_ids: list[str]) -> None:
        """Redraw these articles' marks and their groups' counts."""
        groups = {self._shown.group_of[a] for a in article_ids if a in self._shown.group_of}
        for key in groups:
            self._shown.unread[key] = count_unread(self._shown.groups[key], self.state)
        if len(article_ids) > MANY_MARKED:  # listing all again is quicker than option by option
            self._build()
            return
        for key in groups:  # (a row not held yet is made with its marks when it is)
            if self._held(GROUP + key):
                self.replace_option_prompt(GROUP + key, self._header(key))
        for article_id in article_ids:
            if self._held(self.option_ids.get(article_id, "")):
                label = article_label(self.articles[article_id], self.state, self.by_story)
                self.replace_option_prompt(self.option_ids[article_id], label)
        self._counted()

    def relist(self) -> None:
        """List again after many marks changed (the filters apply to the new marks)."""
        self._regroup()

    def group_articles(self, article_id: str) -> tuple[str, list[str]]:
        """The name of the group listing `article_id` and the ids of its articles."""
        key = self._shown.group_of.get(article_id)
        if key is None:
            return "", []
        story, rest = self._stories.get(key), REST[self.stories_complete][1]
        name = story.title or story.id if story else (rest if key == UNGROUPED else key)
        return name, [a.id for a in self._shown.groups[key]]

    def listed_ids(self) -> list[str]:
        """The ids of every article in the list (after the filters), listed yet or not."""
        return [a.id for group in self._shown.groups.values() for a in group]

    def next_unread(self, after: str | None) -> str | None:
        """The next unread article in list order after `after`, wrapping; None: all read."""
        return next_unread(list(self._shown.groups.values()), after, self.state)

    def toggle_read(self, article_id: str) -> None:
        read = self.state.toggle_read(article_id)
        self.refresh_article(article_id)
        self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def toggle_star(self, article_id: str) -> None:
        starred = self.state.toggle_star(article_id)
        self.refresh_article(article_id)
        self.notify("Starred." if starred else "Unstarred.", timeout=2)

    def select_article(self, article_id: str) -> None:
        """Move the cursor to an article (listing it first if needed) without announcing it."""
        article = self.articles.get(article_id)
        if article is None or article_id not in self._shown.group_of:  # none, or filtered out
            return
        if article_id not in self.option_ids:
            key = self._shown.group_of[article_id]
            self._groups_listed = max(self._groups_listed, self._position[key] + 1)
            self._list_more(key, self._shown.groups[key].index(article) + 1)
        self.hold(self._row_of[self.option_ids[article_id]])
        index = self.get_option_index(self.option_ids[article_id])
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id in self._article_of:
            self.post_message(self.ArticleHighlighted(self._article_of[event.option.id]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id in self._article_of:
            self.post_message(self.ArticleOpened(self._article_of[option_id]))
        elif option_id == MORE_GROUPS:
            first_hidden = list(self._shown.groups.values())[self._groups_listed][0]
            self._groups_listed += GROUP_PAGE
            self._build()
            self.select_article(first_hidden.id)
        elif option_id.startswith("more:"):
            name = option_id.removeprefix("more:")
            first_hidden = self._shown.groups[name][self._listed[name]]
            self._list_more(name)
            self.select_article(first_hidden.id)
