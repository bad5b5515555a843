"""Resolve entity mentions into actors merged across articles.

People are clustered in two steps. Within an article, full names ("Vladimir Putin") found
clusters, and a lone surname ("Putin") joins the full name it matches, the closest one before
it when several do; a misspelled surname ("Kubela" after "Dymtro Kulbela") joins when
rapidfuzz finds exactly one close match. Across articles, full names merge when they are the
same name, or the same first name with a near-identical surname; a surname seen alone merges
only when exactly one known person carries it. Two people who share a surname therefore never
merge without evidence. Organisations, places and groups merge by their normalised name, and
an acronym joins the name it abbreviates ("NATO", "North Atlantic Treaty Organization").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reader.core.model import Actor, Analysis, Article, Entity
from reader.core.nlp import cues

_SURNAME_MATCH = 80
"""Within an article: a lone name this close to one full name's surname is that person."""
_SAME_FIRST_SURNAME_MATCH = 85
_FULL_NAME_MATCH = 92
_ROLE_WORD = re.compile(r"[A-Za-z][\w.’'-]*")
_ROLE_WINDOW = 80
_ROLE_MAX_WORDS = 6
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&"})


@dataclass
class ActorIndex:
    """The corpus's actors and which actor each entity mention belongs to."""

    actors: list[Actor] = field(default_factory=list)
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)
    """(article id, mention start offset) -> canonical actor name."""
    by_surface: dict[tuple[str, str], str] = field(default_factory=dict)
    """(article id, surface text) -> canonical actor name."""

    def actor_at(self, article_id: str, start: int) -> str | None:
        """The canonical name of the actor mentioned at `start` in an article."""
        return self.by_mention.get((article_id, start))

    def canonical(self, article_id: str, name: str | None) -> str | None:
        """The canonical actor name for a name as written in an article (e.g. a speaker)."""
        if name is None:
            return None
        return self.by_surface.get((article_id, name), name)


