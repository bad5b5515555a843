"""Resolve entity mentions into actors merged across articles.

People are clustered in two steps. Within an article, full names ("Vladimir Putin") found
clusters, and a lone surname ("Putin") joins the full name it matches, the closest one before
it when several do; a misspelled surname ("Kubela" after "Dymtro Kulbela") joins when
rapidfuzz finds exactly one close match. Across articles, full names merge when they are the
same name, or the same first name with a near-identical surname; a surname seen alone (or an
unknown word the recogniser could not type) merges only when one known person carries it, or
one is named `_DOMINANCE` times as often as any other bearer. Two people who share a surname
therefore never merge without evidence. Organisations, places and groups merge by their
normalised name, and an abbreviation joins the name it shortens ("NATO", "U.S.").

Roles come from the words right before a mention ("Kremlin spokesman Dmitry Peskov").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reader.core.actor_index import ActorIndex
from reader.core.model import Actor, Analysis, Article, Entity
from reader.core.nlp.gazetteer import gazetteer
from reader.core.nlp.person_names import same_person, surname
from reader.core.nlp.roles import role_before

_SURNAME_MATCH = 80
"""Within an article: a lone name this close to one full name's surname is that person."""
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&"})
_DOMINANCE = 4
_OTHERWISE = 2
"""A lone name typed as a thing this many times as often as a person is that thing."""


@dataclass
class _Cluster:
    """Mentions believed to name one actor."""

    type: str
    mentions: list[tuple[str, Entity]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    full: dict[str, None] = field(default_factory=dict)
    """The distinct full names (two words or more), lower-cased, in order of appearance."""
    # What is asked of a cluster again and again while an article's names are placed, kept
    # up to date as names join rather than counted over every mention at each question:
    _words: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _surnames: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _name: str | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, article_id: str, entity: Entity, role: str | None) -> None:
        self.mentions.append((article_id, entity))
        self._name = None
        if " " in entity.text:
            self._add_full(entity.text.lower())
        self._add_role(role)

    def absorb(self, other: _Cluster) -> None:
        self.mentions.extend(other.mentions)
        self._name = None
        for name in other.full:
            self._add_full(name)
        for role in other.roles:
            self._add_role(role)

    def _add_full(self, name: str) -> None:
        if name not in self.full:
            self.full[name] = None
            self._words.update(name.split())
            self._surnames.add(surname(name))

    def _add_role(self, role: str | None) -> None:
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    @property
    def full_names(self) -> list[str]:
        return [e.text for _, e in self.mentions if " " in e.text]

    @property
    def name(self) -> str:
        """The commonest full name, else the commonest name (ties: the longer one)."""
        if self._name is None and len(self.mentions) == 1:
            self._name = self.mentions[0][1].text  # (what the count below makes of one)
        if self._name is None:
            names = self.full_names if self.type == "person" else []
            counts = Counter(names or [e.text for _, e in self.mentions])
            longer = -1 if self.type == "group" else 1  # "Ukrainian" over "Ukrainians"
            self._name = max(counts, key=lambda n: (counts[n], longer * len(n)))
        return self._name

    def words(self) -> set[str]:
        """The words of its full names (not to be changed)."""
        return self._words

    def surnames(self) -> set[str]:
        """The surnames of its full names (not to be changed)."""
        return self._surnames

    def to_actor(self) -> Actor:
        """The actor; a person's surname is always among its aliases ("Psaki")."""
        name = self.name
        lowered = name.lower()
        names = dict.fromkeys(e.text for _, e in self.mentions)
        if self.type == "person":  # each full name's surname, in the order they were first named
            names.update(dict.fromkeys(surname(n) for n in dict.fromkeys(self.full_names)))
        aliases = [alias for alias in names if alias.lower() != lowered]
        articles = list(dict.fromkeys(article_id for article_id, _ in self.mentions))
        if self.type == "person":
            kind = "person"
        elif len(self.mentions) == 1:
            kind = self.mentions[0][1].type
        else:
            kind = Counter(e.type for _, e in self.mentions).most_common(1)[0][0]
        return Actor(
            name=name,
            type=kind,
            aliases=aliases,
            roles=list(self.roles),
            articles=articles,
            mentions=len(self.mentions),
        )


def _key(entity: Entity) -> str:
    name = entity.text.lower()
    return name[4:] if name.startswith("the ") else name


