"""Pilot tests for the command palette: what it says it searches, actors first, few hits."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from reader.ui.commands import MOST, PLACEHOLDER, best
from tests.ui.conftest import settle


async def test_the_palette_says_what_it_searches_and_opens_on_actors(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.4)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == PLACEHOLDER
        results = app.screen.query_one(CommandList)
        listed = [results.get_option_at_index(i) for i in range(results.option_count)]
        texts = [option.hit.text for option in listed if hasattr(option, "hit")]
        ours = [text for text in texts if text.startswith(("Actor: ", "Article: ", "Date: "))]
        assert ours and all(text.startswith("Actor: ") for text in ours), "no dates on top"
        await pilot.press(*"feb")
        await pilot.pause(0.6)
        texts = [
            results.get_option_at_index(i).hit.text
            for i in range(results.option_count)
            if hasattr(results.get_option_at_index(i), "hit")
        ]
        assert any(text.startswith("Date: ") for text in texts), "dates are still found"


def test_only_the_likeliest_candidates_are_scored():
    texts = [f"Actor: Person {n}" for n in range(500)] + ["Actor: Sergei Lavrov"]
    found = best("lavrov", texts)
    assert found == [500]
    assert len(best("person", texts)) == MOST
    assert best("   ", texts) == []


async def test_the_palette_matches_the_most_mentioned_actors_only(make_app, monkeypatch):
    monkeypatch.setattr("reader.ui.commands.ACTORS", 3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.4)
        results = app.screen.query_one(CommandList)
        listed = [results.get_option_at_index(i) for i in range(results.option_count)]
        texts = [option.hit.text for option in listed if hasattr(option, "hit")]
        actors = [text for text in texts if text.startswith("Actor: ")]
        main = next(screen for screen in app.screen_stack if hasattr(screen, "merged"))
        top = sorted(main.corpus.actors, key=lambda a: (-a.mentions, a.name.casefold()))[:3]
        assert len(main.corpus.actors) > 3, "the seeds name more actors than are matched"
        assert actors == [f"Actor: {actor.name}" for actor in top]
