"""Canonical entities of one article: which mentions name the same person, body or place, and its name.

Within an article, "Kerry" is the "John Kerry" named before it, "CIA" is the "Central Intelligence Agency"
(acronym of a longer name, or the common-alias table ``resources/aliases.yaml``), "the U.S." is the
United States, and "Syrian" in "the Syrian army" is Syria (``resources/demonyms.tsv``). Places are
resolved in the gazetteer with the article's countries as context.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from .gazetteer import Gazetteer, Place, fold
from .mention import Entity

TYPES = ("person", "organization", "group", "country", "city", "region", "place", "facility", "other")
PLACE_TYPES = frozenset({"country", "city", "region", "place", "facility"})
# Function words that acronyms skip: "Organization of the Petroleum Exporting Countries" is OPEC.
_LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group", "FAC": "facility",
                "GPE": "place", "LOC": "place"}
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "&"})


def _resource(name: str) -> str:
    return resources.files(__package__).joinpath("resources", name).read_text("utf-8")


def _lines(name: str) -> list[str]:
    return [line.strip() for line in _resource(name).splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Alias:
    """One entry of aliases.yaml: a canonical name, its type, and how it ties to the gazetteer."""

    name: str
    type: str
    aliases: tuple[str, ...]
    country_code: str | None = None
    geonameid: int | None = None
    examples: tuple[str, ...] = ()


@cache
def aliases() -> dict[str, Alias]:
    """The alias table by folded name (the canonical name and each alias).

    Raises ValueError naming the entry whose type is not a contract entity type.
    """
    table: dict[str, Alias] = {}
    for raw in yaml.safe_load(_resource("aliases.yaml")):
        entry = Alias(raw["name"], raw["type"], tuple(raw.get("aliases", ())), raw.get("country_code"),
                      raw.get("geonameid"), tuple(raw.get("examples", ())))
        if entry.type not in TYPES:
            raise ValueError(f"aliases.yaml: {entry.name}: unknown type {entry.type!r}")
        for name in (entry.name, *entry.aliases):
            table[fold(name)] = entry
    return table


@cache
def demonyms() -> dict[str, str]:
    """Country code by folded demonym ("syrian" -> "SY")."""
    rows = csv.reader(_lines("demonyms.tsv"), delimiter="\t")
    return {fold(demonym): code for demonym, code in rows}


@cache
def state_bodies() -> dict[str, str]:
    """Entity type by state-body noun ("army" -> "group").

    Raises ValueError naming a line whose type is not a contract entity type.
    """
    table = {}
    for line in _lines("state_bodies.txt"):
        noun, type_ = line.split("\t")
        if type_ not in TYPES:
            raise ValueError(f"state_bodies.txt: {noun}: unknown type {type_!r}")
        table[noun] = type_
    return table


def body_type(head: Token, skip: int | None = None) -> str | None:
    """The entity type of a state body headed by ``head`` ("army", "government troops", "air force"),
    None for another noun. ``skip`` is a compound token that is not part of the body's noun (a demonym)."""
    compounds = " ".join(t.lower_ for t in head.lefts if t.dep_ == "compound" and t.i != skip)
    bodies = state_bodies()
    for word in (head.lemma_.lower(), head.lower_):
        for form in (f"{compounds} {word}".strip(), word):
            if form in bodies:
                return bodies[form]
    return None


@cache
def place_nouns() -> frozenset[str]:
    return frozenset(_lines("place_nouns.txt"))


def acronym(name: str) -> str:
    """The initials of a name's words, skipping function words: "Central Intelligence Agency" -> "CIA"."""
    return "".join(w[0].upper() for w in name.replace("-", " ").split() if w.lower() not in _ACRONYM_SKIP)


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@dataclass
class Mention:
    """One name in the text, as the entities component found it, before canonicalization.

    ``label`` is the spaCy NER label, "" for a proper noun the model missed; ``state_body`` is True
    for a demonym modifying an army, a government...; ``after_place_noun`` is True for the object of
    "the city of", "the port of"...; ``start``/``end`` are token offsets.
    """

    text: str
    label: str
    start: int
    end: int
    state_body: bool = False
    after_place_noun: bool = False
    entity: Entity | None = field(default=None, compare=False)


def entity_of_place(place: Place, name: str | None = None) -> Entity:
    aliases = [place.name] if name and name != place.name else []
    return Entity(name or place.name, place.entity_type, aliases=aliases, country_code=place.country_code,
                  latitude=place.latitude, longitude=place.longitude, geonameid=place.geonameid)


