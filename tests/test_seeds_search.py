"""`reader search` on the seeds (`run_here`): typo-tolerant, actor filter, snippets."""

from __future__ import annotations

import json

from tests.conftest import run_here

KREMLIN, SUMMIT = "002_da322826d46cabef", "000_2a0d7ef2b9cd844b"


def search(cache, *args: str) -> list[dict]:
    result = run_here("search", *args, "--json", "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_seed_searches(tmp_path, seeds):
    hits = search(tmp_path, "kulbela", str(seeds))
    assert hits[0]["article"] == KREMLIN
    assert "Kulbela" in hits[0]["snippet"]
    assert SUMMIT in [hit["article"] for hit in search(tmp_path, "sanctons")]
    peskov = search(tmp_path, "@peskov")
    assert peskov and {hit["article"] for hit in peskov} == {KREMLIN}
    assert list(tmp_path.glob("corpus-*.sqlite3"))  # --cache puts the store there


def test_snippet_offset_points_into_the_article_text(tmp_path):
    (hit,) = search(tmp_path, "kulbela", "--limit", "1")
    articles = json.loads(run_here("articles", "--json").stdout)
    text = "\n\n".join(next(a for a in articles if a["id"] == hit["article"])["paragraphs"])
    assert text[hit["offset"] : hit["offset"] + len(hit["snippet"])] == hit["snippet"]


def test_search_table_and_missing_path(tmp_path):
    result = run_here("search", "summit", "--cache", str(tmp_path))
    assert result.returncode == 0 and "summit" in result.stdout.lower()
    missing = run_here("search", "summit", str(tmp_path / "nope"), "--cache", str(tmp_path))
    assert missing.returncode == 2 and "no such file" in missing.stderr
