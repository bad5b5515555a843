"""Named entity recognition by rules: capitalisation finds candidates, cues and lists type them.

The default recogniser is deterministic and needs no model. It works line by line:

1. Mixed-case lines: runs of capitalised words (joined by "de", "van", "of" after an
   organisation or place word, "&") are candidates. A leading sentence-initial function word
   ("The", "Since") is dropped; a leading title ("Foreign Minister", "Kremlin spokesman",
   "Mr.") marks what follows as a person, and the places and groups inside the title are
   entities of their own. Lists (places, demonyms, first names, known institutions) and
   suffixes ("Department", "Sea") type the rest.
2. The document's own findings then settle what is still open: once "Vladimir Putin" is a
   person, "Putin" and "Biden-Putin" are people too; a lone sentence-initial word that is
   nothing known ("Currently") is dropped.
3. ALL-CAPS lines (headlines, datelines) carry no case signal, so only names already known
   from the document or from the lists are taken from them.
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
    r"|(?P<word>[^\W\d_][\w&]*(?:-[^\W_][\w&]*|['’](?!s\b)[^\W\d_][\w&]*)*)"
    r"|(?P<poss>['’]s\b)"
    r"|(?P<num>\d[\w.,:/-]*)"
    r"|(?P<punct>[^\s\w])"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col capt sgt jr sr inc corp co ltd prof rev mt ft "
    "maj adm cmdr supt det insp".split()
)
_SENTENCE_ENDS = frozenset(".!?:;“‘([•*|")
_SPEECH_VERBS = frozenset(
    "said says told added explained announced stated warned wrote asked replied argued "
    "insisted noted declared tweeted urged claimed".split()
)
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}s?$")
_WORDS = frozenset(("word", "abbr", "initial"))
_CAPS_LINE_SHARE = 0.6
# How an unknown capitalised run is typed when nothing else decides.
_DEFAULT_MULTI = "organization"
_DEFAULT_SINGLE = "other"


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    kind: str
    initial: bool = False

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.kind in _WORDS and self.text[0].isupper()


@dataclass(slots=True)
class _Candidate:
    tokens: list[_Token]
    type: str | None = None
    initial: bool = False
    person_cue: bool = False

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
    words = [t for t in tokens if t.kind in _WORDS]
    if not words:
        return False
    caps = sum(1 for t in words if t.text.isupper() and len(t.text) > 1)
    return caps >= 1 and caps >= _CAPS_LINE_SHARE * len(words)


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


def _surface(tokens: list[_Token], text: str) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""


class RuleRecognizer:
    """The default, model-free recogniser (see the module docstring)."""

    def __call__(self, text: str) -> list[Entity]:
        doc = _Document(text, gazetteer())
        caps_lines: list[list[_Token]] = []
        position = 0
        for line in text.split("\n"):
            tokens = _tokens(line, position)
            position += len(line) + 1
            if not tokens:
                continue
            if _is_caps_line(tokens):
                caps_lines.append(tokens)
                continue
            previous_of = {id(t): tokens[i - 1] for i, t in enumerate(tokens) if i}
            following_of = {id(t): tokens[i + 1] for i, t in enumerate(tokens[:-1])}
            for run in _runs(tokens):
                self._candidates(doc, run, previous_of.get(id(run[0])), following_of)
        self._learn(doc)
        entities = [e for c in doc.found for e in self._settle(doc, c)]
        for tokens in caps_lines:
            entities.extend(self._from_caps_line(doc, tokens))
        entities.sort(key=lambda e: e.start)
        return entities

    # -- mixed-case lines ---------------------------------------------------------------

    def _candidates(
        self,
        doc: _Document,
        run: list[_Token],
        previous: _Token | None,
        following_of: dict[int, _Token],
    ) -> None:
        lists = doc.lists
        initial = run[0].initial
        if initial and run[0].lower in cues.FUNCTION_WORDS and run[0].lower not in _ABBREVIATIONS:
            whole = _surface(run, doc.text).lower()
            if _lookup(lists, whole) is None:
                run = _trim(run[1:])
                if run and not run[0].capitalised:
                    run = _trim(run[1:])
                initial = False
        if not run:
            return
        person_cue = previous is not None and previous.lower in cues.TITLE_HEADS
        run, titled = self._strip_title(doc, run)
        if not run:
            return
        candidate = _Candidate(run, initial=initial and not titled, person_cue=person_cue or titled)
        following = following_of.get(id(run[-1]))
        if following is not None and following.lower in _SPEECH_VERBS:
            candidate.person_cue = candidate.person_cue or len(run) <= 3
        candidate.type = self._type(doc, candidate)
        doc.found.append(candidate)

    def _strip_title(self, doc: _Document, run: list[_Token]) -> tuple[list[_Token], bool]:
        """Split "Russian Foreign Minister Sergei Lavrov" into its title and the name.

        The places, groups and institutions inside the title become entities of their own.
        """
        last = run[-1].lower
        if last in cues.ORG_SUFFIXES or last in cues.PLACE_SUFFIXES:
            return run, False
        lists = doc.lists
        head_seen = False
        end = 0
        for index, token in enumerate(run):
            low = token.lower
            if low in cues.TITLE_HEADS:
                head_seen = True
            elif low in cues.TITLE_MODIFIERS or (head_seen and low == "of"):
                pass
            elif head_seen or _lookup(lists, low) is None or index + 1 == len(run):
                break
            end = index + 1
        if not head_seen or run[-1].lower in cues.ORG_SUFFIXES:
            return run, False
        for token in run[:end]:
            kind = _lookup(lists, token.lower)
            if kind is not None and token.lower not in cues.TITLE_MODIFIERS:
                doc.found.append(_Candidate([token], type=kind))
        return _trim(run[end:]), True

    def _type(self, doc: _Document, candidate: _Candidate) -> str | None:
        lists = doc.lists
        tokens = candidate.tokens
        words = [t.lower for t in tokens]
        name = _surface(tokens, doc.text).lower()
        last, first = words[-1], words[0]
        if candidate.person_cue and _lookup(lists, name) is None:
            return "person"
        known = _lookup(lists, name)
        if known is not None:
            return known
        if len(tokens) > 1:
            if all(t.text.isupper() for t in tokens):
                return None
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
                first in lists.first_names and not tokens[1].text.isupper()
            ):
                return "person"
            if first in lists.groups:
                return "other"
            if len(tokens) <= 3 and last in lists.last_names:
                return "person"
        if len(tokens) == 1:
            token = tokens[0]
            if first in cues.NOT_NAMES or len(first) < 2:
                return None
            if token.kind == "abbr" or _ACRONYM.match(token.text):
                return "organization"
            if first in lists.first_names and not candidate.initial:
                return "person"
        return None

    def _learn(self, doc: _Document) -> None:
        """Remember what the document has settled, for its shorter and its caps mentions."""
        for candidate in doc.found:
            if candidate.type is None:
                continue
            name = _surface(candidate.tokens, doc.text).lower()
            doc.known.setdefault(name, candidate.type)
            if candidate.type == "person":
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
        if kind is None:
            if len(tokens) == 1 and (len(name) < 2 or name.lower() in cues.NOT_NAMES):
                return []
            if len(tokens) > 1 and all(t.text.isupper() for t in tokens):
                return []
            if candidate.initial and len(tokens) == 1:
                return []
            if candidate.initial and tokens[0].lower in cues.FUNCTION_WORDS:
                return []
            kind = _DEFAULT_MULTI if len(tokens) > 1 else _DEFAULT_SINGLE
        return [Entity(candidate.start, candidate.end, name, kind)]

    def _hyphen_parts(self, doc: _Document, token: _Token) -> list[Entity]:
        """ "Biden-Putin" is two known people; "Jean-Yves" stays whole."""
        parts, offset = [], token.start
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
