"""Titles: the inflection tables' own examples, then titles of hand-placed triggers on the real model."""
from __future__ import annotations

import pytest

from extractor.events.inflection import (
    Nominalizer, model_nouns, model_verbs, nominalizations, phrasal, third_person, verb_forms,
)
from entity_pipeline import entity_nlp, run_with_triggers  # noqa: F401  (fixtures)

THIRD_PERSON = sorted(
    [(lemma, form) for rule in verb_forms()["third_person_rules"] for lemma, form in rule["examples"].items()]
    + list(verb_forms()["third_person_irregular"].items())
    + list(verb_forms()["third_person_default_examples"].items())
)


@pytest.mark.parametrize(("lemma", "form"), THIRD_PERSON)
def test_third_person_examples(lemma, form):
    assert third_person(lemma) == form


def test_third_person_of_a_phrasal_verb_inflects_the_verb():
    assert third_person("pull out") == "pulls out"


@pytest.mark.parametrize(("verb", "particle", "expected"), [
    ("take", "back", "retake"), ("pull", "out", "withdraw"), ("hand", "over", "hand over"), ("visit", None, "visit"),
])
def test_phrasal(verb, particle, expected):
    assert phrasal(verb, particle) == expected


NOUN_VERBS = sorted(
    [(noun, verb) for rule in nominalizations()["suffixes"] for noun, verb in rule["examples"].items()]
    + list(nominalizations()["irregular"].items())
    + [("visit", "visit"), ("attack", "attack"), ("caliphate", None), ("idea", None)]
)


@pytest.fixture(scope="module")
def nominalizer(entity_nlp):
    return Nominalizer.of(model_verbs(entity_nlp))


@pytest.mark.parametrize(("noun", "verb"), NOUN_VERBS)
def test_nominalization_examples(nominalizer, noun, verb):
    assert nominalizer.verb(noun) == verb


def test_the_model_knows_verbs_and_nouns(entity_nlp):
    verbs, nouns = model_verbs(entity_nlp), model_nouns(entity_nlp)
    assert {"reconvene", "visit", "liberate"} <= verbs and "visit" in nouns and "reconvene" not in nouns


def test_object_prepositions():
    assert Nominalizer.object_prepositions("visit") == {"of", "to"}
    assert Nominalizer.object_prepositions("arrive") == {"of"}


ARTICLE = (
    "Kerry and Lavrov also agreed to put pressure on Syrian President Bashar al-Assad to meet with the "
    "opposition about a political transition once peace talks reconvene April 9 in Geneva.\n\n"
    "The idea of cooperation follows visits by Kerry and Central Intelligence Agency Director John Brennan "
    "to Moscow in March."
)


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Secretary of State John Kerry spoke. " + ARTICLE, "visits", "John Kerry and John Brennan visit Moscow"),
    (ARTICLE, "reconvene", "Peace talks reconvene in Geneva"),
    (ARTICLE, "agreed", "Kerry and Lavrov agree"),
    ("The Syrian army took back Palmyra from ISIS on Sunday.", "took", "Syrian army retakes Palmyra from ISIS"),
    # a demonym before a state body stays capitalized; a past form tagged present still gets its lemma
    ("Syrian government troops retook the town of Qaryatain.", "retook", "Syrian government troops retake Qaryatain"),
    ("The Iraqi army overran the base.", "overran", "Iraqi army overruns base"),
    ("Two soldiers were killed in Baghdad.", "killed", "Two soldiers killed in Baghdad"),
    ("The city was liberated by Kurdish fighters.", "liberated", "Kurdish fighters liberate city"),
    ("Russia's withdrawal of its aircraft surprised Washington.", "withdrawal", "Russia withdraws its aircraft"),
    ("Kerry held talks with Lavrov in Moscow.", "talks", "Kerry talks with Lavrov in Moscow"),
    ("The liberation of Raqqa could include intense bombardment.", "liberation", "Liberation of Raqqa"),
    ("Russian and American militaries were to coordinate efforts.", "coordinate",
     "Russian and American militaries coordinate efforts"),
    ("A senior Russian official told G2 Bulletin that it was false.", "told", "Senior Russian official tells G2 Bulletin"),
    ("The rebels have attacked the base.", "attacked", "Rebels attack base"),
    # people after a preposition by name, not by description
    ("Kerry has been working with his Russian counterpart, Foreign Minister Sergei Lavrov.", "working",
     "Kerry works with Sergei Lavrov"),
    # relative words are not part of the subject
    ("They fled to the 20 countries where rebel groups reside.", "reside", "Rebel groups reside"),
    # a heading run into the sentence gives the verb a second subject; the nearer one holds
    ("Liberating ISIS capital\n\nFrom Russia's viewpoint, the talks mean the U.S. has come to recognize "
     "the Russian position.", "recognize", "United States recognizes Russian position"),
    # an object moved after a phrase, that the parser made the next verb's subject
    ("Now that the Syrian army has taken back from ISIS, after a year of occupation, the ancient Roman city "
     "of Palmyra with the help of Russian aerial cover, the self-proclaimed ISIS caliphate capital, Raqqa, "
     "appears to be the next target.", "taken", "Syrian army retakes Palmyra from ISIS"),
    ("After the troops had handed over to the police, after a long standoff, the suspects in the attack "
     "were questioned.", "handed", "Troops hand over suspects"),
    # ... but not for a verb that may go without one
    ("After the army pulled back from the town, the city of Homs was calm.", "pulled", "Army pulls back"),
    # a participle on a noun
    ("The city captured by rebels last week was shelled.", "captured", "Rebels capture city"),
    ("The town captured last week was shelled.", "captured", "Town captured"),
    ("Forces fighting ISIS advanced.", "fighting", "Forces fight ISIS"),
    # an event noun's infinitive says what it is for
    ("Syromolotov never agreed to any “coordination” to liberate Raqqa.", "coordination",
     "Coordination to liberate Raqqa"),
    ("They discussed a plan to retake the city of Mosul.", "plan", "Plan to retake Mosul"),
    ("Russia's plan to retake the city of Mosul failed.", "plan", "Russia plans to retake Mosul"),
    # a name with an inner capital keeps its small first letter
    ("iTunes violated the agreement.", "violated", "iTunes violates agreement"),
    # a contracted verb is spelled out
    ("On the government’s side, it’s the army.", ("’s", 2), "Is"),
])
def test_titles(run_with_triggers, text, trigger, expected):
    doc = run_with_triggers(text, trigger)
    assert doc.spans["events"][0]._.event.title == expected


def test_a_trigger_that_is_neither_verb_nor_noun_gets_no_title(run_with_triggers):
    doc = run_with_triggers("It is true that Kerry has been working with Lavrov.", "true")
    assert doc.spans["events"][0]._.event.title == ""
