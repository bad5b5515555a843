"""The quote finder's shortcuts give what the plain way gives: the masked text, titles and
speech verbs found in one pass, the inverted verbs taken from the finite ones rather than
searched for again, and a statement told from its first words."""

from __future__ import annotations

import re

from reader.core.nlp.cues import FINITE_RE, INVERTED_RE
from reader.core.nlp.mentions import (
    AFTER_TITLE,
    CAPITALISED_WORD,
    inverted_ends,
    speaker_cues,
    written_alone,
)
from reader.core.nlp.quote_marks import find_quote_spans, mask_quotes
from reader.core.nlp.quotes import MIN_WORDS, TITLE_GLUE, WORD, is_statement

TEXT = """\
“We will not,” said Dmitry Peskov. “Never,” added the spokesman, according to  TASS.
"It is over.\nDone?" he asked. Kubela said: "Yes!" and "no" -- said  Kubela, "maybe
She went on, "no."\r\n  Reports said\tthat accordingto sources, “unclosed said
“Why?” asked Psaki; accordingly, he wrote.  said  saidx  resaid  noted\u00a0Ms Quill
Foreign Minister Sergei Lavrov told. Deputy Press Secretary Karine Jean-Pierre said, Sen. Tim
Kaine (D-Va.) said; Mr. Smith. Dr.Who, ex-President Trump said Mr Jones went on. spokesman
Ned Price, Gen.  Mark Milley,President Biden and Prime Minister Sunak released a statement.
"""


def test_masking_blanks_the_quoted_words_but_their_final_stop_and_line_breaks():
    spans = find_quote_spans(TEXT)
    chars = list(TEXT)
    for span in spans:
        chars[span.start : span.end] = re.sub(r"[^\n]", " ", TEXT[span.start : span.end])
        if TEXT[span.end - 1] in ".?!":
            chars[span.end - 1] = TEXT[span.end - 1]
    assert len(spans) > 5
    assert mask_quotes(TEXT, spans) == "".join(chars)


def test_titles_and_speech_verbs_are_what_their_own_searches_find():
    masked = mask_quotes(TEXT, find_quote_spans(TEXT))
    # Places inside words ("ésaid", "_Mr Jones") are found too, and ruled out by the patterns.
    inside_words = (
        "ésaid Éclair said, éMs Quill",
        "_said 9told Mr Jo _Mr Jones",
        "«Dr Who» said",
    )
    for text in (TEXT, masked, "President Biden said", "said Kubela", "Sa", "", *inside_words):
        titles, verbs = speaker_cues(text)
        assert len(titles) >= 8 or len(text) < 30
        assert titles == [match.span(1) for match in AFTER_TITLE.finditer(text)]
        assert verbs == [match.span() for match in FINITE_RE.finditer(text)]


def test_inverted_verbs_are_the_inverted_regex_matches():
    for text in (TEXT, mask_quotes(TEXT, find_quote_spans(TEXT))):
        expected = [match.end() for match in INVERTED_RE.finditer(text)]
        assert len(expected) >= 5
        assert inverted_ends(text, speaker_cues(text)[1]) == expected


def test_surnames_written_alone_are_the_capitalised_words_found_among_them():
    words = {"Brien", "O’Brien", "Li", "Lin", "Peskov", "x"}
    texts = [
        TEXT,
        "Peskov said.Peskov, -Peskov _Peskov Peskovs Peskov’s Li Lin Lin Li LiLin",
        "Brien O’Brien, then Brien",  # after an apostrophe: inside "O’Brien", so not found
        "x’Brien d’Brien Brien-Smith Brien' Brien",
        "",
    ]
    for text in texts:
        expected = [(m.start(), m[0]) for m in CAPITALISED_WORD.finditer(text) if m[0] in words]
        assert written_alone(text, words) == expected


def test_a_statement_is_told_from_its_first_words_as_from_all_of_them():
    def plain(words: str) -> bool:
        found = WORD.findall(words)
        titled = all(w[:1].isupper() or w[:1].isdigit() or w in TITLE_GLUE for w in found)
        return len(found) >= MIN_WORDS and not titled

    quotes = ["My Body, My Data Act", "America’s News HQ", "in principle", "We will not", ""]
    quotes += ["of the", "Act of the 2 Days", "It is over", "A B c", "A b", "the end of it"]
    for words in quotes:
        assert is_statement(words) == plain(words), words