def _people_in_article(
    article_id: str, text: str, people: list[Entity], unknown: list[Entity]
) -> tuple[list[_Cluster], set[int]]:
    """Person clusters of one article, and the starts of `unknown` names they claimed.

    An unknown single word joins a person only through their surname ("Kubela" after
    "Dymtro Kulbela"); otherwise it stays what the recogniser made of it.
    """
    clusters: list[_Cluster] = []
    full = [e for e in people if len(e.text.split()) > 1]
    single = [e for e in people if len(e.text.split()) == 1]
    for entity in full:
        words = entity.text.lower().split()
        match = next((c for c in clusters if same_person(c.full, words)), None)
        if match is None:
            match = _Cluster("person")
            clusters.append(match)
        match.add(article_id, entity, role_before(text, entity.start))
    for entity in single:
        match = _surname_owner(clusters, entity)
        if match is None:
            lowered = entity.text.lower()
            match = next((c for c in clusters if c.name.lower() == lowered), None)
        if match is None:
            match = _Cluster("person")
            clusters.append(match)
        match.add(article_id, entity, role_before(text, entity.start))
    claimed: set[int] = set()
    for entity in unknown:
        match = _surname_owner(clusters, entity)
        if match is not None:
            person = Entity(entity.start, entity.end, entity.text, "person")
            match.add(article_id, person, role_before(text, entity.start))
            claimed.add(entity.start)
    return clusters, claimed


def _surname_owner(clusters: list[_Cluster], entity: Entity) -> _Cluster | None:
    """The full-name cluster a lone name belongs to: exact word first, then a unique fuzzy one.
    Of several, the one named last before it; before any, the one named most."""
    word = entity.text.lower()
    owners = [c for c in clusters if c.full and word in c.words()]
    if not owners:
        scored = [(max(fuzz.ratio(word, s) for s in c.surnames()), c) for c in clusters if c.full]
        close = [c for score, c in scored if score >= _SURNAME_MATCH]
        owners = close if len(close) == 1 else []
    if len(owners) <= 1:
        return owners[0] if owners else None

    def salience(cluster: _Cluster) -> tuple[int, int]:
        starts = [e.start for _, e in cluster.mentions if e.start < entity.start]
        return max(starts, default=-1), len(cluster.mentions)

    return max(owners, key=salience)


def _dominant(owners: list[_Cluster]) -> _Cluster | None:
    """The person a bare surname means across articles: the only one who bears it, or one
    named so much more often (`_DOMINANCE` times the next) that the corpus is about them.
    """
    if len(owners) <= 1:
        return owners[0] if owners else None
    ranked = sorted(owners, key=lambda c: len(c.mentions), reverse=True)
    if len(ranked[0].mentions) >= _DOMINANCE * len(ranked[1].mentions):
        return ranked[0]
    return None


@dataclass
class _People:
    """Corpus-wide person clusters, indexed by the words that can link a new name to them."""

    clusters: list[_Cluster] = field(default_factory=list)
    by_word: dict[str, list[_Cluster]] = field(default_factory=dict)
    """First and last word of each full name -> the clusters that carry it."""
    by_surname: dict[str, list[_Cluster]] = field(default_factory=dict)
    by_full: dict[str, _Cluster] = field(default_factory=dict)
    lone: list[_Cluster] = field(default_factory=list)
    """Clusters of an article that named someone by one word only; placed at the end."""

    def add(self, local: list[_Cluster]) -> None:
        """Fold one article's person clusters in: full names now, lone names at the end."""
        for cluster in local:
            if not cluster.full:
                self.lone.append(cluster)
                continue
            match = self._match(cluster)
            if match is None:
                self.clusters.append(cluster)
                match = cluster
            else:
                match.absorb(cluster)
            self._index(match)

    def _match(self, cluster: _Cluster) -> _Cluster | None:
        for name in cluster.full:
            words = name.split()
            candidates = self.by_word.get(words[0], []) + self.by_word.get(words[-1], [])
            for candidate in candidates:
                if same_person(candidate.full, words):
                    return candidate
        return None

    def _index(self, cluster: _Cluster) -> None:
        for name in cluster.full:
            self.by_full.setdefault(name, cluster)
            words = name.split()
            for key, table in ((words[0], self.by_word), (words[-1], self.by_word)):
                holders = table.setdefault(key, [])
                if cluster not in holders:
                    holders.append(cluster)
            holders = self.by_surname.setdefault(surname(name), [])
            if cluster not in holders:
                holders.append(cluster)

    def claim_unknown(self, others: dict[str, _Cluster]) -> None:
        """An unknown name that is a person's full name, or the surname of one dominant
        person, is that person ("Trump", "Mitt Romney" where an article gave no cue)."""
        for key in [k for k, c in others.items() if c.type == "other"]:
            owner = self.by_full.get(key) or _dominant(self.by_surname.get(key, []))
            if owner is not None:
                owner.absorb(others.pop(key))

    def finish(self) -> list[_Cluster]:
        """Place lone names: with the one person of that surname, else with each other."""
        alone: dict[str, _Cluster] = {}
        for cluster in self.lone:
            word = cluster.name.lower()
            owner = _dominant(self.by_surname.get(word, []))
            if owner is not None:
                owner.absorb(cluster)
            elif word in alone:
                alone[word].absorb(cluster)
            else:
                alone[word] = cluster
        return [*self.clusters, *alone.values()]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIP).upper()