class Canonicalizer:
    """Assigns every mention of an article its canonical ``Entity`` (``Mention.entity``), shared by all
    mentions of the same thing. Stateless between articles."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.aliases = aliases()
        self.demonyms = demonyms()

    def __call__(self, mentions: list[Mention]) -> list[Entity]:
        """Link ``mentions`` (in text order) and return the article's entities in first-mention order."""
        _vote_labels(mentions)
        persons = [m for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1]
        orgs = [m for m in mentions if m.label == "ORG" and len(m.text.split()) > 1]
        context = self._context(mentions)
        registry: dict[tuple, Entity] = {}
        long_orgs = {acronym(m.text): m.text for m in orgs}
        for m in mentions:
            entity = (self._alias(m) or self._person(m, persons) or self._acronym(m, long_orgs)
                      or self._org_part(m, orgs) or self._demonym(m) or self._place(m, context) or self._plain(m))
            if entity is not None:
                m.entity = self._register(registry, entity, m.text)
        return list(registry.values())

    def _context(self, mentions: list[Mention]) -> set[str]:
        """Countries the article names, by name, alias or demonym, or through an unambiguous place."""
        codes = set()
        for m in mentions:
            alias = self.aliases.get(fold(m.text))
            if alias and alias.country_code:
                codes.add(alias.country_code)
            elif fold(m.text) in self.demonyms:
                codes.add(self.demonyms[fold(m.text)])
            elif m.label in ("GPE", "LOC"):
                candidates = self.gazetteer.candidates(m.text)
                if len(candidates) == 1 or any(c.kind == "country" for c in candidates):
                    codes.add(min(candidates, key=lambda c: c.kind != "country").country_code)
        codes.discard(None)
        return codes

    def _alias(self, m: Mention) -> Entity | None:
        entry = self.aliases.get(fold(m.text))
        if entry is None or (m.label == "PERSON" and entry.type not in PLACE_TYPES):
            return None
        place = None
        if entry.geonameid is not None:
            place = self.gazetteer.by_id(entry.geonameid)
        elif entry.type == "country" and entry.country_code:
            place = self.gazetteer.country(entry.country_code)
        if place is not None:
            entity = entity_of_place(place, entry.name)
        else:
            entity = Entity(entry.name, entry.type, country_code=entry.country_code)
        entity.aliases = [a for a in entry.aliases if a != entity.name]
        return entity

    @staticmethod
    def _person(m: Mention, persons: list[Mention]) -> Entity | None:
        """A PERSON or ORG mention that ends a longer person's name is that person (the nearest full
        name before it, else the first after): the small model often tags a bare surname ORG."""
        if m.label not in ("PERSON", "ORG"):
            return None
        words = m.text.split()
        full = _nearest(m, [p for p in persons if len(p.text.split()) > len(words)
                            and p.text.split()[-len(words):] == words])
        return Entity(full.text, "person") if full else None

    @staticmethod
    def _org_part(m: Mention, orgs: list[Mention]) -> Entity | None:
        """A shorter name that begins or ends a longer organization's name is that organization:
        "Allianz" is "Allianz AG", "Paribas" is "Cie. Financiere de Paribas"."""
        if m.label not in ("ORG", "PERSON") or not m.text[:1].isupper():
            return None
        words = m.text.split()
        n = len(words)
        full = _nearest(m, [o for o in orgs if len(o.text.split()) > n
                            and words in (o.text.split()[:n], o.text.split()[-n:])])
        return Entity(full.text, "organization") if full else None

    @staticmethod
    def _acronym(m: Mention, long_orgs: dict[str, str]) -> Entity | None:
        if not is_acronym(m.text):
            return None
        full = long_orgs.get(m.text.replace(".", ""))
        return Entity(full, "organization") if full else None

    def _demonym(self, m: Mention) -> Entity | None:
        """A demonym modifying an army, a government... is its country; other demonyms are groups."""
        code = self.demonyms.get(fold(m.text)) if m.label == "NORP" else None
        if code is None:
            return None
        country = self.gazetteer.country(code) if m.state_body else None
        return entity_of_place(country) if country is not None else Entity(m.text, "group")

    def _place(self, m: Mention, context: set[str]) -> Entity | None:
        """A gazetteer place for GPE/LOC mentions and names after "the city of"...; for other mentions,
        only where the gazetteer is sure: a country, continent or state, or a city in a country the
        article names."""
        place = self.gazetteer.resolve(m.text, context)
        if place is None:
            return None
        if m.label not in ("GPE", "LOC") and not m.after_place_noun and not self.sure(place, context):
            return None
        return entity_of_place(place, m.text if place.kind == "city" else None)

    @staticmethod
    def sure(place: Place, context: set[str]) -> bool:
        """Whether a name that the model did not tag as a place should be taken as ``place``."""
        return place.kind != "city" or place.country_code in context

    @staticmethod
    def _plain(m: Mention) -> Entity | None:
        """The entity the NER label alone gives; None for an unlabeled name the gazetteer was unsure of."""
        kind = _LABEL_TYPES.get(m.label)
        return Entity(m.text, kind) if kind else None

    @staticmethod
    def _register(registry: dict[tuple, Entity], entity: Entity, surface: str) -> Entity:
        key = ("geo", entity.geonameid) if entity.geonameid is not None else (entity.type, entity.name)
        known = registry.setdefault(key, entity)
        if surface != known.name and surface not in known.aliases:
            known.aliases.append(surface)
        return known


def _nearest(m: Mention, candidates: list[Mention]) -> Mention | None:
    """The last candidate before ``m``, else the first after it; None for none."""
    before = [c for c in candidates if c.start < m.start]
    return before[-1] if before else (candidates[0] if candidates else None)


def _vote_labels(mentions: list[Mention]) -> None:
    """Give every mention of the same text its most frequent label: the model tags "G2 Bulletin" ORG
    in one sentence and PERSON in the next; a proper noun the model missed takes the label it has
    elsewhere. Ties keep each mention's own label."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.label:
            counts[m.text][m.label] += 1
    for m in mentions:
        ranked = counts[m.text].most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            m.label = ranked[0][0]
