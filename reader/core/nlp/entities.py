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

from typing import Protocol

from reader.core.model import Entity
from reader.core.nlp import cues
from reader.core.nlp.entity_parts import (
    MODEL_NUMBER,
    Candidate,
    Document,
    could_be_name,
    inner_place,
    is_role_word,
    lookup,
    name_like,
    people_in_lists,
    surface,
    unknown_name,
)
from reader.core.nlp.entity_runs import is_caps_line, is_surname, runs, trim
from reader.core.nlp.entity_tokens import ABBREVIATIONS, WORDS, Line, Token
from reader.core.nlp.entity_types import entity_type
from reader.core.nlp.gazetteer import gazetteer
from reader.core.nlp.sports import as_club, is_sports, team_spans


class EntityRecognizer(Protocol):
    """Anything that finds entity spans in a text; a model-based backend can plug in here."""

    def __call__(self, text: str) -> list[Entity]: ...


_TITLE_CASE_RUN = 4
_NAME_SMALL_WORDS = frozenset(("of", "and", "the"))
_LEADING_QUALIFIERS = frozenset(("former", "ex", "then", "top"))
"""Capitalised at a sentence's start, these qualify a role and are no part of a name ("Former
Chelsea striker", "Top Democrats"); "Top" only before a name the lists know ("Top Gear")."""
"""Small words that do sit inside long names ("Bank of the Philippine Islands")."""
# How an unknown capitalised run is typed when nothing else decides: several words,
# one word, or two or three words that could be a person's name.
_DEFAULT_MULTI = "organization"
_DEFAULT_SINGLE = "other"
_DEFAULT_NAME = "other"


def _is_title_case_run(run: list[Token]) -> bool:
    """A headline inside running text: "Conservative Supreme Court Turn on Gay Rights After"."""
    return len(run) >= _TITLE_CASE_RUN and any(
        t.lower in cues.TITLE_SMALL_WORDS
        and t.lower not in _NAME_SMALL_WORDS
        and not (t.lower in ("for", "on") and run[at].lower in cues.ORG_OF_HEADS)
        and not inner_place(run[: at + 1], run, at + 1)
        for at, t in enumerate(run[1:])
    )


