"""Named entity recognition by rules: capitalisation finds candidates, cues and lists type them.

The default recogniser is deterministic and needs no model. It works line by line:

1. Mixed-case lines: runs of capitalised words (joined by "de", "van", "of" after an
   organisation or place word, "&") are candidates. A leading sentence-initial function word
   ("The", "Since") is dropped; a leading title ("Foreign Minister", "Kremlin spokesman",
   "Mr.") marks what follows as a person, and the places and groups inside the title are
   entities of their own. Lists (places, demonyms, first names, known institutions) and
   suffixes ("Department", "Sea") type the rest.
2. The document's own findings then settle what is still open: once "Vladimir Putin" is a
   person, "Putin" and "Biden-Putin" are people too; an unknown two-word name whose last
   word recurs alone is a person; a lone sentence-initial word that is nothing known
   ("Currently") is dropped unless a speech verb follows ("Peskov said").
3. ALL-CAPS and Title Case stretches (headlines, datelines) carry no case signal, so only
   names already known from the document or from the lists are taken from them.
4. In a sports report a bare city names its club ("Leeds beat Chelsea"), except in a
   dateline or after "in"/"at".
What nothing decides falls back to the `_DEFAULT_*` types below, chosen on CoNLL-2003
train/valid (see benchmarks/conll.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from reader.core.model import Entity
from reader.core.nlp import cues
from reader.core.nlp.gazetteer import Gazetteer, gazetteer


class EntityRecognizer(Protocol):
    """Anything that finds entity spans in a text; a model-based backend can plug in here."""

    def __call__(self, text: str) -> list[Entity]: ...


_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<initial>[A-Z]\.)(?=\s+[A-Z])"
    r"|(?P<word>[^\W\d_][\w&]*(?:-[^\W_][\w&]*|['’](?!(?:s|m|ll|re|ve|d|t)\b)[^\W\d_][\w&]*)*)"
    r"|(?P<poss>['’]s\b)"
    r"|(?P<num>\d[\w.,:/-]*)"
    r"|(?P<punct>[^\s\w])"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col capt sgt jr sr inc corp co ltd prof rev mt ft "
    "maj adm cmdr supt det insp pres sec amb atty sens reps".split()
)
_SENTENCE_ENDS = frozenset(".!?:;“‘([•*|")
_SPEECH_VERBS = frozenset(
    "said says told added explained announced stated warned wrote asked replied argued "
    "insisted noted declared tweeted urged claimed".split()
)
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z]")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}s?$")
_WORDS = frozenset(("word", "abbr", "initial"))
_SPORTS_WORDS = re.compile(
    r"\b(?:soccer|football|baseball|basketball|cricket|tennis|golf|rugby|hockey|league|"
    r"cup|match|goals?|scored|innings|wickets?|half-?time|striker|midfielder|goalkeeper|"
    r"pitcher|inning|semi-?finals?|quarter-?finals?|season|championship|tournament|"
    r"beat|defeated|drew|standings|playoffs?|relegat\w+|coach|squad|"
    r"referee|olympics?|medals?|athletes?|fixtures?|stadium)\b",
    re.IGNORECASE,
)
_SPORTS_WINDOW = 3000
_SPORTS_MIN = 4
_MODEL_NUMBER = re.compile(r" \d[\w.-]* [a-z]")
"""A name followed by a number and a noun is a product: "Nord Stream 2 pipeline"."""
_DATELINE = re.compile(
    r"[ ,]+(?:\d{4}-\d\d-\d\d|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2}\b|\((?:AP|AFP|Reuters)\))"
)
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|to|of|outside|around|via)\s+$", re.IGNORECASE)
_CAPS_LINE_SHARE = 0.6
_TITLE_CASE_WORDS = 3
_TITLE_CASE_RUN = 4
_NAME_SMALL_WORDS = frozenset(("of", "and", "the"))
"""Small words that do sit inside long names ("Bank of the Philippine Islands")."""
_NAME_PREFIXES = re.compile(r"(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von|St)[A-Z]")
# How an unknown capitalised run is typed when nothing else decides: several words,
# one word, or two or three words that could be a person's name.
_DEFAULT_MULTI = "organization"
_DEFAULT_SINGLE = "other"
_DEFAULT_NAME = "other"


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    kind: str
    initial: bool = False
    lower: str = ""
    capitalised: bool = False

    def __post_init__(self) -> None:
        self._derive()

    def _derive(self) -> None:
        """Cache what every rule asks of a token (the recogniser's hot path)."""
        self.lower = self.text.lower()
        self.capitalised = self.kind in _WORDS and self.text[0].isupper()


@dataclass(slots=True)
class _Candidate:
    tokens: list[_Token]
    type: str | None = None
    initial: bool = False
    person_cue: bool = False
    speaks: bool = False
    """Followed by a speech verb: "Peskov said"."""

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(slots=True)
class _Document:
    text: str
    lists: Gazetteer
    found: list[_Candidate] = field(default_factory=list)
    known: dict[str, str] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    headlines: list[list[_Token]] = field(default_factory=list)
    """ALL-CAPS and Title Case stretches: only names known elsewhere are taken from them."""
    sports: bool = False


def _tokens(text: str, offset: int) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        start, end = match.start() + offset, match.end() + offset
        if kind == "punct" and match.group() == "." and tokens:
            last = tokens[-1]
            if last.end == start and last.kind == "word" and last.lower in _ABBREVIATIONS:
                last.end += 1
                last.text += "."
                last._derive()
                continue
        tokens.append(_Token(start, end, match.group(), kind))
    previous: _Token | None = None
    for token in tokens:
        token.initial = (
            previous is None
            or previous.text in _SENTENCE_ENDS
            or (previous.text == '"' and previous.end == token.start)
        )
        previous = token
    return tokens


def _is_caps_line(tokens: list[_Token]) -> bool:
    """An ALL-CAPS line, or a Title Case headline: capitals there say nothing about names."""
    words = [t for t in tokens if t.kind in _WORDS]
    if not words:
        return False
    caps = sum(1 for t in words if t.text.isupper() and len(t.text) > 1)
    if caps >= 1 and caps >= _CAPS_LINE_SHARE * len(words):
        return True
    # Title Case: no lower-case content word, and a capitalised small word inside ("After").
    content = [t for t in words if t.lower not in cues.FUNCTION_WORDS]
    lowered = sum(1 for t in content if t.text[0].islower())
    small_caps = sum(
        1 for t in words[1:] if t.lower in cues.TITLE_SMALL_WORDS and t.text[0].isupper()
    )
    return lowered == 0 and small_caps >= 1 and len(content) >= _TITLE_CASE_WORDS


def _is_title_case_run(run: list[_Token]) -> bool:
    """A headline inside running text: "Conservative Supreme Court Turn on Gay Rights After"."""
    return len(run) >= _TITLE_CASE_RUN and any(
        t.lower in cues.TITLE_SMALL_WORDS and t.lower not in _NAME_SMALL_WORDS for t in run[1:]
    )


def _runs(tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised tokens, with the connectors that may sit inside names."""
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    for index, token in enumerate(tokens):
        if token.capitalised and token.lower not in cues.CALENDAR_WORDS:
            if run and run[-1].text.endswith(".") and token.lower in cues.FUNCTION_WORDS:
                token.initial = True  # "... the U.S.S.R. In 2005": a new sentence
                runs.append(run)
                run = []
            if run and token.start - run[-1].end > 1:
                runs.append(run)
                run = []
            run.append(token)
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if run and following is not None and following.capitalised and _joins(run, token):
            run.append(token)
            continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [_trim(r) for r in runs]


def _joins(run: list[_Token], token: _Token) -> bool:
    if token.text == "&":
        return True
    if token.kind != "word" or token.lower not in cues.NAME_CONNECTORS:
        return False
    if token.lower == "of":
        head = run[-1].lower
        return head in cues.ORG_OF_HEADS or head in cues.PLACE_OF_HEADS or head in cues.TITLE_HEADS
    return True


def _trim(run: list[_Token]) -> list[_Token]:
    while run and not run[-1].capitalised:
        run = run[:-1]
    return run


def _lookup(lists: Gazetteer, name: str) -> str | None:
    if name in lists.organizations:
        return "organization"
    if name in lists.groups:
        return "group"
    if name in lists.places:
        return "place"
    return None


def _is_sports(text: str) -> bool:
    return len(_SPORTS_WORDS.findall(text, 0, _SPORTS_WINDOW)) >= _SPORTS_MIN


def _as_club(text: str, entity: Entity, lists: Gazetteer) -> Entity:
    """In sports reports a city standing alone names its club ("Leeds beat Chelsea 2-1").

    Countries stay places (national teams are reported under the country's name), and so
    does a city after a locative preposition ("in Leeds").
    """
    if entity.type != "place" or entity.text.lower() in lists.countries:
        return entity
    if _LOCATIVE.search(text, max(0, entity.start - 12), entity.start):
        return entity
    if _DATELINE.match(text, entity.end) and (entity.start == 0 or text[entity.start - 1] == "\n"):
        return entity
    return Entity(entity.start, entity.end, entity.text, "organization")


def _could_be_name(lists: Gazetteer, tokens: list[_Token]) -> bool:
    """Words that may be a person's name after a title ("Vladimir" is also a city)."""
    last = tokens[-1].lower
    return (
        all(
            t.kind in ("word", "initial")
            and not (t.kind == "word" and t.text.isupper())
            and t.lower not in lists.groups
            and t.lower not in cues.ORG_SUFFIXES
            for t in tokens
        )
        and last not in cues.ORG_SUFFIXES
        and last not in cues.PLACE_SUFFIXES
        and last not in cues.EVENT_SUFFIXES
    )


def _name_like(lists: Gazetteer, token: _Token, first: bool = True) -> bool:
    """A word that could be part of a person's name: not a place, group or institution word.

    Only a first word is checked against function words: "Theresa May" is a name.
    """
    low = token.lower
    return (
        token.kind == "word"
        and not token.text.isupper()
        and (token.text[1:].islower() or _NAME_PREFIXES.match(token.text) is not None)
        and "-" not in low
        and low not in lists.places
        and low not in lists.groups
        and low not in cues.ORG_SUFFIXES
        and low not in cues.PLACE_SUFFIXES
        and low not in cues.EVENT_SUFFIXES
        and (not first or low not in cues.FUNCTION_WORDS)
    )


def _unknown_name(doc: _Document, candidate: _Candidate) -> bool:
    """Two or three words that could be a person's name and are no product ("Nord Stream 2")."""
    tokens = candidate.tokens
    return (
        len(tokens) in (2, 3)
        and all(_name_like(doc.lists, t, i == 0) for i, t in enumerate(tokens))
        and not _MODEL_NUMBER.match(doc.text, candidate.end)
    )


def _surface(tokens: list[_Token], text: str) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""


class RuleRecognizer:
    """The default, model-free recogniser (see the module docstring)."""

    def __call__(self, text: str) -> list[Entity]:
        doc = _Document(text, gazetteer(), sports=_is_sports(text))
        position = 0
        for line in text.split("\n"):
            tokens = _tokens(line, position)
            position += len(line) + 1
            if not tokens:
                continue
            if _is_caps_line(tokens):
                doc.headlines.append(tokens)
                continue
            previous_of = {id(t): tokens[i - 1] for i, t in enumerate(tokens) if i}
            next_of = {id(t): tokens[i + 1] for i, t in enumerate(tokens[:-1])}
            for run in _runs(tokens):
                self._candidates(doc, run, previous_of.get(id(run[0])), next_of.get(id(run[-1])))
        self._learn(doc)
        entities = [e for c in doc.found for e in self._settle(doc, c)]
        for tokens in doc.headlines:
            entities.extend(self._from_caps_line(doc, tokens))
        if doc.sports:
            entities = [_as_club(text, e, doc.lists) for e in entities]
        entities.sort(key=lambda e: e.start)
        return entities

    # -- mixed-case lines ---------------------------------------------------------------

    def _candidates(
        self,
        doc: _Document,
        run: list[_Token],
        previous: _Token | None,
        following: _Token | None,
    ) -> None:
        lists = doc.lists
        if _is_title_case_run(run):
            doc.headlines.append(run)
            return
        initial = run[0].initial
        if initial and run[0].lower in cues.FUNCTION_WORDS and run[0].lower not in _ABBREVIATIONS:
            whole = _surface(run, doc.text).lower()
            if _lookup(lists, whole) is None:
                run = _trim(run[1:])
                if run and not run[0].capitalised:
                    run = _trim(run[1:])
                initial = False
        if (
            len(run) > 1
            and run[0].lower == "the"
            and _lookup(lists, _surface(run, doc.text).lower()) is None
        ):
            run = run[1:]  # "The UK": the article is not part of the name
        if not run:
            return
        person_cue = previous is not None and previous.lower in cues.TITLE_HEADS
        run, titled = self._strip_title(doc, run)
        if not run:
            return
        candidate = _Candidate(run, initial=initial and not titled, person_cue=person_cue or titled)
        candidate.speaks = following is not None and following.lower in _SPEECH_VERBS
        candidate.type = self._type(doc, candidate)
        doc.found.append(candidate)

    def _strip_title(self, doc: _Document, run: list[_Token]) -> tuple[list[_Token], bool]:
        """Split "Russian Foreign Minister Sergei Lavrov" into its title and the name.

        The title ends at its last head word ("Minister", "spokesman"), extended by "of X"
        ("Secretary of State"). What follows is a person if it can be a name at all; a run
        that is all title ("Shadow Secretary of State") is no entity. The places, groups and
        institutions inside the title become entities of their own.
        """
        lists = doc.lists
        heads = [i for i, t in enumerate(run) if t.lower in cues.TITLE_HEADS]
        if not heads:
            return run, False
        end = heads[-1] + 1
        while end < len(run) and (
            run[end].lower == "of"
            or (run[end - 1].lower == "of" and _lookup(lists, run[end].lower) is not None)
            or run[end].lower in cues.TITLE_MODIFIERS
        ):
            end += 1
        name = run[end:]
        all_title = all(
            t.lower in cues.TITLE_HEADS or t.lower in cues.TITLE_MODIFIERS or t.lower == "of"
            for t in run[:end]
        )
        if not name and not all_title:
            return run, False
        if name and not _could_be_name(lists, name):
            return run, False
        for token in run[:end]:
            kind = _lookup(lists, token.lower)
            if kind is not None and token.lower not in cues.TITLE_MODIFIERS:
                doc.found.append(_Candidate([token], type=kind))
        return _trim(name), True

    def _type(self, doc: _Document, candidate: _Candidate) -> str | None:
        lists = doc.lists
        tokens = candidate.tokens
        words = [t.lower for t in tokens]
        name = _surface(tokens, doc.text).lower()
        last, first = words[-1], words[0]
        if len(tokens) == 1 and (first in cues.GENERIC_NOUNS or first in cues.FUNCTION_WORDS):
            return _lookup(lists, name)
        if candidate.person_cue and _lookup(lists, name) is None:
            return "person"
        known = _lookup(lists, name)
        if known is not None:
            return known
        if len(tokens) == 1 and first in cues.CELESTIAL and tokens[0].text[1:].islower():
            return "place"
        if len(tokens) > 1:
            if all(t.text.isupper() for t in tokens):
                return None
            if first in cues.PLACE_PREFIXES and _lookup(lists, " ".join(words[1:])) == "place":
                return "place"
            if tokens[-1].text.isupper() and len(last) <= 3:
                if _lookup(lists, _surface(tokens[:-1], doc.text).lower()) == "place":
                    return "place"  # "Washington DC", "Portland ME"
            if last in cues.EVENT_SUFFIXES:
                return "other"
            if last in cues.ORG_SUFFIXES:
                return "organization"
            if len(words) > 2 and words[1] == "of":
                if first in cues.ORG_OF_HEADS:
                    return "organization"
                if first in cues.PLACE_OF_HEADS:
                    return "place"
            if last in cues.PLACE_SUFFIXES:
                return "place"
            if tokens[0].kind == "initial" or (
                first in lists.first_names and _could_be_name(lists, tokens[1:])
            ):
                return "person"
            if first in lists.groups:
                return "other"
            if (
                len(tokens) <= 3
                and last in lists.last_names
                and all(_name_like(lists, t, i == 0) for i, t in enumerate(tokens))
            ):
                return "person"
        if len(tokens) == 1:
            token = tokens[0]
            if first in cues.EVENT_SUFFIXES:
                return "other"
            if first in cues.NOT_NAMES or first in cues.GENERIC_NOUNS or len(first) < 2:
                return None
            if token.kind == "abbr" or _ACRONYM.match(token.text):
                return "organization"
            if _CAMEL.match(token.text) and not _NAME_PREFIXES.match(token.text):
                return "organization"  # "WeWork", "SpaceX", "BuzzFeed": brand names
        return None

    def _learn(self, doc: _Document) -> None:
        """Remember what the document has settled, for its shorter and its caps mentions.

        An unknown two- or three-word name whose last word also stands alone in the document
        is a person: people are referred to by their surname ("Wasim Akram" ... "Akram").
        """
        singles = {c.tokens[0].lower for c in doc.found if len(c.tokens) == 1}
        for candidate in doc.found:
            tokens = candidate.tokens
            if (
                candidate.type is None
                and tokens[-1].lower in singles
                and _unknown_name(doc, candidate)
            ):
                candidate.type = "person"
        for candidate in doc.found:
            if candidate.type is None:
                continue
            name = _surface(candidate.tokens, doc.text).lower()
            doc.known.setdefault(name, candidate.type)
            if candidate.type == "person":
                if len(candidate.tokens) > 1:
                    doc.surnames.add(candidate.tokens[-1].lower)
                for token in candidate.tokens:
                    low = token.lower
                    if (
                        token.capitalised
                        and _lookup(doc.lists, low) is None
                        and not (low in cues.ORG_SUFFIXES or low in cues.FUNCTION_WORDS)
                    ):
                        doc.known.setdefault(token.lower, "person")

    def _settle(self, doc: _Document, candidate: _Candidate) -> list[Entity]:
        tokens = candidate.tokens
        name = _surface(tokens, doc.text)
        kind = candidate.type
        if kind is None and len(tokens) == 1 and "-" in name:
            parts = self._hyphen_parts(doc, tokens[0])
            if parts:
                return parts
        if kind is None:
            kind = doc.known.get(name.lower())
        elif kind == "place" and len(tokens) == 1 and name.lower() in doc.surnames:
            kind = "person"  # "Jackson" after "Lisa Jackson" is her, not the city
        if kind is None:
            low = name.lower()
            if len(tokens) == 1 and (
                len(name) < 2
                or low in cues.NOT_NAMES
                or low in cues.GENERIC_NOUNS
                or low in cues.FUNCTION_WORDS
            ):
                return []
            if len(tokens) > 1 and all(t.text.isupper() for t in tokens):
                return []
            if candidate.initial and len(tokens) == 1:
                if candidate.speaks and _name_like(doc.lists, tokens[0]):
                    low = name.lower()
                    if not low.endswith("s") and low not in cues.GENERIC_NOUNS:
                        return [Entity(candidate.start, candidate.end, name, "person")]
                return []
            if candidate.initial and tokens[0].lower in cues.FUNCTION_WORDS:
                return []
            kind = _DEFAULT_MULTI if len(tokens) > 1 else _DEFAULT_SINGLE
            if doc.sports and len(tokens) == 1:
                kind = "organization"  # "Derbyshire", "Ajax": clubs, in a sports report
            if _unknown_name(doc, candidate):
                kind = _DEFAULT_NAME
            elif _MODEL_NUMBER.match(doc.text, candidate.end):
                kind = "other"
        return [Entity(candidate.start, candidate.end, name, kind)]

    def _hyphen_parts(self, doc: _Document, token: _Token) -> list[Entity]:
        """ "Biden-Putin" is two known people; "Jean-Yves" stays whole."""
        parts, offset = [], token.start
        party, _, state = token.text.partition("-")
        if party in ("D", "R", "I") and _lookup(doc.lists, state.lower()) == "place":
            # "D-Calif.": a party and a state; the state is the entity
            return [Entity(token.start + 2, token.end, state, "place")]
        for piece in token.text.split("-"):
            kind = doc.known.get(piece.lower()) or _lookup(doc.lists, piece.lower())
            if kind is None or not piece[:1].isupper():
                return []
            parts.append(Entity(offset, offset + len(piece), piece, kind))
            offset += len(piece) + 1
        return parts

    # -- ALL-CAPS lines -----------------------------------------------------------------

    def _from_caps_line(self, doc: _Document, tokens: list[_Token]) -> list[Entity]:
        words = [t for t in tokens if t.kind in _WORDS]
        entities: list[Entity] = []
        index = 0
        while index < len(words):
            taken = 0
            for size in (4, 3, 2, 1):
                group = words[index : index + size]
                if len(group) < size or any(
                    b.start - a.end > 1 for a, b in zip(group, group[1:], strict=False)
                ):
                    continue
                name = _surface(group, doc.text)
                low = name.lower()
                if size == 1 and (low in cues.FUNCTION_WORDS or low in cues.CALENDAR_WORDS):
                    break
                kind = doc.known.get(low) or _lookup(doc.lists, low)
                if kind is not None:
                    entities.append(Entity(group[0].start, group[-1].end, name, kind))
                    taken = size
                    break
            index += taken or 1
        return entities


_default = RuleRecognizer()


def find_entities(text: str, recognizer: EntityRecognizer | None = None) -> list[Entity]:
    """Entity spans in `text`, sorted by start offset."""
    return (recognizer or _default)(text)
