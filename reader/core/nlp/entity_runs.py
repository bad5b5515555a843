"""Where a line's candidate names are: the runs of capitalised words in a mixed-case line,
and whether a line is ALL-CAPS or Title Case (then its capitals say nothing about names)."""

from __future__ import annotations

from reader.core.nlp import cues
from reader.core.nlp.entity_parts import inner_list, inner_place, name_like
from reader.core.nlp.entity_tokens import Line, Token
from reader.core.nlp.gazetteer import Gazetteer, gazetteer

_CAPS_LINE_SHARE = 0.6
_TITLE_CASE_WORDS = 3


def is_caps_line(line: Line) -> bool:
    """An ALL-CAPS line, or a Title Case headline: capitals there say nothing about names."""
    words = line.words()
    if not words:
        return False
    least = max(1, _CAPS_LINE_SHARE * len(words))
    # Words in capitals are counted only if as many words are upper case at all.
    if sum(map(str.isupper, words)) >= least:
        caps = sum(1 for word in words if word.isupper() and len(word) > 1)
        if caps >= least:
            return True
    # Title Case: no lower-case content word, and a capitalised small word inside ("After").
    if any(word[0].islower() and word.lower() not in cues.FUNCTION_WORDS for word in words):
        return False
    content = [word for word in words if word.lower() not in cues.FUNCTION_WORDS]
    return len(content) >= _TITLE_CASE_WORDS and any(
        word.lower() in cues.TITLE_SMALL_WORDS and word[0].isupper() for word in words[1:]
    )


def runs(line: Line) -> list[list[Token]]:
    """Maximal runs of capitalised tokens, with the connectors that may sit inside names.

    Only the capitalised tokens and those just after a run are looked at: the others can
    neither start a run nor join one.
    """
    found: list[list[Token]] = []
    run: list[Token] = []
    for token in line.capitalised():
        if token.lower in cues.CALENDAR_WORDS:
            continue
        if run and run[-1].index + 1 < token.index:
            run = _carry(line, run, found, token.index)
        if run and run[-1].text.endswith(".") and token.lower in cues.FUNCTION_WORDS:
            token.initial = True  # "... the U.S.S.R. In 2005": a new sentence
            found.append(run)
            run = []
        if run and token.start - run[-1].end > 1:
            found.append(run)
            run = []
        run.append(token)
    run = _carry(line, run, found, len(line))
    if run:
        found.append(run)
    return [trim(r) for r in found]


def _carry(line: Line, run: list[Token], found: list[list[Token]], stop: int) -> list[Token]:
    """`run` with the tokens before index `stop` that join it; if one does not, the run is
    closed (added to `found`) and the next one starts empty."""
    at = run[-1].index + 1 if run else stop
    while run and at < stop:
        if _joins_at(line, run, at):
            run.append(line[at])
            at += 1
        else:
            found.append(run)
            run = []
    return run


def _joins_at(line: Line, run: list[Token], index: int) -> bool:
    """The token at `index` (not capitalised) sits inside the name `run` starts: a connector
    with a capitalised word after it."""
    return (
        index + 1 < len(line.texts)
        and line.is_capitalised(index + 1)
        and (
            _joins(run, line[index])
            or inner_list(run, line, index)
            or inner_place(run, line, index)
        )
    )


def _joins(run: list[Token], token: Token) -> bool:
    if token.text == "&":
        return True
    if token.lower in ("for", "on") and run[-1].lower in cues.ORG_OF_HEADS:
        return True  # "Organisation for Security", "Commission on Presidential Debates"
    if token.kind != "word" or token.lower not in cues.NAME_CONNECTORS:
        return False
    if token.lower == "of":
        head = run[-1].lower
        if head in cues.TITLE_HEADS and is_surname(gazetteer(), run, len(run) - 1):
            return False  # "Angus King of Maine": a person from a place
        return head in cues.ORG_OF_HEADS or head in cues.PLACE_OF_HEADS or head in cues.TITLE_HEADS
    return True


def is_surname(lists: Gazetteer, tokens: list[Token], index: int) -> bool:
    """A title word that ends a name after a first name is a surname: "Angus King", "Rep.
    Peter King", "Angus King of Maine" (but "French President Emmanuel Macron" is a title)."""
    if index == 0 or not (index == len(tokens) - 1 or tokens[index + 1].lower == "of"):
        return False
    before = tokens[index - 1]
    return (
        before.lower in lists.first_names
        and before.lower not in cues.TITLE_HEADS
        and name_like(lists, before)
    )


def trim(run: list[Token]) -> list[Token]:
    while run and not run[-1].capitalised:
        run = run[:-1]
    return run
