"""Merge decisions on hand-made events, the data tables' examples, and order independence."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib import resources

import contract
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from timeline import merge

SETTINGS = merge.MergeSettings()


def day(value: str, anchor: str = "expression") -> dict:
    start = dt.date.fromisoformat(value)
    return {"value": value, "granularity": "day", "start": f"{start}T00:00:00",
            "end": f"{start + dt.timedelta(days=1)}T00:00:00", "text": value, "anchor": anchor}


def month(value: str, anchor: str = "expression") -> dict:
    year, m = map(int, value.split("-"))
    end = dt.date(year + m // 12, m % 12 + 1, 1)
    return {"value": value, "granularity": "month", "start": f"{year:04d}-{m:02d}-01T00:00:00",
            "end": f"{end}T00:00:00", "text": value, "anchor": anchor}


def year(value: str) -> dict:
    return {"value": value, "granularity": "year", "start": f"{value}-01-01T00:00:00",
            "end": f"{int(value) + 1}-01-01T00:00:00", "text": value, "anchor": "expression"}


def event(article: str, lemma: str, sentence: str, *, start: int = 0, date: dict | None = None,
          people: tuple[str, ...] = (), places: tuple[str, ...] = (), place_type: str = "city",
          cls: str = "OCCURRENCE", status: str = "occurred", roles: tuple[tuple[str, str, str], ...] = ()) -> dict:
    trigger = sentence.find(lemma) if lemma in sentence else 0
    return {
        "id": hashlib.sha1(f"{article}:{start}:{lemma}:{sentence}".encode()).hexdigest()[:16],
        "article_id": article, "title": sentence[:60],
        "trigger": {"text": lemma, "lemma": lemma, "start": start + trigger, "end": start + trigger + len(lemma)},
        "class": cls, "status": status, "date": date,
        "evidence": {"text": sentence, "start": start, "end": start + len(sentence)},
        "participants": [{"name": p, "type": "person"} for p in people]
                        + [{"name": n, "type": t, "role": r} for n, t, r in roles],
        "locations": [{"name": p, "type": place_type} for p in places],
        "source": {"article_id": article, "published_at": None}, "confidence": 0.8,
    }


def test_hand_made_events_are_contract_events():
    contract.validate("event", event("a", "visit", "Kerry visited Moscow.", date=month("2016-03"), people=("Kerry",)))


def linked(a: dict, b: dict) -> bool:
    one = merge.link(merge.member(a), merge.member(b), SETTINGS)
    other = merge.link(merge.member(b), merge.member(a), SETTINGS)
    assert (one is None) == (other is None) and (one is None or one.score == other.score)
    return one is not None


KERRY = "John Kerry visited Moscow to discuss Syria with Vladimir Putin."
SAME = [
    ("same lemma, people and place across articles",
     event("a", "visit", KERRY, people=("John Kerry",), places=("Moscow",)),
     event("b", "visit", "Kerry's visit to Moscow focused on Syria.", people=("Kerry",), places=("Moscow",))),
    ("synonyms attack/assault, same day and city",
     event("a", "attack", "Militants attacked a checkpoint in Mosul on Monday.", date=day("2016-03-07"), places=("Mosul",)),
     event("b", "assault", "The assault on the Mosul checkpoint killed four.", date=day("2016-03-07"), places=("Mosul",))),
    ("derivation kill/death, a month holds the day",
     event("a", "kill", "Gunmen killed the mayor of Kandahar.", date=day("2016-03-05"), people=("Ahmad Khan",), places=("Kandahar",)),
     event("b", "death", "The death of mayor Ahmad Khan in Kandahar shocked the city.", date=month("2016-03"), people=("Ahmad Khan",))),
    ("the talks ... the meeting, within one article",
     event("a", "talks", "The Geneva talks reconvene on April 9.", places=("Geneva",)),
     event("a", "meeting", "Diplomats expect the meeting to be tense.", start=200)),
    ("headline inflection and no date on one side (unknown, not conflict)",
     event("a", "checks", "Lindsay Lohan checks into rehab", people=("Lindsay Lohan",)),
     event("b", "check", "Lindsay Lohan has checked into a rehab facility in Malibu.", date=day("2013-05-02"), people=("Lohan",))),
    ("the same thing announced, named more or less fully",
     event("a", "announce", "Apple announced the iPhone 2.0 update in March.",
           roles=(("Apple", "organization", "agent"), ("the iPhone 2.0 update", "other", "patient"))),
     event("b", "announcement", "Apple's announcement of the update pleased developers.",
           roles=(("Apple", "organization", "agent"), ("the update", "other", "patient")))),
    ("publication dates a day apart are no conflict",
     event("a", "retake", "The Syrian army retook Palmyra from Islamic State.", date=day("2016-03-27", "publication"), places=("Palmyra",)),
     event("b", "retake", "Syrian troops retook Palmyra, the army said.", date=day("2016-03-28", "publication"), places=("Palmyra",))),
]
APART = [
    ("two bombings on one day in two cities",
     event("a", "bombing", "A bombing in Baghdad killed ten people on Sunday.", date=day("2016-03-06"), places=("Baghdad",)),
     event("b", "bombing", "A bombing in Basra killed ten people on Sunday.", date=day("2016-03-06"), places=("Basra",))),
    ("a bombing and the funeral after it",
     event("a", "bombing", "The bombing in Baghdad killed ten people.", date=day("2016-03-06"), places=("Baghdad",)),
     event("b", "funeral", "Mourners held a funeral in Baghdad for the ten people killed.", date=day("2016-03-06"), places=("Baghdad",))),
    ("different days",
     event("a", "meet", "Kerry met Lavrov in Geneva.", date=day("2016-03-05"), people=("John Kerry",), places=("Geneva",)),
     event("b", "meet", "Kerry met Lavrov in Geneva.", date=day("2016-03-09"), people=("John Kerry",), places=("Geneva",))),
    ("different months",
     event("a", "visit", KERRY, date=month("2016-03"), people=("John Kerry",), places=("Moscow",)),
     event("b", "visit", KERRY, date=month("2015-12"), people=("John Kerry",), places=("Moscow",))),
    ("different people on the same trip",
     event("a", "visit", KERRY, date=month("2016-03"), people=("John Kerry",), places=("Moscow",)),
     event("b", "visit", "CIA director John Brennan visited Moscow.", date=month("2016-03"), people=("John Brennan",), places=("Moscow",))),
    ("same kind, different articles, nothing shared",
     event("a", "arrest", "Police arrested a man after the robbery.", people=()),
     event("b", "arrest", "Officers made an arrest in the fraud inquiry.", people=())),
    ("one agent, two different things announced",
     event("a", "announce", "Apple announced the iPhone at Macworld.",
           roles=(("Apple", "organization", "agent"), ("the iPhone", "other", "patient"))),
     event("b", "announce", "Apple announced the iPad at an event.",
           roles=(("Apple", "organization", "agent"), ("the iPad", "other", "patient")))),
    ("two companies announcing",
     event("a", "announce", "Apple announced a music service.", roles=(("Apple", "organization", "agent"),)),
     event("b", "announce", "Microsoft announced a music service.", roles=(("Microsoft", "organization", "agent"),))),
    ("sayings are never merged",
     event("a", "say", "Kerry said the talks would resume.", people=("John Kerry",)),
     event("a", "say", "Kerry said the talks would resume soon.", start=100, people=("John Kerry",))),
    ("different kinds in one article",
     event("a", "visit", KERRY, people=("John Kerry",), places=("Moscow",)),
     event("a", "meet", "John Kerry will meet Putin in Moscow.", start=100, people=("John Kerry",), places=("Moscow",))),
]


@pytest.mark.parametrize("name,a,b", SAME, ids=[s[0] for s in SAME])
def test_same_happening_links(name, a, b):
    assert linked(a, b)


@pytest.mark.parametrize("name,a,b", APART, ids=[s[0] for s in APART])
def test_different_happenings_stay_apart(name, a, b):
    assert not linked(a, b)


def test_add_joins_the_entry_linked_with_readable_reasons():
    a = event("a", "visit", KERRY, date=month("2016-03"), people=("John Kerry",), places=("Moscow",))
    b = event("b", "visit", "Kerry's visit to Moscow in March focused on Syria.", date=month("2016-03"),
              people=("Kerry",), places=("Moscow",))
    other = merge.new_entry(event("c", "visit", "Brennan visited Moscow.", people=("John Brennan",), places=("Moscow",)))
    _, replaced = merge.add(b, [other, merge.new_entry(a)], SETTINGS)
    assert replaced == [a["id"]]
    reasons = merge.link(merge.member(b), merge.member(a), SETTINGS).reasons
    assert reasons[:4] == ["same action: visit", "shared participants: Kerry", "shared locations: Moscow",
                           "same date 2016-03"]
    assert reasons[4].startswith("text similarity 0.")
    assert merge.add(b, [other], SETTINGS)[1] == []


def test_entry_unites_mentions_sources_and_names():
    a = event("a", "visit", KERRY, date=month("2016-03"), people=("John Kerry",), places=("Moscow",))
    b = event("b", "trip", "Kerry's trip to Moscow on March 24.", date=day("2016-03-24"), people=("Kerry",),
              places=("Moscow",))
    entry = merge.absorb(merge.new_entry(a), b)
    assert entry["id"] == min(a["id"], b["id"])
    assert [m["article"] for m in entry["mentions"]] == ["a", "b"]
    assert [s["article_id"] for s in entry["sources"]] == ["a", "b"]
    assert [(p["name"], p["aliases"]) for p in entry["participants"]] == [("John Kerry", ["Kerry"])]
    assert entry["date"]["value"] == "2016-03-24"  # the most specific date the sources agree on
    assert "reported by 2 articles" in entry["why"]
    assert merge.absorb(entry, b) == entry


def test_conflicting_dates_are_kept_and_the_agreed_one_chosen():
    kerry = dict(people=("John Kerry",), places=("Moscow",))
    events = [event("a", "visit", KERRY, date=month("2016-03"), **kerry),
              event("b", "visit", KERRY + " (b)", date=day("2016-03-24"), **kerry),
              event("c", "visit", KERRY + " (c)", date=day("2016-03-26"), **kerry)]
    [entry] = merge.build(events)
    assert entry["date"]["value"] == "2016-03"
    assert [d["value"] for d in entry["dates"]] == ["2016-03", "2016-03-24", "2016-03-26"]
    assert entry["dates"][1]["articles"] == ["b"]


def test_an_event_bridging_two_entries_unites_them():
    first = event("a", "visit", "Kerry visited Moscow.", people=("John Kerry",))
    second = event("b", "visit", "The visit to Moscow ended in Red Square.", places=("Moscow",))
    bridge = event("c", "visit", "John Kerry's visit to Moscow ended.", people=("Kerry",), places=("Moscow",))
    assert not linked(first, second)
    entries = [merge.new_entry(first), merge.new_entry(second)]
    entry, replaced = merge.add(bridge, entries, SETTINGS)
    assert replaced == sorted(e["id"] for e in entries)
    assert {m["event"] for m in entry["mentions"]} == {first["id"], second["id"], bridge["id"]}


@pytest.mark.parametrize("a,b,relation", [
    (day("2016-03-05"), day("2016-03-05"), "same"),
    (day("2016-03-05"), month("2016-03"), "within"),
    (month("2016-03"), year("2016"), "within"),
    (day("2016-03-05"), day("2016-03-06"), "conflict"),
    (day("2016-03-05"), month("2016-04"), "conflict"),
    (day("2016-03-05", "publication"), day("2016-03-06"), "unknown"),
    (day("2016-03-01", "publication"), day("2016-03-20"), "conflict"),
    (None, day("2016-03-06"), "unknown"),
    ({**day("2016-03-05"), "start": None, "end": None}, day("2016-03-06"), "unknown"),
])
def test_date_relations(a, b, relation):
    assert merge.date_relation(a, b, SETTINGS) == relation == merge.date_relation(b, a, SETTINGS)


def _resource(name: str) -> dict:
    return json.loads(resources.files("timeline").joinpath("resources", name).read_text("utf-8"))


@pytest.mark.parametrize("group", _resource("event_kinds.json")["groups"], ids=lambda g: g[0])
def test_every_lemma_of_a_group_is_its_kind(group):
    assert {merge.kind(lemma) for lemma in group} == {group[0]}


@pytest.mark.parametrize("a,b", _resource("event_kinds.json")["inflections"]["examples"])
def test_inflection_examples(a, b):
    assert merge.stem(a) == merge.stem(b)


@pytest.mark.parametrize("name,canonical", _resource("words.json")["name_examples"])
def test_name_examples(name, canonical):
    assert merge.canonical_name(name) == canonical


def test_blocking_keys_hold_the_kind_and_nothing_for_sayings():
    assert merge.blocking_keys(event("a", "assault", "The assault.")) == ["kind:attack"]
    assert merge.blocking_keys(event("a", "say", "He said so.")) == []


def _placed(lemma: str, *places: tuple, article: str = "a", start: int = 0) -> dict:
    """An event at places given as (name, type, country code, gazetteer id), None for none."""
    e = event(article, lemma, f"The {lemma} was reported.", start=start, date=day("2016-03-05"))
    e["locations"] = [{k: v for k, v in zip(("name", "type", "country_code", "geonameid"), place) if v}
                      for place in places]
    return e


def _meet(a: dict, b: dict) -> bool:
    """Whether ``a`` seeks under a key ``b``'s entry is filed under."""
    return bool(set(merge.search_keys(merge.member(a))) & merge.filing_keys([merge.member(b)]))


