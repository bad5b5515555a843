"""Messages that cross panes: loading results from the worker thread, and what to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message
from textual.notifications import SeverityLevel

from reader.core.library import Changes, Corpus
from reader.core.model import SearchHit, Story


@dataclass
class ArticlesLoaded(Message):
    """The articles are listed; the merge across them is still running. `changes`: what a
    refresh changed (None on the first listing)."""

    corpus: Corpus
    changes: Changes | None = None
    analysing: bool = False
    """Some of the articles are not analysed yet: a later list brings their analysis."""
    top: list[Story] | None = None
    """A warm start's first list: the top stories, to group it by from its first paint (every
    story follows in StoriesLoaded)."""
    head: bool = False
    """The first frame's list alone: the top stories' articles (`reader.core.first_list`);
    the whole stored list follows right after that frame."""


@dataclass
class FirstProgress(Message):
    """A load that lists first (see `reader.core.list_first`): files read of those to read,
    then articles analysed of those listed."""

    read: int
    to_read: int
    analysed: int
    to_analyse: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FirstProgress)

    @property
    def text(self) -> str:
        """ "Read 2,225 of 2,225 files · analysed 300 of 2,225 articles" (each part once it
        has begun)."""
        parts = []
        if self.to_read:
            parts.append(f"read {self.read:,} of {self.to_read:,} files")
        if self.to_analyse:
            parts.append(f"analysed {self.analysed:,} of {self.to_analyse:,} articles")
        text = " · ".join(parts) or "reading…"
        return text[0].upper() + text[1:]

    @property
    def progress(self) -> tuple[int, int]:
        """The bar: the analysis once it has begun, else the reading."""
        if self.to_analyse:
            return self.analysed, self.to_analyse
        return self.read, self.to_read


@dataclass
class ReadingProgress(Message):
    """A big file being read: the line saying so (it names the file: data), and the bytes read
    of its size."""

    text: str
    done: int
    total: int


@dataclass
class AnalysisProgress(Message):
    """`done` of `total` articles analysed."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress)


@dataclass
class CorpusLoaded(Message):
    """The whole corpus is analysed: actors, timeline and quotes are ready. `stories`: the
    ids of the stories whose articles changed (their own merges are stale)."""

    corpus: Corpus
    stories: set[str] = field(default_factory=set)


@dataclass
class StoriesLoaded(Message):
    """The stories as the store keeps them now (several outlets first, then the newest)."""

    stories: list[Story]


@dataclass
class StoryLoaded(Message):
    """The story of article `article_id` (None: in none yet), with its own merge: its actors,
    timeline and quotes (None when there is no story)."""

    article_id: str
    story: Story | None
    corpus: Corpus | None


@dataclass
class LoadFailed(Message):
    """Loading stopped; `reason` is a short, user-facing sentence. `retrying`: the shared
    archive could not be reached, and the load is tried again until it can."""

    reason: str
    retrying: bool = False


class ArchiveChanged(Message):
    """Another process wrote to the shared archive this reader reads (LISTEN/NOTIFY)."""


@dataclass
class FilesChanged(Message):
    """Files under a watched folder were added, changed or deleted."""

    paths: frozenset[str]
    """The files (absolute paths): a refresh looks at these, not at every stored file."""


@dataclass
class Notice(Message):
    """Something the reader should know about, e.g. a file that was skipped."""

    text: str
    severity: SeverityLevel = "warning"


@dataclass
class SearchFinished(Message):
    """Hits for `query`, best first."""

    query: str
    hits: list[SearchHit]


@dataclass
class MentionFound(Message):
    """The article holding the next (`step` 1) or previous (-1) mention of actor `name`."""

    name: str
    article_id: str
    step: int


@dataclass
class BrowserOpened(Message):
    """A web browser was asked to open `url`: whether one did, or why there was none."""

    url: str
    opened: bool
    error: str | None = None