@dataclass
class _Cluster:
    """Mentions believed to name one actor."""

    type: str
    mentions: list[tuple[str, Entity]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def add(self, article_id: str, entity: Entity, role: str | None) -> None:
        self.mentions.append((article_id, entity))
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def absorb(self, other: _Cluster) -> None:
        self.mentions.extend(other.mentions)
        for role in other.roles:
            if role.lower() not in {r.lower() for r in self.roles}:
                self.roles.append(role)

    @property
    def full_names(self) -> list[str]:
        return [e.text for _, e in self.mentions if len(e.text.split()) > 1]

    @property
    def name(self) -> str:
        """The commonest full name (the first of equals), else the commonest name."""
        names = self.full_names if self.type == "person" else []
        counts = Counter(names or [e.text for _, e in self.mentions])
        return max(counts, key=lambda n: (counts[n], len(n)))

    def words(self) -> set[str]:
        return {w.lower() for n in self.full_names for w in n.split()}

    def surnames(self) -> set[str]:
        return {n.split()[-1].lower() for n in self.full_names}

    def to_actor(self) -> Actor:
        """The actor; a person's surname is always among its aliases ("Psaki")."""
        name = self.name
        aliases: list[str] = []
        surnames = [_surname(n) for n in self.full_names] if self.type == "person" else []
        for alias in [*(e.text for _, e in self.mentions), *surnames]:
            if alias.lower() != name.lower() and alias not in aliases:
                aliases.append(alias)
        articles = list(dict.fromkeys(article_id for article_id, _ in self.mentions))
        types = Counter(e.type for _, e in self.mentions)
        return Actor(
            name=name,
            type=types.most_common(1)[0][0],
            aliases=aliases,
            roles=list(self.roles),
            articles=articles,
            mentions=len(self.mentions),
        )


def role_before(text: str, start: int) -> str | None:
    """The title or role written right before a name ("Kremlin spokesman", "President")."""
    window = text[max(0, start - _ROLE_WINDOW) : start]
    if window and not window[-1].isspace():
        return None
    taken: list[str] = []
    for word in reversed(window.split()):
        low = word.lower()
        if not _ROLE_WORD.fullmatch(word) or low in cues.CALENDAR_WORDS or _ends_sentence(word):
            break
        if low in cues.TITLE_HEADS or low in cues.TITLE_MODIFIERS or low == "of":
            taken.append(word)
        elif word[0].isupper() and taken:
            taken.append(word)
        else:
            break
        if len(taken) >= _ROLE_MAX_WORDS:
            break
    taken.reverse()
    while taken and (taken[0].lower() in cues.FUNCTION_WORDS or taken[0].lower() == "of"):
        taken.pop(0)
    if not any(w.lower() in cues.TITLE_HEADS for w in taken):
        return None
    return " ".join(taken)


def _ends_sentence(word: str) -> bool:
    """ "Ukraine." ends a sentence; "U.S." and "Mr." do not."""
    return word.endswith(".") and "." not in word[:-1] and len(word) > 4


def _surname(full_name: str) -> str:
    """The last word with its particles: "Jean-Yves Le Drian" -> "Le Drian"."""
    words = full_name.split()
    index = len(words) - 1
    while index > 1 and words[index - 1].lower() in cues.NAME_CONNECTORS:
        index -= 1
    return " ".join(words[index:])


def _key(entity: Entity) -> str:
    name = entity.text.lower()
    return name[4:] if name.startswith("the ") else name


def _people_in_article(article_id: str, text: str, people: list[Entity]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    full = [e for e in people if len(e.text.split()) > 1]
    single = [e for e in people if len(e.text.split()) == 1]
    for entity in full:
        words = entity.text.lower().split()
        match = next((c for c in clusters if _same_person(c, words)), None)
        if match is None:
            match = _Cluster("person")
            clusters.append(match)
        match.add(article_id, entity, role_before(text, entity.start))
    for entity in single:
        match = _surname_owner(clusters, entity)
        if match is None:
            match = next((c for c in clusters if c.name.lower() == entity.text.lower()), None)
        if match is None:
            match = _Cluster("person")
            clusters.append(match)
        match.add(article_id, entity, role_before(text, entity.start))
    return clusters


def _same_person(cluster: _Cluster, words: list[str]) -> bool:
    """Full name `words` is the cluster's person: same name, or same first name, near surname."""
    for name in cluster.full_names:
        other = name.lower().split()
        if other == words:
            return True
        if other[0] == words[0] and fuzz.ratio(other[-1], words[-1]) >= _SAME_FIRST_SURNAME_MATCH:
            return True
        if fuzz.token_sort_ratio(" ".join(other), " ".join(words)) >= _FULL_NAME_MATCH:
            return True
    return False


def _surname_owner(clusters: list[_Cluster], entity: Entity) -> _Cluster | None:
    """The full-name cluster a lone name belongs to: exact word first, then a unique fuzzy one."""
    word = entity.text.lower()
    owners = [c for c in clusters if c.full_names and word in c.words()]
    if not owners:
        scored = [
            (max(fuzz.ratio(word, s) for s in c.surnames()), c) for c in clusters if c.full_names
        ]
        close = [c for score, c in scored if score >= _SURNAME_MATCH]
        owners = close if len(close) == 1 else []
    if len(owners) <= 1:
        return owners[0] if owners else None

    def last_before(cluster: _Cluster) -> int:
        starts = [e.start for _, e in cluster.mentions if e.start < entity.start]
        return max(starts, default=-1)

    return max(owners, key=last_before)


def _merge_people(local: list[_Cluster], merged: list[_Cluster]) -> None:
    """Fold one article's person clusters into the corpus-wide ones."""
    for cluster in local:
        if not cluster.full_names:
            continue
        words_list = [n.lower().split() for n in cluster.full_names]
        match = next((m for m in merged if any(_same_person(m, w) for w in words_list)), None)
        if match is None:
            merged.append(cluster)
        else:
            match.absorb(cluster)
    for cluster in local:
        if cluster.full_names:
            continue
        word = cluster.name.lower()
        owners = [m for m in merged if m.full_names and word in m.surnames()]
        if not owners:
            owners = [m for m in merged if not m.full_names and m.name.lower() == word]
        if len(owners) == 1:
            owners[0].absorb(cluster)
        else:
            merged.append(cluster)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIP).upper()


def _merge_acronyms(clusters: dict[str, _Cluster]) -> None:
    """ "NATO" and "North Atlantic Treaty Organization" are one actor."""
    long_names = {_initials(key): key for key in clusters if len(key.split()) > 2}
    for key in list(clusters):
        short = key.replace(".", "").upper()
        target = long_names.get(short) if " " not in key and 2 <= len(short) <= 6 else None
        if target and target in clusters and key in clusters and target != key:
            clusters[key].absorb(clusters.pop(target))


def resolve_actors(docs: list[tuple[Article, Analysis]]) -> ActorIndex:
    """Merge every article's entity mentions into actors."""
    people: list[_Cluster] = []
    others: dict[str, _Cluster] = {}
    for article, analysis in docs:
        text = article.text
        persons = [e for e in analysis.entities if e.type == "person"]
        _merge_people(_people_in_article(article.id, text, persons), people)
        for entity in analysis.entities:
            if entity.type == "person":
                continue
            cluster = others.setdefault(_key(entity), _Cluster(entity.type))
            cluster.add(article.id, entity, None)
    _merge_acronyms(others)
    index = ActorIndex()
    for cluster in [*people, *others.values()]:
        actor = cluster.to_actor()
        index.actors.append(actor)
        for article_id, entity in cluster.mentions:
            index.by_mention[(article_id, entity.start)] = actor.name
            index.by_surface[(article_id, entity.text)] = actor.name
    index.actors.sort(key=lambda a: (-a.mentions, a.name.lower()))
    return index
