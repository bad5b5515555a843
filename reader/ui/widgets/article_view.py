"""The centre pane: one article, the story it belongs to and the other outlets that told it,
entities coloured by type, a cursor paragraph."""

from __future__ import annotations

from bisect import bisect_right

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reader.core.library import Corpus
from reader.core.model import Analysis, Article, Story
from reader.core.safe_text import clean, remap, sanitize
from reader.core.story_nav import other_outlets
from reader.ui.highlight import entity_spans, legend, styled_spans
from reader.ui.store_faults import said_when_it_fails

Span = tuple[int, int, str]
MATCH_CONTEXT = 3
"""Lines kept in view above and below a search match `n` scrolls to."""


class Emphasis(tuple[Span, ...]):
    """Spans to emphasise (an actor's mentions, a search hit's matches) in one article.

    Compared as spans only: a reactive holding one needs `always_update`."""

    article_id: str | None

    def __new__(cls, article_id: str | None = None, spans: tuple[Span, ...] = ()) -> Emphasis:
        emphasis = super().__new__(cls, spans)
        emphasis.article_id = article_id
        return emphasis


class Paragraph(Static):
    """One paragraph of the article; a click puts the cursor on it."""

    def __init__(self, index: int, content: Content) -> None:
        super().__init__(content, classes="paragraph")
        self.index = index

    def on_click(self) -> None:
        self.query_ancestor(ArticleView).cursor = self.index


def article_header(article: Article) -> Content:
    """Title, then outlet, section, dates and author, then the URL."""
    details = [article.source, article.section]
    if article.published:
        details.append(f"published {article.published.replace('T', ' ')}")
    if article.updated and article.updated != article.published:
        details.append(f"updated {article.updated.replace('T', ' ')}")
    if article.author:
        details.append(f"by {article.author}")
    lines: list[Content | str | tuple[str, str]] = [
        (clean(article.title or article.id), "bold"),
        "\n",
        (clean(" · ".join(d for d in details if d)), "$text-muted"),
    ]
    if article.url:
        lines += ["\n", (clean(article.url), "underline $text-primary")]
    return Content.assemble(*lines)


def story_line(story: Story | None, article_id: str | None) -> Content:
    """`Story: headline`, then the other outlets that told it and the key to step to them."""
    if story is None:
        return Content("")
    others = other_outlets(story, article_id)
    count = len(story.articles)
    parts: list[Content | str | tuple[str, str]] = [
        ("Story ", "bold $accent"),
        (clean(story.title or story.id), "bold"),
        (f"  {count} article{'s' if count != 1 else ''}", "$text-muted"),
        "\n",
    ]
    if others:
        parts += [
            ("Also told by ", "$text-muted"),
            (clean(", ".join(others)), "$text-secondary"),
            ("\n] the next outlet's article · [ the previous one", "dim"),
        ]
    else:
        parts.append(("No other outlet told it.", "$text-muted"))
    return Content.assemble(*parts)


def line_of(text: str, offset: int, width: int) -> int:
    """The line, counted from 0, on which `offset` of `text` falls once wrapped to `width`."""
    position = number = 0
    for number, line in enumerate(Content(text).wrap(max(width, 1))):
        words = line.plain.strip()
        found = text.find(words, position) if words else position
        position = max(found, position) + len(words)
        if offset < position:
            return number
    return number


