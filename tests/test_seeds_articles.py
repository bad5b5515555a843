"""Every `articles` check of seed-expectations.json, against `reader articles seeds --json`."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_here


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    result = run_here("articles", "seeds", "--json")
    assert result.returncode == 0, result.stderr
    return {article["id"]: article for article in json.loads(result.stdout)}


def _checks(expectations: dict) -> list[tuple[str, str, object]]:
    return [
        (article_id, key, value)
        for article_id, fields in expectations["articles"].items()
        for key, value in fields.items()
    ]


def test_every_article_check_holds(parsed: dict[str, dict], expectations: dict) -> None:
    failures = []
    for article_id, key, expected in _checks(expectations):
        article = parsed.get(article_id)
        if article is None:
            failures.append(f"{article_id}: missing")
            continue
        body = "\n\n".join(article["paragraphs"])
        if key == "body_contains":
            failures += [f"{article_id}: body lacks {s!r}" for s in expected if s not in body]
        elif key == "body_lacks":
            failures += [f"{article_id}: body has {s!r}" for s in expected if s in body]
        elif key.endswith("_any"):
            field = key.removesuffix("_any")
            if article[field] not in expected:
                failures.append(f"{article_id}: {field}={article[field]!r} not in {expected}")
        elif key.endswith("_not"):
            field = key.removesuffix("_not")
            if article[field] in expected:
                failures.append(f"{article_id}: {field}={article[field]!r} is forbidden")
        elif article[key] != expected:
            failures.append(f"{article_id}: {key}={article[key]!r}, expected {expected!r}")
    assert not failures, "\n".join(failures)


def test_seed_ids_are_file_stems(parsed: dict[str, dict], expectations: dict) -> None:
    assert set(expectations["articles"]) <= set(parsed)


def test_articles_table_is_readable() -> None:
    result = run_here("articles", "seeds", env={"COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert "2 articles" in result.stdout
    for text in ("The Moscow Times", "2022-02-21 09:14", "Politics", "000_2a0d7ef2b9cd844b"):
        assert text in result.stdout
