"""Short headline-style titles from an event's trigger and arguments.

    agent + verb (present tense, third person when the agent is singular) + object + place
    "John Kerry and John Brennan visit Moscow", "Peace talks reconvene in Geneva",
    "Syrian army retakes Palmyra from ISIS"

Event nouns become their verb when ``Nominalizer`` knows it and the event has an agent; otherwise the
title is the noun phrase ("Partial cease-fire in western Syria"); either way an infinitive saying what
the noun is for follows ("Coordination to liberate Raqqa"). A passive without an agent keeps the
participle, as headlines do ("Two soldiers killed in Baghdad"). Adjectives and other words get no title.
"""
from __future__ import annotations

from spacy.tokens import Token

from .arguments import AGENT, OTHER, PATIENT, Argument, EntityAt, modified_noun, noun_phrase
from .inflection import Nominalizer, clitics, particles, phrasal, third_person

MAX_PHRASES = 2  # prepositional phrases after the object: a place and one other participant at most


def title(trigger: Token, arguments: list[Argument], verb_like: bool, nominalizer: Nominalizer,
          entity_at: EntityAt = lambda t: None) -> str:
    """The title of the event triggered by ``trigger``; "" when the trigger is neither verb nor noun.

    ``entity_at`` maps a token to its canonical entity mention, for names outside the arguments.
    """
    if verb_like:
        words = _verbal(trigger, arguments, nominalizer)
    elif trigger.pos_ in ("NOUN", "PROPN"):
        words = _nominal(trigger, arguments, nominalizer, entity_at)
    else:
        return ""
    text = " ".join(w for w in words if w)
    first = text.split(" ", 1)[0]
    # "iTunes", "eBay": a name spelled with an inner capital keeps its small first letter.
    return text if any(c.isupper() for c in first[1:]) else text[:1].upper() + text[1:]


def _verbal(trigger: Token, arguments: list[Argument], nominalizer: Nominalizer) -> list[str]:
    agent = _first(arguments, AGENT)
    patient = _first(arguments, PATIENT)
    particle = _particle(trigger)
    rest = _phrases(arguments, exclude=(agent, patient))
    if agent is None and patient is not None and _passive(trigger):
        return [name(patient), trigger.text, particle or "", *rest]
    if agent is None:
        verb = clitics().get(trigger.lower_.replace("’", "'"), trigger.text)
        return [verb, particle or "", name(patient) if patient else "", *rest]
    verb = phrasal(nominalizer.lemma(trigger), particle)
    return [name(agent), verb if agent.plural else third_person(verb), name(patient) if patient else "", *rest]


def _nominal(trigger: Token, arguments: list[Argument], nominalizer: Nominalizer,
             entity_at: EntityAt) -> list[str]:
    agent = _first(arguments, AGENT)
    verb = nominalizer.verb(trigger.lemma_)
    if agent is not None and verb is not None:
        objects = nominalizer.object_prepositions(verb)
        patient = next((a for a in arguments if a.role != AGENT and a.prep in objects), None)
        rest = _phrases(arguments, exclude=(agent, patient))
        return [name(agent), verb if agent.plural else third_person(verb), name(patient) if patient else "", *rest,
                _purpose(trigger, entity_at)]
    of = next((a for a in arguments if a.prep == "of"), None)
    by = f"{agent.prep} {name(agent)}" if agent is not None and agent.prep else ""
    rest = _phrases(arguments, exclude=(of,) + tuple(a for a in arguments if a.role == AGENT))
    return [modified_noun(trigger), f"of {name(of)}" if of else "", by, *rest, _purpose(trigger, entity_at)]


def _purpose(noun: Token, entity_at: EntityAt) -> str:
    """The infinitive an event noun is for: "coordination to liberate Raqqa"."""
    for verb in noun.children:
        # The parser calls a noun's infinitive acl or, after quotes, relcl.
        if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
            if obj is None:
                return f"to {verb.text}"
            entities, phrase = noun_phrase(obj, entity_at)
            return f"to {verb.text} {name(Argument(PATIENT, obj, None, entities, phrase, entity_at(obj) is not None))}"
    return ""


def name(argument: Argument) -> str:
    """The canonical names of an argument's entities ("A", "A and B", "A, B and C") when the phrase is
    those names, else the phrase ("Syrian army")."""
    names = [e.name for e in argument.entities] if argument.named and argument.entities else [argument.phrase]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _phrases(arguments: list[Argument], exclude: tuple) -> list[str]:
    """At most one place phrase and one other participant's phrase, in text order."""
    chosen: list[Argument] = []
    for kind in (True, False):
        found = next((a for a in arguments if a.prep and a.is_place == kind and a.entities
                      and a.role in (OTHER, PATIENT) and all(a is not x for x in exclude)), None)
        if found is not None:
            chosen.append(found)
    return [f"{a.prep} {_who(a)}" for a in sorted(chosen, key=lambda a: a.head.i)[:MAX_PHRASES]]


def _who(argument: Argument) -> str:
    """People after a preposition by name, not by description: "works with Sergei Lavrov", not "with
    his Russian counterpart Foreign Minister Sergei Lavrov"."""
    if argument.entities and all(e.type == "person" for e in argument.entities):
        return " and ".join(e.name for e in argument.entities)
    return name(argument)


def _first(arguments: list[Argument], role: str) -> Argument | None:
    return next((a for a in arguments if a.role == role and not (role == PATIENT and a.prep)), None)


def _particle(verb: Token) -> str | None:
    known = particles()
    return next((c.lower_ for c in verb.children
                 if c.dep_ == "prt" or c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in known), None)


def _passive(verb: Token) -> bool:
    participle_on_noun = verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")
    return participle_on_noun or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
