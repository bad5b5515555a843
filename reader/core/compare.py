"""What each outlet told of one story: the actors it names, the quotes it carries, the events
it reports, side by side, and what only one outlet told.

The same words carried by several outlets are one quote row even when the wording differs a
little (curly or straight quotes, a dropped word, "big game" / "big-game") or one outlet quotes
a part of what another quotes in full: quotes are compared on normalised text with rapidfuzz,
and only when their speakers agree (or one outlet does not attribute the words). Events are
the story's timeline rows, already merged across outlets there.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from itertools import combinations

from rapidfuzz import fuzz

from reader.core.corpus import Corpus
from reader.core.model import CorpusQuote, Story, StoryArticle, article_outlets

SAME_QUOTE = 88
"""rapidfuzz ratio of two normalised quotes above which they are the same words."""
PART_OF_QUOTE = 92
"""partial_ratio above which the shorter quote is a part of the longer one."""
MIN_PART_WORDS = 3
"""A part of a quote must have this many words to count as that quote (not "no")."""
VERBATIM_WORDS = 6
"""Words two quotes must share word for word to be one quote whoever spoke them."""
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}

_PUNCTUATION = re.compile(r"[^\w\s]|_")


@dataclass(slots=True, frozen=True)
class Place:
    """Where an outlet carries a row: its article, the paragraph and the offset in the
    article's text (None for an actor, who is named throughout)."""

    outlet: str
    article: str
    paragraph: int | None = None
    start: int | None = None


@dataclass(slots=True)
class Row:
    """One actor, quote or event, and the outlets that carry it."""

    kind: str
    """"actor", "quote" or "event"."""
    text: str
    outlets: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    speaker: str | None = None
    """A quote's speaker."""
    type: str | None = None
    """An actor's type."""
    date: str | None = None
    """An event's date."""

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(place.article for place in self.places))

    def only_in(self, outlets: list[str]) -> str | None:
        """The one outlet that alone carries this row, in a story of several; else None."""
        return self.outlets[0] if len(self.outlets) == 1 and len(outlets) > 1 else None


@dataclass(slots=True)
class Comparison:
    """One story's outlets side by side."""

    story: str
    title: str
    outlets: list[str]
    articles: list[StoryArticle]
    actors: list[Row]
    quotes: list[Row]
    events: list[Row]

    def to_json(self) -> dict:
        def row(item: Row, **fields: object) -> dict:
            places = [asdict(place) for place in item.places]
            only = item.only_in(self.outlets)
            return {**fields, "outlets": item.outlets, "only_in": only, "places": places}

        outlet_of = article_outlets(self.articles)
        return {
            "story": self.story,
            "title": self.title,
            "outlets": self.outlets,
            "articles": [{**a.to_json(), "source": outlet_of[a.id]} for a in self.articles],
            "actors": [row(a, name=a.text, type=a.type) for a in self.actors],
            "quotes": [
                row(q, speaker=q.speaker, text=q.text, articles=q.articles) for q in self.quotes
            ],
            "events": [row(e, date=e.date, text=e.text, articles=e.articles) for e in self.events],
        }


def compare(story: Story, corpus: Corpus) -> Comparison:
    """The comparison of `story`, from its merged corpus (`Library.story_corpus`)."""
    outlet_of = article_outlets(story.articles)
    order = list(dict.fromkeys(outlet_of.values()))
    paragraph_starts = {}
    for article_id in outlet_of:
        article = corpus.article(article_id)
        paragraph_starts[article_id] = article.paragraph_offsets() if article else []

    def place(article_id: str, start: int | None) -> Place:
        starts = paragraph_starts.get(article_id) or []
        paragraph = bisect_right(starts, start) - 1 if starts and start is not None else None
        return Place(outlet_of[article_id], article_id, paragraph, start)

    actors = []
    for actor in corpus.actors:
        places = [place(a, None) for a in actor.articles if a in outlet_of]
        if places:
            outlets = _outlets(places, order)
            actors.append(Row("actor", actor.name, outlets, places, type=actor.type))
    actors.sort(key=lambda row: -len(row.outlets))
    events = []
    for event in corpus.events:
        places = [place(m.article, m.start) for m in event.mentions if m.article in outlet_of]
        if places:
            row = Row("event", event.text, _outlets(places, order), places, date=event.date)
            events.append(row)
    quotes = [q for q in corpus.quotes_of() if q.article in outlet_of]
    return Comparison(
        story=story.id,
        title=story.title,
        outlets=order,
        articles=story.articles,
        actors=actors,
        quotes=quote_rows(quotes, lambda q: place(q.article, q.start), order),
        events=events,
    )


