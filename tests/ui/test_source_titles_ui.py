"""Pilot test: the source list shows every word of each title on first display, at the widths
the reader is used at (a list long enough for a scrollbar wrapped its titles for the width it
had before the scrollbar came, and cut their last lines until a resize)."""

from __future__ import annotations

import pytest

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.ui.messages import ArticlesLoaded
from reader.ui.widgets.source_list import SourceList
from tests.ui.conftest import settle

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()


def many_articles() -> Corpus:
    """Sixty titles of every length, from one outlet (no story to list them again)."""
    articles = [
        Article(
            id=f"a{n:02}",
            path=f"a{n:02}.txt",
            source="Wire",
            title=" ".join(WORDS[(n + i) % len(WORDS)] for i in range(2 + n % 9)) + f" end{n}",
            published=f"2022-02-{n % 28 + 1:02d}",
            paragraphs=[f"Body {n}."],
        )
        for n in range(60)
    ]
    return Corpus.build(articles)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)])
async def test_every_title_shown_whole_on_first_display(make_app, size):
    corpus = many_articles()
    app = make_app(corpus=Corpus.build(corpus.articles[:1]))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert not sources.show_vertical_scrollbar
        app.screen.post_message(ArticlesLoaded(corpus))  # listed as a load lists them
        await settle(pilot)
        sources.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert sources.show_vertical_scrollbar, "the list is longer than the pane"
        shown = " ".join(
            sources.render_line(y).text.strip()
            for y in range(sources.scrollable_content_region.height)
        )
        shown = " ".join(shown.split())
        begun = shown.count("●")  # the articles whose rows begin in the pane
        assert begun >= 3
        article_of = {option: article for article, option in sources.option_ids.items()}
        listed = [corpus.article(article_of[o.id]) for o in sources.options[1:begun]]
        for article in listed:  # (the last begun may go on below the pane)
            assert article.title in shown, article.title
