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
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                  for t in {token, verb} for c in t.children) or any(
        c.lower_ in _NEGATORS and c.dep_ in ("neg", "advmod") for c in verb.children)
    polarity = "NEG" if negated else "POS"
    if not _is_verb(verb):
        return VerbGroup("NONE", "NONE", polarity, None)
    auxes = [c for c in verb.children if c.dep_ in _AUX and c.i < verb.i]
    group = auxes + [verb]
    words = [w.lower_ for w in group]
    modals = [w.lower_ for w in auxes if w.tag_ == "MD"]
    modality = next((_MODAL_SPELLING.get(m, m) for m in modals if m not in _FUTURE), None)
    perfective = any(a.lemma_ == "have" for a in auxes)
    progressive = any(w.tag_ == "VBG" and any(a.lemma_ == "be" and a.i < w.i for a in auxes) for w in group[1:])
    aspect = {(True, True): "PERFECTIVE_PROGRESSIVE", (True, False): "PERFECTIVE",
              (False, True): "PROGRESSIVE"}.get((perfective, progressive), "NONE")
    if any(w in _FUTURE for w in words):
        tense = "FUTURE"
    elif modals:
        tense = "NONE"
    elif any(a.tag_ == "TO" for a in auxes):
        tense = "INFINITIVE"
    else:
        tense = {"VBD": "PAST", "VBZ": "PRESENT", "VBP": "PRESENT", "VBG": "PRESPART", "VBN": "PASTPART",
                 "VB": "INFINITIVE"}.get(group[0].tag_, "NONE")
    return VerbGroup(tense, aspect, polarity, modality)
