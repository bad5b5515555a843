"""The command line's parsers: the subcommands, their options and their help (see DESIGN.md:
scripts rely on them). reader/cli.py runs them."""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Callable, Mapping
from pathlib import Path

from reader.core.paths import is_url

Handler = Callable[[argparse.Namespace], int]


def positive(text: str) -> int:
    """An argument that is a count of one or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return int(text)


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """--cache and --store, which every command that reads a store takes."""
    parser.add_argument(
        "--cache", metavar="DIR", help="keep the index and cache in DIR ($READER_CACHE_DIR)"
    )
    parser.add_argument(
        "--store",
        metavar="URL",
        help="a shared archive: postgresql://user@host:port/db ($READER_STORE, or `store` in"
        " config.toml); without PATHs, read it as it stands",
    )


def subcommand_parser(handlers: Mapping[str, Handler]) -> argparse.ArgumentParser:
    """The parser of `reader COMMAND ...`; each command runs its handler in `handlers`."""
    parser = argparse.ArgumentParser(
        prog="reader", description="Follow a news story across outlets."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help: str, more: str = "") -> argparse.ArgumentParser:
        command = sub.add_parser(
            name,
            help=help,
            description=f"{help[0].upper()}{help[1:]}.{more}",
            epilog=PATHS_HELP if name != "analyze" and name != "feeds" else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(handler=handlers[name])
        return command

    for name, help in [
        ("articles", "print the parsed articles"),
        ("entities", "print the actors, merged across articles"),
        ("timeline", "print the dated events, oldest first"),
        ("quotes", "print who said what"),
        ("stories", "print the articles grouped into stories, across outlets"),
    ]:
        command = add(name, help)
        command.add_argument("paths", nargs="*", metavar="PATH")
        command.add_argument("--json", action="store_true", help="print JSON")
        add_store_options(command)

    search = add("search", "search the articles, best hits first", QUERY_HELP)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("paths", nargs="*", metavar="PATH")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=20, help="at most N hits (default 20)")
    add_store_options(search)

    compare = add("compare", "what each outlet told of each story")
    compare.add_argument("paths", nargs="*", metavar="PATH")
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.add_argument("--story", metavar="ID", help="only the story with this id")
    add_store_options(compare)

    index = add("index", "fill the store from PATHs (default: your feeds)", INDEX_HELP)
    index.add_argument("paths", nargs="*", metavar="PATH")
    index.add_argument("--watch", action="store_true", help="keep the store current")
    index.add_argument(
        "--workers",
        type=positive,
        metavar="N",
        help="analyse in N worker processes (default: one per core)",
    )
    add_store_options(index)

    analyze_cmd = add("analyze", "batch NLP: JSON lines on stdin, JSON lines out")
    analyze_cmd.add_argument("--jsonl", action="store_true", required=True)

    feeds = add("feeds", "feed subscriptions: list, add, remove, import OPML")
    feeds_sub = feeds.add_subparsers(dest="action", required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        return feeds_sub.add_parser(name, help=help, description=f"{help[0].upper()}{help[1:]}.")

    action("list", "list your feeds").add_argument("--json", action="store_true", help="print JSON")
    feeds_add = action("add", "subscribe to a feed (RSS, Atom or JSON Feed at an http(s) URL)")
    feeds_add.add_argument("url", metavar="URL")
    feeds_add.add_argument("--name", help="the name shown for it")
    feeds_add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    action("remove", "unsubscribe").add_argument("target", metavar="URL|NAME")
    action("import", "subscribe to the feeds of an OPML file").add_argument(
        "file", metavar="FILE.opml"
    )
    return parser


def open_parser(handler: Handler) -> argparse.ArgumentParser:
    """The parser of `reader [PATH ...]`, which opens the reader (`handler`)."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Follow a news story across outlets: open the reader on PATHs, else on your"
        " feeds (`reader feeds add URL`), else on the bundled seeds. Subcommands: "
        + ", ".join(sorted(SUBCOMMANDS))
        + " (see `reader COMMAND --help`).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files, folders or feed URLs (default: your feeds, else the bundled seeds)",
    )
    add_store_options(parser)
    parser.set_defaults(handler=handler)
    return parser


SUBCOMMANDS = {
    "articles",
    "entities",
    "timeline",
    "quotes",
    "stories",
    "compare",
    "search",
    "analyze",
    "feeds",
    "index",
}


PATHS_HELP = "PATH: files, folders (read recursively) or feed URLs; default: the bundled seeds."
INDEX_HELP = """

Files and folders are read and analysed, feeds fetched, and stories updated, as the reader
does when it opens them; with a shared archive (--store, $READER_STORE), several indexers on
one machine or many share the work, each file analysed once."""
QUERY_HELP = """

QUERY is words and filters, all of which must match:
  sanctions putin        words, typo tolerant (sanctons) and in any form (resigns: resigned)
  "peace talks"          a phrase, its words in order
  @peskov                articles naming an actor
  source:moscow          outlets whose name contains it; source:"Fox News" with spaces
  after:2022-02-20       published on or after a date; before:DATE before it. Dates as
                         people type them: yesterday, "last week", "Feb 2022", 22/02/2022
  story:ID               the articles of one story (ids from `reader stories`)
A filter that cannot be read is said on stderr; the rest of the query still runs."""


def suggestion(argv: list[str]) -> str | None:
    """`reader artcles`: the subcommand meant, when the word is no path and close to one."""
    if not argv or argv[0].startswith("-") or is_url(argv[0]) or Path(argv[0]).exists():
        return None
    close = difflib.get_close_matches(argv[0], sorted(SUBCOMMANDS), n=1, cutoff=0.7)
    return close[0] if close else None
