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
from reader.core.state import ReadingState
from reader.ui.highlight import sanitize

UNREAD_MARK = "●"
STAR_MARK = "★"


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
        sanitize(article.title or article.id)[0],
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
        self.option_ids: dict[str, str] = {}
        self._article_of: dict[str, str] = {}
        """Article id -> option id. Option ids are positional: article ids may repeat."""

    def show_articles(self, articles: list[Article]) -> None:
        """One header per outlet with its count, then its articles, newest first."""
        self.articles = {article.id: article for article in articles}
        self.option_ids, self._article_of = {}, {}
        groups: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            groups[outlet(article)].append(article)
        options: list[Option] = []
        for name in sorted(groups, key=str.casefold):
            group = sorted(groups[name], key=lambda a: a.published or "", reverse=True)
            header = Content.assemble((sanitize(name)[0], "bold"), (f" ({len(group)})", "dim"))
            options.append(Option(header, disabled=True))
            for article in group:
                option_id = f"article:{len(options)}"
                self.option_ids.setdefault(article.id, option_id)
                self._article_of[option_id] = article.id
                options.append(Option(article_label(article, self.state), id=option_id))
        self.set_options(options)

    def refresh_article(self, article_id: str) -> None:
        """Redraw one article's marks after its read or star state changed."""
        if article_id in self.option_ids:
            self.replace_option_prompt(
                self.option_ids[article_id], article_label(self.articles[article_id], self.state)
            )

    def select_article(self, article_id: str) -> None:
        """Move the cursor to an article without announcing it."""
        if article_id not in self.option_ids:
            return
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
        if event.option.id in self._article_of:
            self.post_message(self.ArticleOpened(self._article_of[event.option.id]))
