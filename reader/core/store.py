"""The cache: articles, their analyses and a full-text index in SQLite, kept in step with files.

One database per set of corpus paths lives in the user cache directory (or READER_CACHE_DIR, or
`--cache DIR`). A file whose path, size and mtime (or, when those moved, content hash) are
unchanged and that was analysed by the current ANALYZER_VERSION is never read again. New and
changed files are read and analysed in worker processes; their results are written in batches,
each batch one transaction, so a process killed mid-index leaves a consistent store that the
next run completes. Analyses are keyed by the article's content hash and the analyser version.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import forkserver, resource_tracker
from pathlib import Path

from platformdirs import user_cache_dir

from reader.core.actors import ActorIndex
from reader.core.analysis import analyze_article
from reader.core.corpus import Corpus
from reader.core.feedcache import FeedCache
from reader.core.feeds import is_url, load_feed
from reader.core.ingest import IngestError, MissingPathError, list_files, unique_ids
from reader.core.ingest import read_file as ingest_file
from reader.core.model import Actor, Analysis, Article, CorpusQuote, Event, SearchHit

ANALYZER_VERSION = "2"
"""Bump when the analysis changes: every article is then analysed again on its next load."""

CACHE_ENV = "READER_CACHE_DIR"
SCHEMA_VERSION = 2
"""Bump when SCHEMA changes: an older store is then rebuilt from the files."""
ACTOR_TYPES = ("person", "organization", "group")
_BATCH_FILES = 200
_PARALLEL_FROM = 32
"""Fewer new or changed files than this are analysed in-process: a pool costs more to start."""
_MERGE_APART_FROM = 2000
"""From this many articles the merge across them runs in a child process: it holds every
article and analysis at once, and the reader's own memory (and screen) should not."""

