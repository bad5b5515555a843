"""The command line: `reader [PATH ...]` opens the reader; subcommands print what core finds.

A contract (see DESIGN.md): scripts rely on the subcommands and their --json shapes.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_args import SUBCOMMANDS, open_parser, subcommand_parser, suggestion
from reader.core.corpus import Corpus
from reader.core.errors import MissingPathError, StateError, StoreError
from reader.core.paths import is_url, seeds_dir
from reader.core.safe_text import clean, json_text
from reader.core.settings import Settings
from reader.core.store_url import StoreURLError, chosen_store_url
from reader.core.subscriptions import Config, ConfigError, load_config
from reader.progress_line import FilesProgress, ProgressLine

if TYPE_CHECKING:
    from reader.core.library import Library

EXIT_USAGE = 2


PROGRESS = ProgressLine()
"""How far a big file is read, on stderr when it is a terminal."""


def warn(message: str) -> None:
    """A one-line warning on stderr; the run goes on. Messages name files, feeds and URLs:
    their control sequences are removed, so a file name cannot drive the terminal."""
    PROGRESS.clear()
    print(f"reader: {clean(message)}", file=sys.stderr)


def fail(message: str) -> None:
    """The error that ends the run, on stderr (sanitised like `warn`)."""
    PROGRESS.clear()
    print(f"reader: error: {clean(message)}", file=sys.stderr)


def _paths(args: argparse.Namespace) -> list[str]:
    """The PATHs given; else, on a shared archive, none (the archive as it stands); else the
    bundled seeds."""
    if args.paths or args.settings.store is not None:
        return args.paths
    return [str(seeds_dir())]


def _config() -> Config:
    """The config file's settings; the defaults when it cannot be read (with a warning)."""
    try:
        return load_config(warn=warn)
    except ConfigError as error:
        warn(f"ignoring the config file: {error}")
        return Config()


def _configured_store() -> str | None:
    """`store` from config.toml (what else is wrong in the file is said where it matters)."""
    try:
        return load_config().store
    except ConfigError:
        return None


def _library(args: argparse.Namespace) -> Library:
    from reader.core.library import Library

    return Library(_paths(args), args.settings)


def _corpus(args: argparse.Namespace) -> Corpus:
    corpus = _library(args).open(warn, reading=PROGRESS)
    PROGRESS.clear()
    return corpus


def _synced(library: Library, stories: bool = True) -> None:
    """The library's store (and, with `stories`, its stories) in step with its files."""
    library.sync(warn, stories=stories, reading=PROGRESS)
    PROGRESS.clear()


def _print_json(items: Iterable[object]) -> None:
    """The items as one indented JSON array, written one item at a time: the same text as
    json_text(list(items), indent=2), without ever holding all of it (a million articles)."""
    write = sys.stdout.write
    opening = "[\n  "
    for item in items:
        write(opening)
        write(json_text(item, indent=2, margin="  "))  # its lines one level deeper
        opening = ",\n  "
    write("[]\n" if opening == "[\n  " else "\n]\n")


