"""Paragraphs, sentences and the bounded pieces a long text is analysed in."""

import random
import re

from reader.core import analysis
from reader.core.analysis import analyze
from reader.core.nlp.segments import ABBREVIATION, paragraph_bounds, pieces, sentence_bounds

PARAGRAPH = (
    "Vladimir Putin met Joe Biden in Geneva on Monday. "
    '"We talked about many things there," Mr. Putin said. '
    "The U.S. President left for Paris on June 17, 2021."
)


def test_paragraphs_are_separated_by_blank_lines_with_or_without_spaces():
    text = "One.\n\nTwo.\n \t\nThree.\nStill three."
    assert [text[s:e] for s, e in paragraph_bounds(text)] == [
        "One.",
        "Two.",
        "Three.\nStill three.",
    ]


def test_sentences_keep_their_closing_quote_and_skip_abbreviations():
    text = 'He said "no." Mr. Smith left the U.S. on Feb. 3. Then he wrote.'
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        'He said "no." ',
        "Mr. Smith left the U.S. on Feb. 3. ",
        "Then he wrote.",
    ]


def test_pieces_cover_the_text_within_the_limit_cut_at_sentence_ends():
    text = " ".join([PARAGRAPH] * 200)  # one long line, no paragraph break
    cuts = list(pieces(text, 1000))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in zip(cuts, cuts[1:], strict=False))
    assert all(end - start <= 1000 for start, end in cuts)
    assert all(text[end - 2 : end] in (". ", '" ') for _, end in cuts[:-1])


def test_pieces_prefer_paragraph_breaks_and_cut_a_text_with_no_space_at_the_limit():
    text = "\n\n".join([PARAGRAPH] * 40)
    assert all(text[end - 2 : end] == "\n\n" for _, end in list(pieces(text, 1000))[:-1])
    assert list(pieces("x" * 2500, 1000)) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_a_text_over_the_bound_is_analysed_piece_by_piece_at_true_offsets(monkeypatch):
    text = "\n\n".join([PARAGRAPH] * 30)
    whole = analyze(text, "2021-06-14")
    monkeypatch.setattr(analysis, "MAX_PIECE_CHARS", 1000)
    cut = analyze(text, "2021-06-14")
    for found in (cut.entities, cut.timexes, cut.quotes):
        assert found and all(text[f.start : f.end] == f.text for f in found)
    assert [(t.start, t.value) for t in cut.timexes] == [(t.start, t.value) for t in whole.timexes]
    assert [(e.start, e.type) for e in cut.entities] == [(e.start, e.type) for e in whole.entities]
    assert len(cut.quotes) == len(whole.quotes) == 30


def test_an_abbreviation_is_found_from_its_stop_as_a_search_before_it_finds_it():
    plain = re.compile(
        r"(?:\b[A-Z]\.|\b[a-z]\.[a-z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|"
        r"Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|Inc|Corp|Co|Ltd)\.)$"
    )
    words = ["Mr", "Mrs", "Sept", "Sep", "U", "S", "p", "m", "xMr", "é", "_", "1", "Corp", "A"]
    rng = random.Random(19)
    for _ in range(3000):
        text = "".join(
            rng.choice([*words, ".", " ", "", "\n", "?"]) for _ in range(rng.randint(1, 9))
        )
        for at in (i for i, char in enumerate(text) if char == "."):
            found = plain.search(text, max(0, at - 12), at + 1) is not None
            assert (ABBREVIATION.match(text, at) is not None) == found, (text, at)
