"""Online, incremental grouping of articles into stories.

Each article links to its nearest neighbour: the candidate (see candidates.py) it resembles
most, if that resemblance reaches `threshold` and, when both are dated, they lie within
`window` days. A story is a connected group of such links. Because every article keeps only
its single best link, one loose resemblance cannot chain a whole topic together as
single-link clustering does, yet a story of three outlets holds even when the third article
resembles only one of the other two.

Why the result does not depend on the order of arrival: an article's vector uses a fixed
background idf (never statistics of the articles seen so far); a pair is compared when the
dot product over their shared key terms reaches a bar (a relation of the two articles alone);
weights are integers, so similarity is exact and the same from either side; and ties go to
the smaller article id. So each article's nearest neighbour, and hence every story, is a function
of the set of articles present. Adding an article re-points only the links it beats;
removing one recomputes only the links that pointed at it; only the stories those links touch
are regrouped. (Exactly so while no key is shared by more articles than the candidate search
reads of it: see candidates.py.)

An index may hold only part of what a store keeps (`Kept`): it then loads, whole, the kept
stories a change reaches (those of its candidates, of the article replaced or removed), so
placing one article reads a few stories rather than the archive. A story is closed under
links (an article's neighbour is in its story), so a loaded story is complete in memory.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

from reader.core.model import Analysis, Article, Story
from reader.core.stories.candidates import POSTINGS, CandidateSource, InvertedIndex
from reader.core.stories.dots import Dots
from reader.core.stories.groups import Groups, Link
from reader.core.stories.listing import make_story, story_order
from reader.core.stories.reach import Reach
from reader.core.story_vector import (
    DEFAULT_WEIGHTS,
    SCALE,
    ArticleVector,
    Held,
    Weights,
    vectorize,
)

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Settings:
    """The grouping's knobs; the defaults are the benchmarked setting."""

    threshold: float = 0.12
    window: int = 14
    halflife: float = 4.0  # days apart at which a resemblance counts half
    # Compare in full only candidates whose shared keys alone reach this part of `threshold`.
    prefilter: float = 0.4
    # A key's most recently added articles a candidate search reads (see candidates.py).
    postings: int = POSTINGS


def state_version(settings: Settings, weights: Weights) -> str:
    """What kept vectors and links were computed with: kept ones of another are stale."""
    knobs = json.dumps([STATE_VERSION, asdict(settings), asdict(weights)], sort_keys=True)
    return hashlib.blake2b(knobs.encode(), digest_size=6).hexdigest()


class Kept(Protocol):
    """The grouping a store keeps, read a part at a time (see stored.py)."""

    def candidates(self, keys: Mapping[str, int], at_least: int) -> list[str]:
        """Kept articles as CandidateSource.candidates finds them."""
        ...

    def stories_with(
        self, ids: Sequence[str] | None, known: Container[str] = (), bare: Container[str] = ()
    ) -> Iterable[tuple[str, str, ArticleVector | None, Link | None]]:
        """(article, story, vector, link) of every article of the kept stories holding any
        of `ids` (of every kept story with None), but those of `known` that are not of
        `bare`; those of `bare` without their vector (None: memory holds it)."""
        ...

    def vectors(self, ids: Sequence[str]) -> Iterable[tuple[str, ArticleVector]]:
        """The kept vectors of `ids`."""
        ...