PARIS = ("Paris", "city", "FR", 2988507)


def test_candidates_are_sought_by_kind_and_place():
    paris = _placed("attack", PARIS)
    assert _meet(_placed("assault", ("Paris", "city", "FR", None), start=1), paris)  # the same name
    assert _meet(_placed("attack", ("Paname", "city", "FR", 2988507), start=1), paris)  # the same gazetteer id
    assert _meet(_placed("attack", ("France", "country", "FR", 3017382), start=1), paris)  # the city's country
    assert _meet(_placed("attack", start=1), paris) and _meet(paris, _placed("attack", start=1))  # no place
    assert not _meet(_placed("attack", ("Lyon", "city", "FR", 2996944), start=1), paris)  # another city
    assert not _meet(_placed("visit", PARIS, start=1), paris)  # another kind
    assert merge.search_keys(merge.member(event("a", "say", "He said so."))) == []
    assert merge.filing_keys([merge.member(event("a", "say", "He said so."))]) == set()


def test_an_event_given_again_finds_its_entry_whatever_its_places():
    nameless = _placed("attack", ("...", "city", None, None))  # a place without any key
    assert _meet(nameless, nameless)
    assert len(merge.build([nameless, nameless])) == 1


_SPOTS = [PARIS, ("Paris", "city", "US", 4717560), ("Lyon", "city", "FR", None), ("France", "country", "FR", 3017382),
          ("Texas", "region", "US", None), ("the market", "other", None, None), ("Gare du Nord", "facility", "FR", None),
          ("Europe", None, None, None), ("...", "city", None, None)]


