"""Direct quotations and their speakers.

What counts as a quote: the words between double quote marks (see quote_marks) with at
least MIN_WORDS words, not all of them capitalised (that is the title of a show or a bill).
Shorter ones are scare quotes or single-word labels ("premature", "peacekeepers", "in
principle"): they are not statements a reader of the actor panel wants to see, so they are
left out. Partial quotes of a sentence ("is certainly not in the plans") are statements and
are kept.

The speaker (see attribution) is the name as written in the text, in its fullest form in the
article; the corpus maps it to the canonical actor. It is None when nothing in the text says
who spoke.
"""

from __future__ import annotations

import re

from reader.core.model import Entity, Quote
from reader.core.nlp.attribution import Document, attribute
from reader.core.nlp.quote_marks import find_quote_spans

MIN_WORDS = 3
WORD = re.compile(r"\w+(?:[’'.-]\w+)*")


TITLE_GLUE = {"of", "the", "a", "an", "and", "for", "in", "on", "to", "&"}


def is_statement(words: str) -> bool:
    """True when a quotation is a statement: long enough to be more than a scare quote, and
    not a title in capitals ("My Body, My Data Act", "America’s News HQ"). Read a word at a
    time, until both are known: most quotes tell within their first words."""
    count, titled = 0, True
    for match in WORD.finditer(words):
        word = match[0]
        count += 1
        titled = titled and (word[:1].isupper() or word[:1].isdigit() or word in TITLE_GLUE)
        if count >= MIN_WORDS and not titled:
            return True
    return False


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Quotes in `text`; speakers are names as written in the article (resolved later).

    Offsets point at the quoted words, without the quote marks; `entities` (person and
    organisation spans) supply the speakers, with name patterns as a fallback.
    """
    spans = find_quote_spans(text)
    if not spans:
        return []
    speakers = attribute(Document(text, spans, entities))
    return [
        Quote(span.start, span.end, text[span.start : span.end], speaker)
        for span, speaker in zip(spans, speakers, strict=True)
        if is_statement(text[span.start : span.end])
    ]
