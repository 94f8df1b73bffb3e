"""Whether an event happened, from cues on the path from its trigger up the dependency tree.

The walk starts at the trigger and climbs head by head. Cues on a word apply to the trigger when the
trigger is inside their scope: negators, modals, future auxiliaries and conditional marks of the
trigger's own verb group, or of a verb the trigger is an argument or complement of; governors
("refused to", "plans to", "tried to") of a complement. Clause boundaries stop these cues: a finite
relative or adverbial clause ends the walk, and above a complement clause ("said that ...") only
attribution and denial still apply. Precedence: denied > negated > hypothetical > planned >
reported > ongoing > occurred.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Token

from .cues import Cues
from .mention import EventMention
from .verbgroup import verb_group

# relations through which a verb's negation reaches an event; a preposition only under an intensional
# verb ("never agreed to any coordination", not "did not comment on the situation")
NEGATION_SCOPE = frozenset({"xcomp", "ccomp", "attr", "acomp", "oprd", "pobj", "relcl", "acl", "conj"})
# relations through which modals and future auxiliaries reach an event (arguments and complements); a
# preposition only under a copula ("will be on leave", not "will give ... in response to concerns")
MODAL_SCOPE = frozenset({
    "xcomp", "ccomp", "attr", "acomp", "oprd", "dobj", "pobj", "nsubj", "nsubjpass", "csubj", "csubjpass",
    "agent", "dative", "pcomp", "conj", "acl", "relcl", "compound", "amod", "nmod",
})
# relations by which a governor ("refuse to", "plan to", "the possibility of") takes an event as complement
VERB_COMPLEMENT = frozenset({"xcomp", "ccomp", "acl", "relcl"})
NOUN_COMPLEMENT = VERB_COMPLEMENT | {"prep"}
# clause boundaries: above these, only attribution and denial apply
EMBEDDING = frozenset({"ccomp", "parataxis"})
# finite clauses of these kinds say nothing about the clause they hang from
BARRIER = frozenset({"relcl", "advcl", "acl", "appos"})
SUBJECTS = ("nsubj", "nsubjpass")
INFINITIVAL_DEPS = frozenset({"xcomp", "ccomp", "acl", "relcl", "advcl", "ROOT"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
SOURCE_DROP = frozenset({"relcl", "acl", "appos", "punct", "advmod", "cc", "prep"})


@dataclass
class Assessment:
    status: str
    reported_by: str | None


def infinitival(token: Token) -> bool:
    """Whether ``token`` is a to-infinitive ("to liberate")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _walk(trigger: Token) -> Iterator[tuple[Token, str | None, int]]:
    """(word, relation by which the path reached it, how many clause boundaries the path crossed)."""
    token, crossed = trigger, 0
    yield token, None, 0
    while token.head.i != token.i:
        dep = token.dep_
        if dep in BARRIER and not infinitival(token):
            return
        if (dep in EMBEDDING and not infinitival(token)) or \
                (dep == "conj" and any(c.dep_ in SUBJECTS for c in token.children)):
            crossed += 1
        token = token.head
        yield token, dep, crossed


def source_text(head: Token) -> str:
    """The source a subject names, without its relative clauses and appositions."""
    keep = [head]
    for child in head.children:
        if child.i < head.i or child.dep_ not in SOURCE_DROP:
            keep.extend(child.subtree)
    ordered = sorted(keep, key=lambda t: t.i)
    # keep the contiguous stretch around the head: dropped parts leave gaps
    start = end = ordered.index(head)
    while start > 0 and ordered[start - 1].i == ordered[start].i - 1:
        start -= 1
    while end + 1 < len(ordered) and ordered[end + 1].i == ordered[end].i + 1:
        end += 1
    doc = head.doc
    return doc[ordered[start].i:ordered[end].i + 1].text


def _presupposed(trigger: Token) -> bool:
    """A definite or possessed event noun in object position ("address the reports", "meet my
    duties"): it exists whatever the modality or negation of the verb that takes it."""
    noun = trigger
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if trigger.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("dobj", "pobj"):
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in (*trigger.children, *noun.children))


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