class RuleRecognizer:
    """The default, model-free recogniser (see the module docstring)."""

    def __call__(self, text: str) -> list[Entity]:
        doc = Document(text, gazetteer(), sports=is_sports(text))
        position = 0
        for line in text.split("\n"):
            start, position = position, position + len(line) + 1
            if not line:
                continue  # between paragraphs
            tokens = Line(line, start)
            teams = team_spans(line, start) if doc.sports else set()
            if not tokens:
                continue
            doc.teams |= teams
            if not teams and is_caps_line(tokens):
                doc.headlines.append(tokens.all())
                continue
            for run in runs(tokens):
                first, last = run[0].index, run[-1].index
                texts = tokens.texts
                previous = texts[first - 1].lower() if first else ""
                following = texts[last + 1].lower() if last + 1 < len(texts) else ""
                self._candidates(doc, run, previous, following)
        self._learn(doc)
        entities = [e for c in doc.found for e in self._settle(doc, c)]
        for headline in doc.headlines:
            entities.extend(self._from_caps_line(doc, headline))
        if doc.sports:
            entities = [as_club(text, e, doc.lists) for e in entities]
        entities.sort(key=lambda e: e.start)
        return entities

    # -- mixed-case lines ---------------------------------------------------------------

    def _candidates(
        self,
        doc: Document,
        run: list[Token],
        previous: str,
        following: str,
    ) -> None:
        """Type the name in `run`; `previous` and `following` are the words around it, lower
        case ("" at the line's ends)."""
        lists = doc.lists
        if _is_title_case_run(run):
            doc.headlines.append(run)
            return
        initial = run[0].initial
        if initial and run[0].lower in cues.FUNCTION_WORDS and run[0].lower not in ABBREVIATIONS:
            whole = surface(run, doc.text).lower()
            if lookup(lists, whole) is None:
                run = trim(run[1:])
                if run and not run[0].capitalised:
                    run = trim(run[1:])
                initial = False
        if (
            len(run) > 1
            and run[0].lower == "the"
            and lookup(lists, surface(run, doc.text).lower()) is None
        ):
            run = run[1:]  # "The UK": the article is not part of the name
        if len(run) > 1 and run[0].lower in _LEADING_QUALIFIERS:
            rest = lookup(lists, surface(run[1:], doc.text).lower())
            if rest is not None or run[0].lower != "top":
                run, initial = run[1:], False  # "Former Labour minister": a role's qualifier
        if not run:
            return
        person_cue = previous in cues.TITLE_HEADS
        run, titled = self._strip_title(doc, run)
        if not titled and run:
            shortened = self._split_role(doc, run)
            titled = len(shortened) < len(run)
            run = shortened
        if not run:
            return
        candidate = Candidate(run, initial=initial and not titled, person_cue=person_cue or titled)
        candidate.speaks = following in cues.COMMON_SPEECH_VERBS
        candidate.type = entity_type(doc, candidate)
        doc.found.append(candidate)

    def _strip_title(self, doc: Document, run: list[Token]) -> tuple[list[Token], bool]:
        """Split "Russian Foreign Minister Sergei Lavrov" into its title and the name.

        The title ends at its last head word ("Minister", "spokesman"), extended by "of X"
        ("Secretary of State"). What follows is a person if it can be a name at all; a run
        that is all title ("Shadow Secretary of State") is no entity. The places, groups and
        institutions inside the title become entities of their own.
        """
        lists = doc.lists
        heads = [
            i
            for i, t in enumerate(run)
            if t.lower in cues.TITLE_HEADS and not is_surname(lists, run, i)
        ]
        if not heads:
            return run, False
        end = heads[-1] + 1
        while end < len(run) and (
            run[end].lower == "of"
            or (run[end - 1].lower == "of" and lookup(lists, run[end].lower) is not None)
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
        if name and not could_be_name(lists, name):
            return run, False
        for token in run[:end]:
            kind = lookup(lists, token.lower)
            if kind is not None and token.lower not in cues.TITLE_MODIFIERS:
                doc.found.append(Candidate([token], type=kind))
        return self._split_place(doc, trim(name)), True

    def _split_place(self, doc: Document, name: list[Token]) -> list[Token]:
        """ "Angus King of Maine": the person's name, and the place as an entity of its own."""
        of = next((i for i, t in enumerate(name) if t.lower == "of"), None)
        if not of:
            return name
        place = name[of + 1 :]
        if lookup(doc.lists, surface(place, doc.text).lower()) != "place":
            return name
        doc.found.append(Candidate(place, type="place"))
        return name[:of]

    def _split_role(self, doc: Document, run: list[Token]) -> list[Token]:
        """A role or body written before a first and last name is no part of it: "House
        Newt Gingrich", "Former Scots Guardsman Allan Hendry", "BIDEN SIGNS Jane Smith".

        The name is the last two words, a known first name and a name-like surname; every
        word before them must be a role word (see is_role_word) or a title modifier
        ("Former"). The known parts before it become entities of their own.
        """
        lists = doc.lists
        if len(run) < 3:
            return run
        first, last = run[-2], run[-1]
        if first.lower not in lists.first_names or not (
            name_like(lists, first) and name_like(lists, last, first=False)
        ):
            return run
        prefix = run[:-2]
        if not all(is_role_word(lists, t) or t.lower in cues.TITLE_MODIFIERS for t in prefix):
            return run
        if not any(is_role_word(lists, t) for t in prefix):
            return run  # "White Hart Lane": a qualifier alone makes no title
        whole = lookup(lists, surface(prefix, doc.text).lower())
        if whole is not None:
            doc.found.append(Candidate(prefix, type=whole))
        else:
            for token in prefix:
                kind = lookup(lists, token.lower)
                if kind is not None:
                    doc.found.append(Candidate([token], type=kind))
        return run[-2:]

    def _learn(self, doc: Document) -> None:
        """Remember what the document has settled, for its shorter and its caps mentions.

        An unknown two- or three-word name whose last word also stands alone in the document
        is a person: people are referred to by their surname ("Wasim Akram" ... "Akram").
        """
        people_in_lists(doc)
        singles = {c.tokens[0].lower for c in doc.found if len(c.tokens) == 1}
        for candidate in doc.found:
            tokens = candidate.tokens
            if (
                candidate.type is None
                and tokens[-1].lower in singles
                and unknown_name(doc, candidate)
            ):
                candidate.type = "person"
        for candidate in doc.found:
            if candidate.type is None:
                continue
            name = doc.text[candidate.start : candidate.end].lower()
            doc.known.setdefault(name, candidate.type)
            if candidate.type == "person":
                if len(candidate.tokens) > 1:
                    doc.surnames.add(candidate.tokens[-1].lower)
                for token in candidate.tokens:
                    low = token.lower
                    if (
                        token.capitalised
                        and lookup(doc.lists, low) is None
                        and not (low in cues.ORG_SUFFIXES or low in cues.FUNCTION_WORDS)
                    ):
                        doc.known.setdefault(token.lower, "person")

    def _settle(self, doc: Document, candidate: Candidate) -> list[Entity]:
        tokens = candidate.tokens
        name = doc.text[candidate.start : candidate.end]
        kind = candidate.type
        if kind is None and len(tokens) == 1 and "-" in name:
            parts = self._hyphen_parts(doc, tokens[0])
            if parts:
                return parts
        if kind is None:
            kind = doc.known.get(name.lower())
        elif (
            kind in ("place", "organization") and len(tokens) == 1 and name.lower() in doc.surnames
        ):
            if kind == "place" or lookup(doc.lists, name.lower()) is None:
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
                if candidate.speaks and name_like(doc.lists, tokens[0]):
                    low = name.lower()
                    if not low.endswith("s") and low not in cues.GENERIC_NOUNS:
                        return [Entity(candidate.start, candidate.end, name, "person")]
                return []
            if candidate.initial and tokens[0].lower in cues.FUNCTION_WORDS:
                return []
            kind = _DEFAULT_MULTI if len(tokens) > 1 else _DEFAULT_SINGLE
            if doc.sports and len(tokens) == 1:
                kind = "organization"  # "Derbyshire", "Ajax": clubs, in a sports report
            if unknown_name(doc, candidate):
                kind = _DEFAULT_NAME
            elif MODEL_NUMBER.match(doc.text, candidate.end):
                kind = "other"
        return [Entity(candidate.start, candidate.end, name, kind)]

    def _hyphen_parts(self, doc: Document, token: Token) -> list[Entity]:
        """ "Biden-Putin" is two known people; "Jean-Yves" stays whole."""
        parts, offset = [], token.start
        party, _, state = token.text.partition("-")
        if party in ("D", "R", "I") and lookup(doc.lists, state.lower()) == "place":
            # "D-Calif.": a party and a state; the state is the entity
            return [Entity(token.start + 2, token.end, state, "place")]
        for piece in token.text.split("-"):
            kind = doc.known.get(piece.lower()) or lookup(doc.lists, piece.lower())
            if kind is None or not piece[:1].isupper():
                return []
            parts.append(Entity(offset, offset + len(piece), piece, kind))
            offset += len(piece) + 1
        return parts

    # -- ALL-CAPS lines -----------------------------------------------------------------

    def _from_caps_line(self, doc: Document, tokens: list[Token]) -> list[Entity]:
        words = [t for t in tokens if t.kind in WORDS]
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
                name = surface(group, doc.text)
                low = name.lower()
                if size == 1 and (low in cues.FUNCTION_WORDS or low in cues.CALENDAR_WORDS):
                    break
                kind = doc.known.get(low) or lookup(doc.lists, low)
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
