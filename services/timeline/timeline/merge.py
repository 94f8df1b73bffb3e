"""Which entry of the timeline an event belongs to: pure decisions, no Redis.

Two events *link* when they are the same kind of event (trigger lemma through the table in
``resources/event_kinds.json``), nothing between them conflicts (days that differ, different
cities, different people) and enough supports it: the same article, shared participants or
places, the same specific date, similar sentences, articles telling the same story (see ``article_story``);
events of two articles telling different stories never link. An entry is a group of events joined by links,
and everything in it is computed from its set of events. So the timeline is the connected
components of the link graph over all events: the same articles in any order, or twice, give the
same entries, provided the store hands ``add`` every entry filed under one of the event's
``search_keys`` (``filing_keys`` and ``search_keys`` meet for any two events that can link).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, NamedTuple

import orjson

STATUS_ORDER = ("occurred", "ongoing", "planned", "reported", "hypothetical", "denied", "negated")
# Where a date came from, most trusted first: a publication date is the extractor's fallback guess.
ANCHOR_ORDER = ("expression", "discourse", "publication")
_EXCLUSIVE_PLACE_TYPES = frozenset({"country", "city", "region", "facility"})
# Entities that act for the country of their country_code: the country itself and its bodies (the
# extractor gives a state body named with a demonym, "Syrian army", its country's code).
_ACTING_FOR_COUNTRY = frozenset({"country", "group", "organization"})
_WORD = re.compile(r"[^\W\d_]+")
_SIMILARITY_SAMPLE = 30


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds of the merge decision (``config.py`` builds it from the environment).

    threshold: support (0..1) two events of one kind need to be linked.
    date_window_days: how far apart two day dates may be when one is only the publication date.
    max_candidates: most candidate entries compared with one event (by smallest id); past it the
        result may depend on arrival order.
    *_weight: what each kind of support adds; text similarity (Jaccard of the content words of the
        two sentences) adds itself.
    story_floor: least similarity of two articles' stories (Jaccard) under which their events never
        link; only when both events carry a story.
    story_weight: support per 0.1 of story similarity above the floor.
    """

    threshold: float = 0.4
    date_window_days: int = 3
    max_candidates: int = 200
    same_article_weight: float = 0.6
    participant_weight: float = 0.3
    location_weight: float = 0.3
    date_weight: float = 0.3
    story_floor: float = 0.1
    story_weight: float = 1.0


class Link(NamedTuple):
    score: float
    reasons: list[str]


# ---------------------------------------------------------------- data tables


def _resource(name: str) -> dict:
    return json.loads(resources.files("timeline").joinpath("resources", name).read_text("utf-8"))


@lru_cache(maxsize=None)
def _inflections() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(pair) for pair in _resource("event_kinds.json")["inflections"]["suffixes"])


@lru_cache(maxsize=65536)
def stem(lemma: str) -> str:
    """The lemma with inflection cut (``resources/event_kinds.json``), word by word."""
    words = []
    for word in lemma.lower().split():
        for suffix, replacement in _inflections():
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
                word = word[: -len(suffix)] + replacement
                break
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]
        if len(word) > 3 and word.endswith("e"):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=None)
def kind_table() -> tuple[dict[str, str], frozenset[str]]:
    """Stem → kind (the group's first lemma), and the kinds never merged.

    Raises ValueError naming a lemma whose stem is in two groups.
    """
    data = _resource("event_kinds.json")
    kinds: dict[str, str] = {}
    for group in data["groups"]:
        for lemma in group:
            key = stem(lemma)
            if kinds.get(key, group[0]) != group[0]:
                raise ValueError(f"event_kinds.json: {lemma!r} is in the groups of {kinds[key]!r} and {group[0]!r}")
            kinds[key] = group[0]
    return kinds, frozenset(kinds.get(stem(lemma), stem(lemma)) for lemma in data["never_merge"])


