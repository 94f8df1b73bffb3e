"""The tense of the clause that holds a span, read from the parse: it only picks a direction in time.

Past covers the present perfect ("has met Tuesday" is behind us); future covers modals ("would
meet Tuesday", "may reconvene in April"). A doc without a parse has no tense (None).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_MODALS = {"will", "'ll", "shall", "would", "'d", "may", "might", "could", "should", "must", "can"}
_CLAUSE_POS = {"VERB", "AUX"}
# verbs whose infinitive points ahead: "is to meet", "scheduled to close", "plans to vote"
_INTENT = {"be", "schedule", "expect", "set", "due", "plan", "intend", "aim", "hope", "prepare", "want", "seek"}


def clause_verb(span: Span) -> Token | None:
    """The verb of the clause that holds ``span``: the nearest verb up the dependency tree."""
    token = span.root
    for _ in range(12):
        if token.pos_ in _CLAUSE_POS and not span.start <= token.i < span.end:
            return token
        if token.head is token:
            return token if token.pos_ in _CLAUSE_POS else None
        token = token.head
    return None


def clause_tense(span: Span) -> str | None:
    """past, present or future for the clause of ``span``; None when the doc has no parse."""
    if not span.doc.has_annotation("DEP"):
        return None
    verb = clause_verb(span)
    return verb_tense(verb) if verb is not None else None


def verb_tense(verb: Token) -> str:
    """past, present or future of a verb, from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb \
            and verb.head.pos_ in _CLAUSE_POS:
        # a bare participle has the tense of the clause it hangs from: "has fluctuated, rising in March"
        return verb_tense(verb.head)
    perfect = any(aux.lemma_ == "have" for aux in auxes) and verb.tag_ == "VBN"
    modals = {aux.lower_ for aux in auxes if aux.lower_ in _FUTURE_MODALS or aux.tag_ == "MD"}
    if modals:
        # "may have been responsible on Wednesday" looks back; "will have left by Friday" does not
        return "past" if perfect and not modals & {"will", "'ll", "shall"} else "future"
    if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
        return "future"
    if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxes) and verb.head.lemma_ in _INTENT \
            and verb.head is not verb:
        # "is to resume trading Tuesday", "scheduled to close Monday"; not "had been due to expire"
        return "past" if _past_predicate(verb.head) else "future"
    if any(aux.tag_ == "VBD" for aux in auxes) or verb.tag_ == "VBD" or perfect:
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "amod"):
        return "past"  # "talks held Tuesday"
    return "present"


def _past_predicate(head: Token) -> bool:
    """Whether the verb or adjective an infinitive hangs from is in the past: "had been due to
    expire" reaches the tense through the copula the adjective complements."""
    for _ in range(3):
        if head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children):
            return True
        if head.dep_ not in ("acomp", "xcomp", "attr") or head.head is head:
            return False
        head = head.head
    return False
