"""More articles for a search measurement without analysing them: `benchmarks/archive.py --copies`.

Analysing is what makes indexing slow (about 100 articles/s), and search does not need it
done again to be measured on more articles. Each indexed article is copied `copies - 1`
times in SQL, into the embedded store and into the archive alike (so the two still hold the
same articles and their top 10 can be compared): copy `k` of article `i` is recombined as the
distinct-article generator recombines (scale_distinct.py), from `i` and another article `j`:
the front of `i`'s headline and the back of `j`'s, the first half of `i`'s paragraphs and
the second half of `j`'s, the actor names of both, `i`'s outlet and date and `i`'s story.
The words stay those of the articles analysed (a corpus of copies has their vocabulary,
where a real archive's grows slowly with its size), so it is not an archive to study
stories or actors on: only search's speed and agreement.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

COLUMNS = "id, base_id, path, position, key, source, published, title, body, actors, meta"
STORY_COLUMNS = "id, content, story, similarity, neighbour, vector, actors"
Row = tuple


def _halves(text: str, other: str, sep: str) -> str:
    front, back = text.split(sep), other.split(sep)
    return sep.join(front[: max(1, (len(front) + 1) // 2)] + back[len(back) // 2 :])


def _marks(columns: str) -> str:
    return ",".join("?" * len(columns.split(",")))


def recombined(rows: list[Row], copies: int) -> Iterator[tuple[Row, str]]:
    """Every copy of `rows` (articles in COLUMNS order), with the id of the article whose
    story it joins."""
    count = len(rows)
    for k in range(1, copies):
        for i, row in enumerate(rows):
            j = (i * 7 + k * 7919) % count
            other = rows[(j + 1) % count if j == i else j]
            yield _copy(row, other, k), row[0]


def _copy(row: Row, other: Row, k: int) -> Row:
    """Copy `k` of the article `row`, its second halves from `other`."""
    aid, _, path, position, _, source, published, title, body, actors, meta = row
    new_id, new_path = f"{aid}-c{k}", f"{path}~c{k}"
    new_title = _halves(title or "", other[7] or "", " ")
    new_body = _halves(body or "", other[8] or "", "\n\n")
    names = dict.fromkeys((actors or "").split("\n") + (other[9] or "").split("\n"))
    data = json.loads(meta) if meta else {}
    data.update(id=new_id, title=new_title, path=new_path)
    key = hashlib.md5(f"{new_title}\n{new_body}".encode()).hexdigest()
    new_actors = "\n".join(name for name in names if name)
    return (new_id, new_id, new_path, position, key, source, published, new_title, new_body,
            new_actors, json.dumps(data))  # fmt: skip


def multiply(embedded: Path, archive_url: str, copies: int) -> int:
    """Copy every article of the embedded store at `embedded` and of the archive at
    `archive_url` (the same articles) `copies - 1` times; the articles each then holds."""
    import psycopg

    from reader.core.store import Store
    from reader.core.store.pg_store import ArchiveStore
    from reader.core.store_url import parse_store_url

    lite = sqlite3.connect(embedded)
    rows = lite.execute(f"SELECT {COLUMNS} FROM articles ORDER BY rowid").fetchall()
    stories = {r[0]: r for r in lite.execute(f"SELECT {STORY_COLUMNS} FROM story_articles")}
    made = list(recombined(rows, copies))
    joined = [(copy[0], *stories[aid][1:]) for copy, aid in made if aid in stories]
    with lite:
        lite.executemany(
            f"INSERT INTO articles ({COLUMNS}) VALUES ({_marks(COLUMNS)})", [c for c, _ in made]
        )
        lite.executemany(
            f"INSERT INTO story_articles ({STORY_COLUMNS}) VALUES ({_marks(STORY_COLUMNS)})", joined
        )
    lite.close()
    with psycopg.connect(archive_url, autocommit=True) as db:
        with db.cursor().copy(f"COPY articles ({COLUMNS}) FROM STDIN") as copy:
            for row, _ in made:
                copy.write_row(row)
        with db.cursor().copy(f"COPY story_articles ({STORY_COLUMNS}) FROM STDIN") as copy:
            for row in joined:
                copy.write_row(row)
        db.execute("VACUUM ANALYZE articles")
    with Store(embedded) as store:
        store.refresh_vocabulary()
    with ArchiveStore(parse_store_url(archive_url)) as store:
        store.refresh_vocabulary()
    return len(rows) * copies
