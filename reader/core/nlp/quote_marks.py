"""Where the direct quotations of a text are: pairing quote marks paragraph by paragraph.

Only double quote marks open and close quotations: straight `"` and curly `“ ”` (and `« »`).
Single marks are left alone because `’` is far more often an apostrophe ("Russia’s",
"It’s") than a quote mark. Each paragraph is paired on its own, so an unclosed quote ends
at the end of its paragraph and an odd number of marks never spills into the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.nlp.segments import paragraph_bounds

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = re.compile(r"[\"“”«»„]")
# Characters after which a straight quote opens, and before which one closes.
OPEN_BEFORE = set(" \t\n([{—–-/")
CLOSE_AFTER = set(" \t\n)]}.,;:!?—–-/…")


@dataclass(slots=True)
class QuoteSpan:
    """One quotation: `open`/`close` are the offsets of its marks (`close` = None if unclosed),
    `start`/`end` its words, without the marks."""

    open: int
    close: int | None
    start: int
    end: int
    paragraph: int


def _role(text: str, index: int, start: int, end: int) -> str:
    """How a mark at `index` can act: "open", "close" or "either" (for a straight quote)."""
    mark = text[index]
    if mark in OPENING:
        return "open"
    if mark in CLOSING:
        before = text[index - 1] if index > start else " "
        after = text[index + 1] if index + 1 < end else " "
        # A closing mark used as an opening one (` ”Hello`) still opens.
        if before.isspace() and not after.isspace():
            return "either"
        return "close"
    before = text[index - 1] if index > start else " "
    after = text[index + 1] if index + 1 < end else " "
    opens, closes = before in OPEN_BEFORE, after in CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _span(text: str, open_at: int, close_at: int | None, limit: int, paragraph: int):
    """The quote's words between its marks, without surrounding spaces or a trailing comma."""
    start, end = open_at + 1, close_at if close_at is not None else limit
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return QuoteSpan(open_at, close_at, start, end, paragraph)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in `text`, in order; none crosses a paragraph boundary.

    A mark that can only open, met while a quote is open, ends that quote just before it
    and starts a new one: this is how an unclosed quote followed by another one is read
    (and how BBC-style quotes that reopen every sentence come out as one per sentence).
    A closing mark with no open quote is a stray and is ignored.
    """
    spans: list[QuoteSpan] = []
    for number, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        open_at: int | None = None
        for match in MARKS.finditer(text, p_start, p_end):
            index = match.start()
            role = _role(text, index, p_start, p_end)
            if open_at is None:
                if role != "close":
                    open_at = index
            elif role == "open":
                spans.append(_span(text, open_at, None, index, number))
                open_at = index
            else:
                spans.append(_span(text, open_at, index, index, number))
                open_at = None
        if open_at is not None:
            spans.append(_span(text, open_at, None, p_end, number))
    return [span for span in spans if span.end > span.start]


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """`text` with each quotation's words blanked out (same length, offsets unchanged).

    A quote's final `.`, `?` or `!` is kept so that sentence splitting still sees a quote
    that ends a sentence; commas and periods inside quotes no longer split anything. Line
    breaks are kept too. `spans` are in order and do not overlap (as `find_quote_spans` gives
    them), so the text is copied once, piece by piece.
    """
    parts: list[str] = []
    position = 0
    for span in spans:
        words = text[span.start : span.end]
        kept = words[-1] if words[-1] in ".?!" else ""
        blank = "\n".join(" " * len(line) for line in words[: len(words) - len(kept)].split("\n"))
        parts += (text[position : span.start], blank, kept)
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