@lru_cache(maxsize=None)
def _words() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    data = _resource("words.json")
    honorifics = sorted((tuple(h.split()) for h in data["honorifics"]), key=len, reverse=True)
    return frozenset(data["stopwords"]), tuple(honorifics)


def kind(lemma: str) -> str:
    """The kind of event a trigger lemma names: its group's first lemma ("assault" → "attack"),
    else its stem ("checks" → "check")."""
    key = stem(lemma)
    return kind_table()[0].get(key, key)


def _tokens(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(plain.lower())


@lru_cache(maxsize=65536)
def canonical_name(name: str) -> str:
    """A name as compared across articles: ASCII, lower case, no punctuation, no leading title."""
    tokens = _tokens(name)
    honorifics = _words()[1]
    stripped = True
    while stripped and len(tokens) > 1:
        stripped = False
        for h in honorifics:
            if len(tokens) > len(h) and tuple(tokens[: len(h)]) == h:
                tokens = tokens[len(h):]
                stripped = True
                break
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    stop = _words()[0]
    return frozenset(w for w in _tokens(text) if len(w) > 2 and w not in stop)


# ---------------------------------------------------------------- event → member record


def _entity(entity: dict) -> dict:
    kept = ("name", "type", "role", "aliases", "country_code", "geonameid")
    return {k: entity[k] for k in kept if entity.get(k) not in (None, [])}


def member(event: dict, story: list[str] | None = None) -> dict:
    """What an entry keeps of one ``event.v1`` event: enough to decide links and rebuild the entry.

    ``story`` is its article's (``article_story``), kept only when given.
    """
    kept = {
        "id": event["id"],
        "article": event["article_id"],
        "lemma": event["trigger"]["lemma"],
        "class": event["class"],
        "status": event["status"],
        "title": event["title"],
        "trigger": {k: event["trigger"][k] for k in ("text", "start", "end")},
        "evidence": {k: event["evidence"][k] for k in ("text", "start", "end")},
        "date": event["date"],
        "participants": [_entity(e) for e in event["participants"]],
        "locations": [_entity(e) for e in event["locations"]],
        "source": event["source"],
    }
    if story is not None:
        kept["story"] = story
    return kept


def article_story(events: Iterable[dict]) -> list[str]:
    """What an article is about, from all the events extracted from it: the names of its
    participants and places and the content words of its sentences, sorted.

    Two articles about one happening share many of these; two articles about similar happenings
    (two rehab check-ins, two earthquakes) share the words of the kind but not the names, places and
    details. Computed from the whole extraction, so the same article always has the same story.
    """
    words: set[str] = set()
    sentences = set()
    for event in events:
        for entity in (*event["participants"], *event["locations"]):
            words.add(canonical_name(entity["name"]))
        sentences.add(event["evidence"]["text"])
    for sentence in sentences:
        words |= content_words(sentence)
    return sorted(words - {""})


def article_stories(events: Iterable[dict]) -> dict[str, list[str]]:
    """Each article's story (``article_story``) from all its events among ``events``."""
    by_article: dict[str, list[dict]] = {}
    for event in events:
        by_article.setdefault(event["article_id"], []).append(event)
    return {article: article_story(told) for article, told in by_article.items()}


@lru_cache(maxsize=65536)
def _story_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    shared = len(set(a).intersection(b))
    return shared / (len(a) + len(b) - shared) if a and b else 0.0


def _keys(entity: dict) -> frozenset[str]:
    """What an entity is recognised by across articles: canonical names, surname, gazetteer id, and
    for a country or a body of one ("Syrian army", country SY) the country."""
    return _name_keys(entity["name"], tuple(entity.get("aliases", ())), entity.get("type"), entity.get("geonameid"),
                      entity.get("country_code"))


@lru_cache(maxsize=65536)
def _name_keys(name: str, aliases: tuple[str, ...], type_: str | None, geonameid: int | None,
               country_code: str | None = None) -> frozenset[str]:
    names = [name, *aliases]
    keys = {canonical_name(n) for n in names} - {""}
    if type_ == "person":
        # "Kerry" in one article is "John Kerry" in another.
        keys |= {"surname:" + k.split()[-1] for k in keys}
    if geonameid:
        keys.add(f"geo:{geonameid}")
    if country_code and type_ in _ACTING_FOR_COUNTRY:
        # "the Syrian army" in one article, "Syrian government troops" or Syria in another: one actor.
        keys.add(f"country:{country_code}")
    return frozenset(keys)


def blocking_keys(event: dict) -> list[str]:
    """Keys that events which may link share: the store counts writes under them (a merge applies only
    if none changed since its read) and merges an extraction's events sharing one in turn.

    Linking needs the same kind, so the kind is the key; never-merged kinds get none (such an
    event always starts its own entry).
    """
    k = kind(event["trigger"]["lemma"])
    return [] if k in kind_table()[1] else [f"kind:{k}"]


# Finer than the kind, where entries are filed and an event's candidates are sought: two events that
# link share a place (a key of ``_keys``) or name no two places of one exclusive type (else
# ``_places_conflict``). So an entry is filed under its kind with each place key of its members and
# with each member's set of exclusive place types, and an event seeks under its kind with its own
# place keys and every set of types disjoint from its own: a day's events in other cities are not
# read. Place keys go by a hash into one of _PLACE_BUCKETS per kind: two events sharing one still
# meet, and a bucket's other places only add candidates that do not link: the more buckets, the
# fewer of those and the more (smaller) sorted sets. At a million events 1,024 a kind keep both
# small: tens of thousands of sets of tens of entries (compactly encoded in Redis) instead of one
# per place and kind.
_PLACE_BUCKETS = 1024


def _place_key(kind_: str, key: str) -> str:
    return f"{kind_}|@{zlib.crc32(key.encode('utf-8')) % _PLACE_BUCKETS:03x}"


def _place_keys(kind_: str, locations: list[dict]) -> set[str]:
    return {_place_key(kind_, key) for place in locations for key in _keys(place)}


def _exclusive_types(locations: list[dict]) -> frozenset[str]:
    return frozenset(e.get("type") for e in locations) & _EXCLUSIVE_PLACE_TYPES


def _type_set_key(types: Iterable[str]) -> str:
    return "~" + "+".join(sorted(types))


def filing_keys(records: Iterable[dict]) -> set[str]:
    """Keys under which the store files an entry with these member records (``search_keys``)."""
    found = set()
    for record in records:
        found |= _filed(record["lemma"], orjson.dumps(record["locations"]))
    return found


# Every write files all the entry's members and every read seeks under the event's keys, from records
# decoded anew: the keys are cached by lemma and places as JSON, which a microsecond gives.
@lru_cache(maxsize=65536)
def _filed(lemma: str, places: bytes) -> frozenset[str]:
    k = kind(lemma)
    if k in kind_table()[1]:
        return frozenset()
    locations = orjson.loads(places)
    return frozenset({f"{k}|{_type_set_key(_exclusive_types(locations))}", *_place_keys(k, locations)})


def search_keys(record: dict) -> list[str]:
    """Keys whose entries may hold a member that this member record links to: every entry that can
    is filed under one of them (``filing_keys``); none for a never-merged kind."""
    return list(_sought(record["lemma"], orjson.dumps(record["locations"])))


@lru_cache(maxsize=65536)
def _sought(lemma: str, places: bytes) -> tuple[str, ...]:
    k = kind(lemma)
    if k in kind_table()[1]:
        return ()
    locations = orjson.loads(places)
    found = sorted(_place_keys(k, locations))
    # Only places with a key count as excluding others: a resubmitted event then always finds its
    # own entry (by a shared place key, or under its type set when no place has a key).
    free = sorted(_EXCLUSIVE_PLACE_TYPES - _exclusive_types([p for p in locations if _keys(p)]))
    sets = [_type_set_key(types) for size in range(len(free) + 1) for types in itertools.combinations(free, size)]
    return (*found, *(f"{k}|{key}" for key in sets))


# What the store's candidate read checks of an entry before fetching it (``gate``): at a million
# events most candidates of an event (same kind, place bucket and days) name other people or other
# cities, and decoding them to find that out costs more than the rest of the merge. Each distinct
# member gives its participants of each of _ROLES (``_people_conflict``) and its places
# (``_places_conflict``: their keys, exclusive types and country codes), keys and codes hashed to 16
# bits: a shared hash may be a coincidence, so the read only skips what ``_link`` would refuse. An
# entry is skipped when the event is apart from every member on one of those tests. Longer gates than
# _GATE_MOST bytes are not kept (the entry is then always read): they stay small in Redis's compact
# hashes.
_GATE_MOST = 64
_TYPE_LETTERS = {"country": "n", "city": "c", "region": "r", "facility": "f"}


def _hashed(keys: Iterable[str]) -> str:
    return "".join(sorted({f"{zlib.crc32(key.encode('utf-8')) & 0xFFFF:04x}" for key in keys}))


def record_gate(record: dict) -> str:
    """The gate of one member record (``gate``), however long: what an event is checked with."""
    # Every write of an entry gates all its members, each a dict decoded anew: cached by their
    # participants and places as JSON, which a microsecond gives.
    return _gate_of(orjson.dumps((record["participants"], record["locations"])))


@lru_cache(maxsize=65536)
def _gate_of(people_and_places: bytes) -> str:
    participants, places = orjson.loads(people_and_places)
    people = [(e, _keys(e)) for e in participants]
    fields = []
    for test in _ROLES:
        side = [(e, k) for e, k in people if test(e)]
        # "+" and the hashes when the role names anyone; "*" when it names a description ("the man"),
        # which ``_apart`` may find to be anyone.
        fields.append("" if not side else "*" if any(e.get("type") == "other" for e, _ in side)
                      else "+" + _hashed(key for _, keys in side for key in keys))
    fields += [_hashed(key for place in places for key in _keys(place)),
               "".join(sorted(_TYPE_LETTERS[t] for t in _exclusive_types(places))),
               _hashed(place["country_code"] for place in places if place.get("country_code"))]
    return ",".join(fields)


def gate(records: Iterable[dict]) -> str:
    """The gate of an entry with these member records (their distinct ``record_gate``, space-separated);
    "" when too long to keep. For two records whose gates are apart as the store's candidate read
    checks them (people: a role both name, no hash shared; places: no hash shared, and an exclusive
    type in common or country codes that differ), ``link`` finds no link."""
    found = " ".join(sorted({record_gate(record) for record in records}))
    return found if len(found) <= _GATE_MOST else ""


# ---------------------------------------------------------------- dates


@lru_cache(maxsize=65536)
def _instant(value: str) -> dt.datetime:
    instant = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return instant.replace(tzinfo=None)


def _interval(date: dict | None) -> tuple[dt.datetime, dt.datetime] | None:
    if not date or not date.get("start") or not date.get("end"):
        return None
    return _instant(date["start"]), _instant(date["end"])


def date_relation(a: dict | None, b: dict | None, settings: MergeSettings) -> str:
    """How two event dates relate: ``same``, ``within`` (one inside or overlapping the other),
    ``unknown`` (a date missing or unresolved, or only publication dates a few days apart), or
    ``conflict`` (disjoint: different days, months…)."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return "unknown"
    if a["value"] == b["value"] or ia == ib:
        return "same"
    if ia[0] < ib[1] and ib[0] < ia[1]:
        return "within"
    if "publication" in (a.get("anchor"), b.get("anchor")):
        gap = max(ia[0] - ib[1], ib[0] - ia[1])
        if gap < dt.timedelta(days=settings.date_window_days):
            return "unknown"
    return "conflict"


def _span(date: dict) -> dt.timedelta:
    start, end = _interval(date)
    return end - start


# ---------------------------------------------------------------- the pairwise decision


class _Details(NamedTuple):
    participants: list[tuple[dict, frozenset[str]]]
    locations: list[tuple[dict, frozenset[str]]]
    roles: tuple[list[tuple[dict, frozenset[str]]], ...]  # the participants of each of _ROLES
    story: tuple[str, ...] | None


class _Facts:
    """What the decision reads of one member record beyond its fields, worked out once however many
    records it is compared with. Kept beside the record, never on it: records are the store's cached
    decodings and are written back as they are."""

    __slots__ = ("record", "kind", "_details")

    def __init__(self, record: dict):
        self.record = record
        self.kind = kind(record["lemma"])
        self._details: _Details | None = None

    def details(self) -> _Details:
        # Only pairs of one kind and compatible dates get this far.
        if self._details is None:
            participants = [(e, _keys(e)) for e in self.record["participants"]]
            story = self.record.get("story")
            self._details = _Details(
                participants, [(e, _keys(e)) for e in self.record["locations"]],
                tuple([(e, k) for e, k in participants if test(e)] for test in _ROLES),
                None if story is None else tuple(story))
        return self._details


def _similarity(a: dict, b: dict) -> float:
    """Jaccard similarity of the content words of two members' sentences."""
    words_a, words_b = content_words(a["evidence"]["text"]), content_words(b["evidence"]["text"])
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


# The entity lists below come with each entity's keys (``_Facts``): pairs of (entity, keys).


def _shared(a: list[tuple[dict, frozenset[str]]], b: list[tuple[dict, frozenset[str]]]) -> list[str]:
    return sorted({ea["name"] for ea, ka in a if any(ka & kb for _, kb in b)})


def _named(entities: list[tuple[dict, frozenset[str]]]) -> list[tuple[dict, frozenset[str]]]:
    """The entities given by name: not descriptions ("the man", "fire")."""
    return [(e, k) for e, k in entities if e.get("type") != "other" and e["name"][:1].isupper()]


def _places_conflict(a: list[tuple[dict, frozenset[str]]], b: list[tuple[dict, frozenset[str]]]) -> bool:
    # Two bombings on one day in two cities are two events; "Moscow" and "Russia" are compatible.
    # (``search_keys`` relies on the first test: keep it when changing this.)
    if _exclusive_types([la for la, _ in a]) & _exclusive_types([lb for lb, _ in b]):
        return True
    for la, _ in a:
        for lb, _ in b:
            codes = la.get("country_code"), lb.get("country_code")
            if all(codes) and codes[0] != codes[1]:
                return True
    return False


def _apart(a: list[tuple[dict, frozenset[str]]], b: list[tuple[dict, frozenset[str]]]) -> bool:
    """Both sides name someone (or something) and none of them could be the same.

    A person and a description ("Brian Nichols" / "the man") may be the same; two descriptions
    are when they share a content word ("the update" / "the iPhone 2.0 update").
    """
    if not a or not b:
        return False
    for ea, ka in a:
        for eb, kb in b:
            types = {ea.get("type"), eb.get("type")}
            if types == {"person", "other"} or ka & kb:
                return False
            if types == {"other"} and content_words(ea["name"]) & content_words(eb["name"]):
                return False
    return True


# Kerry's visit and Brennan's visit are two visits; Apple announcing the iPhone and Apple announcing
# the iPad are two announcements. People named only in passing (role "other") do not count.


def _acting_person(e: dict) -> bool:
    return e.get("type") == "person" and e.get("role") in (None, "agent", "patient")


def _named_agent(e: dict) -> bool:
    return e.get("role") == "agent" and e.get("type") != "other"


def _patient(e: dict) -> bool:
    return e.get("role") == "patient"


_ROLES = (_acting_person, _named_agent, _patient)


def _people_conflict(a: _Details, b: _Details) -> bool:
    return any(_apart(side_a, side_b) for side_a, side_b in zip(a.roles, b.roles))


def link(a: dict, b: dict, settings: MergeSettings) -> Link | None:
    """Whether two member records tell of one happening: the support and its reasons, or None.

    Symmetric: ``link(a, b)`` and ``link(b, a)`` agree on whether they link and on the score.
    """
    return _link(_Facts(a), _Facts(b), settings)


def _link(fa: _Facts, fb: _Facts, settings: MergeSettings) -> Link | None:
    a, b = fa.record, fb.record
    if a["id"] == b["id"]:
        return Link(1.0, ["same event"])
    if fa.kind != fb.kind or fa.kind in kind_table()[1]:
        return None
    relation = date_relation(a["date"], b["date"], settings)
    if relation == "conflict":
        return None
    da, db = fa.details(), fb.details()
    places = _shared(da.locations, db.locations)
    if not places and _places_conflict(da.locations, db.locations):
        return None
    if _people_conflict(da, db):
        return None
    participants = _shared(da.participants, db.participants)
    reasons = []
    score = 0.0
    if a["article"] == b["article"]:
        score += settings.same_article_weight
        reasons.append("same article")
    elif "story" in a and "story" in b:
        # Similar happenings are told in the same words; only the articles' names, places and
        # details tell them apart, so articles telling different stories keep their events apart,
        # unless the events themselves name someone in common (a background event, "Jobs
        # resigned", recalled in articles about other news).
        story_similarity = _story_similarity(da.story, db.story)
        if story_similarity < settings.story_floor:
            if not _shared(_named(da.participants), _named(db.participants)):
                return None
        else:
            score += settings.story_weight * (story_similarity - settings.story_floor) * 10
            reasons.append(f"same story {story_similarity:.2f}")
    if participants:
        # Counted from both sides ("Kerry" and "John Kerry" in one event are one person) so
        # that the score is symmetric.
        count = min(len(participants), len(_shared(db.participants, da.participants)), 2)
        score += settings.participant_weight * count
        reasons.append("shared participants: " + ", ".join(participants))
    if places:
        score += settings.location_weight
        reasons.append("shared locations: " + ", ".join(places))
    if relation == "same":
        # A year in common says little; a day or a month does.
        if _span(a["date"]) <= dt.timedelta(days=31):
            score += settings.date_weight
        reasons.append(f"same date {a['date']['value']}")
    similarity = _similarity(a, b)
    if similarity:
        score += similarity
        reasons.append(f"text similarity {similarity:.2f}")
    if score < settings.threshold:
        return None
    # The first reason is the action, worked out only for links.
    return Link(round(min(score, 1.0), 6), [_same_action([a, b]), *reasons])


# ---------------------------------------------------------------- entries


def _members(entry: dict) -> list[dict]:
    return entry["events"]


def _entry_date(members: list[dict], settings: MergeSettings) -> tuple[dict | None, list[dict]]:
    dated = [m for m in members if _interval(m["date"]) is not None]
    distinct: dict[str, dict] = {}
    articles: dict[str, set[str]] = {}
    for m in dated:
        value = m["date"]["value"]
        best = distinct.get(value)
        if best is None or ANCHOR_ORDER.index(m["date"]["anchor"]) < ANCHOR_ORDER.index(best["anchor"]):
            distinct[value] = m["date"]
        articles.setdefault(value, set()).add(m["article"])
    shown = [
        {**{k: d[k] for k in ("value", "granularity", "start", "end", "anchor")}, "articles": sorted(articles[v])}
        for v, d in sorted(distinct.items())
    ]
    if not distinct:
        return None, shown

    # Each date as many times as members give it (what ``date_relation`` reads of it): a big entry's
    # members mostly give a few dates.
    told = Counter((m["date"]["value"], m["date"]["start"], m["date"]["end"], m["date"].get("anchor")) for m in dated)

    def rank(value: str) -> tuple:
        d = distinct[value]
        # The date most sources agree with; among those the best anchored (a publication date is a
        # guess), then the most specific.
        agreeing = sum(count for (value_, start, end, anchor), count in told.items() if date_relation(
            d, {"value": value_, "start": start, "end": end, "anchor": anchor}, settings) in ("same", "within"))
        return (-agreeing, ANCHOR_ORDER.index(d["anchor"]), _span(d), value)

    chosen = distinct[min(distinct, key=rank) if len(distinct) > 1 else next(iter(distinct))]
    return {k: chosen[k] for k in ("value", "granularity", "start", "end", "text", "anchor")}, shown


def _merged_entities(lists: Iterable[list[dict]]) -> list[dict]:
    groups: list[tuple[set[str], list[dict]]] = []
    for entity in (e for entities in lists for e in entities):
        keys = set(_keys(entity))
        joined = [g for g in groups if g[0] & keys]
        for g in joined:
            groups.remove(g)
            keys |= g[0]
        groups.append((keys, [entity, *(e for g in joined for e in g[1])]))
    merged = []
    for _, entities in groups:
        counts = Counter(e["name"] for e in entities)
        name = min(counts, key=lambda n: (-counts[n], -len(n), n))
        # Whatever order the entities came in, the same one lends its other fields (most groups are
        # one entity told alike by every member: no need to encode them to find that one).
        first = entities[0]
        if any(e != first for e in entities):
            first = min(entities, key=lambda e: json.dumps(e, sort_keys=True))
        aliases = sorted({n for e in entities for n in (e["name"], *e.get("aliases", ()))} - {name})
        merged.append({**first, "name": name, "aliases": aliases})
    return sorted(merged, key=lambda e: (e["name"], e.get("type", "")))


def _same_action(members: list[dict]) -> str:
    lemmas = sorted({m["lemma"].lower() for m in members})
    grouped = {kind(lemma) for lemma in lemmas} & set(kind_table()[0].values())
    label = ", ".join(sorted(grouped)) if grouped else lemmas[0]
    return f"same action: {label}" + (f" ({', '.join(lemmas)})" if len(lemmas) > 1 else "")


def _summary(members: list[dict], date: dict | None, entities: dict[str, list[dict]]) -> list[str]:
    """Why these events are one entry, from the set of events alone (so not from arrival order)."""
    if len(members) < 2:
        return []
    why = [_same_action(members)]
    articles = sorted({m["article"] for m in members})
    if len(articles) > 1:
        why.append(f"reported by {len(articles)} articles")
    if len(members) > len(articles):
        why.append("mentioned more than once in an article")
    if date is not None and sum(m["date"] is not None and m["date"]["value"] == date["value"] for m in members) > 1:
        why.append(f"same date {date['value']}")
    for field, label in (("participants", "shared participants"), ("locations", "shared locations")):
        # Each member's keys once, for all the entry's entities.
        held = [[_keys(x) for x in m[field]] for m in members] if entities[field] else []
        shared = [e["name"] for e in entities[field] if _holders(_keys(e), held) > 1]
        if shared:
            why.append(f"{label}: {', '.join(shared)}")
    # Pairs among the first members only: a big entry would cost quadratic time on every absorb.
    sample = members[:_SIMILARITY_SAMPLE]
    best = max((_similarity(a, b) for i, a in enumerate(sample) for b in sample[i + 1:]
                if a["article"] != b["article"]), default=0.0)
    if best:
        why.append(f"text similarity {best:.2f}")
    return why


def _holders(keys: frozenset[str], held: list[list[frozenset[str]]]) -> int:
    """How many members hold an entity with one of ``keys`` (``held``: each member's entity keys)."""
    return sum(any(keys & x for x in member_keys) for member_keys in held)


def _representative(members: list[dict]) -> dict:
    # The title of the mention that says the most: a real title, with people and places, not a report.
    return min(members, key=lambda m: (
        m["class"] == "REPORTING", m["title"] == m["trigger"]["text"],
        -(len(m["participants"]) + len(m["locations"])), m["id"]))


def _build(members: Iterable[dict], settings: MergeSettings) -> dict:
    by_id: dict[str, dict] = {}
    for m in members:
        # The same event id twice (an article submitted again) is one event; if its content
        # differs, a fixed choice keeps the result independent of order.
        if m["id"] not in by_id or json.dumps(m, sort_keys=True) < json.dumps(by_id[m["id"]], sort_keys=True):
            by_id[m["id"]] = m
    ordered = [by_id[i] for i in sorted(by_id)]
    date, dates = _entry_date(ordered, settings)
    statuses = Counter(m["status"] for m in ordered)
    sources = {m["article"]: m["source"] for m in ordered}
    entities = {f: _merged_entities(m[f] for m in ordered) for f in ("participants", "locations")}
    return {
        "id": ordered[0]["id"],
        "date": date,
        "dates": dates,
        "title": _representative(ordered)["title"],
        "status": min(statuses, key=lambda s: (-statuses[s], STATUS_ORDER.index(s))),
        "participants": entities["participants"],
        "locations": entities["locations"],
        "mentions": sorted(({
            "article": m["article"], "event": m["id"], "start": m["trigger"]["start"], "end": m["trigger"]["end"],
            "text": m["trigger"]["text"], "evidence": m["evidence"]["text"]} for m in ordered),
            key=lambda x: (x["article"], x["start"], x["event"])),
        "sources": [sources[a] for a in sorted(sources)],
        "why": _summary(ordered, date, entities),
        "events": ordered,
    }


def new_entry(event: dict, settings: MergeSettings = MergeSettings()) -> dict:
    """An entry holding one event."""
    return _build([member(event)], settings)


def absorb(entry: dict, event: dict, settings: MergeSettings = MergeSettings()) -> dict:
    """``entry`` with ``event`` added (a new dict; absorbing an event already there changes nothing).

    ``why`` is rebuilt from all the entry's events, so that it does not depend on the order the
    events came in.
    """
    return _build([*_members(entry), member(event)], settings)


def add(event: dict, candidates: list[dict], settings: MergeSettings,
        story: list[str] | None = None) -> tuple[dict, list[str]]:
    """The entry ``event`` ends up in, and the ids of candidate entries it replaces.

    When the event links to several entries they become one (the event bridges them); that is
    what makes the result independent of arrival order. The store writes the returned entry
    and deletes the replaced ids (the returned id may be one of them, or new). ``story`` is the
    event's article's (``article_story`` of all the events extracted from it), when the caller has it.
    """
    m = member(event, story)
    facts = _Facts(m)
    # One link to any member joins an entry, so the first one found decides it.
    considered = sorted(candidates, key=lambda e: e["id"])[: settings.max_candidates]
    found = [entry for entry in considered if any(_link(facts, _Facts(other), settings) for other in _members(entry))]
    entry = _build([m, *(other for e in found for other in _members(e))], settings)
    return entry, sorted(e["id"] for e in found)


def build(events: Iterable[dict], settings: MergeSettings = MergeSettings()) -> list[dict]:
    """The timeline of ``events`` built one event at a time, as the store does, in memory.

    Entries are sorted by date (undated last), then id. Each event carries its article's story,
    from all the events of that article among ``events``.
    """
    events = list(events)
    stories = article_stories(events)
    entries: dict[str, dict] = {}
    filed: dict[str, set[str]] = {}  # entry id → its filing_keys
    index: dict[str, set[str]] = {}
    for event in events:
        sought = search_keys(member(event))
        if not sought and event["id"] in entries:
            continue
        candidate_ids = set().union(*(index.get(k, ()) for k in sought))
        entry, replaced = add(event, [entries[i] for i in candidate_ids], settings, stories[event["article_id"]])
        for old in replaced:
            del entries[old]
            for k in filed.pop(old):
                index[k].discard(old)
        entries[entry["id"]] = entry
        filed[entry["id"]] = filing_keys(entry["events"])
        for k in filed[entry["id"]]:
            index.setdefault(k, set()).add(entry["id"])
    return sorted(entries.values(), key=_timeline_order)


def _timeline_order(entry: dict) -> tuple:
    date = entry["date"]
    return (date is None, date["start"] if date and date.get("start") else "", entry["id"])