def _outlets(places: list[Place], order: list[str]) -> list[str]:
    carried = {place.outlet for place in places}
    return [outlet for outlet in order if outlet in carried]


def normalise(text: str) -> str:
    """Quote text compared across outlets: compatibility forms (curly quotes and dashes
    folded), case folded, punctuation and hyphens as spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("'", "")
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def same_words(first: str, second: str) -> bool:
    """Whether two normalised quotes are the same words: nearly equal, or the shorter (of a
    few words at least) a part of the longer."""
    if not first or not second:
        return False
    if fuzz.ratio(first, second) >= SAME_QUOTE:
        return True
    shorter = min(first, second, key=len)
    return len(shorter.split()) >= MIN_PART_WORDS and fuzz.partial_ratio(first, second) >= (
        PART_OF_QUOTE
    )


def verbatim(first: str, second: str) -> bool:
    """Whether two normalised quotes share so many words word for word that they are one
    quote whoever the articles say spoke them (an attribution gone wrong in one of them)."""
    shorter = min(first, second, key=len)
    return len(shorter.split()) >= VERBATIM_WORDS and fuzz.partial_ratio(first, second) >= 97


def _surname(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.rstrip(".") not in _SUFFIXES]
    return words[-1].casefold() if words else ""


def speakers_agree(first: str | None, second: str | None) -> bool:
    """One speaker, or one of them unnamed, or the same surname ("Sheriff Arpaio", "Arizona
    Sheriff Joe Arpaio"), where one outlet's attribution was not resolved to the other's."""
    return first is None or second is None or first == second or _surname(first) == _surname(second)


def quote_rows(
    quotes: list[CorpusQuote], place_of: Callable[[CorpusQuote], Place], order: list[str]
) -> list[Row]:
    """Quotes grouped into rows of the same words by agreeing speakers, in story order: pairs
    of quotes are linked best first, and two groups join only while their speakers agree."""
    words = [normalise(q.text) for q in quotes]
    links = []
    for i, j in combinations(range(len(quotes)), 2):
        agree = speakers_agree(quotes[i].speaker, quotes[j].speaker)
        if (agree and same_words(words[i], words[j])) or verbatim(words[i], words[j]):
            links.append((-fuzz.ratio(words[i], words[j]), i, j))
    group = list(range(len(quotes)))
    speakers: list[set[str]] = [{q.speaker} if q.speaker else set() for q in quotes]

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    longest = list(words)  # each group's longest words: a fragment never bridges two quotes

    for _, i, j in sorted(links):
        a, b = root(i), root(j)
        if a == b or not same_words(longest[a], longest[b]):
            continue
        verbatim_link = verbatim(words[i], words[j])
        if verbatim_link or all(speakers_agree(x, y) for x in speakers[a] for y in speakers[b]):
            group[max(a, b)] = min(a, b)
            speakers[min(a, b)] |= speakers[max(a, b)]
            longest[min(a, b)] = max(longest[a], longest[b], key=len)
    members: dict[int, list[CorpusQuote]] = {}
    for i, quote in enumerate(quotes):
        members.setdefault(root(i), []).append(quote)
    rows = []
    for grouped in members.values():
        places = [place_of(q) for q in grouped]
        named = Counter(q.speaker for q in grouped if q.speaker).most_common(1)
        text = max((q.text for q in grouped), key=len)
        speaker = named[0][0] if named else None
        rows.append(Row("quote", text, _outlets(places, order), places, speaker=speaker))
    return rows
