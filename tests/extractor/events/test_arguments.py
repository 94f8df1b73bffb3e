"""Participants and locations of hand-placed triggers, read from the real model's parse."""
from __future__ import annotations

import pytest
import spacy

from extractor.components.arguments import EventArguments
from extractor.events.canonical import place_nouns
from extractor.events.mention import EventMention
from entity_pipeline import entity_nlp, run_with_triggers  # noqa: F401  (fixtures)

RAQQA = ("The idea of cooperation follows visits by Kerry and Central Intelligence Agency Director John "
         "Brennan to Moscow in March.")


def roles(entities):
    return {(e.role, e.name) for e in entities}


@pytest.mark.parametrize(("text", "trigger", "participants", "locations"), [
    # nominal trigger: "by" phrase with a coordination the parser hung as nmod; titles inside it dropped
    ("Secretary of State John Kerry spoke. " + RAQQA, "visits",
     {("agent", "John Kerry"), ("agent", "John Brennan")}, {("other", "Moscow")}),
    # subject conjuncts
    ("Kerry and Lavrov met in Geneva on Monday.", "met",
     {("agent", "Kerry"), ("agent", "Lavrov")}, {("other", "Geneva")}),
    # passive: the "by" phrase is the agent, the subject the patient
    ("Two soldiers were killed by a roadside bomb in Baghdad.", "killed",
     {("patient", "two soldiers"), ("agent", "roadside bomb")}, {("other", "Baghdad")}),
    # object place is a located patient; a demonym before an army names the army, a group of its country
    ("The Syrian army recaptured Palmyra from ISIS.", "recaptured",
     {("agent", "Syrian army"), ("other", "ISIS")}, {("patient", "Palmyra")}),
    ("Syrian government troops retook the town of Qaryatain on Sunday.", "retook",
     {("agent", "Syrian government troops")}, {("patient", "Qaryatain")}),
    ("The Turkish foreign ministry condemned the bombing.", "condemned",
     {("agent", "Turkish foreign ministry"), ("patient", "bombing")}, set()),
    # coordinated demonyms keep their countries
    ("Russian and American militaries were to coordinate efforts.", "coordinate",
     {("agent", "Russia"), ("agent", "United States"), ("patient", "efforts")}, set()),
    # a place noun with "of" is its object
    ("Rebels attacked the city of Homs in Syria.", "attacked",
     {("agent", "Rebels")}, {("patient", "Homs")}),
    # possessive agent of an event noun, "of" patient; a country agent stays a participant
    ("Russia's withdrawal of its aircraft surprised Washington.", "withdrawal",
     {("agent", "Russia"), ("patient", "its aircraft")}, set()),
    # an infinitive takes its governor's subject
    ("Kerry and Lavrov agreed to meet in Geneva.", "meet",
     {("agent", "Kerry"), ("agent", "Lavrov")}, {("other", "Geneva")}),
    # a light verb's subject is the agent of its event noun
    ("Kerry held talks with Lavrov in Moscow.", "talks",
     {("agent", "Kerry"), ("other", "Lavrov")}, {("other", "Moscow")}),
    # a relative pronoun subject is the noun it refers to; pronouns alone are no participant
    ("A senior Russian official who spoke on condition of anonymity denied it.", "spoke",
     {("agent", "senior Russian official")}, set()),
    ("It happened in Aleppo.", "happened", set(), {("other", "Aleppo")}),
    # an object moved after a phrase that the parser made the next verb's subject
    ("Now that the Syrian army has taken back from ISIS, after a year of occupation, the ancient Roman city "
     "of Palmyra with the help of Russian aerial cover, the self-proclaimed ISIS caliphate capital, Raqqa, "
     "appears to be the next target.", "taken", {("agent", "Syrian army"), ("other", "ISIS")}, {("patient", "Palmyra")}),
    # an actor named before an event noun is its agent, a city where it happened
    ("Intense U.S. aerial bombardment began on Monday.", "bombardment", {("agent", "United States")}, set()),
    ("The Aleppo offensive in northern Syria stalled.", "offensive", set(), {("other", "Aleppo"), ("other", "Syria")}),
    # only a light verb lends its subject to the event noun it takes
    ("The liberation could include intense bombardment.", "bombardment", set(), set()),
    # a name modifying a common noun is no participant of its own
    ("The liberation could include intense U.S. aerial bombardment.", "include",
     {("agent", "liberation"), ("patient", "intense U.S. aerial bombardment")}, set()),
    # a clause as subject: the names inside it are not the agent
    ("Taking back Raqqa needs forces on the ground.", "needs",
     {("agent", "taking back Raqqa"), ("patient", "forces")}, set()),
])
def test_arguments(run_with_triggers, text, trigger, participants, locations):
    doc = run_with_triggers(text, trigger)
    mention = doc.spans["events"][0]._.event
    assert roles(mention.participants) == participants
    assert roles(mention.locations) == locations


@pytest.mark.parametrize(("text", "trigger", "name", "type_", "code"), [
    ("The Syrian army recaptured Palmyra from ISIS.", "recaptured", "Syrian army", "group", "SY"),
    ("Iraqi police arrested two men in Basra.", "arrested", "Iraqi police", "group", "IQ"),
    ("The French government announced new measures.", "announced", "French government", "organization", "FR"),
])
def test_a_demonym_before_a_state_body_names_a_body_of_its_country(run_with_triggers, text, trigger, name, type_,
                                                                   code):
    doc = run_with_triggers(text, trigger)
    [agent] = [p for p in doc.spans["events"][0]._.event.participants if p.role == "agent"]
    assert (agent.name, agent.type, agent.country_code) == (name, type_, code)


def test_locations_carry_gazetteer_fields_and_canonical_entities_stay_role_free(run_with_triggers):
    doc = run_with_triggers("John Kerry arrived in Moscow. Kerry visited Moscow again.", "arrived", "visited")
    first, second = (s._.event for s in doc.spans["events"])
    moscow = first.locations[0]
    assert (moscow.country_code, moscow.geonameid, round(moscow.latitude)) == ("RU", 524901, 56)
    assert second.participants[0].name == "John Kerry" and second.locations[0].role == "patient"
    assert all(e.role is None for e in doc._.entities)


def test_without_entities_or_events_the_component_does_nothing_wrong():
    nlp = spacy.blank("en")
    doc = nlp("Nothing happened.")
    assert EventArguments()(doc) is doc
    doc.spans["events"] = [doc[1:2]]
    doc.spans["events"][0]._.event = EventMention("happen")
    EventArguments()(doc)
    assert doc.spans["events"][0]._.event.participants == []


@pytest.mark.parametrize("noun", sorted(place_nouns()))
def test_every_place_noun_with_of_names_its_place(run_with_triggers, noun):
    doc = run_with_triggers(f"Rebels attacked the {noun} of Homs on Monday.", "attacked")
    assert roles(doc.spans["events"][0]._.event.locations) == {("patient", "Homs")}