@st.composite
def placed_events(draw):
    return [_placed(draw(st.sampled_from(["attack", "assault", "visit"])),
                    *draw(st.lists(st.sampled_from(_SPOTS), max_size=3, unique=True)),
                    article=draw(st.sampled_from("ab")), start=10 * i)
            for i in range(draw(st.integers(min_value=2, max_value=8)))]


@hsettings(max_examples=200, deadline=None)
@given(placed_events())
def test_events_that_link_always_meet_under_a_search_key(drawn):
    # What lets the store read a few candidates instead of every entry of the kind on those days.
    members = [merge.member(e) for e in drawn]
    for a in members:
        for b in members:
            if merge.link(a, b, SETTINGS):
                assert set(merge.search_keys(a)) & merge.filing_keys([b])


# ---------------------------------------------------------------- the articles' stories

def _article(article: str, lemma: str, sentences: list[str], people: tuple[str, ...] = ()) -> list[dict]:
    """An article's events: ``lemma`` in its first sentence, one ``report`` per other sentence."""
    first = event(article, lemma, sentences[0], people=people)
    return [first, *(event(article, "report", s, start=100 * (i + 1)) for i, s in enumerate(sentences[1:]))]


REID = ["Police arrested a man after the robbery.",
        "Tara Reid entered the Promises Treatment Center in Malibu on Tuesday, her publicist said.",
        "The actress from American Pie sought help for exhaustion, People magazine reported."]