class ArticleView(VerticalScroll, can_focus=True):
    """The article on screen; `j`/`k` move the cursor paragraph."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the paragraph under the cursor."""
    emphasis: reactive[Emphasis] = reactive(Emphasis, always_update=True, init=False)
    """What to emphasise; bound to MainScreen.emphasis (ignored for another article)."""
    merged: reactive[Corpus | None] = reactive(None, always_update=True, init=False)
    """The merged corpus: when it comes, the article is restyled with its analysis."""
    story: reactive[Story | None] = reactive(None, always_update=True, init=False)
    """The story of the article on screen (None: in none, or not known yet)."""

    class CursorMoved(Message):
        """The cursor is on paragraph `index`, which spans `start`..`end` of Article.text."""

        def __init__(self, article_id: str, index: int, start: int, end: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.index = index
            self.start = start
            self.end = end

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.CursorMoved)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.analysis = Analysis()
        self.offsets: list[int] = []

    async def show(self, article: Article, analysis: Analysis, cursor: int = 0) -> None:
        """Show `article`, with the cursor on paragraph `cursor`."""
        self.article, self.analysis = article, analysis
        self.offsets = article.paragraph_offsets()
        spans = self._spans()
        paragraphs = [
            Paragraph(i, styled_spans(text, spans, self.offsets[i]))
            for i, text in enumerate(article.paragraphs)
        ]
        await self.remove_children()
        line = Static(story_line(self.story, article.id), id="story-line")
        line.display = self._story_is_mine()
        await self.mount_all(
            [
                line,
                Static(article_header(article), id="article-header"),
                Static(legend(), id="legend"),
                *paragraphs,
            ]
        )
        self.set_reactive(ArticleView.cursor, min(cursor, max(len(paragraphs) - 1, 0)))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._mark_cursor()

    async def show_message(self, text: str) -> None:
        """No article: say why instead (an empty folder, say), as data, never markup."""
        self.article, self.analysis, self.offsets = None, Analysis(), []
        await self.remove_children()
        await self.mount(Static(Content(clean(text)), id="article-message"))

    def _story_is_mine(self) -> bool:
        article, story = self.article, self.story
        return bool(article and story and any(a.id == article.id for a in story.articles))

    def watch_story(self) -> None:
        """Name the story (once it is known to be this article's)."""
        for line in self.query("#story-line").results(Static):
            line.update(story_line(self.story, self.article.id if self.article else None))
            line.display = self._story_is_mine()

    def watch_emphasis(self) -> None:
        if self.article is not None and self.emphasis.article_id == self.article.id:
            self.restyle(self.analysis)

    @said_when_it_fails
    def watch_merged(self, corpus: Corpus | None) -> None:
        """New analysis results: restyle, and say again where the cursor is (the timeline
        marks the event of the cursor paragraph)."""
        if self.article is None or corpus is None:
            return
        self.restyle(corpus.analysis(self.article.id) or Analysis())
        self.go_to_offset(self.offsets[self.cursor] if self.offsets else 0)

    def restyle(self, analysis: Analysis) -> None:
        """Redraw the paragraphs with new analysis results or a new emphasis."""
        if self.article is None:
            return
        self.analysis = analysis
        spans = self._spans()
        for paragraph in self.query(Paragraph):
            text = self.article.paragraphs[paragraph.index]
            paragraph.update(styled_spans(text, spans, self.offsets[paragraph.index]))

    def paragraph_at(self, offset: int) -> int:
        """The index of the paragraph containing a character offset of Article.text."""
        return max(bisect_right(self.offsets, offset) - 1, 0)

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor on the paragraph holding `offset` and scroll it into view."""
        self.cursor = self.paragraph_at(offset)

    def go_to_match(self, offset: int) -> None:
        """Put the cursor on the paragraph holding `offset`, scrolled so that the line holding
        it is in view too (a paragraph may be taller than the pane)."""
        self.go_to_offset(offset)
        self.call_after_refresh(self._show_line_of, offset)

    def _show_line_of(self, offset: int) -> None:
        paragraph = next((p for p in self.query(Paragraph) if p.index == self.cursor), None)
        if self.article is None or paragraph is None:
            return
        if paragraph.outer_size.height < self.scrollable_content_region.height:
            return  # shown whole
        text, removed = sanitize(self.article.paragraphs[self.cursor])
        within = remap(offset - self.offsets[self.cursor], removed)
        line = line_of(text, within, paragraph.content_region.width)
        region = paragraph.virtual_region
        context = Spacing(MATCH_CONTEXT, 0, MATCH_CONTEXT, 0)  # lines kept round it
        self.scroll_to_region(
            Region(region.x, region.y + line, 1, 1), spacing=context, animate=False
        )

    def step_to(self, offsets: list[int], step: int) -> bool:
        """Move the cursor to the next (step 1) or previous (-1) paragraph holding one of
        `offsets` (in reading order); False when there is none that way."""
        if step > 0:
            ahead = [o for o in offsets if self.paragraph_at(o) > self.cursor]
        else:
            ahead = [o for o in reversed(offsets) if self.paragraph_at(o) < self.cursor]
        if ahead:
            self.go_to_offset(ahead[0])
        return bool(ahead)

    def _spans(self) -> list[Span]:
        spans = entity_spans(self.analysis.entities, self.analysis.timexes)
        if self.article is not None and self.emphasis.article_id == self.article.id:
            spans += self.emphasis
        return spans

    def watch_cursor(self) -> None:
        self._mark_cursor()

    def _mark_cursor(self) -> None:
        paragraphs = list(self.query(Paragraph))
        for paragraph in paragraphs:
            paragraph.set_class(paragraph.index == self.cursor, "-cursor")
        if self.article is None or not paragraphs:
            return
        current = paragraphs[self.cursor]
        if self.cursor == 0:  # the story line and the header stay in view
            self.call_after_refresh(self.scroll_home, animate=False)
        else:  # a paragraph taller than the pane is shown from its start, not its end
            top = current.outer_size.height >= self.scrollable_content_region.height
            self.call_after_refresh(self.scroll_to_widget, current, animate=False, top=top)
        start = self.offsets[self.cursor]
        end = start + len(self.article.paragraphs[self.cursor])
        self.post_message(self.CursorMoved(self.article.id, self.cursor, start, end))

    def action_move(self, step: int) -> None:
        if self.article and self.article.paragraphs:
            self.cursor = max(0, min(self.cursor + step, len(self.article.paragraphs) - 1))
            if self.cursor == 0:  # `k` on the first paragraph goes back up to the headline
                self.scroll_home(animate=False)

    def action_first(self) -> None:
        """The first paragraph, and the story line and header above it (even when the cursor
        is already there, as it is while reading a long first paragraph)."""
        self.cursor = 0
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        if self.article:
            self.cursor = max(len(self.article.paragraphs) - 1, 0)
