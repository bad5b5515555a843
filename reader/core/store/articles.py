"""Article storage: the files table, articles and their analyses, ids, and reads back."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path

from reader.core.cancelling import EventLike, check, checked
from reader.core.model import Analysis, Article
from reader.core.store import codec
from reader.core.store.codec import ArticleRows, FileResult
from reader.core.store.db import Connections, Sql, in_batches, upsert

Warn = Callable[[str], None]
_FILE_ROW = upsert(
    "files", ("path", "size", "mtime_ns", "hash", "analyzer", "error", "note"), ("path",)
)
_ANALYSIS_ROW = upsert("analyses", ("key", "version", "data"), ("key", "version"))
ARTICLE_COLUMNS = (
    "INSERT INTO articles (id, base_id, path, position, key, source, published, title, body,"
    " actors, meta, vector"
)
ARTICLE_VALUES = 12
"""An article's values but the archive's (its search vector and pairs, the last two values of
`codec.article_rows`)."""
_ARTICLE_MARKS = f"({', '.join('?' * ARTICLE_VALUES)})"
_ARTICLE_ROW = f"{ARTICLE_COLUMNS}) VALUES {_ARTICLE_MARKS}"
_TO_PLACE = "INSERT INTO story_todo (id) VALUES (?)"
"""An article written or removed: the next stories update looks at it (and at no other)."""
_IDS_OF_FILE = "SELECT id FROM articles WHERE path = ?"
FILES = "files"
"""The lock of the transactions that give ids or remove files (see `Connections.write`): a
shared archive's indexers do that one at a time, as the embedded store's one writer does,
and while no file's rows are written. Writing a file's rows holds it shared, and that file's
own lock (`file_lock`): indexers write different files at once."""
_NOT_PLAIN = (
    "SELECT 1 FROM articles WHERE id != base_id"
    " UNION ALL SELECT 1 FROM articles GROUP BY base_id HAVING count(*) > 1 LIMIT 1"
)
"""A row whose id is not its base id, or two rows of one base id: ids to work out."""
PAGE = 500
"""Articles read at once when every article is read (`stream`)."""
StoredFile = tuple[int, int, str, str, str | None, str | None]
"""A file as stored: size, mtime_ns, hash, analyser version, error, note (see FileResult)."""


class ArticleTables:
    """Articles and analyses of a store (a mixin: `self.db` is the store's Connections)."""

    db: Connections
    _new_rows: set[tuple[str, int]]
    """Rows (path, position) written since ids were last given, not an edited file's: they get
    theirs together, as ingest gives them, after the rows already there keep theirs."""
    renamed: set[str]
    """The files whose articles' ids `assign_ids` changed, until their reader takes them (a
    list patched for the files a sync wrote is not current when others were renamed)."""

    # Writing

    def stored_files(self, paths: list[str] | None = None) -> dict[str, StoredFile]:
        """Every stored file (or those of `paths`) as stored, by path."""
        columns = "SELECT path, size, mtime_ns, hash, analyzer, error, note FROM files"
        with self.db.read() as db:
            if paths is None:
                return {row[0]: row[1:] for row in db.execute(columns)}
            found: dict[str, StoredFile] = {}
            for part in in_batches(db, paths):
                marks = ",".join("?" * len(part))
                rows = db.execute(f"{columns} WHERE path IN ({marks})", part)
                found.update((row[0], row[1:]) for row in rows)
            return found

    def claim(
        self, files: list[tuple[str, str]], part: int = 0, wait: bool = False
    ) -> Iterator[list[tuple[str, str]]]:
        """`files` (key, path) to read and analyse, in the parts this process may take: here
        all at once (one process writes the embedded store); a shared archive's indexers
        share them out, `part` at a time, and with `wait` take in turn those another holds
        (see `pg_store.ArchiveStore.claim`)."""
        yield files

    def touch_file(self, path: str, mtime_ns: int) -> None:
        """A file's new mtime, its content unchanged."""
        with self.db.write() as db:
            db.execute("UPDATE files SET mtime_ns = ? WHERE path = ?", (mtime_ns, path))

    def remove_files(self, paths: set[str]) -> None:
        with self.db.write(lock=FILES) as db:
            for path in paths:
                db.execute(f"INSERT INTO story_todo (id) {_IDS_OF_FILE}", (path,))
                db.execute("DELETE FROM articles WHERE path = ?", (path,))
                db.execute("DELETE FROM files WHERE path = ?", (path,))

    def write_files(self, batch: list[FileResult], warn: Warn) -> None:
        """Store a batch of files (or parts of files) in one transaction: all of it, or (killed)
        none of it. A part replaces the rows at its positions; a file's last part, every row
        from its start on. Until its last part is in, a file is kept as not analysed (its
        analyser version empty), so a run killed midway reads it again. The articles replaced
        and written are noted for the stories (`story_todo`). Each table is written with one
        `executemany` for the whole batch: a server's round trips are paid once."""
        files_locks = sorted({file_lock(result.path) for result in batch})
        with self.db.write(lock=files_locks, shared=FILES) as db:
            held = _held_ids(db, batch)
            articles, analyses, files = [], [], []
            for result in batch:
                if result.complete and result.error:
                    warn(f"{result.path}: skipped: {result.error}")
                if result.complete and result.note:
                    warn(f"{result.path}: {result.note}")
                for row, analysis in result.rows:
                    before = held.get((result.path, row[3]), "")
                    if before == row[1] or before.startswith((f"{row[1]}@", f"{row[1]}#")):
                        # an edited file's article keeps its id (one not given yet stays new)
                        articles.append((before, *row[1:]))
                    else:  # new: given its id with the other new ones by assign_ids
                        articles.append(row)
                        self._new_rows.add((row[2], row[3]))
                    if analysis is not None:  # None: listed first, analysed after
                        analyses.append(analysis)
                analyzer = codec.ANALYZER_VERSION if result.complete and result.analysed else ""
                files.append(
                    (result.path, result.size, result.mtime_ns, result.hash, analyzer)
                    + (result.error, result.note)
                )
            for complete in (True, False):
                places = [_place(r) for r in batch if r.complete is complete]
                if places:
                    db.executemany(f"DELETE FROM articles WHERE {_where(complete)}", places)
            placed = {*held.values(), *(row[0] for row in articles)}
            if placed:
                db.executemany(_TO_PLACE, [(article_id,) for article_id in sorted(placed)])
            if articles:
                self._insert_articles(db, articles)
            if analyses:  # in key order: two writers of one analysis wait, never deadlock
                db.executemany(_ANALYSIS_ROW, sorted(analyses))
            if files:
                db.executemany(_FILE_ROW, files)

    def _insert_articles(self, db: Sql, rows: list[tuple]) -> None:
        """Write articles' rows (`codec.article_rows`'; the search vector and pairs, last, are
        the archive's: the embedded store's index is made by its triggers), many rows a
        statement: FTS5 writes what a statement gave it as a segment of its own (to merge
        later), so a statement a row cost the first index about half its writing."""
        values = [row[:ARTICLE_VALUES] for row in rows]
        for part in in_batches(db, values, reserved=0, width=ARTICLE_VALUES):
            marks = ", ".join([_ARTICLE_MARKS] * len(part))
            db.execute(f"{ARTICLE_COLUMNS}) VALUES {marks}", [v for row in part for v in row])

    def assign_ids(self) -> None:
        """Make ids unique across the corpus the way ingest does (file stem, else path-based),
        keeping the ids already given: the oldest rows' claims first, so a newcomer is the one
        disambiguated."""
        from reader.core.ingest import unique_ids  # (the file readers: not to read the store)

        with self.db.write(lock=FILES) as db:
            new, self._new_rows = self._new_rows, set()
            if not db.execute(_NOT_PLAIN).fetchone():
                return  # every id its base id, and no two alike: they stay (none held in memory)
            rows = db.execute(
                "SELECT rowid, base_id, path, id, position FROM articles ORDER BY rowid"
            ).fetchall()
            held = [None if (r[2], r[4]) in new else r[3] for r in rows]
            unique = unique_ids([(base_id, path) for _, base_id, path, *_ in rows], held)
            renamed = [(given, r) for given, r in zip(unique, rows, strict=True) if given != r[3]]
            updates = [(given, r[0]) for given, r in renamed]
            db.executemany("UPDATE articles SET id = ? WHERE rowid = ?", updates)
            self.renamed.update(r[2] for _, r in renamed)
            both = sorted({i for given, r in renamed for i in (given, r[3])})
            db.executemany(_TO_PLACE, [(i,) for i in both])

    # Reading back

    def _rows(
        self, columns: str, files: list[str] | None, cancel: EventLike | None = None
    ) -> list[tuple]:
        """`columns` of every stored article, in corpus order: the order of `files` when
        given, then by path and position in the file. The first two columns are path, position;
        the analyses `n` are joined only when a column is theirs (without them, a list's
        columns are read from an index of the articles, not from the table and its bodies).
        Raises Cancelled when `cancel` is set meanwhile."""
        sql = f"SELECT a.path, a.position, {columns} FROM articles a"
        params: tuple[str, ...] = ()
        if "n." in columns:
            sql += " LEFT JOIN analyses n ON n.key = a.key AND n.version = ?"
            params = (codec.ANALYZER_VERSION,)
        with self.db.read() as db:
            found = db.execute(sql, params)
            rows = found.fetchall() if cancel is None else list(checked(found, cancel))
        check(cancel)
        if files:
            order = {path: index for index, path in enumerate(files)}
            rows.sort(key=lambda row: (order.get(row[0], len(order)), row[0], row[1]))
        else:
            rows.sort(key=itemgetter(0, 1))  # (path, position)
        return rows

    def load(self, files: list[str] | None = None) -> tuple[list[Article], dict[str, Analysis]]:
        """Every stored article (in the order of `files` when given) and its analysis."""
        articles, analyses = [], {}
        for _, _, article_id, body, meta, data in self._rows("a.id, a.body, a.meta, n.data", files):
            article = codec.article_from_row(article_id, body, meta)
            articles.append(article)
            if data is not None:
                analyses[article.id] = codec.analysis_from_data(data)
        return articles, analyses

    def stream(self, page: int = PAGE) -> Iterator[Article]:
        """Every stored article, whole, in corpus order (by file, then position in it), read
        `page` at a time: memory holds one page, whatever the store's size."""
        columns = "SELECT path, position, id, body, meta FROM articles"
        after: tuple[str, int] | None = None
        while True:
            with self.db.read() as db:
                params: tuple[str | int, ...]
                if after is None:
                    sql, params = f"{columns} ORDER BY path, position LIMIT ?", (page,)
                else:
                    where = "WHERE (path, position) > (?, ?)"
                    sql = f"{columns} {where} ORDER BY path, position LIMIT ?"
                    params = (*after, page)
                rows = db.execute(sql, params).fetchall()
            yield from (codec.article_from_row(*row[2:]) for row in rows)
            if len(rows) < page:
                return
            after = (rows[-1][0], rows[-1][1])

    def headers(
        self, files: list[str] | None = None, cancel: EventLike | None = None
    ) -> list[Article]:
        """Every stored article as a list shows it (id, outlet, date, title; no paragraphs),
        in corpus order. Raises Cancelled when `cancel` is set meanwhile."""
        rows = self._rows("a.id, a.source, a.published, a.title", files, cancel)
        return [codec.header_from_row(row) for row in checked(rows, cancel)]

    def headers_of(self, paths: Sequence[str]) -> list[Article]:
        """The articles of some files and feeds as a list shows them, by path, then place."""
        return self._headers_where("path", paths)

    def headers_by_id(self, ids: Sequence[str]) -> list[Article]:
        """The articles of these ids as a list shows them, by path, then place (the ids the
        store does not hold left out)."""
        return self._headers_where("id", ids)

    def _headers_where(self, column: str, values: Sequence[str]) -> list[Article]:
        rows: list[tuple] = []
        with self.db.read() as db:
            for batch in in_batches(db, list(values), reserved=0):
                marks = ",".join("?" * len(batch))
                rows += db.execute(
                    "SELECT path, position, id, source, published, title FROM articles"
                    f" WHERE {column} IN ({marks})",
                    list(batch),
                ).fetchall()
        rows.sort(key=itemgetter(0, 1))
        return [codec.header_from_row(row) for row in rows]

    def path_contents(self, paths: Sequence[str]) -> dict[str, dict[str, int]]:
        """Each article of some files and feeds (by path; every path given, those without
        articles too): its id -> a hash of what shows whether it changed (its content key,
        outlet, date and title), comparable within this process."""
        found: dict[str, dict[str, int]] = {path: {} for path in paths}
        with self.db.read() as db:
            for batch in in_batches(db, list(found), reserved=0):
                marks = ",".join("?" * len(batch))
                rows = db.execute(
                    "SELECT path, id, key, source, published, title FROM articles"
                    f" WHERE path IN ({marks})",
                    list(batch),
                )
                for row in rows:
                    found[row[0]][row[1]] = hash(row[2:])
        return found

    def article(self, article_id: str) -> tuple[Article, Analysis] | None:
        """One stored article, whole, and its analysis (empty when it has none)."""
        with self.db.read() as db:
            row = db.execute(
                "SELECT a.id, a.body, a.meta, n.data FROM articles a"
                " LEFT JOIN analyses n ON n.key = a.key AND n.version = ? WHERE a.id = ?",
                (codec.ANALYZER_VERSION, article_id),
            ).fetchone()
        if row is None:
            return None
        return codec.article_from_row(*row[:3]), codec.analysis_from_data(row[3])

    def count(self) -> int:
        """How many articles the store holds."""
        with self.db.read() as db:
            (count,) = db.execute("SELECT count(*) FROM articles").fetchone()
        return count

    def stamp(self, files: list[str] | None = None) -> str:
        """What the merge depends on: each article's id and content, in corpus order."""
        digest = hashlib.blake2b(codec.ANALYZER_VERSION.encode(), digest_size=16)
        for _, _, article_id, key in self._rows("a.id, a.key", files):
            digest.update(f"{article_id}\0{key}\n".encode())
        return digest.hexdigest()


def file_lock(path: str) -> str:
    """The lock of the transactions that write one file's rows (a feed's too: two indexers
    may fetch one feed)."""
    return f"file {path}"


def insert(db: Sql, rows: ArticleRows) -> None:
    """Store one article and its analysis."""
    article, analysis = rows
    db.execute(_TO_PLACE, (article[0],))
    db.execute(_ARTICLE_ROW, article[:ARTICLE_VALUES])
    if analysis is not None:
        db.execute(_ANALYSIS_ROW, analysis)


def _where(complete: bool) -> str:
    """The rows a file's part replaces: from its start on (the last part), or its own."""
    return "path = ? AND position >= ?" + ("" if complete else " AND position < ?")


def _place(result: FileResult) -> tuple[str, int] | tuple[str, int, int]:
    if result.complete:
        return (result.path, result.start)
    return (result.path, result.start, result.start + len(result.rows))


def _held_ids(db: Sql, batch: list[FileResult]) -> dict[tuple[str, int], str]:
    """The ids of the stored articles that the batch's files (their parts) replace, by (file,
    position): an edited file's articles keep theirs."""
    held: dict[tuple[str, int], str] = {}
    ranges: dict[str, list[tuple[int, ...]]] = {}  # a file's parts in one batch: each its range
    for result in batch:
        ranges.setdefault(result.path, []).append(_place(result)[1:])
    for part in in_batches(db, list(ranges)):
        rows = db.execute(
            f"SELECT path, position, id FROM articles WHERE path IN ({','.join('?' * len(part))})",
            list(part),
        )
        for path, position, article_id in rows:
            if any(_within(position, *place) for place in ranges[path]):
                held[(path, position)] = article_id
    return held


def _within(position: int, start: int, end: int | None = None) -> bool:
    return position >= start and (end is None or position < end)


class AnalysisLookup:
    """Read-only access to a store's analyses, for the worker processes."""

    search_vectors = False

    def __init__(self, database: str) -> None:
        self.db = None
        if database != ":memory:" and Path(database).exists():
            uri = f"{Path(database).absolute().as_uri()}?mode=ro"  # any name, quoted
            self.db = sqlite3.connect(uri, uri=True, timeout=30)

    def __call__(self, keys: list[str]) -> dict[str, Analysis]:
        found: dict[str, Analysis] = {}
        if self.db is None:
            return found
        for part in in_batches(self.db, keys):
            rows = self.db.execute(
                "SELECT key, data FROM analyses WHERE version = ?"
                f" AND key IN ({','.join('?' * len(part))})",
                [codec.ANALYZER_VERSION, *part],
            )
            found.update((key, codec.analysis_from_data(data)) for key, data in rows)
        return found

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