def _well_known(name: str) -> bool:
    lists = gazetteer()
    return name in lists.countries or name in lists.organizations


def _introduced(text: str, entities: list[Entity]) -> dict[str, str]:
    """Acronyms an article introduces in brackets after a name, "the Bureau of Alcohol, Tobacco,
    Firearms and Explosives (ATF)": {"ATF": the name's key}."""
    found = {}
    for name, short in zip(entities, entities[1:], strict=False):
        between = text[name.end : short.start]
        if (
            between.strip() == "("
            and text[short.end : short.end + 1] == ")"
            and short.text.replace(".", "").isupper()
            and " " in name.text
            and name.type == short.type
        ):
            found[short.text.replace(".", "").upper()] = _key(name)
    return found


def _merge_acronyms(clusters: dict[str, _Cluster], introduced: dict[str, str]) -> None:
    """ "NATO" and "North Atlantic Treaty Organization", "U.S." and "United States" are one,
    and so are an acronym and the name an article introduced it for ("... Human Services
    (HHS)"); "HHS" also shortens "Department of Health and Human Services" by its last letters.
    """
    long_names: dict[str, str] = {}
    for key in clusters:
        if len(key.split()) > 1:
            initials = _initials(key)
            long_names.setdefault(initials, key)
            if len(initials) > 3 and key.split()[1] == "of":
                long_names.setdefault(initials[1:], key)  # "(Department of) HHS"
    long_names.update(introduced)
    for key in list(clusters):
        short = key.replace(".", "").upper()
        if key not in clusters or " " in key:
            continue
        written_short = any(e.text.replace(".", "").isupper() for _, e in clusters[key].mentions)
        if not 2 <= len(short) <= 6 or not written_short:
            continue
        target = long_names.get(short)
        if len(short) < 3 and not (target and _well_known(target)):
            continue  # two letters abbreviate too many names: only "UN", "US", "EU" and kin
        if target in clusters and target != key and clusters[target].type == clusters[key].type:
            clusters[key].absorb(clusters.pop(target))


def _merge_plurals(clusters: dict[str, _Cluster]) -> None:
    """ "Ukrainians" is the group "Ukrainian" speaks of: one actor."""
    for key in list(clusters):
        singular = key[:-1]
        if clusters[key].type == "group" and key.endswith("s") and singular in clusters:
            if clusters[singular].type == "group":
                clusters[singular].absorb(clusters.pop(key))


_DATELINE_END = re.compile(r"\s*(?:\(|—|–|-|,)")


def _dateline(text: str, entity: Entity) -> bool:
    """ "WASHINGTON (AP) —" opening an article says where it was filed, not who acts in it."""
    opening = entity.text.isupper() and not text[: entity.start].strip()
    return opening and _DATELINE_END.match(text, entity.end) is not None


def _named_otherwise(person: _Cluster, others: dict[str, _Cluster]) -> bool:
    """A one-word "person" the corpus mostly names as a thing ("Twitter said" once, "on
    Twitter" often) is that thing: it joins it, and True is returned."""
    if person.full:
        return False
    thing = others.get(person.name.lower())
    if thing is None or thing.type not in ("organization", "other"):
        return False
    if len(thing.mentions) < _OTHERWISE * len(person.mentions):
        return False
    thing.absorb(person)
    return True


def resolve_actors(docs: list[tuple[Article, Analysis]]) -> ActorIndex:
    """Merge every article's entity mentions into actors."""
    people = _People()
    others: dict[str, _Cluster] = {}
    introduced: dict[str, str] = {}
    for article, analysis in docs:
        text = article.text
        introduced.update(_introduced(text, analysis.entities))
        persons = [e for e in analysis.entities if e.type == "person"]
        unknown = [e for e in analysis.entities if e.type == "other" and " " not in e.text]
        local, claimed = _people_in_article(article.id, text, persons, unknown)
        people.add(local)
        for entity in analysis.entities:
            if entity.type == "person" or entity.start in claimed or _dateline(text, entity):
                continue
            key = _key(entity)
            cluster = others.get(key)
            if cluster is None:
                cluster = others[key] = _Cluster(entity.type)
            cluster.add(article.id, entity, None)
    _merge_acronyms(others, introduced)
    _merge_plurals(others)
    people.claim_unknown(others)
    named = [c for c in people.finish() if not _named_otherwise(c, others)]
    index = ActorIndex()
    for cluster in [*named, *others.values()]:
        actor = cluster.to_actor()
        index.actors.append(actor)
        for article_id, entity in cluster.mentions:
            index.by_mention[(article_id, entity.start)] = actor.name
            index.by_surface[(article_id, entity.text)] = actor.name
    index.actors.sort(key=lambda a: (-a.mentions, a.name.lower()))
    return index
