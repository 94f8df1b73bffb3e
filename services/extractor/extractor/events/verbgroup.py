"""TimeML tense, aspect, polarity and modality of a trigger, read off its verb group in the parse.

The verb group is the trigger's auxiliaries and itself; a predicative adjective or noun ("was
invincible", "is a threat") takes the group of its copula. Following the TimeML guidelines: will/shall
make FUTURE; another modal gives tense NONE and is the modality; "to" makes INFINITIVE; otherwise the
first word of the group gives PAST/PRESENT, or PRESPART/PASTPART for a bare participle. "have" makes
PERFECTIVE, "be" before an -ing form PROGRESSIVE.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

_FUTURE = {"will", "shall", "'ll", "wo", "’ll"}
_MODAL_SPELLING = {"'d": "would", "’d": "would", "ca": "can", "sha": "shall"}
_AUX = {"aux", "auxpass"}
_PREDICATE = {"acomp", "attr"}
_NEGATORS = {"not", "n't", "never", "no", "n’t"}
_SHARES_GROUP = {"VB", "VBN"}
_FINITE = {"VBD": "PAST", "VBZ": "PRESENT", "VBP": "PRESENT", "VBG": "PRESPART", "VBN": "PASTPART", "VB": "INFINITIVE"}


class VerbGroup(NamedTuple):
    tense: str
    aspect: str
    polarity: str
    modality: str | None


def _anchor(token: Token) -> Token:
    """The verb whose auxiliaries carry the trigger's tense: the copula for predicates, else itself."""
    if token.dep_ in _PREDICATE and token.head.lemma_ == "be" and token.head.i < token.i:
        return token.head
    return token


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def verb_group(token: Token) -> VerbGroup:
    """The TimeML tense, aspect, polarity and modality of the trigger ``token``."""
    verb = _anchor(token)
    verb_kids = list(verb.children)
    kids = verb_kids if verb is token else [*verb_kids, *token.children]
    deps = [k.dep_ for k in kids]
    negated = any(d == "neg" or (d in ("det", "advmod") and k.lower_ in _NEGATORS) for k, d in zip(kids, deps))
    polarity = "NEG" if negated else "POS"
    if not _is_verb(verb):
        return VerbGroup("NONE", "NONE", polarity, None)
    auxes = [k for k, d in zip(verb_kids, deps) if d in _AUX and k.i < verb.i]
    if not auxes and verb.dep_ == "conj" and verb.tag_ in _SHARES_GROUP and _is_verb(verb.head):
        # "will climb and maintain", "to X and Y": a bare conjunct shares the first verb's auxiliaries.
        shared = verb_group(verb.head)
        return VerbGroup(shared.tense, shared.aspect, polarity, shared.modality)
    group = auxes + [verb]
    tags = [w.tag_ for w in group]
    lemmas = [w.lemma_ for w in auxes]
    modals = [w.lower_ for w, t in zip(auxes, tags) if t == "MD"]
    modality = next((_MODAL_SPELLING.get(m, m) for m in modals if m not in _FUTURE), None)
    perfective = "have" in lemmas
    progressive = any(t == "VBG" and "be" in lemmas[:i] for i, t in enumerate(tags) if i)
    aspect = {(True, True): "PERFECTIVE_PROGRESSIVE", (True, False): "PERFECTIVE",
              (False, True): "PROGRESSIVE"}.get((perfective, progressive), "NONE")
    if any(w.lower_ in _FUTURE for w in group):
        tense = "FUTURE"
    elif modals:
        tense = "NONE"
    elif "TO" in tags[:-1]:
        tense = "INFINITIVE"
    else:
        tense = _FINITE.get(tags[0], "NONE")
    return VerbGroup(tense, aspect, polarity, modality)
