"""Who said each quotation: the attribution rules, tried in order of how explicit they are.

1. After the quote: "“...,” Peskov told reporters", "“...,” said Peskov", "“...,” he added",
   "“...,” the spokesman said", "“...,” according to X".
2. Before it, in the same sentence: "Psaki said that a summit “...”", "he told parliament
   that ... “...”", "according to X, “...”"; a participle ("..., adding that “...”") keeps
   the sentence's speaker.
3. Another quote earlier in the paragraph: "“...,” Kubela said. “We hope ...”".
4. A quote opening its paragraph (or standing alone in it): the speaker of the quote or
   statement in the paragraph just before, unless the next paragraph opens by naming who
   said it ("So said Anna Quill", "That was the verdict of ...").
5. A quote standing alone that nothing before attributes: the subject of the next
   paragraph's first speech verb ("Quill said ...").

Pronouns (he, she) resolve to the first person named in the nearest sentence before them
that names one (its subject, rather than a later object); role nouns ("the spokesman") to the
nearest person written with that role; both look back at most three paragraphs. An unnamed
speaker ("an aide said", "said the Chelsea star") stays unknown rather than borrowing the
previous speaker. A name is given in its fullest form in the article ("Peskov" ->
"Dmitry Peskov"), without the title written in front of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.core.model import Entity
from reader.core.nlp.cues import (
    FINITE_RE,
    INVERTED_RE,
    ORG_NOUN_RE,
    PARTICIPLE_RE,
    ROLE_RE,
)
from reader.core.nlp.mentions import (
    SPEAKER_TYPES,
    Mention,
    find_mentions,
    name_after,
    name_before,
)
from reader.core.nlp.quote_marks import QuoteSpan, mask_quotes
from reader.core.nlp.segments import paragraph_bounds, sentence_bounds

UNKNOWN = ""
"""An attribution was found but names nobody we can resolve ("one official said")."""

LOOKBACK_PARAGRAPHS = 3
MAX_WORDS_BEFORE_VERB = 14
ADVERBS = re.compile(
    r"(?:^|\s)(?:also|later|then|further|again|once|previously|earlier|recently|has|had|have|"
    r"would|will|did|does|[a-z]{3,}ly)\s*$"
)
ROLE_NP = re.compile(
    rf"\b(?:the|a|an|one|another|its|his|her|their)\s+(?:[\w.’'-]+\s+){{0,4}}?({ROLE_RE})$",
    re.IGNORECASE,
)
ROLE_FOR = re.compile(
    rf"\b({ROLE_RE})s?\s+(?:for|of|at|to|with)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){{0,3}}$"
)
ORG_NP = re.compile(rf"\b(?:the|this|that)\s+({ORG_NOUN_RE})$", re.IGNORECASE)
PARENTHESIS = re.compile(r"\s*\([^()]*\)$")
AFTER_PREPOSITION = re.compile(r"\b(?:with|to|by|from|for|about|after|before|against|on|of|at)\s+$")
ORIGIN = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")
APPOSITION_TAIL = re.compile(r",\s+(?:(?:a|an|the|who|which)\s[^,]*|[RDI]-[A-Z][\w.]*)$")
COORDINATED = re.compile(r"\b(?:and|but)\s*$")
PRONOUN_BEFORE = re.compile(r"\b(?:he|she|He|She)$")
PRONOUN_AFTER = re.compile(r"(?:he|she)\b")
ROLE_AFTER = re.compile(
    rf"(?:the|a|an|one|another)\s+(?:[\w.’'-]+\s+){{0,4}}?({ROLE_RE})\b", re.IGNORECASE
)


@dataclass
class Document:
    """A text prepared for attribution: quotes, their masked-out copy, sentences, mentions."""

    text: str
    spans: list[QuoteSpan]
    entities: list[Entity]
    masked: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    speakers: dict[int, str] = field(default_factory=dict)
    """Quote index -> speaker found (UNKNOWN when the attribution names nobody)."""

    def __post_init__(self) -> None:
        self.masked = mask_quotes(self.text, self.spans)
        self.paragraphs = paragraph_bounds(self.text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self.mentions = find_mentions(self.masked, self.entities)
        self._other_ends = {e.end for e in self.entities if e.type not in SPEAKER_TYPES}
        self._index_mentions()

    def _index_mentions(self) -> None:
        self._mention_ends = [m.end for m in self.mentions]
        self._by_end = {m.end: m for m in self.mentions}
        self._by_start = {m.start: m for m in self.mentions}

    def add_mention(self, start: int, name: str) -> None:
        """Remember a speaker named by a pattern, so that a later "he" can refer to them."""
        if start not in self._by_start:
            self.mentions.append(Mention(start, start + len(name), name, "name"))
            self.mentions.sort(key=lambda m: m.start)
            self._index_mentions()

    def sentence(self, position: int) -> tuple[int, int]:
        """The sentence holding `position` (a paragraph's sentences found on first use)."""
        number = self.paragraph(position)
        sentences = self._sentences.get(number)
        if sentences is None:
            paragraph = self.paragraphs[number]
            sentences = self._sentences[number] = sentence_bounds(self.masked, *paragraph)
        return sentences[max(0, bisect_right(sentences, (position, len(self.masked))) - 1)]

    def paragraph(self, position: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, position) - 1)

    def people_before(self, position: int) -> Iterator[Mention]:
        """Person mentions before `position`, nearest first, within the look-back window."""
        lowest = self.paragraphs[max(0, self.paragraph(position) - LOOKBACK_PARAGRAPHS)][0]
        for index in range(bisect_right(self._mention_ends, position) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.start < lowest:
                return
            if mention.type in ("person", "name"):
                yield mention

    def names_by_last_word(self) -> dict[str, list[str]]:
        """Every person named or quoted in the text (people mentioned first, then speakers,
        each in text order), by last word."""
        names = [m.name for m in self.mentions if m.type != "organization"]
        index: dict[str, list[str]] = {}
        for candidate in [*names, *filter(None, self.speakers.values())]:
            index.setdefault(candidate.split()[-1], []).append(candidate)
        return index

    def fullest(self, name: str, position: int, by_last_word: dict[str, list[str]]) -> str:
        """The fuller name of a person mentioned or quoted in the text that contains `name`'s
        words and ends alike ("Peskov" -> "Dmitry Peskov"). When several do ("Penrose":
        Alice and Harold Penrose), the one named last before `position`, else the one named
        most often."""
        words = set(name.split())
        fuller = [
            candidate
            for candidate in by_last_word.get(name.split()[-1], ())
            if len(candidate) > len(name) and words <= set(candidate.split())
        ]
        if len(set(fuller)) <= 1:
            return fuller[0] if fuller else name
        named = [m for m in self.mentions if m.start < position and m.name in fuller]
        if named:
            return max(named, key=lambda m: m.start).name
        return max(fuller, key=lambda c: (fuller.count(c), len(c)))


def resolve_pronoun(doc: Document, position: int) -> str:
    """The person a "he" or "she" at `position` stands for: in the nearest sentence before it
    that names someone, the first person named, unless after a preposition ("McCain said
    that if Trump ..., he" is McCain)."""
    chosen: Mention | None = None
    sentence: tuple[int, int] | None = None
    for person in doc.people_before(position):
        if sentence is None:
            sentence = doc.sentence(person.start)
        elif person.start < sentence[0]:
            break
        if chosen is None or not AFTER_PREPOSITION.search(doc.masked, sentence[0], person.start):
            chosen = person
    return chosen.name if chosen is not None else UNKNOWN


def resolve_role(doc: Document, role: str, position: int) -> str:
    """The nearest person before `position` written with `role` next to their name
    ("Kremlin spokesman Dmitry Peskov", "Peskov, the Kremlin spokesman,")."""
    near_role = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
    for person in doc.people_before(position):
        before = doc.masked[max(0, person.start - 40) : person.start]
        after = doc.masked[person.end : person.end + 50]
        if near_role.search(before) or re.match(rf",[^,]*\b{re.escape(role)}\b", after, re.I):
            return person.name
    return UNKNOWN


def resolve_organization(doc: Document, position: int) -> str:
    """ "The group said": the nearest organisation named before `position`."""
    lowest = doc.paragraphs[max(0, doc.paragraph(position) - LOOKBACK_PARAGRAPHS)][0]
    for mention in reversed(doc.mentions):
        if lowest <= mention.start and mention.end <= position and mention.type != "person":
            return mention.name
    return UNKNOWN


def subject_before(doc: Document, low: int, position: int) -> str | None:
    """The speaker written as the subject ending just before `position` (a speech verb):
    a mention, a pronoun, a role noun or a capitalised name; None when there is none."""
    left = doc.masked[low:position]
    while (adverb := ADVERBS.search(left)) and adverb.start() > 0:
        left = left[: adverb.start()]
    left = PARENTHESIS.sub("", left.rstrip())  # "Sen. Tim Kaine (D-Va.) told"
    if left.endswith(","):  # an apposition: "Peskov, the Kremlin spokesman, said"
        comma = left.rfind(",", 0, len(left) - 1)
        left = left[:comma].rstrip() if comma >= 0 else left[:-1].rstrip()
        # ... or two: "Bennett, a spokesman for Third Way, a research group, said"
        while (inner := APPOSITION_TAIL.search(left)) and inner.start() > 0:
            left = left[: inner.start()].rstrip()
    end = low + len(left)
    if not left:
        return None
    if PRONOUN_BEFORE.search(left):
        return resolve_pronoun(doc, end)
    if role := ROLE_NP.search(left):
        return resolve_role(doc, role.group(1).lower(), end - len(role.group(0)))
    if body := ORG_NP.search(left):
        return resolve_organization(doc, end - len(body.group(0)))
    if (origin := ORIGIN.search(left)) and doc._by_end.get(low + origin.start()):
        end = low + origin.start()  # "Sen. Cory Booker of New Jersey said"
    mention = doc._by_end.get(end)
    if mention is None and end in doc._other_ends:
        return None  # a place or a group, not a speaker
    if mention is not None:
        start, name, kind = mention.start, mention.name, mention.type
    elif named := name_before(doc.masked, end, low):
        (start, name), kind = named, "name"
        doc.add_mention(start, name)
    else:
        return None
    if role_for := ROLE_FOR.search(doc.masked, low, start):
        # "a spokesman for the Kremlin said": the organisation speaks, a person's aide does not.
        if kind == "organization" or (kind == "name" and role_for.end() == start):
            return name
        return resolve_role(doc, role_for.group(1).lower(), role_for.start())
    return name


def speaker_after(doc: Document, position: int, limit: int) -> str | None:
    """The speaker written right after an inverted verb ("said Peskov", "said the spokesman")."""
    while position < limit and doc.masked[position].isspace():
        position += 1
    rest = doc.masked[position:limit]
    if PRONOUN_AFTER.match(rest):
        return resolve_pronoun(doc, position)
    named = name_after(doc.masked, position, limit)
    if named and named[0] > position:  # "said Villa boss David O'Leary"
        mention = doc._by_start.get(named[0])
        return mention.name if mention else named[1]
    if mention := doc._by_start.get(position):
        return mention.name
    if role := ROLE_AFTER.match(rest):
        named = name_after(doc.masked, position + role.end(), limit)
        if named and doc.masked[position + role.end() : named[0]].strip() in ("", ","):
            return named[1]
        return resolve_role(doc, role.group(1).lower(), position)
    return named[1] if named else None


def after_quote(doc: Document, index: int) -> str | None:
    """Rule 1: the attribution that follows the closing mark, in the same sentence."""
    span = doc.spans[index]
    if span.close is None:
        return None
    start = span.close + 1
    paragraph_end = doc.paragraphs[span.paragraph][1]
    while start < paragraph_end and doc.masked[start] in " ,;:—–-":
        start += 1
    # "“Why?” Ginsburg asked.": the attribution may sit in what the splitter took as the
    # next sentence, so the limit is the end of the sentence holding its first word.
    limit = doc.sentence(start)[1] if start < paragraph_end else start
    if index + 1 < len(doc.spans):
        limit = min(limit, doc.spans[index + 1].open)
    segment = doc.masked[start:limit]
    if doc.text[span.end - 1] == "." and not segment[:1].islower():
        return None  # the quote ended its sentence: what follows is a new one
    if segment.rstrip().endswith(":"):
        return None  # "... Mr. Strzok responds:" introduces the next quote, not this one
    if inverted := INVERTED_RE.match(segment):
        # "..., said the Chelsea star": someone unnamed, not the previous speaker.
        return speaker_after(doc, start + inverted.end(), limit) or UNKNOWN
    verb = FINITE_RE.search(segment)
    if verb is None or len(segment[: verb.start()].split()) > MAX_WORDS_BEFORE_VERB:
        return None
    subject = subject_before(doc, start, start + verb.start())
    return UNKNOWN if subject is None else subject


def before_quote(doc: Document, index: int) -> str | None:
    """Rule 2: the last speech verb before the opening mark, in the same sentence."""
    span = doc.spans[index]
    sentence_start = doc.sentence(span.open)[0]
    low = sentence_start
    previous = doc.spans[index - 1] if index else None
    if previous is not None and previous.close is not None and previous.close >= sentence_start:
        low = previous.close + 1
    context = doc.masked[low : span.open]
    verbs = [
        *((m, "finite") for m in FINITE_RE.finditer(context)),
        *((m, "participle") for m in PARTICIPLE_RE.finditer(context)),
        *((m, "according") for m in re.finditer(r"\b[Aa]ccording\s+to\s+", context)),
    ]
    if not verbs:
        return None
    verb, kind = max(verbs, key=lambda pair: pair[0].start())
    if kind == "according":
        return speaker_after(doc, low + verb.end(), span.open) or UNKNOWN
    if kind == "finite":
        subject = subject_before(doc, low, low + verb.start())
        if subject is not None or not COORDINATED.search(context[: verb.start()]):
            return UNKNOWN if subject is None else subject
        # "X joined the debate and said that ...": the sentence's subject, as for a participle.
    # A participle continues the sentence: the previous quote's speaker, or the subject of
    # the sentence's first speech verb, or else the first person named in the sentence.
    if previous is not None and previous.open >= sentence_start and doc.speakers.get(index - 1):
        return doc.speakers[index - 1]
    for finite in FINITE_RE.finditer(doc.masked, sentence_start, low + verb.start()):
        if subject := subject_before(doc, sentence_start, finite.start()):
            return subject
    named = [m for m in doc.mentions if sentence_start <= m.start < low + verb.start()]
    for mention in sorted(named, key=lambda m: m.type == "organization"):
        return mention.name
    return UNKNOWN


def colon_lead(doc: Document, index: int) -> str | None:
    """Rule 2b: "Mr. Strzok responds: “No.”": a quote a colon introduces is said by the person
    named first in the words leading up to the colon (any verb, or none: "Ms. Page:")."""
    span = doc.spans[index]
    low = doc.sentence(span.open)[0]
    previous = doc.spans[index - 1] if index else None
    if previous is not None and previous.close is not None and previous.close >= low:
        low = previous.close + 1
    if not doc.masked[low : span.open].rstrip().endswith(":"):
        return None
    for mention in doc.mentions:
        if low <= mention.start and mention.end <= span.open and mention.type != "organization":
            return mention.name
    return None


def earlier_in_paragraph(doc: Document, index: int) -> str | None:
    """Rule 3: the speaker of the nearest earlier quote of the same paragraph."""
    paragraph = doc.spans[index].paragraph
    for earlier in range(index - 1, -1, -1):
        if doc.spans[earlier].paragraph != paragraph:
            return None
        if doc.speakers.get(earlier):
            return doc.speakers[earlier]
    return None


def previous_paragraph(doc: Document, index: int) -> str | None:
    """Rule 4: a quote that opens its paragraph with no attribution of its own continues the
    paragraph before it: the speaker of its last quote or, failing that, the subject of its
    last speech verb."""
    span = doc.spans[index]
    start = doc.paragraphs[span.paragraph][0]
    if span.paragraph == 0 or re.search(r"\w", doc.masked[start : span.open]):
        return None
    before = span.paragraph - 1
    for earlier in range(index - 1, -1, -1):
        if doc.spans[earlier].paragraph < before:
            break
        if doc.spans[earlier].paragraph == before and doc.speakers.get(earlier):
            return doc.speakers[earlier]
    p_start, p_end = doc.paragraphs[before]
    for verb in reversed(list(FINITE_RE.finditer(doc.masked, p_start, p_end))):
        sentence_start = doc.sentence(verb.start())[0]
        if subject := subject_before(doc, sentence_start, verb.start()):
            return subject
    return None


WORDS_OF = re.compile(
    r"(?:(?:So|Thus)\s+(?:said|says|spoke|wrote)|(?:That|This|Those|These)\s+(?:was|is|were|are)"
    r"\s+(?:the\s+)?(?:[a-z]+\s+)?(?:of|from)|The\s+(?:words?|warning|message|verdict|view)"
    r"\s+(?:came\s+)?from)\s+"
)
"""The next paragraph names who said a quote standing alone: "So said Anna Quill", "That was
the verdict of Anna Quill", "The words came from Anna Quill"."""


def _alone(doc: Document, index: int) -> bool:
    """The quote is its paragraph's only content."""
    span = doc.spans[index]
    start, end = doc.paragraphs[span.paragraph]
    return span.close is not None and not (
        re.search(r"\w", doc.masked[start : span.open])
        or re.search(r"\w", doc.masked[span.close + 1 : end])
    )


def _next_paragraph(doc: Document, index: int) -> tuple[int, int] | None:
    paragraph = doc.spans[index].paragraph + 1
    if not _alone(doc, index) or paragraph >= len(doc.paragraphs):
        return None
    if index + 1 < len(doc.spans) and doc.spans[index + 1].paragraph == paragraph:
        return None  # the next paragraph quotes someone itself
    return doc.paragraphs[paragraph]


def named_next(doc: Document, index: int) -> str | None:
    """Rule 4a: a quote standing alone whose next paragraph opens by naming who said it
    ("So said Anna Quill", "That was the verdict of Anna Quill")."""
    bounds = _next_paragraph(doc, index)
    if bounds is None or not (cue := WORDS_OF.match(doc.masked, bounds[0])):
        return None
    return speaker_after(doc, cue.end(), doc.sentence(bounds[0])[1]) or UNKNOWN


def next_paragraph(doc: Document, index: int) -> str | None:
    """Rule 5: a quote standing alone that nothing before attributes is said by the subject
    of the next paragraph's first speech verb, in its first sentence ("Quill said ...")."""
    bounds = _next_paragraph(doc, index)
    if bounds is None:
        return None
    sentence_end = doc.sentence(bounds[0])[1]
    verb = FINITE_RE.search(doc.masked, bounds[0], sentence_end)
    if verb is None or len(doc.masked[bounds[0] : verb.start()].split()) > MAX_WORDS_BEFORE_VERB:
        return None
    return subject_before(doc, bounds[0], verb.start())


RULES = (
    after_quote,
    before_quote,
    colon_lead,
    earlier_in_paragraph,
    named_next,
    previous_paragraph,
    next_paragraph,
)


def attribute(doc: Document) -> list[str | None]:
    """The speaker of each quote in `doc.spans` (a name or None), in order."""
    for index in range(len(doc.spans)):
        speaker = None
        for rule in RULES:
            speaker = rule(doc, index)
            if speaker is not None:
                break
        doc.speakers[index] = speaker or UNKNOWN
    by_last_word = doc.names_by_last_word()
    return [
        doc.fullest(speaker, span.open, by_last_word) if speaker else None
        for span, speaker in zip(doc.spans, doc.speakers.values(), strict=True)
    ]
