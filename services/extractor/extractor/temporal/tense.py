"""The tense of the clause that holds a span, read from the parse: it only picks a direction in time.

Past covers the present perfect ("has met Tuesday" is behind us); future covers modals ("would
meet Tuesday", "may reconvene in April") and the simple present of a timetable ("meets Monday"). A doc without a parse has no tense (None).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_MODALS = {"will", "'ll", "shall", "would", "'d", "may", "might", "could", "should", "must", "can"}
_CLAUSE_POS = {"VERB", "AUX"}
# verbs whose infinitive points ahead: "is to meet", "scheduled to close", "plans to vote"
_SUBJECTS = {"nsubj", "nsubjpass", "expl"}
_SUBORDINATE = {"ccomp", "advcl", "conj", "parataxis"}
# present-tense verbs that state or report rather than schedule
_NOT_SCHEDULED = {"be", "have", "say", "tell", "report", "include", "represent", "follow", "compare", "remain",
                  "show", "mean", "seem", "hold", "own", "know", "think", "believe", "continue", "account",
                  "stand", "compete", "range", "total", "reflect", "indicate", "suggest", "note", "add", "want",
                  "need", "hope", "wish", "feel", "like", "agree", "deny", "insist", "argue", "claim"}
# simple presents spelled like their past, which the tagger cannot tell apart: "stocks hurt the index Friday"
_PAST_ALIKE = {"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "quit", "spread", "bid", "bet",
               "cast", "split", "burst", "read", "beat", "shed", "slit", "thrust", "upset", "broadcast"}
_SCHEDULE_PREPS = {"on", "at", "in", "by", "until", "till", "through", "before", "after", "during"}
_INTENT = {"be", "schedule", "expect", "set", "due", "plan", "intend", "aim", "hope", "prepare", "want", "seek"}


def clause_verb(span: Span) -> Token | None:
    """The verb of the clause that holds ``span``: the nearest verb up the dependency tree."""
    token = span.root
    for _ in range(12):
        if token.pos_ in _CLAUSE_POS and not span.start <= token.i < span.end and not _opens_after(token, span):
            return token
        if token.head.i == token.i:
            return token if token.pos_ in _CLAUSE_POS and not _opens_after(token, span) else None
        token = token.head
    return None


def _opens_after(verb: Token, span: Span) -> bool:
    """Whether the clause of ``verb`` opens after ``span``, which is then outside it whatever the parse
    says: with a subordinator ("warnings on Thursday that strikes could do harm"), or, for a clause
    that hangs from a verb before the span, with its subject ("said Monday the bridge will reopen")."""
    marks = [c.i for c in verb.children if c.dep_ == "mark"]
    if marks:
        # "said that on Friday he would resign": a clause opened before the span holds it
        return any(span.end <= i < verb.i for i in marks)
    return verb.dep_ in _SUBORDINATE and verb.head.i < span.start and any(
        c.dep_ in _SUBJECTS and span.end <= c.i < verb.i for c in verb.children)


def clause_tense(span: Span) -> str | None:
    """past, present or future for the clause of ``span``; None when the doc has no parse."""
    if not span.doc.has_annotation("DEP"):
        return None
    verb = clause_verb(span)
    if verb is None:
        return None
    tense = verb_tense(verb)
    return "future" if tense == "present" and _scheduled(verb, span) else tense


def _scheduled(verb: Token, span: Span) -> bool:
    """Whether a simple present dates an event by ``span`` ("Arafat meets Albright Monday", "the
    plant opens in May"): news writes its timetable so; states and reports in the present do not
    point ahead ("is down from Friday", "says Monday")."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ in _NOT_SCHEDULED or verb.lower_ in _PAST_ALIKE:
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return False
    head = span.root.head
    return head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i and head.lower_ in _SCHEDULE_PREPS)


def verb_tense(verb: Token) -> str:
    """past, present or future of a verb, from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i \
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
            and verb.head.i != verb.i:
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
        if head.dep_ not in ("acomp", "xcomp", "attr") or head.head.i == head.i:
            return False
        head = head.head
    return False