def cmd_articles(args: argparse.Namespace) -> int:
    articles = _library(args).articles(warn, PROGRESS)  # one at a time: any number of them
    first = next(articles, None)
    PROGRESS.clear()
    if first is None and args.paths:
        # Nothing loaded at all (e.g. every feed unreachable, nothing cached): a failure.
        warn("no articles loaded")
        return 1
    every = itertools.chain([first] if first else [], articles)
    if args.json:
        _print_json(article.to_json() for article in every)
    else:
        from reader.tables import articles_table, show

        show(articles_table(list(every)))
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    if args.json:
        _print_json(actor.to_json() for actor in corpus.actors)
    else:
        from reader.tables import actors_table, show

        show(actors_table(corpus.actors))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    if args.json:
        _print_json(event.to_json() for event in corpus.events)
    else:
        from reader.tables import show, timeline_table

        show(timeline_table(corpus.events))
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    if args.json:
        _print_json(quote.to_json() for quote in corpus.quotes_of())
    else:
        from reader.tables import quotes_table, show

        show(quotes_table(list(corpus.quotes_of())))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    # Straight from the index: no actors or timeline to build for a search.
    with _library(args) as library:
        _synced(library, stories=False)  # a search needs no stories
        hits = library.search(None, args.query, limit=args.limit, warn=warn)
    if hits.problems:
        warn("search: " + "; ".join(hits.problems))
    if args.json:
        _print_json([hit.to_json() for hit in hits])
    else:
        from reader.tables import hits_table, show

        show(hits_table(hits))
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    # The store's stories, updated for what changed: no actors or timeline to build.
    with _library(args) as library:
        _synced(library)
        stories = library.stories()
    if args.json:
        _print_json(story.to_json() for story in stories)
    else:
        from reader.tables import show, stories_table

        show(stories_table(stories))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Each story of two or more outlets (or the one asked for) with what each outlet told."""
    with _library(args) as library:
        _synced(library)
        if args.story is not None:
            if library.story(args.story) is None:
                fail(f"no such story: {args.story}")
                return 1
            ids = [args.story]
        else:
            ids = [s.id for s in library.stories() if len(s.outlets) >= 2]
        comparisons = [c for c in map(library.comparison, ids) if c is not None]
    if args.json:
        _print_json([comparison.to_json() for comparison in comparisons])
    else:
        from reader.tables import compare_table, show

        for comparison in comparisons:
            show(compare_table(comparison))
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    """Stream JSON lines from stdin to stdout, one output line per good input line.

    A bad line (not UTF-8 JSON, not an object, too deeply nested, `text` missing or not a string,
    `published` neither a string nor null) gives no output line: it is reported on stderr as
    one JSON line `{"id", "line", "error"}` (ASCII, so nothing in it reaches the terminal as
    a control sequence), and the stream goes on. A `published` string that is not ISO 8601
    is ignored (relative dates stay unresolved), as in every other command.
    """
    from reader.core.analysis import analyze  # (not for the other commands, nor the reader)

    for number, line in enumerate(sys.stdin.buffer, start=1):
        if not line.strip():
            continue
        record_id = None
        try:
            record = json.loads(line)  # bytes: a line that is not UTF-8 is a bad line too
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            record_id = record.get("id")
            text, published = record.get("text"), record.get("published")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
            if published is not None and not isinstance(published, str):
                raise ValueError('"published" must be a string or null')
            analysis = analyze(text, published)
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            message = str(error) if not isinstance(error, RecursionError) else "nested too deeply"
            error_line = {"id": record_id, "line": number, "error": message}
            print(json_text(error_line), file=sys.stderr, flush=True)
            continue
        sys.stdout.write(json_text({"id": record_id, **analysis.to_json()}))
        sys.stdout.write("\n")
        sys.stdout.flush()
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from reader.ui import collector

    config = _config()
    # The reader opens your feeds when you have subscribed to some; the subcommands, whose
    # output scripts rely on, read the seeds unless given PATHs. On a shared archive, the
    # archive as it stands (indexers fetch the feeds).
    paths = args.paths or ([] if args.settings.store else [f.url for f in config.feeds])
    paths = paths or ([] if args.settings.store else [str(seeds_dir())])
    for path in paths:
        if not is_url(path) and not Path(path).exists():
            raise MissingPathError(f"no such file or folder: {path}")
    collector.hold()  # (until the first frame: see reader.ui.collector)
    try:
        return _run_app(args, config, paths)
    finally:
        collector.release()  # (already done when the first frame was drawn)


def _run_app(args: argparse.Namespace, config: Config, paths: list[str]) -> int:
    from reader.ui.app import ReaderApp

    try:
        app = ReaderApp(
            paths=paths,
            refresh_minutes=config.refresh_minutes,
            theme=config.theme,
            settings=args.settings,
            follows_subscriptions=not args.paths,
        )
    except (OSError, sqlite3.Error) as error:
        fail(f"cannot open the reading state: {error}")
        return 1
    app.run()
    gc.freeze()  # what the app held (100,000 rows at scale) is not collected again at exit: 1 s
    if app.unsaved:
        fail(app.unsaved)
        return 1
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """Fill the store from PATHs (else the subscriptions) without the TUI; with --watch, keep
    it current until interrupted. Progress and a summary on stderr."""
    from reader.core.indexer import Indexer
    from reader.core.workers import use_workers

    use_workers(args.workers)
    paths = args.paths or [feed.url for feed in _config().feeds]
    if not paths:
        fail("nothing to index: give PATHs (files, folders, feed URLs) or subscribe to feeds")
        return EXIT_USAGE
    with _library(args) as library:
        indexer = Indexer(library, warn, FilesProgress())
        indexer.index()
        if args.watch:
            warn(f"watching for changes (feeds every {_config().refresh_minutes} min); ctrl-c ends")
            indexer.watch(_config().refresh_minutes)
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    """Manage subscriptions in the config file; exit 1 on a bad file, a URL that is not an
    http(s) feed address or an unknown feed. Bad entries already in the file are reported."""
    from reader.core import subscriptions as subs

    try:
        config = subs.load_config(warn=warn)
        if args.action == "list":
            if args.json:
                _print_json([feed.to_json() for feed in config.feeds])
            if not config.feeds and not args.json:
                print("no feeds yet: add one with `reader feeds add URL`")
            for feed in [] if args.json else config.feeds:
                tags = f"  [{', '.join(feed.tags)}]" if feed.tags else ""
                print(clean(f"{feed.name or '-'}  {feed.url}{tags}"))
            return 0
        if args.action == "add":
            problem = subs.url_problem(args.url)
            if problem:
                fail(f"{subs.shown(args.url)}: {problem}")
                return 1
            if not config.add(subs.Feed(args.url, args.name, args.tag)):
                warn(f"already subscribed: {args.url}")
        elif args.action == "remove":
            if not config.remove(args.target):
                warn(f"no such feed: {args.target}")
                return 1
        else:
            added = sum(config.add(feed) for feed in subs.read_opml(Path(args.file), warn))
            print(f"imported {added} feeds")
        subs.save_config(config)
    except subs.ConfigError as error:
        fail(str(error))
        return 1
    return 0


HANDLERS = {
    "articles": cmd_articles,
    "entities": cmd_entities,
    "timeline": cmd_timeline,
    "quotes": cmd_quotes,
    "stories": cmd_stories,
    "search": cmd_search,
    "compare": cmd_compare,
    "index": cmd_index,
    "analyze": cmd_analyze,
    "feeds": cmd_feeds,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    meant = suggestion(argv)
    if meant and argv[0] not in SUBCOMMANDS:
        fail(f"no such command or path: {argv[0]} (did you mean `reader {meant}`?)")
        return EXIT_USAGE
    wants_subcommand = bool(argv) and argv[0] in SUBCOMMANDS and not Path(argv[0]).exists()
    parser = subcommand_parser(HANDLERS) if wants_subcommand else open_parser(cmd_open)
    args = parser.parse_args(argv)
    try:
        store = chosen_store_url(getattr(args, "store", None), _configured_store)
    except StoreURLError as error:
        fail(str(error))
        return EXIT_USAGE
    args.settings = Settings.resolve(cache=getattr(args, "cache", None), store=store)
    try:
        return args.handler(args)
    except MissingPathError as error:
        fail(str(error))
        return EXIT_USAGE
    except (StoreError, StateError) as error:
        fail(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reader articles | head`): not an error.
        sys.stderr.close()
        return 0
