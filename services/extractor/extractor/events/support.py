"""Event mentions that are no happening of their own, only part of another event in their clause.

- a raising or light verb whose verbal complement carries the event ("the U.S. has come to recognize",
  "Raqqa appears to be the next target"; ``resources/support_verbs.yaml``);
- a copula, also contracted ("it's the Syrian Arab army"): a state, not an event;
- an event noun that is the subject of an event verb: "peace talks reconvene" tells one happening, the
  verb's, whose title already names the talks;
- a noun of help in a "with" phrase ("retook Palmyra with the help of Russian aerial
  cover"): how that event went (``resources/support_verbs.yaml``, ``with_nouns``).

Such a mention stays an event mention (with its class, status and arguments) but is kept off the
timeline, so that one happening makes one entry.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
# "compound": the subject of a verb the tagger took for a noun ("once peace talks reconvene").
_NOUN_SUBJECTS = frozenset({"nsubj", "nsubjpass", "compound"})
_APOSTROPHES = ("'", "’")


@cache
def support_verbs() -> dict[str, str]:
    """Example sentence by support verb ("turn out" for a verb and its particle)."""
    return _table()["verbs"]


@cache
def with_nouns() -> dict[str, str]:
    """Example sentence by noun of help."""
    return _table()["with_nouns"]


@cache
def _table() -> dict[str, dict[str, str]]:
    return yaml.safe_load(resources.files(__package__).joinpath("resources", "support_verbs.yaml").read_text("utf-8"))


def _verb_name(verb: Token) -> str:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def is_support(trigger: Token, verb_like: bool, event_verbs: set[int]) -> bool:
    """Whether the mention triggered by ``trigger`` only supports another event of its clause.
    ``event_verbs`` holds the token indices of the document's verbal triggers."""
    if trigger.lemma_.lower() == "be" or trigger.text.startswith(_APOSTROPHES):
        return True
    if verb_like:
        return _verb_name(trigger) in support_verbs() and any(
            c.dep_ in _COMPLEMENTS and c.pos_ in ("VERB", "AUX") for c in trigger.children)
    if trigger.dep_ in _NOUN_SUBJECTS:
        return trigger.head.i in event_verbs
    prep = trigger.head
    # Wherever the parser hung the "with" phrase (often on the object: "took back the city of Palmyra
    # with the help of..."), the idiom tells how some event went.
    return trigger.dep_ == "pobj" and prep.lower_ == "with" and trigger.lemma_.lower() in with_nouns()