_FEED_FETCHES = 8
"""Feeds fetched at once."""

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, analyzer TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY, id TEXT, base_id TEXT, path TEXT, position INTEGER,
    key TEXT, source TEXT, published TEXT, title TEXT, body TEXT, actors TEXT, meta TEXT
);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE INDEX IF NOT EXISTS articles_id ON articles(id);
CREATE TABLE IF NOT EXISTS analyses (
    key TEXT, version TEXT, data TEXT, PRIMARY KEY (key, version)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, actors, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS merge_stamp (stamp TEXT);
CREATE TABLE IF NOT EXISTS actors (position INTEGER PRIMARY KEY, data TEXT);
CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, data TEXT);
CREATE TABLE IF NOT EXISTS article_actors (id TEXT PRIMARY KEY, data TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quotes (
    speaker TEXT, article TEXT, start INTEGER, "end" INTEGER, text TEXT, position INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS vocabulary (term TEXT PRIMARY KEY, docs INTEGER) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO fts(rowid, title, body, actors) VALUES (new.rowid, new.title, new.body, new.actors);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO fts(fts, rowid, title, body, actors)
    VALUES ('delete', old.rowid, old.title, old.body, old.actors);
END;
"""


def cache_dir(override: str | Path | None = None) -> Path:
    """Where the store lives: `override`, else $READER_CACHE_DIR, else the user cache dir."""
    chosen = override or os.environ.get(CACHE_ENV) or user_cache_dir("reader")
    return Path(chosen).expanduser()


def content_key(article: Article) -> str:
    """The hash an article's analysis is keyed by: what the analysis reads."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update((article.published or "").encode())
    digest.update(b"\0")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def actor_names(analysis: Analysis) -> list[str]:
    """The distinct names of people, organisations and groups an article mentions."""
    return list(dict.fromkeys(e.text for e in analysis.entities if e.type in ACTOR_TYPES))


ArticleRows = tuple[tuple, tuple]
"""An article's values for the `articles` table and its analysis's for `analyses`."""


def article_rows(
    article: Article, key: str, analysis: Analysis, position: int = 0, actors: Iterable[str] = ()
) -> ArticleRows:
    meta = article.to_json()
    meta["paragraphs"] = [len(p) for p in article.paragraphs]
    names = list(dict.fromkeys([*actors, *actor_names(analysis)]))
    row = (
        article.id,
        article.id,
        article.path,
        position,
        key,
        article.source,
        article.published,
        article.title,
        article.text,
        "\n".join(names),
        json.dumps(meta, ensure_ascii=False),
    )
    data = json.dumps(analysis.to_json(), ensure_ascii=False)
    return row, (key, ANALYZER_VERSION, data)


@dataclass(slots=True)
class FileResult:
    """One file read and analysed by a worker: its articles, or why it was skipped."""

    path: str
    size: int
    mtime_ns: int
    hash: str
    rows: list[ArticleRows]
    """Each article's rows for the store, serialised in the worker to spare the writer."""
    error: str | None = None
    note: str | None = None
    """A problem that lost nothing but is worth a warning (an analyser's failure)."""


@dataclass(slots=True)
class Vocabulary:
    """The index's terms, sorted, and how many articles each appears in."""

    terms: list[str]
    docs: dict[str, int]
    by_length: dict[int, list[str]] = field(default_factory=dict)
    """Terms without digits by length: the candidates for typo matching."""

    def __post_init__(self) -> None:
        for term in self.terms:
            if not any(c.isdigit() for c in term):
                self.by_length.setdefault(len(term), []).append(term)

    def near_length(self, length: int, spread: int = 2) -> list[str]:
        """The terms without digits within `spread` characters of `length`."""
        return [
            t
            for n in range(length - spread, length + spread + 1)
            for t in self.by_length.get(n, [])
        ]


def _file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def process_file(path: str, cached: AnalysisLookup | None = None) -> FileResult:
    """Read one file and analyse its articles, reusing analyses the store already holds."""
    file = Path(path)
    try:
        stat = file.stat()
        data = file.read_bytes()
    except OSError as error:
        return FileResult(path, -1, -1, "", [], f"cannot read: {error.strerror or error}")
    result = FileResult(path, stat.st_size, stat.st_mtime_ns, _file_hash(data), [])
    try:
        articles = ingest_file(file)
    except IngestError as error:
        result.error = str(error)
        return result
    return _analysed(result, articles, cached)


def process_feed(url: str, articles: list[Article], cached: AnalysisLookup) -> FileResult:
    """A feed's items, analysed like a file's articles; the feed's "hash" is its items'."""
    return _analysed(FileResult(url, -1, -1, _feed_hash(articles), []), articles, cached)


def _feed_hash(articles: list[Article]) -> str:
    items = json.dumps([article.to_json() for article in articles], ensure_ascii=False)
    return _file_hash(items.encode("utf-8", "surrogatepass"))


def _analysed(
    result: FileResult, articles: list[Article], cached: AnalysisLookup | None
) -> FileResult:
    """`result` with each article's rows, analysed (or the stored analysis reused)."""
    keys = [content_key(article) for article in articles]
    known = cached(keys) if cached else {}
    for position, (article, key) in enumerate(zip(articles, keys, strict=True)):
        analysis = known.get(key)
        if analysis is None:
            try:
                analysis = analyze_article(article)
            except Exception as error:  # an analyser's surprise must not lose the article
                analysis = Analysis()
                result.note = f"analysis failed, shown without highlights: {error!r}"
        result.rows.append(article_rows(article, key, analysis, position))
    return result


class AnalysisLookup:
    """Read-only access to a store's analyses, for the worker processes."""

    def __init__(self, database: str) -> None:
        self.db = None
        if database != ":memory:" and Path(database).exists():
            self.db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)

    def __call__(self, keys: list[str]) -> dict[str, Analysis]:
        if self.db is None or not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT key, data FROM analyses WHERE version = ? AND key IN ({marks})",
            [ANALYZER_VERSION, *keys],
        ).fetchall()
        return {key: Analysis.from_json(json.loads(data)) for key, data in rows}

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def _process_chunk(paths: list[str], database: str) -> list[FileResult]:
    cached = AnalysisLookup(database)
    try:
        return [process_file(path, cached) for path in paths]
    finally:
        cached.close()


_helpers_lock = threading.Lock()


