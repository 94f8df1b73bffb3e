"""Verb forms for titles: third person singular, phrasal verbs in one word, the verb of an event noun.

Tables live in ``resources/verb_forms.yaml`` and ``resources/nominalizations.yaml``; the set of known
verbs comes from the spaCy model's lemmatizer (its ``lemma_index`` table), so no word list is shipped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Iterable, Mapping

import yaml
from spacy.tokens import Token


def _yaml(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("resources", name).read_text("utf-8"))


@cache
def verb_forms() -> dict:
    """The parsed verb_forms.yaml."""
    return _yaml("verb_forms.yaml")


@cache
def nominalizations() -> dict:
    """The parsed nominalizations.yaml."""
    return _yaml("nominalizations.yaml")


def third_person(verb: str) -> str:
    """Present tense, third person singular of a lemma; only the first word of a phrasal verb changes."""
    first, _, rest = verb.partition(" ")
    table = verb_forms()
    form = table["third_person_irregular"].get(first)
    if form is None:
        rule = next((r for r in table["third_person_rules"] if first.endswith(r["ending"])), None)
        form = first[: len(first) - len(rule["ending"])] + rule["form"] if rule else first + "s"
    return f"{form} {rest}" if rest else form


def phrasal(verb: str, particle: str | None) -> str:
    """The verb a title uses for verb + particle: ("take", "back") -> "retake", ("pull", "out") stays
    "pull out" when the table has no one-word form."""
    if not particle:
        return verb
    both = f"{verb} {particle}"
    return verb_forms()["phrasal"].get(both, both)


@cache
def transitive_phrasal() -> frozenset[str]:
    """Verb + particle pairs ("take back") that always take an object."""
    return frozenset(verb_forms()["transitive_phrasal"])


@cache
def particles() -> frozenset[str]:
    return frozenset(verb_forms()["particles"])


def clitics() -> dict[str, str]:
    """Full forms of contracted verbs ("'s" -> "is"), keyed with a straight apostrophe."""
    return verb_forms()["clitics"]


@dataclass(frozen=True)
class Nominalizer:
    """Turns event nouns into verbs, checking candidates against ``verbs`` (known verb lemmas)."""

    verbs: frozenset[str]
    # Irregular verb forms by their lemma ("retook" -> "retake"), from the model's lemmatizer: the tagger
    # sometimes takes a past form for a present one ("troops retook" as VBP), and the lemma stays "retook".
    forms: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, verbs: Iterable[str], forms: Mapping[str, str] | None = None) -> "Nominalizer":
        return cls(frozenset(verbs), dict(forms or {}))

    def lemma(self, verb: Token) -> str:
        """The lemma of a verb token, mending an irregular form the lemmatizer left as it was."""
        lemma = verb.lemma_.lower()
        if lemma == verb.lower_ and lemma not in self.verbs:
            return self.forms.get(lemma, lemma)
        return lemma

    def verb(self, noun: str) -> str | None:
        """The verb of an event noun ("liberation" -> "liberate"); None when no rule gives a known verb."""
        noun = noun.lower()
        table = nominalizations()
        if noun in table["irregular"]:
            return table["irregular"][noun]
        if noun in self.verbs:
            return noun
        for rule in table["suffixes"]:
            if noun.endswith(rule["suffix"]) and len(noun) > len(rule["suffix"]) + 1:
                stem = noun[: -len(rule["suffix"])]
                for ending in rule["verbs"]:
                    if stem + ending in self.verbs:
                        return stem + ending
        return None

    @staticmethod
    def light_verbs() -> frozenset[str]:
        """Verbs whose subject is the agent of the event noun they take as object ("held talks")."""
        return _light_verbs()

    @staticmethod
    def object_prepositions(verb: str) -> frozenset[str]:
        """Prepositions after the event noun whose object is the verb's object ("of" for every verb)."""
        return frozenset(["of", *nominalizations()["object_prepositions"].get(verb, ())])


@cache
def _light_verbs() -> frozenset[str]:
    return frozenset(nominalizations()["light_verbs"])


def model_verbs(nlp) -> frozenset[str]:
    """Verb lemmas the pipeline's rule lemmatizer knows; empty when it has no ``lemma_index`` table."""
    return _model_index(nlp, "verb")


def model_verb_forms(nlp) -> dict[str, str]:
    """Lemma by irregular verb form, from the rule lemmatizer's exceptions; empty when it has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_exc"):
        return {}
    return {form: lemmas[0] for form, lemmas in lookups.get_table("lemma_exc").get("verb", {}).items() if lemmas}


def model_nouns(nlp) -> frozenset[str]:
    """Noun lemmas the pipeline's rule lemmatizer knows; empty when it has none."""
    return _model_index(nlp, "noun")


def _model_index(nlp, pos: str) -> frozenset[str]:
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get(pos, ()))
