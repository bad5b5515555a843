"""Plain text as scraped from the web: headline, dates, section, URL, outlet, clean body."""

from __future__ import annotations

from pathlib import Path

from reader.core.ingest import read_file
from reader.core.ingest.clean import more_words, strip_markup
from reader.core.ingest.dates import find_date, normalise

SCRAPED = """Skip to main content

World

Storm Closes Harbour as Ferries Halt

March 3, 2023 4:05pm

Updated: March 3, 2023 6:30pm

Port Authority / flickr

The harbour was closed on Friday after [officials](#) warned of waves.

The mayor said the city would reopen the port once the wind "drops

below gale force.”

Related article: [Ferries halted across the coast](#)

Crews worked through the night.

Original url:

<https://www.theguardian.com/world/2023/mar/03/storm-harbour>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_scraped_page_metadata(tmp_path: Path) -> None:
    (article,) = read_file(write(tmp_path, "storm.txt", SCRAPED))
    assert article.id == "storm"
    assert article.title == "Storm Closes Harbour as Ferries Halt"
    assert article.section == "World"
    assert article.published == "2023-03-03T16:05"
    assert article.updated == "2023-03-03T18:30"
    assert article.url == "https://www.theguardian.com/world/2023/mar/03/storm-harbour"
    assert article.source == "The Guardian"


def test_scraped_page_body_is_clean(tmp_path: Path) -> None:
    (article,) = read_file(write(tmp_path, "storm.txt", SCRAPED))
    assert article.paragraphs == [
        "The harbour was closed on Friday after officials warned of waves.",
        'The mayor said the city would reopen the port once the wind "drops below gale force.”',
        "Crews worked through the night.",
    ]


def test_unknown_domain_gives_domain_and_no_url_gives_no_source(tmp_path: Path) -> None:
    page = "A Headline Here\n\nJune 1, 2021\n\nBody text.\n\nOriginal url: <https://news.example.org/a>"
    (article,) = read_file(write(tmp_path, "a.txt", page))
    assert article.source == "example.org"  # the domain an outlet registers
    assert article.published == "2021-06-01"
    page = "Skip to main content\n\nPolitics\n\nA headline"
    (article,) = read_file(write(tmp_path, "b.txt", page))
    assert article.source is None
    assert article.title == "A headline"
    assert article.section == "Politics"


def test_first_line_title_without_date(tmp_path: Path) -> None:
    page = "Chelsea sack striker\n\nThe club have sacked their striker.\n\nHe denied it."
    (article,) = read_file(write(tmp_path, "001.txt", page))
    assert article.title == "Chelsea sack striker"
    assert article.section is None and article.published is None
    assert article.paragraphs == ["The club have sacked their striker.", "He denied it."]


def test_short_lowercase_headline_is_not_a_section(tmp_path: Path) -> None:
    page = "Prime minister's questions\n\nSo who is playing politics?\n\nMr Howard said so."
    (article,) = read_file(write(tmp_path, "q.txt", page))
    assert article.title == "Prime minister's questions"
    assert article.section is None


def test_encodings(tmp_path: Path) -> None:
    latin1 = write(tmp_path, "l.txt", "Price rise\n\nA £15m deal for the café.\n".encode("latin-1"))
    assert read_file(latin1)[0].paragraphs == ["A £15m deal for the café."]
    bom = write(tmp_path, "b.txt", b"\xef\xbb\xbfTitle with BOM\n\nBody.\r\n")
    assert read_file(bom)[0].title == "Title with BOM"
    utf16 = write(tmp_path, "u.txt", "Título\n\nCorpo do artigo.".encode("utf-16"))
    assert read_file(utf16)[0].title == "Título"


def test_dates() -> None:
    assert find_date("February 21, 2022 9:14am")[0] == "2022-02-21T09:14"
    assert find_date("Feb. 21, 2022 12:57 p.m. ET")[0] == "2022-02-21T12:57"
    assert find_date("21 February 2022 00:05")[0] == "2022-02-21T00:05"
    assert find_date("Monday, February 21, 2022")[0] == "2022-02-21"
    assert find_date("February 30, 2022") is None
    assert normalise("2022-02-21T09:14:00Z") == "2022-02-21T09:14"
    assert normalise("2022-02-21") == "2022-02-21"
    assert normalise("not a date") is None


def test_byline_with_date_and_photo_caption(tmp_path: Path) -> None:
    page = (
        "Rivers Rise After Week of Rain\n\nBy Jane Doe | Mar. 3, 2023, 4:05 PM ET\n\n"
        "(Photo by John Roe/Getty Images)\n\nThe river rose two metres overnight."
    )
    (article,) = read_file(write(tmp_path, "r.txt", page))
    assert (article.author, article.published) == ("Jane Doe", "2023-03-03T16:05")
    assert article.paragraphs == ["The river rose two metres overnight."]


def test_prose_without_headline_keeps_its_first_paragraph(tmp_path: Path) -> None:
    first = "The council met on Monday and agreed, after a long and often bitter debate " * 3
    (article,) = read_file(write(tmp_path, "p.txt", f"{first.strip()}.\n\nSecond paragraph."))
    assert article.title.endswith("…") and len(article.title.split()) == 12
    assert article.paragraphs == [f"{first.strip()}.", "Second paragraph."]


def test_more_words_counts_as_splitting_would() -> None:
    for text in ("", " ", "one", "one two", " one\ttwo\u2028three \n", "a " * 12, "a " * 13):
        for most in (1, 2, 3, 12):
            assert more_words(text, most) == (len(text.split()) > most), (text, most)


def test_markup_taken_out_leaves_words_one_space_apart() -> None:
    assert strip_markup("A ![photo](x.jpg) river [rose](http://x) fast") == "A river rose fast"
    assert strip_markup("No markup here") == "No markup here"