def _process_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: safe when the caller has threads (the TUI); spawn where it is missing.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    _start_helpers(method)
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _start_helpers(method: str) -> None:
    """Start multiprocessing's helper processes (resource tracker, fork server) with the real
    stderr. They are handed `sys.stderr.fileno()`, and a TUI that captures output (Textual's
    gives -1) makes their start fail with "bad value(s) in fds_to_keep"."""
    with _helpers_lock:
        captured = sys.stderr
        sys.stderr = sys.__stderr__
        try:
            if method == "forkserver":
                forkserver.ensure_running()  # starts the resource tracker too
            else:
                resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


def _merge_stored(database: str, files: list[str], stamp: str) -> None:
    store = Store(database)
    try:
        store.merge(files, stamp)
    finally:
        store.close()


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Store:
    """A SQLite store for one corpus (one set of paths); safe to share between threads."""

    def __init__(self, database: str | Path) -> None:
        self.database = str(database)
        if self.database != ":memory:":
            Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self._vocabulary: Vocabulary | None = None
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:
            # An older layout or a damaged file: a cache can always be rebuilt from the files.
            self._remove_files()
            self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.database, timeout=30, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            (tables,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if tables and version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"store layout {version}, not {SCHEMA_VERSION}")
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(self.database + suffix).unlink(missing_ok=True)

    @classmethod
    def for_paths(cls, paths: Iterable[str | Path], cache: str | Path | None = None) -> Store:
        """The store of the corpus made of `paths`, in the cache directory."""
        roots = sorted(str(p) if is_url(str(p)) else str(Path(p).resolve()) for p in paths)
        name = hashlib.blake2b("\n".join(roots).encode(), digest_size=8).hexdigest()
        return cls(cache_dir(cache) / f"corpus-{name}.sqlite3")

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # Keeping in step with the files

    def sync(
        self, paths: Iterable[str | Path], warn: Warn, progress: Progress | None = None
    ) -> list[str]:
        """Bring the store in line with the files under `paths` and the feed URLs among them
        (fetched, else their cached items); return files and feeds in corpus order."""
        paths = [str(p) for p in paths]
        for path in paths:
            if not is_url(path) and not Path(path).exists():
                raise MissingPathError(f"no such file or folder: {path}")
        files = list(
            dict.fromkeys(
                name
                for path in paths
                for name in ([path] if is_url(path) else list_files(Path(path)))
            )
        )
        with self.lock:
            known = {
                row[0]: row[1:]
                for row in self.db.execute(
                    "SELECT path, size, mtime_ns, hash, analyzer, error FROM files"
                )
            }
        todo, feeds = [], []
        for url, items in self._fetch_feeds([f for f in files if is_url(f)], warn):
            old = known.get(url)
            if not old or old[2:4] != (_feed_hash(items), ANALYZER_VERSION):
                feeds.append((url, items))
        for path in [f for f in files if not is_url(f)]:
            old = known.get(path)
            if old and self._unchanged(path, *old[:4]):
                if old[4]:
                    warn(f"{path}: skipped: {old[4]}")
            else:
                todo.append(path)
        gone = set(known) - set(files)
        changed = bool(todo or feeds or gone)
        if gone:
            with self.lock, self.db:
                for path in gone:
                    self.db.execute("DELETE FROM articles WHERE path = ?", (path,))
                    self.db.execute("DELETE FROM files WHERE path = ?", (path,))
        if todo:
            self._index(todo, warn, progress)
        if feeds:
            cached = AnalysisLookup(self.database)
            try:
                self._write([process_feed(url, items, cached) for url, items in feeds], warn)
            finally:
                cached.close()
        if changed:
            self._assign_ids()
            self._refresh_vocabulary()
        return files

    def _fetch_feeds(self, urls: list[str], warn: Warn) -> list[tuple[str, list[Article]]]:
        """Each feed's items: fetched (conditional requests, several feeds at a time, so one
        slow feed costs its timeout once, not once per feed after it), else those kept."""
        kept = None if self.database == ":memory:" else Path(self.database).parent / "feeds.sqlite"

        def items(url: str) -> list[Article]:
            cache = FeedCache(kept)
            try:
                return load_feed(url, warn, cache)
            finally:
                cache.close()

        if not urls:
            return []
        with ThreadPoolExecutor(max_workers=min(_FEED_FETCHES, len(urls))) as pool:
            return list(zip(urls, pool.map(items, urls), strict=True))

    def _unchanged(self, path: str, size: int, mtime_ns: int, digest: str, analyzer: str) -> bool:
        """Whether a stored file is still as stored (same size and mtime, or same content) and
        was analysed by this analyser version."""
        if analyzer != ANALYZER_VERSION:
            return False
        try:
            stat = os.stat(path)
            if (size, mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                return True
            if size != stat.st_size or digest != _file_hash(Path(path).read_bytes()):
                return False
        except OSError:
            return False
        with self.lock, self.db:
            self.db.execute(
                "UPDATE files SET mtime_ns = ? WHERE path = ?", (stat.st_mtime_ns, path)
            )
        return True

    def _index(self, paths: list[str], warn: Warn, progress: Progress | None) -> None:
        """Read and analyse `paths`, in worker processes when there are many; write in batches."""
        results: Iterable[FileResult]
        pool = None
        if len(paths) < _PARALLEL_FROM or self.database == ":memory:":
            results = _process_chunk(paths, self.database)
        else:
            workers = max(1, os.cpu_count() or 1)
            chunk = max(1, min(50, len(paths) // (workers * 4)))
            pool = _process_pool(workers)
            batches = pool.map(_process_chunk, _chunks(paths, chunk), [self.database] * len(paths))
            results = (result for batch in batches for result in batch)
        try:
            batch: list[FileResult] = []
            for done, result in enumerate(results, start=1):
                batch.append(result)
                if len(batch) >= _BATCH_FILES:
                    self._write(batch, warn)
                    batch = []
                if progress:
                    progress(done, len(paths))
            self._write(batch, warn)
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)

    def _write(self, batch: list[FileResult], warn: Warn) -> None:
        """Store a batch of files in one transaction: all of it, or (killed) none of it."""
        with self.lock, self.db:
            for result in batch:
                self.db.execute("DELETE FROM articles WHERE path = ?", (result.path,))
                if result.error:
                    warn(f"{result.path}: skipped: {result.error}")
                if result.note:
                    warn(f"{result.path}: {result.note}")
                for rows in result.rows:
                    self._insert(rows)
                self.db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        result.path,
                        result.size,
                        result.mtime_ns,
                        result.hash,
                        ANALYZER_VERSION,
                        result.error,
                    ),
                )

    def _insert(self, rows: ArticleRows) -> None:
        article, analysis = rows
        self.db.execute(
            "INSERT INTO articles (id, base_id, path, position, key, source, published, title,"
            " body, actors, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            article,
        )
        self.db.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", analysis)

    def _assign_ids(self) -> None:
        """Make ids unique across the corpus the way ingest does (file stem, else path-based)."""
        with self.lock:
            rows = self.db.execute("SELECT rowid, base_id, path, id FROM articles").fetchall()
            unique = unique_ids([(base_id, path) for _, base_id, path, _ in rows])
            updates = [(new, r[0]) for new, r in zip(unique, rows, strict=True) if new != r[3]]
            with self.db:
                self.db.executemany("UPDATE articles SET id = ? WHERE rowid = ?", updates)

    def _refresh_vocabulary(self) -> None:
        """Copy the index's terms out of fts5vocab once, so typo expansion reads them quickly."""
        with self.lock, self.db:
            self.db.execute("DELETE FROM vocabulary")
            self.db.execute("INSERT INTO vocabulary SELECT term, doc FROM fts_vocab")
            self._vocabulary = None

    def add_corpus(self, corpus: Corpus) -> None:
        """Index an in-memory corpus (no files): its resolved actors become searchable names."""
        names: dict[str, list[str]] = {}
        for actor in corpus.actors:
            for article_id in actor.articles:
                names.setdefault(article_id, []).extend([actor.name, *actor.aliases])
        with self.lock, self.db:
            for article in corpus.articles:
                analysis = corpus.analyses.get(article.id) or Analysis()
                key = content_key(article)
                self._insert(article_rows(article, key, analysis, actors=names.get(article.id, [])))
        self._refresh_vocabulary()

    # Reading back

    def vocabulary(self) -> Vocabulary:
        with self.lock:
            if self._vocabulary is None:
                docs = dict(self.db.execute("SELECT term, docs FROM vocabulary ORDER BY term"))
                self._vocabulary = Vocabulary(list(docs), docs)
            return self._vocabulary

    def _rows(self, columns: str, files: list[str] | None) -> list[tuple]:
        """`columns` of every stored article, in corpus order: the order of `files` when
        given, then by path and position in the file. The first two columns are path, position."""
        with self.lock:
            rows = self.db.execute(
                f"SELECT a.path, a.position, {columns} FROM articles a"
                " LEFT JOIN analyses n ON n.key = a.key AND n.version = ?",
                (ANALYZER_VERSION,),
            ).fetchall()
        order = {path: index for index, path in enumerate(files or [])}
        rows.sort(key=lambda row: (order.get(row[0], len(order)), row[0], row[1]))
        return rows

    def load(self, files: list[str] | None = None) -> tuple[list[Article], dict[str, Analysis]]:
        """Every stored article (in the order of `files` when given) and its analysis."""
        articles, analyses = [], {}
        for _, _, article_id, body, meta, data in self._rows("a.id, a.body, a.meta, n.data", files):
            article = article_from_row(article_id, body, meta)
            articles.append(article)
            if data is not None:
                analyses[article.id] = Analysis.from_json(json.loads(data))
        return articles, analyses

    def headers(self, files: list[str] | None = None) -> list[Article]:
        """Every stored article as a list shows it (id, outlet, date, title; no paragraphs),
        in corpus order."""
        return [
            Article(id=row[2], path=row[0], source=row[3], title=row[5], published=row[4])
            for row in self._rows("a.id, a.source, a.published, a.title", files)
        ]

    def contents(self) -> dict[str, int]:
        """Each stored article's id -> a hash of what shows whether it changed (its content
        key, outlet, date and title), comparable within this process."""
        with self.lock:
            rows = self.db.execute("SELECT id, key, source, published, title FROM articles")
            return {row[0]: hash(row[1:]) for row in rows}

    def article(self, article_id: str) -> tuple[Article, Analysis] | None:
        """One stored article, whole, and its analysis (empty when it has none)."""
        with self.lock:
            row = self.db.execute(
                "SELECT a.id, a.body, a.meta, n.data FROM articles a"
                " LEFT JOIN analyses n ON n.key = a.key AND n.version = ? WHERE a.id = ?",
                (ANALYZER_VERSION, article_id),
            ).fetchone()
        if row is None:
            return None
        analysis = Analysis.from_json(json.loads(row[3])) if row[3] else Analysis()
        return article_from_row(*row[:3]), analysis

    # The merge across articles: actors, timeline, quotes

    def stamp(self, files: list[str] | None = None) -> str:
        """What the merge depends on: each article's id and content, in corpus order."""
        digest = hashlib.blake2b(ANALYZER_VERSION.encode(), digest_size=16)
        for _, _, article_id, key in self._rows("a.id, a.key", files):
            digest.update(f"{article_id}\0{key}\n".encode())
        return digest.hexdigest()

    def merge(self, files: list[str], stamp: str) -> None:
        """Build the merge across every stored article and keep it for `stamp`."""
        self.save_merged(Corpus.build(*self.load(files)), stamp)

    def save_merged(self, corpus: Corpus, stamp: str) -> None:
        """Keep a corpus's actors, events and quotes, and each article's actor mentions."""
        mentions = corpus.actor_index.mentions_by_article()
        with self.lock, self.db:
            for table in ("merge_stamp", "actors", "events", "quotes", "article_actors"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                "INSERT INTO article_actors VALUES (?, ?)",
                ((key, json.dumps(data, ensure_ascii=False)) for key, data in mentions.items()),
            )
            for table, items in (("actors", corpus.actors), ("events", corpus.events)):
                self.db.executemany(
                    f"INSERT INTO {table} VALUES (?, ?)",
                    (
                        (position, json.dumps(_packed(item.to_json()), ensure_ascii=False))
                        for position, item in enumerate(items)
                    ),
                )
            self.db.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (q.speaker, q.article, q.start, q.end, q.text, position)
                    for position, q in enumerate(corpus.quotes)
                ),
            )
            self.db.execute("INSERT INTO merge_stamp VALUES (?)", (stamp,))

    def load_merged(self, headers: list[Article], stamp: str) -> Corpus | None:
        """A lazy corpus over `headers` with the merge kept for `stamp`; None when stale.

        Read one actor or event at a time, with article ids shared with the headers' rather
        than read anew for every actor and event that cites them (see `_packed`), and equal
        sentences shared: in a large corpus these are most of the merge's memory.
        """
        with self.lock:
            if self.db.execute("SELECT stamp FROM merge_stamp").fetchone() != (stamp,):
                return None
            ids = {article.id: article.id for article in headers}
            actors = [
                Actor(**_unpacked(json.loads(data), ids))
                for (data,) in self.db.execute("SELECT data FROM actors ORDER BY position")
            ]
            events = [
                Event.from_json(_unpacked(json.loads(data), ids))
                for (data,) in self.db.execute("SELECT data FROM events ORDER BY position")
            ]
        texts: dict[str, str] = {}
        for event in events:
            for mention in event.mentions:
                mention.article = ids.get(mention.article, mention.article)
                mention.text = texts.setdefault(mention.text, mention.text)
        return Corpus(
            articles=headers,
            actor_index=ActorIndex(actors=actors, loader=self.actor_mentions),
            events=events,
            search_index=self,
            stored=self,
        )

    def quotes(self, speaker: str | None = None) -> list[CorpusQuote]:
        """The kept quotes, in corpus order: all of them, or one speaker's."""
        sql = 'SELECT speaker, text, article, start, "end" FROM quotes'
        with self.lock:
            if speaker is None:
                rows = self.db.execute(f"{sql} ORDER BY position").fetchall()
            else:
                rows = self.db.execute(
                    f"{sql} WHERE speaker = ? ORDER BY position", (speaker,)
                ).fetchall()
        return [CorpusQuote(*row) for row in rows]

    def actor_mentions(self, article_id: str) -> dict:
        with self.lock:
            row = self.db.execute(
                "SELECT data FROM article_actors WHERE id = ?", (article_id,)
            ).fetchone()
        return json.loads(row[0]) if row else {}

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Ranked hits for `query`, answered from the index without loading the corpus."""
        from reader.core.search import search_store

        return search_store(self, query, limit)


def _packed(item: dict) -> dict:
    """An actor's or event's JSON with its article ids as one string: read back, a million
    ids then cost one string per actor, not a million short-lived ones."""
    return {**item, "articles": "\n".join(item["articles"])}


def _unpacked(item: dict, ids: dict[str, str]) -> dict:
    """`_packed` undone, each article id the one object `ids` holds for it."""
    listed = item["articles"].split("\n") if item["articles"] else []
    return {**item, "articles": [ids.get(article, article) for article in listed]}


def article_from_row(article_id: str, body: str | None, meta: str) -> Article:
    """Rebuild an Article from its stored metadata and body (paragraph lengths split it);
    without a body, the article's header: everything but its paragraphs."""
    data = json.loads(meta)
    lengths = data.pop("paragraphs")
    paragraphs, position = [], 0
    for length in lengths if body is not None else []:
        paragraphs.append(body[position : position + length])
        position += length + 2
    data["id"] = article_id
    return Article(**{**data, "paragraphs": paragraphs})


def open_corpus(
    paths: Iterable[str | Path],
    warn: Warn,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """The corpus under `paths`, lazy (see Corpus): cached articles and analyses reused, new or
    changed files analysed (in parallel), and the merge across articles (actors, timeline,
    quotes) reused when no article changed, else built once and kept."""
    paths = list(paths)
    store = Store.for_paths(paths, cache_dir)
    files = store.sync(paths, warn, progress)
    return merged_corpus(store, files)


def merged_corpus(store: Store, files: list[str], headers: list[Article] | None = None) -> Corpus:
    """The store's lazy corpus with its merge, built and kept first when it is stale."""
    stamp = store.stamp(files)
    headers = store.headers(files) if headers is None else headers
    corpus = store.load_merged(headers, stamp)
    if corpus is None:
        if len(headers) < _MERGE_APART_FROM or store.database == ":memory:":
            store.merge(files, stamp)
        else:
            with _process_pool(1) as pool:
                pool.submit(_merge_stored, store.database, files, stamp).result()
        corpus = store.load_merged(headers, stamp)
        assert corpus is not None
    return corpus
