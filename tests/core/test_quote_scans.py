"""The quote finder's shortcuts give what the plain way gives: the masked text, and the
inverted speech verbs taken from the finite ones rather than searched for again."""

from __future__ import annotations

import re

from reader.core.nlp.cues import FINITE_RE, INVERTED_RE
from reader.core.nlp.mentions import inverted_ends
from reader.core.nlp.quote_marks import find_quote_spans, mask_quotes

TEXT = """\
“We will not,” said Dmitry Peskov. “Never,” added the spokesman, according to  TASS.
"It is over.\nDone?" he asked. Kubela said: "Yes!" and "no" -- said  Kubela, "maybe
She went on, "no."\r\n  Reports said\tthat accordingto sources, “unclosed said
“Why?” asked Psaki; accordingly, he wrote.  said  saidx  resaid  noted\u00a0Ms Quill
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


def test_inverted_verbs_are_the_inverted_regex_matches():
    for text in (TEXT, mask_quotes(TEXT, find_quote_spans(TEXT))):
        expected = [match.end() for match in INVERTED_RE.finditer(text)]
        assert len(expected) >= 5
        assert inverted_ends(text, list(FINITE_RE.finditer(text))) == expected
