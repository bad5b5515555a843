"""Unit tests: reading state on disk, and spans turned into styled Content."""

from __future__ import annotations

import sqlite3

from reader.core.safe_text import sanitize
from reader.core.state import ReadingState, data_dir
from reader.ui.highlight import snippet_content, styled_spans


def test_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "x"))
    assert data_dir() == tmp_path / "x"
    state = ReadingState()
    assert state.path == tmp_path / "x" / "state.sqlite3" and state.path.exists()


def test_state_persists_in_wal_mode(tmp_path):
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    state.set_read("a")
    assert state.toggle_star("b") is True
    assert state.toggle_read("a") is False
    state.toggle_read("c")
    again = ReadingState(path)
    assert again.read == {"c"} and again.starred == {"b"}
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_sanitize_strips_control_sequences_and_spans_still_fit():
    text = "A \x1b[1;31mred\x1b[0m word\x07 and Putin"
    clean, removed = sanitize(text)
    assert clean == "A red word and Putin"
    start = text.index("Putin")
    content = styled_spans(text, [(start, start + 5, "bold")])
    span = content.spans[0]
    assert content.plain[span.start : span.end] == "Putin"


def test_markup_is_shown_literally():
    content = styled_spans("[bold]not bold[/bold] [link=x]y[/]", [])
    assert content.plain == "[bold]not bold[/bold] [link=x]y[/]" and content.spans == []


def test_spans_are_clipped_to_the_paragraph():
    content = styled_spans("second paragraph", [(0, 5, "bold"), (12, 20, "red")], base=10)
    assert [(s.start, s.end) for s in content.spans] == [(2, 10)]


def test_snippet_highlights_matched_words():
    content = snippet_content("…said Kulbela\nyesterday", [(6, 13)])
    assert content.plain == "…said Kulbela yesterday"
    assert content.plain[content.spans[0].start : content.spans[0].end] == "Kulbela"


def test_search_hits_carry_their_matches_offsets_in_the_article_text():
    from reader.core.corpus import Corpus
    from reader.core.model import Article
    from reader.core.search import search

    article = Article(
        id="a",
        path="a.txt",
        source="s",
        title="t",
        paragraphs=["Sanctions came.", "Oleksandr Kulbela of the army said so."],
    )
    text = article.text
    (hit,) = search(Corpus(articles=[article]), "kulbela")
    assert [text[s:e] for s, e in hit.matches] == ["Kulbela"]
    (hit,) = search(Corpus(articles=[article]), "came kulbela")
    assert [text[s:e] for s, e in hit.matches] == ["came", "Kulbela"]
    assert "matches" not in hit.to_json()  # the CLI's JSON is as it was
