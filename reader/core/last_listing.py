"""What a library last listed: the corpus order its last sync found and the articles it
listed, for a watched batch's refresh to start from (`reader.core.batch_listing`), and when
they cannot be (another process wrote files meanwhile, ids given again elsewhere).
Imported by the library at start: nothing here reads the files or analyses."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence

from reader.core.cancelling import EventLike
from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.core.store import BaseStore

Articles = list[Article] | None


def listed(
    store: BaseStore,
    files: list[str] | None = None,
    given: Articles = None,
    cancel: EventLike | None = None,
) -> Corpus:
    """A lazy corpus of the store's articles (or of those `given`), without the merge yet.
    Raises Cancelled when `cancel` is set while they are read."""
    articles = store.headers(files, cancel) if given is None else given
    return Corpus(articles=articles, search_index=store, stored=store)


class LastListing:
    """What a library's last load listed, for a watched batch's refresh to start from."""

    def __init__(self, roots: Sequence[str]) -> None:
        self._roots = roots
        self.order: list[str] | None = None
        """The corpus order as the last sync found it, when that was a watched batch's and it
        ended: the next batch looks at its own paths from it (`batch_order`), not at every
        file. (A batch's sync began after the watch did: the files added before the watch,
        which it never tells, were found by that sync's walk of every folder.)"""
        self.articles: list[Article] | None = None
        """The articles last listed (None: a list whose ids are not final, or none)."""
        self.walk = False
        """Whether the sync now running found files it did not look at (another process
        wrote them): it lists them in a walk's order, and the next watched batch walks."""
        self._ended = True

    def take_order(self) -> list[str] | None:
        """The order for a sync now beginning: not again until one ends (`order` set). The
        articles last listed are kept only when the sync before ended: one that did not may
        have left a first paint's list (by path, not in a walk's order) or one without all
        it wrote."""
        if not self._ended:
            self.articles = None
        order, self.order, self._ended = self.order, None, False
        return order

    def patched(
        self,
        batch: Collection[str] | None,
        store: BaseStore,
        touched: Mapping[str, object],
        looked: Collection[str],
    ) -> list[Article] | None:
        """After a watched `batch` (None: not one), the articles last listed with those of
        the files a sync wrote or removed (`touched`, by path) and of those the batch
        `looked` at (and what was listed under them) as stored now, when nothing else changed
        since: no other file's ids given again (`BaseStore.renamed`), and as many articles as
        the store holds (another process may have written others); else None (list them all
        again). None too when a path may hold an undecodable byte (see `escaped`)."""
        from reader.core.batch_listing import Positions, escaped, patched_headers

        renamed, store.renamed = store.renamed, set()
        if batch is None or self.articles is None or not renamed <= touched.keys():
            return None
        under = tuple(os.path.join(key, "") for key in looked)
        listed_under = (a.path for a in self.articles if a.path.startswith(under))
        paths = list({*touched, *looked, *listed_under})
        if escaped(article.path for article in self.articles):
            return None
        headers = store.headers_of(paths)
        patched = patched_headers(self.articles, paths, headers, Positions(self._roots))
        if len(patched) == store.count():
            return patched
        self.walk = True  # files this sync did not look at: the next one walks the folders
        return None

    def shown(self, articles: list[Article]) -> None:
        """`articles` listed (not kept when not in the order of a walk, see `walk`)."""
        self.articles = None if self.walk else articles

    def ended(self, order: list[str], batch: bool) -> None:
        """A sync ended with `order` (a watched `batch`'s sync, or not)."""
        self._ended = True
        self.order = order if batch and not self.walk else None
        self.walk = False