class Factuality:
    """Assesses event mentions with one set of cue lexicons."""

    def __init__(self, cues: Cues):
        self.cues = cues
        # governors whose infinitive is not to come: it happened ("began to"), or it is reported ("said to")
        self.not_future = cues["future_cues.realized"] | cues["reporting_cues.verbs"]
        self.intensional = (cues["future_cues.governors"] | cues["modal_cues.governors"]
                            | cues["negation_cues.governors"])
        self.negators = cues["negation_cues.negators"]
        self.modals = cues["modal_cues.modals"]
        self.future = cues["future_cues.auxiliaries"]

    def _negated(self, token: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children
                   if c.lower_ in self.negators)

    def _future_time_clause(self, trigger: Token, mention: EventMention) -> bool:
        """A present-tense time clause under a clause that is to happen: "(will meet) once talks
        reconvene", "(agreed to act) when the truce ends"."""
        # (a clause head the tagger took for a noun, "once talks reconvene", has no tense)
        if trigger.dep_ != "advcl" or mention.tense not in ("PRESENT", "NONE") or mention.aspect != "NONE" or \
                not any(c.dep_ == "mark" and c.lower_ in self.cues["future_cues.time_marks"] for c in trigger.children):
            return False
        head = trigger.head
        group = verb_group(head)
        governing = EventMention(head.lemma_.lower(), tense=group.tense, aspect=group.aspect, polarity=group.polarity)
        return self.assess(head, governing).status == "planned"

    def _contrasted(self, token: Token) -> bool:
        """Whether ``token``'s conjuncts are joined by a contrast ("not X but Y")."""
        return any(c.dep_ == "cc" and c.lower_ in self.cues["negation_cues.contrast"] for c in token.children)

    def _conditional(self, clause: Token) -> bool:
        """Whether ``clause`` is a conditional clause with a subject of its own ("if they were to")."""
        children = list(clause.children)
        return any(c.dep_ == "mark" and c.lower_ in self.cues["modal_cues.conditional_marks"] for c in children) \
            and any(c.dep_ in (*SUBJECTS, "expl") for c in children)

    def _govern(self, signals: "Signals", lemma: str, kind: str = "governors") -> None:
        """A governor of the event's clause ("refused to", "tried to", "plans to"), or with
        ``kind="object_governors"`` of the event as its object ("rejected the offer")."""
        cues = self.cues
        if lemma in cues[f"negation_cues.{kind}"]:
            signals.negated = True
        elif lemma in cues[f"modal_cues.{kind}"]:
            signals.hypothetical = True
        elif lemma in cues[f"future_cues.{kind}"]:
            signals.planned = True

    def _refuted(self, subject: Token) -> bool:
        """Whether ``subject`` is said to be false ("was a leak", "turned out not to be true")."""
        cues = self.cues
        verb = subject.head
        negated = False
        # follow "turn out to be", "prove to be" down to the predicate
        for _ in range(3):
            negated = negated or self._negated(verb)
            for child in verb.children:
                if child.dep_ in ("attr", "acomp", "oprd"):
                    if child.lemma_.lower() in cues["denial_cues.falsity"]:
                        return not negated
                    if child.lemma_.lower() in cues["denial_cues.truth"]:
                        return negated or self._negated(child)
            nxt = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if nxt is None or nxt.lemma_.lower() not in cues["denial_cues.link_verbs"]:
                return False
            verb = nxt
        return False

    def _source(self, verb: Token) -> str | None:
        subject = _subject(verb)
        return source_text(subject) if subject is not None else None

    def _according_to(self, verb: Token) -> str | None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in self.cues["reporting_cues.prepositions"]:
                for prep in child.children:
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return source_text(obj)
        return None

    def assess(self, trigger: Token, mention: EventMention, date_start: dt.datetime | None = None,
               dct: dt.date | None = None) -> Assessment:
        """The status and source of the event at ``trigger``; ``date_start`` is the start of the date
        of a timex governing it, which makes it planned when it lies after the publication day."""
        signals = Signals(negated=mention.polarity == "NEG")
        presupposed = _presupposed(trigger)
        for token, via, crossed in _walk(trigger):
            if token.dep_ == "prep" and token.lower_ in self.cues["reporting_cues.prepositions"]:
                break  # the trigger names the source ("according to a new report")
            if not crossed and not (presupposed and via is not None):
                self._verb_group_cues(signals, token, via)
                self._governor_cues(signals, token, via, trigger, presupposed)
            elif crossed == 1 and via == "ccomp" and not presupposed:
                self._govern(signals, token.lemma_.lower())  # "expected that films will retail"
            if self._attribution(signals, token, via):
                break
        if date_start is not None and dct is not None and date_start.date() > dct and mention.tense != "PAST":
            signals.planned = True
        if not signals.planned and self._future_time_clause(trigger, mention):
            signals.planned = True
        return signals.decide(mention)

    def _verb_group_cues(self, signals: "Signals", token: Token, via: str | None) -> None:
        """Negators, modals, future auxiliaries and conditional marks of ``token`` that reach the event."""
        cues = self.cues
        lemma = token.lemma_.lower()
        if via is None or (via in NEGATION_SCOPE and not (via == "conj" and self._contrasted(token))) \
                or (via == "prep" and lemma in self.intensional):
            signals.negated = signals.negated or self._negated(token)
        if not (via is None or via in MODAL_SCOPE or (via == "prep" and lemma == "be")):
            return
        for child in token.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and word in self.modals:
                signals.hypothetical = True
            elif child.dep_ in ("aux", "auxpass") and word in self.future:
                signals.planned = True
            elif child.dep_ == "aux" and word in cues["modal_cues.conditional"]:
                signals.would = True
                signals.conditional = signals.conditional or any(self._conditional(c) for c in token.children) \
                    or any(m.dep_ == "mark" and m.lower_ in cues["modal_cues.purpose_marks"] for m in token.children)
            elif child.dep_ == "mark" and self._conditional(token):
                signals.hypothetical = True

    def _governor_cues(self, signals: "Signals", token: Token, via: str | None, trigger: Token,
                       presupposed: bool) -> None:
        """Words that govern the event: "refused to", "plans another event", "is to", "to"-infinitives."""
        cues = self.cues
        lemma = token.lemma_.lower()
        if via in (VERB_COMPLEMENT if _is_verb(token) else NOUN_COMPLEMENT):
            self._govern(signals, lemma)
        elif via == "dobj" and token.i != trigger.i:
            # "plans another event", "seeks a deal", "rejected the offer"
            self._govern(signals, lemma, "object_governors")
        if via == "xcomp" and lemma == "be" and infinitival(trigger):
            signals.planned = True  # "is to visit"
        if (via is None or not presupposed) and token.dep_ in INFINITIVAL_DEPS and infinitival(token) \
                and token.head.lemma_.lower() not in self.not_future:
            # "to"-infinitives happen after their governor ("Apple to cut prices"), and so do
            # their arguments and conjuncts ("to arrange the deal and settle on prices")
            signals.planned = True
        if via in SUBJECTS and trigger.head.i == token.i and \
                any(c.dep_ == "xcomp" and infinitival(c) for c in token.children):
            self._govern(signals, lemma)  # "the trial is set to begin", "the deal is likely to collapse"
        if via is None and any(c.dep_ == "amod" and c.lower_ in cues["future_cues.modifiers"] for c in token.children):
            signals.planned = True  # "the upcoming update"

    def _attribution(self, signals: "Signals", token: Token, via: str | None) -> bool:
        """Denials and sources at ``token``; True when the walk stops there (at a reporting or denial verb)."""
        cues = self.cues
        lemma = token.lemma_.lower()
        if token.dep_ in SUBJECTS and self._refuted(token):
            signals.denied = True
        if via in ("ccomp", "parataxis", "xcomp", "dobj") and lemma in cues["denial_cues.verbs"]:
            signals.denied = True
            signals.source = self._source(token)
            return True
        if via in ("ccomp", "parataxis", "xcomp") and lemma in cues["reporting_cues.verbs"]:
            if not self._negated(token):  # "did not say whether ..." attributes nothing
                signals.source = self._source(token) or ""
            return True
        signals.source = self._according_to(token) or signals.source
        return False


@dataclass
class Signals:
    """What the walk found; ``source`` is "" when the event is attributed to an unnamed source."""

    negated: bool = False
    hypothetical: bool = False
    planned: bool = False
    denied: bool = False
    would: bool = False
    conditional: bool = False
    source: str | None = None

    def decide(self, mention: EventMention) -> Assessment:
        """The status by precedence: denied > negated > hypothetical > planned > reported > ongoing > occurred."""
        attributed = self.source is not None
        if self.denied or (self.negated and attributed):
            return Assessment("denied", self.source or None)
        if self.negated:
            return Assessment("negated", None)
        if self.hypothetical or (self.would and self.conditional):
            return Assessment("hypothetical", None)
        if self.planned or self.would:
            return Assessment("planned", None)
        if attributed:
            return Assessment("reported", self.source or None)
        if mention.tense == "PRESENT" and (mention.aspect in ("PROGRESSIVE", "PERFECTIVE_PROGRESSIVE")
                                           or mention.cls == "STATE"):
            return Assessment("ongoing", None)
        return Assessment("occurred", None)
