"""Who can be a speaker: person and organisation mentions, from entities or name patterns.

The entity recogniser gives the mentions when it finds them. Where it does not (or before
it exists), capitalised names are taken from the places where a speaker's name is almost
always written: after a title ("Defense Minister Oleksiy Reznikov", "Ms Hewitt") and right
next to a speech verb ("..., Kubela said"); a known name's surname alone is then a mention
of the same person.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from reader.core.model import Entity
from reader.core.nlp.cues import (
    CAPITALISED_HONORIFICS,
    FINITE_RE,
    INVERTED_VERBS,
    MODIFIERS,
    NOT_SPEAKERS,
    ORG_WORDS,
    SPEECH_PHRASES,
    SPEECH_VERBS,
    TITLES,
)
from reader.core.nlp.word_trie import first_chars, trie_alternation

TOKEN = re.compile(r"[\w’'.-]+")
_TITLE_WORDS = (TITLES - MODIFIERS) | CAPITALISED_HONORIFICS
AFTER_TITLE = re.compile(
    rf"(?<![\w.]){first_chars(_TITLE_WORDS)}(?:{trie_alternation(_TITLE_WORDS)})\s+"
    r"((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
)
SPEAKER_TYPES = ("person", "organization")
CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w-].)[\w’']*(?![\w’'-])")
"""A capitalised word, not inside another; the capital first, so the search skips to one."""
_CUE_WORDS = [*_TITLE_WORDS, *SPEECH_VERBS, *SPEECH_PHRASES]
_CUE_STARTS = re.compile(
    rf"[^0-9A-Z_a-z]{first_chars(_CUE_WORDS)}(?={trie_alternation(_CUE_WORDS)})"
)
"""Where a title before a name or a speech verb may begin (the match's end): where one of
their words begins after a character that is not an ASCII word character. Those take in every
character `\\W` matches and the search tests for one faster; the few places found inside a
word (after "é") are ruled out by `AFTER_TITLE` and `FINITE_RE` themselves."""
_INVERTED_VERBS = frozenset(INVERTED_VERBS)
_SPACE = re.compile(r"\s+")
_ACCORDING_TO = re.compile(r"according\s+to\s+")


@dataclass(slots=True)
class Mention:
    """A possible speaker at `start:end`; `name` is how it is written there (or its full
    form for a surname re-mention); `type` is "person", "organization" or "name" (unknown).
    Not frozen: a frozen dataclass takes about four times as long to make, and an article
    makes dozens of mentions."""

    start: int
    end: int
    name: str
    type: str


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def _is_token_char(char: str) -> bool:
    """What `TOKEN` matches one of."""
    return char.isalnum() or char in "_’'.-"


def clean_name(tokens: list[str]) -> str | None:
    """A speaker name from capitalised tokens: what follows the last title word, without
    honorifics or sentence-opening words ("But Foreign Minister Sergei Lavrov" -> "Sergei
    Lavrov"); None when nothing name-like is left."""
    # A title word that ends the run is a surname ("Angus King"), not a title.
    last_title = max((i for i, t in enumerate(tokens[:-1]) if t in TITLES), default=-1)
    kept = [
        t.rstrip(".,") if t not in CAPITALISED_HONORIFICS else t for t in tokens[last_title + 1 :]
    ]
    while kept and (kept[0] in NOT_SPEAKERS or kept[0] in CAPITALISED_HONORIFICS):
        kept = kept[1:]
    kept = [t for t in kept if t]
    # A headline in capitals run into the name ("FROM VENEZUELA Murad Awawdeh").
    shouted = [i for i in range(len(kept) - 1) if kept[i].isupper() and len(kept[i]) > 1]
    if shouted and not kept[-1].isupper():
        kept = kept[shouted[-1] + 1 :]
    if not kept or not all(_is_capitalised(t) for t in kept):
        return None
    name = " ".join(kept).removesuffix("’s").removesuffix("'s")
    return name if len(name) > 1 else None


def name_before(text: str, end: int, start: int) -> tuple[int, str] | None:
    """The name written just before `end` (not before `start`): capitalised tokens and the
    title words among them, read backwards. Returns (offset of the name, name)."""
    # Most words before a speech verb are no name ("he said"): the last one is looked at
    # first, without reading the others.
    first = end
    while first > start and _is_token_char(text[first - 1]):
        first -= 1
    if first == end or not (_is_capitalised(text[first:end]) or text[first:end] in TITLES):
        return None
    tokens = list(TOKEN.finditer(text, start, end))
    if not tokens or tokens[-1].end() != end:
        return None
    run: list[re.Match[str]] = []
    for token in reversed(tokens):
        word = token.group()
        if run and text[token.end() : run[-1].start()].strip():
            break  # punctuation between the words
        if _is_capitalised(word) or word in TITLES:
            run.append(token)
        else:
            break
    run.reverse()
    name = clean_name([t.group() for t in run])
    if name is None:
        return None
    return text.index(name.split()[0], run[0].start(), end), name


def name_after(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The name written from `start` on: title words and capitalised tokens, read forwards
    until the first other word or punctuation. Returns (offset of the name, name)."""
    run: list[re.Match[str]] = []
    for token in TOKEN.finditer(text, start, end):
        word = token.group()
        gap = text[(run[-1].end() if run else start) : token.start()]
        if gap.strip() or not (_is_capitalised(word) or word in TITLES):
            break
        run.append(token)
        if word.endswith(".") and word not in CAPITALISED_HONORIFICS and word not in TITLES:
            break  # a sentence ends after this name
    if not run:
        return None
    name = clean_name([t.group() for t in run])
    if name is None:
        return None
    return text.index(name.split()[0], run[0].start(), end), name


def speaker_cues(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The names after titles (the spans of `AFTER_TITLE`'s group) and the speech verbs (the
    spans of `FINITE_RE`'s matches) in `text`, each as its own `finditer` gives them: each
    pattern tried only where one of their words begins, found in one pass over the text,
    rather than each trying every position."""
    titles: list[tuple[int, int]] = []
    verbs: list[tuple[int, int]] = []
    title_end = verb_end = 0
    for start in chain((0,), (match.end() for match in _CUE_STARTS.finditer(text))):
        if start >= title_end and (title := AFTER_TITLE.match(text, start)):
            titles.append(title.span(1))
            title_end = title.end()
        if start >= verb_end and (verb := FINITE_RE.match(text, start)):
            verbs.append(verb.span())
            verb_end = verb.end()
    return titles, verbs


def inverted_ends(text: str, verbs: list[tuple[int, int]]) -> list[int]:
    """Where the matches of `cues.INVERTED_RE` in `text` end ("said ", "according to "),
    from `verbs`, the spans of `FINITE_RE`'s matches there: every inverted verb is a finite
    one (and begins no speech phrase), so only "according to" is searched for, a literal the
    search skips to, rather than every word start tried again."""
    found = [
        (start, space.end())
        for start, end in verbs
        if text[start:end] in _INVERTED_VERBS and (space := _SPACE.match(text, end))
    ]
    found += [match.span() for match in _ACCORDING_TO.finditer(text)]
    return [end for _, end in sorted(found)]


def entity_mention(entity: Entity) -> Mention | None:
    """A speaker candidate from an entity (see `speaker_name`)."""
    named = speaker_name(entity.text, entity.type)
    return Mention(entity.start, entity.end, *named) if named is not None else None


@lru_cache(maxsize=8192)
def speaker_name(text: str, kind: str) -> tuple[str, str] | None:
    """The name and type of a speaker an entity's `text` of type `kind` is: named without the
    title in front of it ("Senate Majority Leader Mitch McConnell" -> "Mitch McConnell") or
    the place after it ("Angus King of Maine"); None for a pronoun taken for a name. Cached:
    the same names come back within an article and across articles."""
    if text in NOT_SPEAKERS:
        return None
    words = text.split(" of ")[0] if kind == "person" else text
    tokens = words.split()
    if not tokens:
        return None
    titled = any(t in TITLES and t not in MODIFIERS for t in tokens[:-1])
    if kind == "organization" and not (titled and tokens[-1] not in ORG_WORDS):
        return text, kind
    return clean_name(tokens) or text, "person"


def find_mentions(masked: str, entities: list[Entity]) -> list[Mention]:
    """Speaker candidates in `masked` (the text with quotations blanked out), sorted."""
    mentions = [
        mention
        for e in entities
        if e.type in SPEAKER_TYPES and masked[e.start : e.end] == e.text
        if (mention := entity_mention(e)) is not None
    ]
    covered = bytearray(len(masked))
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    found: list[Mention] = []

    def add(start: int, name: str, kind: str, full_name: str | None = None) -> None:
        end = start + len(name)
        if not any(covered[start:end]):
            found.append(Mention(start, end, full_name or name, kind))
            covered[start:end] = b"\x01" * (end - start)

    titles, verbs = speaker_cues(masked)
    for name_start, name_end in titles:
        named = name_after(masked, name_start, name_end)
        if named and named[1].split()[-1] not in ORG_WORDS:
            add(*named, "person")
    for start, _ in verbs:
        # A name kept ends just before the space before the verb: one written there already
        # (most are: "Peskov said") is not read again.
        if start > 1 and covered[start - 2]:
            continue
        named = name_before(masked, start - 1, max(0, start - 80))
        if named and masked[named[0] + len(named[1]) : start].isspace():
            add(*named, "name")
    for end in inverted_ends(masked, verbs):
        named = name_after(masked, end, min(len(masked), end + 80))
        if named:
            add(*named, "name")
    full_names = {
        m.name.split()[-1]: m.name for m in mentions + found if m.type == "person" and " " in m.name
    }
    for start, word in written_alone(masked, full_names):
        add(start, word, "person", full_names[word])
    return sorted(mentions + found, key=lambda m: m.start)


def written_alone(text: str, words: Collection[str]) -> list[tuple[int, str]]:
    """The matches of `CAPITALISED_WORD` in `text` that are one of `words`, as (start, word)
    in order: each word searched for (a search that skips to it), rather than every
    capitalised word of the text read. One right after an apostrophe might lie inside a word
    that `CAPITALISED_WORD` finds first ("O’Brien" for "Brien"): then every one is read."""
    places = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            match = CAPITALISED_WORD.match(text, at)
            if match and match.end() == at + len(word):
                if at and text[at - 1] in "’'":
                    found = CAPITALISED_WORD.finditer(text)
                    return [(m.start(), m[0]) for m in found if m[0] in words]
                places.append((at, word))
            at = text.find(word, at + 1)
    return sorted(places)
