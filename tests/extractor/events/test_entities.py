"""Canonical entities: linking rules on hand-made mentions, the data files' examples, and the component
on the real model."""
from __future__ import annotations

import pytest

from extractor.events.canonical import Canonicalizer, Mention, acronym, aliases, demonyms, is_acronym, state_bodies
from extractor.events.gazetteer import Gazetteer
from entity_pipeline import entity_nlp  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def canon():
    return Canonicalizer(Gazetteer.load())


def mentions(*specs):
    """Mentions from (text, label) or (text, label, state_body), one token apart in text order."""
    out = []
    for i, spec in enumerate(specs):
        text, label, *body = spec
        out.append(Mention(text, label, i * 10, i * 10 + len(text.split()), state_body=bool(body and body[0])))
    return out


def names(canon, *specs):
    ms = mentions(*specs)
    canon(ms)
    return [(m.entity.name, m.entity.type) if m.entity else None for m in ms]


@pytest.mark.parametrize(("specs", "expected"), [
    # a surname is the full name before it, whatever label the model gave it
    ([("John Kerry", "PERSON"), ("Kerry", "PERSON"), ("Lavrov", "ORG"), ("Sergei Lavrov", "PERSON")],
     [("John Kerry", "person"), ("John Kerry", "person"), ("Sergei Lavrov", "person"),
      ("Sergei Lavrov", "person")]),
    # two people sharing a surname: the nearest full name before
    ([("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")],
     [("Bill Clinton", "person"), ("Hillary Clinton", "person"), ("Hillary Clinton", "person")]),
    # acronyms of a longer name in the article, and of the alias table
    ([("Central Intelligence Agency", "ORG"), ("CIA", "ORG"), ("Islamic State", "ORG"), ("ISIL", "ORG")],
     [("Central Intelligence Agency", "organization"), ("Central Intelligence Agency", "organization"),
      ("ISIS", "group"), ("ISIS", "group")]),
    ([("Kurdistan Workers Party", "ORG"), ("KWP", "ORG")],
     [("Kurdistan Workers Party", "organization"), ("Kurdistan Workers Party", "organization")]),
    # countries by alias; demonyms are their country only where they modify an army, a government...
    ([("U.S.", "GPE"), ("America", "GPE"), ("Syrian", "NORP", True), ("Syrian", "NORP")],
     [("United States", "country"), ("United States", "country"), ("Syria", "country"), ("Syrian", "group")]),
    # the gazetteer corrects a place tagged PERSON when its country is in the article...
    ([("Syria", "GPE"), ("Palmyra", "PERSON")], [("Syria", "country"), ("Palmyra", "city")]),
    # ... but not without that context, and never a bare surname of a person in the article
    ([("Palmyra", "PERSON")], [("Palmyra", "person")]),
    ([("Syria", "GPE"), ("Aleppo", "NORP")], [("Syria", "country"), ("Aleppo", "city")]),
    ([("Michael Jordan", "PERSON"), ("Jordan", "PERSON")], [("Michael Jordan", "person"), ("Michael Jordan", "person")]),
    # a name that begins or ends a longer organization's is that organization, whatever its label
    ([("Allianz AG", "ORG"), ("Allianz", "ORG"), ("Cie. Financiere de Paribas", "ORG"), ("Paribas", "ORG"),
      ("Reed International PLC", "ORG"), ("Reed", "PERSON")],
     [("Allianz AG", "organization")] * 2 + [("Cie. Financiere de Paribas", "organization")] * 2
     + [("Reed International PLC", "organization")] * 2),
    # a multi-word surname
    ([("Philippe de Cholet", "PERSON"), ("de Cholet", "PERSON")], [("Philippe de Cholet", "person")] * 2),
    # US states by AP abbreviation; a town by its own name before one it was once called
    ([("Somerset", "GPE"), ("N.J.", "GPE")], [("Somerset", "city"), ("New Jersey", "region")]),
    # a proper noun the model missed: kept when the gazetteer is sure, dropped otherwise
    ([("Syria", "GPE"), ("Raqqa", ""), ("Frobnitz", "")], [("Syria", "country"), ("Raqqa", "city"), None]),
    # the same text takes its majority label
    ([("G2 Bulletin", "ORG"), ("G2 Bulletin", "PERSON"), ("G2 Bulletin", "ORG")],
     [("G2 Bulletin", "organization")] * 3),
    ([("Interfax", "ORG"), ("Sunni", "NORP"), ("Hoover Dam", "FAC"), ("Lake Frobnitz", "LOC")],
     [("Interfax", "organization"), ("Sunni", "group"), ("Hoover Dam", "facility"), ("Lake Frobnitz", "place")]),
])
def test_linking(canon, specs, expected):
    assert names(canon, *specs) == expected


def test_one_entity_object_per_referent_with_aliases(canon):
    ms = mentions(("John Kerry", "PERSON"), ("Kerry", "PERSON"), ("Moscow", "GPE"), ("the U.S.", "GPE"))
    entities = canon(ms)
    assert ms[0].entity is ms[1].entity
    assert [e.name for e in entities] == ["John Kerry", "Moscow", "United States"]
    assert entities[0].aliases == ["Kerry"]
    moscow = entities[1]
    assert (moscow.country_code, moscow.geonameid, moscow.type) == ("RU", 524901, "city")
    assert "U.S." in entities[2].aliases and entities[2].country_code == "US"


