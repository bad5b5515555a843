"""A line's tokens: the plain lower-case word matched first changes no token."""

import re

from reader.core.nlp import entity_tokens
from reader.core.nlp.entity_tokens import Line

_TRICKY = (
    "mr. mr Mr. mrs.Smith u.s. the U.S. a. b.c a.b. don't it's co-op co-Op x&y rock'n'roll "
    "abc_def abc2 naïve café e.g. i.e. st. jr. ’s the’s o’clock e-mail e- a-1 abc- x' x’ "
    "J. Smith, J.Smith j. smith pres.Obama sens. reps.x 12.5 4-3 £5 the.end end. z"
)


def test_the_lower_case_word_is_matched_as_the_general_patterns_do():
    without = re.compile(
        entity_tokens._TOKEN.pattern.replace(r"(?P<lower>[a-z]+(?![\w&.'’-]))|", "")
    )
    assert without.pattern != entity_tokens._TOKEN.pattern
    for text in (_TRICKY, _TRICKY.upper(), _TRICKY.replace(" ", "")):
        before = [(m.span(), m.lastgroup) for m in without.finditer(text)]
        line = Line(text, 0)
        assert [((t.start, t.end), t.kind) for t in line.all()] == before
        words = [text[a:b] for (a, b), kind in before if kind in entity_tokens.WORDS]
        assert line.words() == words
