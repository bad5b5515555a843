"""The Reader app (placeholder: the screen issue builds the three panes)."""

from __future__ import annotations

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList

from reader.core.corpus import Corpus
from reader.core.ingest import load_articles


class ReaderApp(App):
    """Sources on the left, the article in the centre, timeline and actors on the right."""

    TITLE = "Reader"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.corpus = Corpus()

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="articles")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        corpus = Corpus.build(load_articles(self.paths))
        self.call_from_thread(self.show_corpus, corpus)

    def show_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.query_one(OptionList).add_options([a.title for a in corpus.articles])