REID_AGAIN = ["Officers made an arrest overnight.",
              "Actress Tara Reid has entered Promises Treatment Center in Malibu, People magazine said.",
              "Her publicist said the American Pie star sought help."]
LOHAN = ["Officers made an arrest overnight.",
         "Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage after her sentencing.",
         "The Mean Girls actress faces ninety days of treatment, a judge ruled."]


def _together(first: list[dict], second: list[dict]) -> bool:
    entries = merge.build(first + second)
    return any({first[0]["id"], second[0]["id"]} <= {m["event"] for m in e["mentions"]} for e in entries)


def test_events_of_articles_telling_one_story_link():
    # Nothing in the two arrest sentences links them; their articles tell one story.
    assert _together(_article("a", "arrest", REID), _article("b", "arrest", REID_AGAIN))
    entry = next(e for e in merge.build(_article("a", "arrest", REID) + _article("b", "arrest", REID_AGAIN))
                 if len(e["mentions"]) == 2)
    assert entry["mentions"][0]["text"] == "arrest"


def test_events_of_articles_telling_different_stories_stay_apart():
    assert not _together(_article("a", "arrest", REID), _article("b", "arrest", LOHAN))
    # A shared participant is not enough across two stories.
    assert not _together(_article("a", "arrest", REID, people=("John Smith",)),
                         _article("b", "arrest", LOHAN, people=("John Smith",)))