@pytest.mark.parametrize(("name", "initials"), [
    ("Central Intelligence Agency", "CIA"), ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("North Atlantic Treaty Organization", "NATO"), ("Hezbollah", "H"),
])
def test_acronym(name, initials):
    assert acronym(name) == initials


@pytest.mark.parametrize(("text", "expected"), [("CIA", True), ("U.N.", True), ("Kerry", False), ("A", False)])
def test_is_acronym(text, expected):
    assert is_acronym(text) is expected


ALIAS_EXAMPLES = sorted({(e.name, ex) for e in aliases().values() for ex in e.examples})


@pytest.mark.parametrize(("canonical", "example"), ALIAS_EXAMPLES)
def test_alias_table_examples(canon, canonical, example):
    label = "GPE" if aliases()[example.lower().removeprefix("the ")].type in ("country", "city", "region") else "ORG"
    [(name, _)] = names(canon, (example, label))
    assert name == canonical


def test_alias_places_are_in_the_gazetteer(canon):
    gaz = Gazetteer.load()
    for entry in set(aliases().values()):
        if entry.geonameid is not None:
            assert gaz.by_id(entry.geonameid) is not None, entry.name
        elif entry.type == "country" and entry.country_code:  # a former country has no code
            assert gaz.country(entry.country_code) is not None, entry.name


def test_every_demonym_names_a_gazetteer_country():
    gaz = Gazetteer.load()
    assert {code for code in demonyms().values() if gaz.country(code) is None} == set()
    assert demonyms()["syrian"] == "SY"


# --- the component on the real model ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Secretary of State John Kerry met Sergei Lavrov. Kerry and Lavrov agreed.",
     {"Kerry": ("John Kerry", "person"), "Lavrov": ("Sergei Lavrov", "person")}),
    ("The Central Intelligence Agency said the CIA had no comment.",
     {"CIA": ("Central Intelligence Agency", "organization")}),
    ("The U.S. has come to recognize the Russian position.", {"U.S.": ("United States", "country")}),
    ("Now that the Syrian army has taken back the city of Palmyra, Syria is calmer.",
     {"Syrian": ("Syria", "country"), "Palmyra": ("Palmyra", "city")}),
    ("Russian and American militaries could coordinate efforts.",
     {"Russian": ("Russia", "country"), "American": ("United States", "country")}),
    ("A senior Russian official spoke to reporters.", {"Russian": ("Russian", "group")}),
    ("Peace talks reconvene April 9 in Geneva.", {"Geneva": ("Geneva", "city")}),
])
def test_component_canonical_names(entity_nlp, text, expected):
    doc = entity_nlp(text)
    got = {s.text: (s._.entity.name, s._.entity.type) for s in doc.spans["entities"]}
    for surface, value in expected.items():
        assert got.get(surface) == value, (surface, got)


def test_component_sets_doc_entities_and_fixes_labels(entity_nlp):
    doc = entity_nlp("The Syrian army has retaken Palmyra from ISIS with Russian help, Syria said.")
    names_ = [e.name for e in doc._.entities]
    assert len(names_) == len(set(names_)) and "Palmyra" in names_
    palmyra = next(e for e in doc._.entities if e.name == "Palmyra")
    assert (palmyra.country_code, palmyra.geonameid) == ("SY", 163808)
    assert {e.text: e.label_ for e in doc.ents}.get("Palmyra") == "GPE"


def test_component_splits_a_person_across_a_possessive(entity_nlp):
    doc = entity_nlp("Get the rest of this report in Joseph Farah’s G2 Bulletin. G2 Bulletin is a newsletter.")
    kinds = {s.text: s._.entity.type for s in doc.spans["entities"]}
    assert kinds.get("Joseph Farah") == "person"
    assert "Joseph Farah’s G2 Bulletin" not in kinds


@pytest.mark.parametrize("boilerplate", [False, True])
def test_component_skips_boilerplate(entity_nlp, boilerplate):
    doc = entity_nlp.make_doc("Kerry met Lavrov in Moscow.\n\nGet the rest of this report in Joseph Farah’s G2 Bulletin.")
    if boilerplate:
        doc.spans["boilerplate"] = [doc.char_span(doc.text.index("Get"), len(doc.text))]
    doc = entity_nlp(doc)
    names = {e.name for e in doc._.entities}
    assert ("Joseph Farah" in names) is not boilerplate
    assert {"Moscow", "Kerry", "Lavrov"} <= names


@pytest.mark.parametrize("body", sorted(state_bodies()))
def test_every_state_body_makes_its_demonym_the_country(entity_nlp, body):
    doc = entity_nlp(f"Officials said the Syrian {body} acted on Monday.")
    [syrian] = [s for s in doc.spans["entities"] if s.text == "Syrian"]
    assert (syrian._.entity.name, syrian._.entity.type) == ("Syria", "country")


def test_a_name_after_a_place_noun_is_a_place_without_context(canon):
    after = Mention("Palmyra", "PERSON", 3, 4, after_place_noun=True)
    canon([after])
    assert (after.entity.type, after.entity.country_code) == ("city", "SY")
