"""Pilot tests: the panes, moving through articles, and the right panel following along."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.ui.screens.main import MainScreen
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView, Paragraph
from reader.ui.widgets.source_list import SourceList
from reader.ui.widgets.timeline_panel import TimelinePanel
from tests.ui.conftest import NARROW, WIDE, settle


def prompts(widget: OptionList) -> list[str]:
    return [widget.get_option_at_index(i).prompt.plain for i in range(widget.option_count)]


async def test_three_panes_show_the_corpus(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        sources = prompts(screen.query_one(SourceList))
        assert sources[0] == "Kyiv Post (1/1)"
        assert "Sanctions on Russia" in sources[1] and sources[1].startswith("●")
        assert sources[2] == "Moscow Times (1/1)"
        assert screen.article_id == "kyiv-1"
        header = screen.query_one("#article-header").render().plain
        assert "Sanctions on Russia" in header and "Kyiv Post" in header
        assert "2022-02-22 09:00" in header
        legend = screen.query_one("#legend").render().plain
        for kind in ("person", "organisation", "place", "group", "date"):
            assert kind in legend
        timeline = prompts(screen.query_one(TimelinePanel))
        assert [t[2:13] for t in timeline] == ["21 Feb 2022", "22 Feb 2022", "23 Feb 2022"]
        assert timeline[1].endswith("· Kyiv Post"), "each row says which outlets told it"
        assert timeline[1].startswith("●") and not timeline[0].startswith("●")
        actors = prompts(screen.query_one(ActorPanel))
        assert actors[0] == "In this article"
        assert any(a.startswith("Oleksandr Kulbela") and "1 here" in a for a in actors)
        assert any(a.startswith("All articles (10)") for a in actors)


async def test_entities_are_coloured_by_type_from_spans(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        first = app.screen.query(Paragraph).first().render()
        styled = {first.plain[s.start : s.end]: str(s.style) for s in first.spans}
        assert "Joe Biden" in styled and "5fafff" in styled["Joe Biden"]
        assert "Russia" in styled and "5fd787" in styled["Russia"]
        assert "Tuesday" in styled and "underline" in styled["Tuesday"]


async def test_markup_and_control_codes_in_text_are_data(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await app.screen.open_article("moscow-1")
        await pilot.pause()
        last = list(app.screen.query(Paragraph))[-1].render()
        assert "[bold]markup[/bold]" in last.plain
        assert "\x1b" not in last.plain and "[31m" not in last.plain
        moscow = last.plain.index("Moscow")
        assert any(s.start == moscow and s.end == moscow + 6 for s in last.spans)


async def test_j_k_in_sources_switch_article_and_right_panel(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert app.focused is screen.query_one(SourceList)
        await pilot.press("j")
        await pilot.pause()
        assert screen.article_id == "moscow-1"
        timeline = screen.query_one(TimelinePanel)
        assert timeline.here == {0, 2}
        actors = prompts(screen.query_one(ActorPanel))
        assert any(a.startswith("Vladimir Putin") and "2 here" in a for a in actors)
        await pilot.press("k")
        await pilot.pause()
        assert screen.article_id == "kyiv-1"
        assert timeline.here == {1}
        await pilot.press("down")
        await pilot.pause()
        assert screen.article_id == "moscow-1"
        assert not app.screen.state.is_read("moscow-1"), "moving only previews"


async def test_cursor_paragraph_highlights_its_event_live(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("j", "enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert app.focused is view
        timeline = screen.query_one(TimelinePanel)
        assert view.cursor == 0 and timeline.cursor_event == 2
        assert timeline.highlighted == 2
        await pilot.press("j")
        await pilot.pause()
        assert view.cursor == 1 and timeline.cursor_event == 0
        assert timeline.highlighted == 0
        await pilot.press("down")
        await pilot.pause()
        assert view.cursor == 2 and timeline.cursor_event is None
        await pilot.press("k", "up")
        await pilot.pause()
        assert view.cursor == 0 and timeline.cursor_event == 2
        cursor = [p.index for p in screen.query(Paragraph) if p.has_class("-cursor")]
        assert cursor == [0]


async def test_tab_and_shift_tab_move_between_panes(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        order = []
        for _ in range(5):
            await pilot.press("tab")
            order.append(app.focused.id)
        assert order == ["article", "timeline", "actors", "quotes", "sources"]
        await pilot.press("shift+tab")
        assert app.focused.id == "quotes"


async def test_enter_opens_marks_read_and_focuses_article(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.state.is_read("kyiv-1")
        assert app.focused.id == "article"
        label = prompts(app.screen.query_one(SourceList))[1]
        assert not label.startswith("●")


async def test_selecting_an_event_jumps_to_its_article_and_sentence(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.article_id == "kyiv-1"
        screen.query_one(TimelinePanel).focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert screen.article_id == "moscow-1"
        view = screen.query_one(ArticleView)
        assert view.cursor == 1 and app.focused is view


async def test_selecting_an_actor_emphasises_mentions_and_n_jumps(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("j")
        await pilot.pause()
        actor_list = screen.query_one(ActorPanel)
        actor_list.focus()
        index = next(
            i for i, text in enumerate(prompts(actor_list)) if text.startswith("Dmitry Peskov")
        )
        actor_list.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected_actor == "Dmitry Peskov"
        text = screen.corpus.article("moscow-1").text
        assert [text[s:e] for s, e in screen.actor_matches] == ["Dmitry Peskov", "Peskov"]
        view = screen.query_one(ArticleView)
        assert view.cursor == 1
        second = list(screen.query(Paragraph))[1].render()
        peskov = second.plain.index("Dmitry Peskov")
        assert any(s.start == peskov and "reverse" in str(s.style) for s in second.spans)
        quotes = screen.query_one("#quotes-text").render().plain
        assert "premature" in quotes
        await pilot.press("n")
        assert view.cursor == 2
        await pilot.press("n")
        assert view.cursor == 1, "wraps round to the first mention"
        await pilot.press("N")
        assert view.cursor == 2
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selected_actor is None


async def test_n_goes_on_to_the_next_article_mentioning_the_actor(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        corpus = screen.corpus
        # Let the "Moscow" mention in moscow-1 count as Russia, so two articles mention it.
        moscow = corpus.article("moscow-1").text.index("Moscow")
        corpus.actor_index.by_mention[("moscow-1", moscow)] = "Russia"
        next(a for a in corpus.actors if a.name == "Russia").articles.append("moscow-1")
        await screen.select_actor("Russia")
        await pilot.pause()
        assert screen.article_id == "kyiv-1"
        await pilot.press("n")
        await pilot.pause()
        assert screen.article_id == "moscow-1"
        assert screen.query_one(ArticleView).cursor == 2
        await pilot.press("n")
        await pilot.pause()
        assert screen.article_id == "kyiv-1"
        await pilot.press("N")
        await pilot.pause()
        assert screen.article_id == "moscow-1"


async def test_an_actor_not_in_this_article_opens_one_that_mentions_it(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.article_id == "kyiv-1"
        await screen.select_actor("Moscow")
        await pilot.pause()
        assert screen.article_id == "moscow-1"
        assert screen.query_one(ArticleView).cursor == 2


async def test_mouse_clicks_open_articles_and_move_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        sources = screen.query_one(SourceList)
        await pilot.click(SourceList, offset=(6, 4))
        await pilot.pause()
        assert screen.article_id == "moscow-1"
        third = list(screen.query(Paragraph))[2]
        await pilot.click(third)
        await pilot.pause()
        assert screen.query_one(ArticleView).cursor == 2
        assert sources.highlighted == 3


async def test_narrow_terminal_folds_the_side_panel_behind_p(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = app.screen
        side = screen.query_one("#side")
        assert not side.display or side.region.width == 0
        assert screen.query_one(SourceList).region.width > 0
        assert screen.query_one(ArticleView).region.width > 30
        await pilot.press("p")
        await pilot.pause()
        assert side.region.width > 0
        await pilot.press("p")
        await pilot.pause()
        assert side.region.width == 0


async def test_switching_articles_only_redraws_changed_timeline_marks(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        timeline = app.screen.query_one(TimelinePanel)
        events = timeline.events
        await pilot.press("j")
        await pilot.pause()
        assert timeline.events is events and timeline.here == {0, 2}
        assert [p[0] for p in prompts(timeline)] == ["●", " ", "●"]


async def test_a_large_outlet_lists_a_page_at_a_time(make_app, monkeypatch):
    from reader.core.corpus import Corpus
    from reader.core.model import Article
    from reader.ui.widgets import source_list

    monkeypatch.setattr(source_list, "PAGE", 3)
    articles = [
        Article(
            id=f"a{n}",
            path=f"a{n}.txt",
            source="Wire",
            title=f"Story {n}",
            published=f"2022-02-{n + 10:02d}",
            paragraphs=[f"Body {n}."],
        )
        for n in range(7)
    ]
    app = make_app(corpus=Corpus.build(articles))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        listed = prompts(sources)
        assert listed[0] == "Wire (7/7)"
        assert [p[-7:] for p in listed[1:4]] == ["Story 6", "Story 5", "Story 4"]
        assert listed[4].strip() == "… 4 more (enter lists 3 more)"
        sources.focus()
        sources.highlighted = 4
        await pilot.press("enter")
        await pilot.pause()
        listed = prompts(sources)
        assert "Story 3" in listed[4] and listed[7].strip() == "… 1 more (enter lists 1 more)"
        assert sources.highlighted == 4, "the cursor stays on the first newly listed article"
        await app.screen.open_article("a0")
        await pilot.pause()
        assert "Story 0" in prompts(sources)[-1], "opening an unlisted article lists it"
        assert sources.get_option_at_index(sources.highlighted).prompt.plain.endswith("Story 0")


async def test_a_new_list_shows_a_screenful_first_then_every_page(make_app, monkeypatch):
    """A big list's first frame holds FIRST_ROWS rows; the rest of its pages follow, and an
    article beyond them can be selected before they do."""
    from reader.core.corpus import Corpus
    from reader.core.model import Article
    from reader.ui.widgets import source_list

    monkeypatch.setattr(source_list, "PAGE", 5)
    monkeypatch.setattr(source_list, "FIRST_ROWS", 4)
    articles = [
        Article(id=f"{outlet}{n}", path=f"{outlet}{n}.txt", source=f"Outlet {outlet}",
                title=f"Story {outlet}{n}", published=f"2022-02-{n + 10:02d}",
                paragraphs=[f"Body {n}."])
        for outlet in "ab" for n in range(7)
    ]  # fmt: skip
    whole = ["Outlet a (7/7)", *(f"Story a{n}" for n in range(6, 1, -1)), "… 2 more",
             "Outlet b (7/7)", *(f"Story b{n}" for n in range(6, 1, -1)), "… 2 more"]  # fmt: skip

    def listed(sources: SourceList) -> list[str]:
        rows = [p.split(" (enter")[0].strip() for p in prompts(sources)]
        return [row[row.find("Story") :] if "Story" in row else row for row in rows]

    app = make_app(corpus=Corpus.build(articles))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert listed(sources) == whole, "every page is listed after the first frame"
        sources.clear_options()
        sources.show_articles(articles)
        assert listed(sources) == whole[:4], "the first frame: a screenful"
        for _ in range(100):  # the rest follows the frame
            await pilot.pause(0.02)
            if listed(sources) != whole[:4]:
                break
        assert listed(sources) == whole
        sources.clear_options()
        sources.show_articles(articles)
        sources.select_article("b5")
        assert listed(sources) == whole, "selecting a row left out lists every page"
        assert sources.get_option_at_index(sources.highlighted).prompt.plain.endswith("b5")


async def test_many_groups_list_a_page_of_groups_at_a_time(make_app, monkeypatch):
    from reader.core.corpus import Corpus
    from reader.core.model import Article
    from reader.ui.widgets import source_list

    monkeypatch.setattr(source_list, "GROUP_PAGE", 2)
    articles = [
        Article(id=f"a{n}", path=f"a{n}.txt", source=f"Outlet {n}", title=f"Story {n}",
                published="2022-02-10", paragraphs=[f"Body {n}."])
        for n in range(5)
    ]  # fmt: skip
    app = make_app(corpus=Corpus.build(articles))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        listed = prompts(sources)
        assert listed[::2] == [
            "Outlet 0 (1/1)",
            "Outlet 1 (1/1)",
            "… 3 more outlets (enter lists 2)",
        ]
        sources.focus()
        sources.highlighted = 4
        await pilot.press("enter")
        await pilot.pause()
        assert prompts(sources)[4] == "Outlet 2 (1/1)" and sources.highlighted == 5
        await app.screen.open_article("a4")
        await pilot.pause()
        assert "Story 4" in prompts(sources)[-1], "opening an unlisted group lists it"


async def test_a_long_timeline_lists_a_window_that_follows_the_cursor(make_app, monkeypatch):
    from reader.core.corpus import Corpus
    from reader.core.model import Article
    from reader.ui.widgets import timeline_panel

    monkeypatch.setattr(timeline_panel, "WINDOW", 4)
    monkeypatch.setattr(timeline_panel, "MARGIN", 1)
    articles = [
        Article(
            id=f"d{n}",
            path=f"d{n}.txt",
            source="Wire",
            title=f"Day {n}",
            published="2022-03-20T09:00",
            paragraphs=[f"The council met on {n + 1} March 2022 to vote on budget item {n}."],
        )
        for n in range(10)
    ]
    app = make_app(corpus=Corpus.build(articles))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        timeline = app.screen.query_one(TimelinePanel)
        assert len(timeline.events) == 10
        listed = prompts(timeline)
        assert len(listed) == 5 and listed[-1] == "↓ 6 later events"
        assert [p[2:12] for p in listed[:4]] == [f"{n} Mar 2022" for n in range(1, 5)]
        timeline.focus()
        timeline.highlighted = 0
        for _ in range(3):
            await pilot.press("j")
        assert timeline.current() == 3
        listed = prompts(timeline)
        assert listed[0] == "↑ 1 earlier events", "the window moved on near its edge"
        assert listed[timeline.highlighted][2:12] == "4 Mar 2022"
        await pilot.press("end")
        assert timeline.current() == 9 and prompts(timeline)[0] == "↑ 6 earlier events"
        assert len(prompts(timeline)) == 5
        await pilot.press("k")
        assert timeline.current() == 8
        await pilot.press("home")
        assert timeline.current() == 0 and prompts(timeline)[-1] == "↓ 6 later events"
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.screen.article_id == timeline.events[9].articles[0], "enter opens its article"
