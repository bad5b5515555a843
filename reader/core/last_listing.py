"""What a library last listed: the corpus order its last sync found and the articles it
listed, for a watched batch's refresh to start from (`reader.core.batch_listing`), and when
they cannot be (another process wrote files meanwhile, ids given again elsewhere).
Imported by the library at start: nothing here reads the files or analyses."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.core.store import BaseStore

Articles = list[Article] | None


def listed(store: BaseStore, files: list[str] | None = None, given: Articles = None) -> Corpus:
    """A lazy corpus of the store's articles (or of those `given`), without the merge yet."""
    return Corpus(articles=given or store.headers(files), search_index=store, stored=store)


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
        wrote them): the next watched batch walks the folders and lists every article."""

    def take_order(self) -> list[str] | None:
        """The order for a sync now beginning: not again until one ends (`order` set)."""
        order, self.order = self.order, None
        return order

    def patched(
        self, batch: Collection[str] | None, store: BaseStore, touched: Mapping[str, object]
    ) -> list[Article] | None:
        """After a watched `batch` (None: not one), the articles last listed with those of
        the files a sync wrote or removed (`touched`, by path) as stored now, when nothing
        else changed since: no other file's ids given again (`BaseStore.renamed`), and as
        many articles as the store holds (another process may have written others); else
        None (list them all again)."""
        from reader.core.batch_listing import Positions, patched_headers

        renamed, store.renamed = store.renamed, set()
        if batch is None or self.articles is None or not renamed <= touched.keys():
            return None
        paths = list(touched)
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
        self.order = order if batch and not self.walk else None
        self.walk = False
