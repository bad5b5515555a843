"""The left pane: articles grouped by outlet, with date, title and read/star marks."""

from __future__ import annotations

from collections import defaultdict

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.core.safe_text import clean
from reader.core.state import ReadingState

UNREAD_MARK = "●"
STAR_MARK = "★"
PAGE = 500
"""Articles listed per outlet at first; `enter` on the "… more" line lists the next page."""


def outlet(article: Article) -> str:
    return article.source or "Unknown source"


def article_label(article: Article, state: ReadingState) -> Content:
    """`● ★ 2022-02-23 Title`: unread and star marks, the publication date, the title."""
    unread = " " if state.is_read(article.id) else UNREAD_MARK
    star = STAR_MARK if state.is_starred(article.id) else " "
    date = (article.published or "")[:10].ljust(10)
    return Content.assemble(
        (unread, "bold $accent"),
        (star, "$warning"),
        " ",
        (date, "$text-muted"),
        " ",
        clean(article.title or article.id),
    )


class SourceList(OptionList):
    """Articles grouped by outlet; moving previews an article, `enter` opens it."""

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

    def __init__(self, state: ReadingState, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = state
        self.articles: dict[str, Article] = {}
        """Every article of the corpus, listed or not yet."""
        self.option_ids: dict[str, str] = {}
        """Article id -> option id, for the articles listed. Option ids are positional."""
        self._article_of: dict[str, str] = {}
        self._groups: dict[str, list[Article]] = {}
        """Outlet -> its articles, newest first."""
        self._listed: dict[str, int] = {}
        """Outlet -> how many of its articles are listed: a page at a time, so that a corpus
        of 100,000 articles lists at once."""

    def show_articles(self, articles: list[Article]) -> None:
        """One header per outlet with its count, then its articles, newest first."""
        self.articles = {article.id: article for article in articles}
        groups: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            groups[outlet(article)].append(article)
        self._groups = {
            name: sorted(groups[name], key=lambda a: a.published or "", reverse=True)
            for name in sorted(groups, key=str.casefold)
        }
        self._listed = {name: max(PAGE, self._listed.get(name, 0)) for name in self._groups}
        self._build()

    def _build(self) -> None:
        highlighted = self._highlighted_article()
        options: list[Option] = []
        self.option_ids, self._article_of = {}, {}
        for name, group in self._groups.items():
            header = Content.assemble((clean(name), "bold"), (f" ({len(group)})", "dim"))
            options.append(Option(header, disabled=True))
            for article in group[: self._listed[name]]:
                option_id = f"article:{len(options)}"
                self.option_ids.setdefault(article.id, option_id)
                self._article_of[option_id] = article.id
                options.append(Option(article_label(article, self.state), id=option_id))
            hidden = len(group) - self._listed[name]
            if hidden > 0:
                more = f"  … {hidden} more (enter lists {min(PAGE, hidden)} more)"
                options.append(Option(Content.styled(more, "dim"), id=f"more:{name}"))
        self.set_options(options)
        if highlighted:
            self.select_article(highlighted)

    def _highlighted_article(self) -> str | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self._article_of.get(self.get_option_at_index(self.highlighted).id or "")

    def _list_more(self, name: str, at_least: int = 0) -> None:
        """List the next page of an outlet's articles (or up to its `at_least`-th)."""
        self._listed[name] = max(self._listed[name] + PAGE, at_least)
        self._build()

    def refresh_article(self, article_id: str) -> None:
        """Redraw one article's marks after its read or star state changed."""
        if article_id in self.option_ids:
            self.replace_option_prompt(
                self.option_ids[article_id], article_label(self.articles[article_id], self.state)
            )

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
        if article is None:
            return
        if article_id not in self.option_ids:
            group = self._groups[outlet(article)]
            self._list_more(outlet(article), group.index(article) + 1)
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
        elif option_id.startswith("more:"):
            name = option_id.removeprefix("more:")
            first_hidden = self._groups[name][self._listed[name]]
            self._list_more(name)
            self.select_article(first_hidden.id)
