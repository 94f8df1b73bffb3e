"""Event mentions that make no timeline entry of their own.

Most are no happening of their own, only part of another event in their clause:

- a raising or light verb whose verbal complement carries the event ("the U.S. has come to recognize",
  "Raqqa appears to be the next target"; ``resources/support_verbs.yaml``);
- a verb of sequence with an event as argument ("the cease-fire has been followed by deliveries of aid"):
  it orders two events, and is none itself (``sequence_verbs``);
- a copula, also contracted ("it's the Syrian Arab army"): a state, not an event;
- an event noun that is the subject of an event verb: "peace talks reconvene" tells one happening, the
  verb's, whose title already names the talks;
- a noun of help in a "with" phrase ("retook Palmyra with the help of Russian aerial
  cover"): how that event went (``resources/support_verbs.yaml``, ``with_nouns``).

And a bare mention, with neither participant nor place and titled by its trigger alone ("Talked",
"Happened", "Elections"), tells a reader of the timeline nothing.

Such a mention stays an event mention (with its class, status and arguments) but is kept off the
timeline, so that one happening makes one entry.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from .mention import EventMention

_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
# "compound": the subject of a verb the tagger took for a noun ("once peace talks reconvene").
_NOUN_SUBJECTS = frozenset({"nsubj", "nsubjpass", "compound"})
_APOSTROPHES = ("'", "’")
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "obj"})


@cache
def support_verbs() -> dict[str, str]:
    """Example sentence by support verb ("turn out" for a verb and its particle)."""
    return _table()["verbs"]


@cache
def with_nouns() -> dict[str, str]:
    """Example sentence by noun of help."""
    return _table()["with_nouns"]


@cache
def sequence_verbs() -> dict[str, str]:
    """Example sentence by verb of sequence."""
    return _table()["sequence_verbs"]


@cache
def _table() -> dict[str, dict[str, str]]:
    return yaml.safe_load(resources.files(__package__).joinpath("resources", "support_verbs.yaml").read_text("utf-8"))


def _verb_name(verb: Token) -> str:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _arguments(verb: Token) -> list[Token]:
    """Subject, object and passive "by" object of a verb."""
    found = [c for c in verb.children if c.dep_ in _CORE]
    return found + [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def is_support(trigger: Token, verb_like: bool, event_verbs: set[int], triggers: set[int]) -> bool:
    """Whether the mention triggered by ``trigger`` only supports another event of its clause.
    ``event_verbs`` holds the token indices of the document's verbal triggers, ``triggers`` of all."""
    if trigger.lemma_.lower() == "be" or trigger.text.startswith(_APOSTROPHES):
        return True
    if verb_like:
        if trigger.lemma_.lower() in sequence_verbs():
            return any(a.i in triggers for a in _arguments(trigger))
        return _verb_name(trigger) in support_verbs() and any(
            c.dep_ in _COMPLEMENTS and c.pos_ in ("VERB", "AUX") for c in trigger.children)
    if trigger.dep_ in _NOUN_SUBJECTS:
        return trigger.head.i in event_verbs
    prep = trigger.head
    # Wherever the parser hung the "with" phrase (often on the object: "took back the city of Palmyra
    # with the help of..."), the idiom tells how some event went.
    return trigger.dep_ == "pobj" and prep.lower_ == "with" and trigger.lemma_.lower() in with_nouns()


def is_bare(mention: EventMention) -> bool:
    """Whether an argument-filled mention has neither participant nor place and a one-word title."""
    return not mention.participants and not mention.locations and len(mention.title.split()) <= 1