def test_someone_named_in_both_links_events_across_stories():
    # A background event (Reid's earlier arrest) recalled in an article about other news.
    reid = _article("a", "arrest", REID, people=("Tara Reid", "Dan Smith"))
    quake = _article("b", "arrest", ["Tara Reid and Dan Smith were once held, officers recalled.",
                                     "A strong earthquake shook Tokyo on Monday, damaging buildings in the capital.",
                                     "Officials in Japan counted dozens of injured residents.",
                                     "Rescue teams searched collapsed homes through the night."],
                     people=("Tara Reid", "Dan Smith"))
    assert _together(reid, quake)
    # Descriptions in common ("the man") are not someone named.
    described = [{"name": "the man", "type": "other"}, {"name": "the woman", "type": "other"}]
    one, two = (merge.member({**article[0], "participants": described}, merge.article_story(article))
                for article in (reid, quake))
    assert merge.link(one, two, SETTINGS) is None


def test_the_story_is_the_articles_names_and_content_words():
    story = merge.article_story(_article("a", "arrest", REID[:2], people=("Tara Reid",)))
    assert {"tara reid", "promises", "malibu", "arrested", "robbery"} <= set(story)
    assert not {"the", "her", "said"} & set(story)
    assert story == sorted(story)


def test_without_stories_the_decision_is_the_events_alone():
    a, b = _article("a", "arrest", REID)[0], _article("b", "arrest", REID_AGAIN)[0]
    assert merge.link(merge.member(a), merge.member(b), SETTINGS) is None
    linked_ = merge.link(merge.member(a, merge.article_story(_article("a", "arrest", REID))),
                         merge.member(b, merge.article_story(_article("b", "arrest", REID_AGAIN))), SETTINGS)
    assert linked_ is not None and any(r.startswith("same story") for r in linked_.reasons)