class StoryIndex(Groups):
    """The stories of the articles added so far, kept up to date one article at a time."""

    def __init__(
        self,
        settings: Settings = Settings(),
        weights: Weights = DEFAULT_WEIGHTS,
        source: CandidateSource | None = None,
        kept: Kept | None = None,
    ) -> None:
        self.settings = settings
        self.weights = weights
        self._source = source if source is not None else InvertedIndex(settings.postings)
        self._kept = kept
        self._dots = Dots()
        self._reach = Reach(
            settings.threshold, settings.window, settings.halflife, self._dots, self._source
        )
        self._known: set[str] = set()
        """With `kept`: the articles memory speaks for (loaded, added or removed here)."""
        self._vectors: dict[str, Held] = {}
        self._shared: dict[str, str] = {}
        """One copy of each outlet and actor name the held articles repeat."""
        self._best: dict[str, Link] = {}  # article -> (similarity, neighbour)
        self._inbound: dict[str, set[str]] = {}
        """neighbour -> the articles whose best it is (none: no entry, not an empty set)."""
        self._story_of: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._was: dict[str, tuple[str | None, Link | None]] | None = {} if kept else None
        """With `kept`: story and link, as at the last `changes()`, of the articles changed
        since."""

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._vectors

    def add(self, article: Article, analysis: Analysis) -> str:
        """Place one article (replacing an earlier version with its id); its story's id."""
        return self.add_vector(article.id, vectorize(article, analysis, self.weights))

    def add_vector(self, article_id: str, vector: ArticleVector) -> str:
        self._load([article_id])
        if article_id in self._vectors:
            self.remove(article_id)
        self._note(article_id)
        self._known.add(article_id)
        self._dots.add(article_id, vector.features)
        keys = vector.key_weights()
        self._vectors[article_id] = self._held(vector)
        self._story_of[article_id] = article_id
        self._members[article_id] = {article_id}
        touched, lost = {article_id}, []
        best: Link | None = None
        for other, similarity in self._similar(article_id, vector.day, keys):
            if best is None or _better(similarity, other, *best):
                best = (similarity, other)
            current = self._best.get(other)
            if current is None or _better(similarity, article_id, *current):
                touched.add(other)
                if current is not None:
                    touched.add(current[1])
                    lost.append((other, current[1]))
                self._link(other, (similarity, article_id))
        self._indexed(article_id, keys, vector.day)
        if best is not None:
            self._link(article_id, best)
            touched.add(best[1])
        self._regroup_linked(touched, lost)
        return self._story_of[article_id]

    def _indexed(self, article_id: str, keys: Mapping[str, int], day: int | None) -> None:
        """Give the candidate search an article (its features in the Dots already)."""
        self._source.add(article_id, keys)
        self._reach.indexed(article_id, day)

    def _link(self, article_id: str, best: Link | None) -> None:
        super()._link(article_id, best)
        self._reach.linked(article_id, None if best is None else best[0])

    def _held(self, vector: ArticleVector) -> Held:
        """What the index keeps at hand of an article (its features go to Dots): its key
        terms as the Dots' own strings, its outlet and actors as the copies other articles
        share; about half of what its vector with only its key features held (a
        dict of 20, 20 strings of its own)."""
        shared = self._shared
        return Held(
            keys=self._dots.terms(vector.keys),
            day=vector.day,
            published=vector.published,  # (often to the second: rarely shared)
            source=vector.source and shared.setdefault(vector.source, vector.source),
            title=vector.title,
            actors=tuple(shared.setdefault(name, name) for name in vector.actors),
        )

    def remove(self, article_id: str) -> None:
        """Take an article out; the links that pointed at it find their next best."""
        self._load([article_id])
        if article_id not in self._vectors:
            return
        self._note(article_id)
        touched = set(self._members[self._story_of[article_id]])
        self._link(article_id, None)
        orphans = sorted(self._inbound.pop(article_id, ()))
        self._forget(article_id)
        for orphan in orphans:
            self._link(orphan, None)
        for orphan in orphans:
            found = self._nearest(orphan)
            self._link(orphan, found)
            if found is not None:
                touched.add(found[1])
        touched.discard(article_id)
        del self._members[self._story_of.pop(article_id)]
        self._regroup(touched)

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def story(self, story_id: str) -> Story | None:
        return self._story(story_id) if story_id in self._members else None

    def stories(self) -> list[Story]:
        """Every story: those with several outlets first, then the most recent first."""
        return sorted((self._story(story_id) for story_id in self._members), key=story_order)

    def assignments(self) -> dict[str, str]:
        """Every article's story id (a copy)."""
        return dict(self._story_of)

    def links(self) -> dict[str, Link]:
        """Every article's link: (similarity, its nearest neighbour), for those with one."""
        return dict(self._best)

    def link(self, article_id: str) -> Link | None:
        return self._best.get(article_id)

    def changes(self) -> dict[str, tuple[str | None, Link | None]]:
        """The articles whose story or link changed since the last call, each with its story
        and link as they were then (None for an article new since)."""
        was, self._was = self._was or {}, {}
        return {
            a: old for a, old in was.items() if old != (self._story_of.get(a), self._best.get(a))
        }

    @classmethod
    def restore(
        cls,
        articles: Iterable[tuple[str, ArticleVector, Link | None]],
        settings: Settings = Settings(),
        weights: Weights = DEFAULT_WEIGHTS,
    ) -> StoryIndex:
        """An index from kept vectors and the links it had computed for them (as `links()`
        gave them, for these very vectors and settings): nothing is compared again."""
        index = cls(settings, weights)
        index._put((a, a, vector, best) for a, vector, best in articles)
        index._regroup(set(index._vectors))
        return index

    def _put(self, articles: Iterable[tuple[str, str, ArticleVector | None, Link | None]]) -> None:
        """Take in kept articles (article, story, vector, link) as they are (of one whose
        vector is None, memory holds the vector: its story and link alone): the links of the
        articles taken in at once point among them."""
        for article_id, story_id, vector, best in articles:
            self._known.add(article_id)
            if vector is not None:
                self._dots.add(article_id, vector.features)
                self._vectors[article_id] = self._held(vector)
                self._indexed(article_id, vector.key_weights(), vector.day)
            self._placed(article_id, story_id, best)

    @property
    def partial(self) -> bool:
        """Whether the index reads kept stories as it needs them (not all loaded yet)."""
        return self._kept is not None

    def load_all(self) -> None:
        """Load every kept story now: cheaper than one at a time when a change is large."""
        if self._kept is not None:
            self._put(self._kept.stories_with(None, self._known))
            self._kept = None

    def renew(
        self, articles: Iterable[str], kept: Kept, replaced: Container[str] | None = None
    ) -> None:
        """Catch up with another writer's saves, which changed the kept story or link of
        `articles` (`replaced`: those of them whose kept vector changed too or is gone; None:
        any may have). Memory lets go of the story and link of each it holds, and of its
        vector when replaced; the kept stories of them are read in their place: the story
        and link of those whose vector memory keeps, the others whole (memory then speaks
        for them as if loaded now). Every other article memory holds is as kept: no save
        changed its story, link or vector."""
        changed = set(articles)
        bare = set()
        for article_id in sorted(changed & self._vectors.keys()):
            self._unplace(article_id)
            if replaced is None or article_id in replaced:
                self._forget(article_id)
            else:
                bare.add(article_id)
        self._known -= changed - bare
        rows = list(kept.stories_with(sorted(changed), self._known, bare))
        self._known |= changed
        self._put(rows)
        for article_id in bare - self._story_of.keys():  # no longer kept: gone
            self._forget(article_id)

    def _unplace(self, article_id: str) -> None:
        """Let go of a held article's story and link (its vector stays)."""
        self._link(article_id, None)
        story_id = self._story_of.pop(article_id)
        members = self._members[story_id]
        members.discard(article_id)
        if not members:
            del self._members[story_id]
        if self._was is not None:
            self._was.pop(article_id, None)

    def _forget(self, article_id: str) -> None:
        """Let go of a held article's vector, its features and its keys' postings."""
        held = self._vectors.pop(article_id)
        self._source.remove(article_id, held.keys)
        self._dots.remove(article_id)

    def _placed(self, article_id: str, story_id: str, best: Link | None) -> None:
        """Give a held article its kept story and link."""
        self._story_of[article_id] = story_id
        self._members.setdefault(story_id, set()).add(article_id)
        if best is not None:
            self._best[article_id] = best
            self._inbound.setdefault(best[1], set()).add(article_id)
        self._reach.linked(article_id, None if best is None else best[0])

    def _load(self, ids: Sequence[str]) -> None:
        """Load the kept stories of those of `ids` memory does not speak for yet."""
        if self._kept is None:
            return
        wanted = [a for a in ids if a not in self._known]
        if wanted:
            rows = list(self._kept.stories_with(wanted, self._known))
            self._known.update(wanted)
            self._put(rows)

    def _story(self, story_id: str) -> Story:
        return make_story(story_id, [(a, self._vectors[a]) for a in self._members[story_id]])

    def to_json(self) -> dict:
        """The state to keep (vectors only: links and stories are rebuilt from them)."""
        return {
            "version": STATE_VERSION,
            "settings": asdict(self.settings),
            "weights": asdict(self.weights),
            "articles": {
                a: held.vector(self._dots.features(a)).to_json()
                for a, held in sorted(self._vectors.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict, source: CandidateSource | None = None) -> StoryIndex:
        index = cls(Settings(**data["settings"]), Weights(**data["weights"]), source)
        for article_id, vector in data["articles"].items():
            index.add_vector(article_id, ArticleVector.from_json(vector))
        return index

    def _similar(
        self, article_id: str, day: int | None, keys: dict[str, int]
    ) -> list[tuple[str, float]]:
        """The candidates within the date window whose similarity reaches the threshold (an
        article of `day` and key features `keys`). Kept candidates are compared by their
        vectors alone; only the stories of those that reach it are loaded."""
        settings = self.settings
        enough = math.ceil(settings.threshold * settings.prefilter * SCALE**2)
        similar = self._reach.candidates(article_id, day, keys, enough, self._vectors)
        kept = self._kept.candidates(keys, enough) if self._kept is not None else []
        kept = [a for a in kept if a not in self._known]
        if self._kept is not None and kept:
            dots, vectors = Dots(), dict(self._kept.vectors(kept))
            dots.add(article_id, self._dots.features(article_id))
            for other, seen in vectors.items():
                dots.add(other, seen.features)
            near = self._reach.reaching(article_id, day, list(vectors), dots, vectors)
            self._load([other for other, _ in near])
            similar += near
        return similar

    def _nearest(self, article_id: str) -> Link | None:
        held, features = self._vectors[article_id], self._dots.features(article_id)
        keys = {key: features[key] for key in held.keys}
        best: Link | None = None
        for other, similarity in self._similar(article_id, held.day, keys):
            if best is None or _better(similarity, other, *best):
                best = (similarity, other)
        return best


def _better(similarity: float, article_id: str, best: float, best_id: str) -> bool:
    """More similar wins; a tie goes to the smaller id, so order of arrival never matters."""
    return similarity > best or (similarity == best and article_id < best_id)


def group(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    settings: Settings = Settings(),
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Story]:
    """Group a collection at once (the same stories as adding the articles one by one)."""
    index = StoryIndex(settings, weights)
    for article, analysis in zip(articles, analyses, strict=True):
        index.add(article, analysis)
    return index.stories()