# ---------------------------------------------------------------- order independence

_PEOPLE = ["John Kerry", "Kerry", "John Brennan", "Vladimir Putin"]
_PLACES = ["Moscow", "Geneva", "Baghdad", "Basra"]
_LEMMAS = ["attack", "assault", "visit", "trip", "say", "bombing", "funeral", "talks", "meeting"]
_DATES = [None, month("2016-03"), day("2016-03-05"), day("2016-03-07"), year("2016"),
          day("2016-03-31", "publication"), month("2016-04")]
_WORDS = "Kerry Moscow Syria army Palmyra talks Geneva bomb market police city peace".split()


@st.composite
def events(draw):
    drawn = []
    for i in range(draw(st.integers(min_value=1, max_value=14))):
        sentence = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6)))
        drawn.append(event(
            draw(st.sampled_from("abcd")), draw(st.sampled_from(_LEMMAS)), sentence, start=100 * i,
            date=draw(st.sampled_from(_DATES)),
            people=tuple(draw(st.lists(st.sampled_from(_PEOPLE), max_size=2, unique=True))),
            places=tuple(draw(st.lists(st.sampled_from(_PLACES), max_size=2, unique=True))),
            status=draw(st.sampled_from(merge.STATUS_ORDER))))
    return drawn


def canonical(entries: list[dict]) -> str:
    return json.dumps(entries, sort_keys=True)


@hsettings(max_examples=150, deadline=None)
@given(events(), st.randoms(use_true_random=False))
def test_any_order_gives_the_same_timeline(drawn, random):
    shuffled = list(drawn)
    random.shuffle(shuffled)
    assert canonical(merge.build(shuffled)) == canonical(merge.build(drawn))


@hsettings(max_examples=100, deadline=None)
@given(events(), st.randoms(use_true_random=False))
def test_submitting_again_changes_nothing(drawn, random):
    again = random.sample(drawn, random.randint(1, len(drawn)))
    assert canonical(merge.build(drawn + again)) == canonical(merge.build(drawn))


@hsettings(max_examples=100, deadline=None)
@given(events())
def test_every_event_is_in_exactly_one_entry(drawn):
    ids = [m["event"] for e in merge.build(drawn) for m in e["mentions"]]
    assert sorted(ids) == sorted({e["id"] for e in drawn})


@hsettings(max_examples=100, deadline=None)
@given(events())
def test_links_are_symmetric(drawn):
    members = [merge.member(e) for e in drawn]
    for a in members:
        for b in members:
            one, other = merge.link(a, b, SETTINGS), merge.link(b, a, SETTINGS)
            assert (one and one.score) == (other and other.score)


def _acting(event_: dict, name: str, type_: str, code: str) -> dict:
    event_["participants"] = [{"name": name, "type": type_, "role": "agent", "country_code": code}]
    return event_


@pytest.mark.parametrize(("a", "b", "expected"), [
    # a country's army and the country, or the same army named two ways, are one actor
    (("Syrian army", "group", "SY"), ("Syria", "country", "SY"), True),
    (("Syrian army", "group", "SY"), ("Syrian government troops", "group", "SY"), True),
    # two countries' armies are two actors
    (("Syrian army", "group", "SY"), ("Iraqi army", "group", "IQ"), False),
])
def test_a_state_body_acts_for_its_country(a, b, expected):
    date = day("2016-03-27")
    one = _acting(event("a", "retake", "The Syrian army retook Palmyra.", date=date, places=("Palmyra",)), *a)
    two = _acting(event("b", "retake", "Troops retook Palmyra on Sunday.", date=date, places=("Palmyra",)), *b)
    assert linked(one, two) is expected
