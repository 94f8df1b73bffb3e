"""The spaCy component "event_dates": the date of each event, how sure we are, and the timeline rule.

Every trigger span in ``doc.spans["events"]`` gets ``span._.event.date`` (an ``EventDate`` or None)
and ``confidence``, trying in order:

1. expression: a calendar timex of ``doc.spans["timex"]`` that governs the event in its sentence
   (``events/anchoring.py``), or that governs the verb a participle adjunct hangs from ("unveiled it
   on Monday, saying ..."), or for an aspectual verb that governs its complement ("began to fall apart
   in 1996"); "now" (PRESENT_REF) gives the publication date, except to a past event. A timex reached
   through a non-dating preposition ("before March") bounds the event and leaves it undated; a few
   (``noun_prepositions``) date an event noun they attach to ("a loss for the third quarter"). An
   event noun otherwise undated by an expression takes one that dates a past participle modifying it
   ("the suit, filed in September 2003"), which passes to no later event.
2. discourse: the expression date of another mention of the same event (same verb, an event noun
   counting as its verb: "announced on Monday" ... "the announcement", and no other object: "introduced
   iOS 4 in April" is not "introducing iPhone 4"; not reporting verbs, the words
   ``dating_cues.yaml`` lists as ``recurring``, nor a planned or unreal mention, which is another
   event), else the last expression date of an event that happened (not a planned one) in the
   paragraph at most ``discourse_sentences`` sentences back whose event had the same tense and was a
   perfect or not alike (a noun takes its clause's tense; a year or longer passes within its sentence
   only), unless the event is a
   reporting verb whose clause holds that event ("... kidnapped Wednesday, police said"). News
   paragraphs are short: further back, an expression has usually stopped dating what follows.
3. the lead's day: the first expression date of an event in the article's first ``lead_sentences``
   sentences when it names a day of the week before publication ("Yesterday, ... unveiled"), for past
   events otherwise undated and for events in the present of a headline ("Apple unveils iPhone"):
   news reports its main event in the headline and lead, and the rest of it tells that event.
4. publication: ``doc._.dct`` for events in the present (present perfect included; a noun or
   participle takes its clause's tense, a bare participle the tense of the finite verb above
   it, with less confidence) or with a present word ("now") and not in the past; with ``past_at_publication`` also, as
   a guess, for past events otherwise undated. A past perfect ("revealed he had undergone a
   transplant") tells a time before the story's and takes neither the lead's day nor publication.

Events that did not happen or may not (negated, denied, hypothetical) and planned ones take only
an expression date, except that a purpose clause of a past occurrence, or the "to" complement of one
that is no intention, takes its date ("returned to the stage to reveal iCloud", "moved on to talk"). Without ``doc._.dct`` nothing is dated at publication, and unresolved
expressions keep their underspecified value with no interval.

Then ``timeline`` is set by the selection rule (``events/selection.py``), configured here because it
reads the date's anchor and the confidence:

| config | default | meaning |
|---|---|---|
| timeline_classes | OCCURRENCE, I_ACTION, ASPECTUAL | TimeML classes admitted (not REPORTING, STATE, I_STATE, PERCEPTION) |
| timeline_statuses | occurred, ongoing, planned, reported | statuses admitted |
| timeline_anchors | expression, discourse, publication | date anchors admitted (undated events never are) |
| timeline_min_confidence | 0.5 | least confidence admitted |
| discourse_sentences | 2 | how many sentences back a discourse date may come from |
| lead_sentences | 4 | how many opening sentences the lead's day may come from: headline, date line, the lead and the one after it |
| past_at_publication | true | date past events without any other date at publication (with low confidence) |
| confidence | direct 0.9, clause 0.8, discourse 0.6, publication 0.7, guess 0.4, undated 0.3 | confidence by how the date was found: direct or clause expression, discourse (the lead's day included), publication from the event's own present tense or "now", a guess (publication from a past tense, or from the tense of a noun's clause), none |

Raises ValueError at construction for an unknown class, status or anchor, or a confidence outside [0, 1].
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..events.anchoring import (PRESENT_REF, Governor, clause_head, expression_date, governing_timex, inherited,
                                publication_date)
from ..events.cues import RESOURCES, load_cues
from ..events.headlines import is_headline
from ..events.inflection import Nominalizer, model_verbs
from ..events.mention import EventDate
from ..events.selection import ANCHORS, DEFAULT_CLASSES, DEFAULT_STATUSES, TimelineRule
from ..events.verbgroup import verb_group

EVENTS_KEY = "events"
TIMEX_KEY = "timex"
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
FINITE = ("PAST", "PRESENT", "FUTURE")
PARTICIPLE_DEPS = ("advcl", "conj", "xcomp", "pcomp")
EXPRESSION_ONLY = ("negated", "denied", "hypothetical", "planned")
LEAD_DAYS = 7
# a year or longer is background ("Earlier this year, Apple opened a data center"): the next sentence
# is back at the story's time, so such a date passes to no later sentence
SENTENCE_ONLY = ("century", "decade", "year")
DEFAULT_CONFIDENCE = {"direct": 0.9, "clause": 0.8, "discourse": 0.6, "publication": 0.7, "guess": 0.4,
                      "undated": 0.3}

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)


def _frame(span: Span, ordering: frozenset[str]) -> tuple[str, bool]:
    """The event's tense and whether it is a perfect, or for a noun or participle those of its clause's
    verb. A perfect tells a time before its tense's ("has filed ... this week"), so discourse dates pass
    only between events of one frame."""
    event = span._.event
    group = event if event.tense in FINITE else verb_group(clause_head(span.root, ordering))
    return group.tense, group.aspect.startswith("PERFECTIVE")


def _reports(span: Span, other: Span) -> bool:
    """Whether ``span`` is a reporting event whose clause holds ``other`` ("... was kidnapped Wednesday,
    police said"): what is said happened at its own time, not at the saying's."""
    return span._.event.cls == "REPORTING" and span.root in other.root.ancestors


def governing_tense(token: Token, steps: int = 4) -> str | None:
    """The tense of the nearest finite verb above ``token`` (a bare participle), None when there is none."""
    while steps and token.head.i != token.i:
        token, steps = token.head, steps - 1
        if token.pos_ in ("VERB", "AUX"):
            tense = verb_group(token).tense
            if tense in FINITE:
                return tense
    return None


def host(token: Token) -> Token:
    """The finite verb a participle adjunct hangs from ("unveiled ..., saying that"), else the token."""
    while token.tag_ in ("VBG", "VBN") and token.dep_ in PARTICIPLE_DEPS and token.head.i != token.i \
            and not any(c.dep_ in ("aux", "auxpass") for c in token.children):
        head = token.head
        if token.dep_ == "pcomp" and head.dep_ == "prep":  # "unveiled it by walking onto the stage"
            head = head.head
        if not head.tag_.startswith("VB"):
            break
        token = head
    return token


def theme(token: Token) -> tuple[str, frozenset[str]] | None:
    """What an event acts on, as (role, words): its object (a passive's subject, a noun's "of" object or
    possessor), else for a verb its subject ("Intel fell": what an intransitive verb happens to); the
    words are the head's with its compound words and numbers. None when there is none or a pronoun."""
    deps = ("dobj", "nsubjpass") if token.pos_ in ("VERB", "AUX") else ("poss",)
    role, obj = "object", next((c for c in token.children if c.dep_ in deps), None)
    if obj is None and token.pos_ in ("VERB", "AUX"):
        role, obj = "subject", next((c for c in token.children if c.dep_ == "nsubj"), None)
    elif obj is None:
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.pos_ == "PRON":
        return None
    return role, frozenset(t.lower_ for t in (obj, *obj.children) if t.i == obj.i or t.dep_ in ("compound", "nummod"))


def same_thing(a: tuple[str, frozenset[str]] | None, b: tuple[str, frozenset[str]] | None) -> bool:
    """Whether two themes may name one thing: unknown or of different roles (a parse that missed an
    object), or one's words within the other's."""
    return a is None or b is None or a[0] != b[0] or a[1] <= b[1] or b[1] <= a[1]


class EventDates:
    """Dates the event mentions of a Doc and applies the timeline rule."""

    def __init__(self, nlp: Language, name: str, rule: TimelineRule, discourse_sentences: int,
                 past_at_publication: bool, confidence: dict[str, float], cues_path: str | None = None,
                 lead_sentences: int = 4):
        """Raises ValueError for a confidence outside [0, 1] or a missing confidence key."""
        self.name = name
        self.rule = rule
        self.discourse_sentences = discourse_sentences
        self.past_at_publication = past_at_publication
        self.lead_sentences = lead_sentences
        missing = set(DEFAULT_CONFIDENCE) - set(confidence)
        if missing or not all(0.0 <= float(v) <= 1.0 for v in confidence.values()):
            raise ValueError(f"event_dates: confidence needs {sorted(DEFAULT_CONFIDENCE)} in [0, 1], got {confidence}")
        self.confidence = {k: float(v) for k, v in confidence.items()}
        cues = load_cues(cues_path or RESOURCES)
        self.dating_preps = cues["dating_cues.prepositions"]
        self.noun_preps = cues["dating_cues.noun_prepositions"]
        self.present_words = cues["dating_cues.present_words"]
        self.ordering = cues["dating_cues.ordering"]
        self.recurring = cues["reporting_cues.verbs"] | cues["dating_cues.recurring"]
        self.nominalizer = Nominalizer.of(model_verbs(nlp))

    def __call__(self, doc: Doc) -> Doc:
        """Raises ValueError when the Doc has events but no sentence boundaries (no parser ran)."""
        self.set_annotations(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> list[tuple[EventDate | None, float]]:
        """(date, confidence) for each span of ``doc.spans["events"]``, in the spans' order."""
        spans = list(doc.spans.get(EVENTS_KEY, ()))
        timexes = list(doc.spans.get(TIMEX_KEY, ()))
        breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(doc.text)]
        sentence_of = {s.start: n for n, s in enumerate(doc.sents)} if spans else {}
        results: dict[int, tuple[EventDate | None, float]] = {}
        # (paragraph, sentence number, frame, date, event) of the last expression date of an event
        # that happened: a planned one's date is not the time the narrative is at
        last: tuple[int, int, tuple[str, bool], EventDate, Span] | None = None
        lead = self._lead_date(doc, spans, timexes, sentence_of) if spans else None
        for k in sorted(range(len(spans)), key=lambda k: spans[k].start):
            span = spans[k]
            if span._.event is None:
                results[k] = (None, self.confidence["undated"])
                continue
            paragraph = bisect.bisect(breaks, span.start_char)
            sentence = sentence_of[span.sent.start]
            frame = _frame(span, self.ordering)
            results[k] = self._date(doc, span, timexes, frame, paragraph, sentence, last, lead)
            date = results[k][0]
            if date is not None and date.anchor == "expression" and span._.event.status not in EXPRESSION_ONLY:
                last = (paragraph, sentence, frame, date, span)
        dates = [results[k] for k in range(len(spans))]
        self._date_by_participles(spans, dates, timexes)
        self._share_among_mentions(spans, dates)
        self._date_purposes(spans, dates)
        return dates

    def _date_by_participles(self, spans: list[Span], dates: list[tuple[EventDate | None, float]],
                             timexes: list[Span]) -> None:
        """Give an event noun the expression date of a past participle modifying it ("the suit, filed in
        September 2003"): the participle tells when the event came about. It is the noun's own date,
        not the time of the sentence, so it passes to no later event."""
        for k, span in enumerate(spans):
            date = dates[k][0]
            if span.root.pos_ != "NOUN" or span._.event is None or (date is not None and date.anchor == "expression"):
                continue
            for participle in (c for c in span.root.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                governor = self._governing(participle, timexes)
                date = expression_date(governor.span) if governor is not None and governor.dating else None
                if date is not None:
                    dates[k] = (date, self.confidence["clause"])
                    break

    def _date_purposes(self, spans: list[Span], dates: list[tuple[EventDate | None, float]]) -> None:
        """Give an undated purpose clause of a past event that event's date ("returned to the stage
        to reveal iCloud", "moved on to talk about podcasting"): told as a step of a narrated past, it
        happened then. The complement of an intention ("wanted to talk", an I_ACTION or I_STATE) may not
        have happened, so only an occurrence's complement counts."""
        by_root = {span.root.i: k for k, span in enumerate(spans) if span._.event is not None}
        for k, span in enumerate(spans):
            root = span.root
            if dates[k][0] is not None or span._.event is None or span._.event.status != "planned" \
                    or root.dep_ not in ("advcl", "xcomp") \
                    or not any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
                continue
            head = by_root.get(root.head.i)
            if head is None or dates[head][0] is None:
                continue
            told = spans[head]._.event
            if told.tense == "PAST" and told.status == "occurred" and (root.dep_ == "advcl" or told.cls == "OCCURRENCE"):
                dates[k] = (inherited(dates[head][0]), self.confidence["discourse"])

    def _share_among_mentions(self, spans: list[Span], dates: list[tuple[EventDate | None, float]]) -> None:
        """Give each occurrence the first expression date of another mention of the same event: the same
        verb with an object that is not another thing ("introducing iPhone 4" is not "iOS 4 was
        introduced in April")."""
        expressed: dict[str, list[tuple[tuple[str, frozenset[str]] | None, EventDate]]] = {}
        for k in sorted(range(len(spans)), key=lambda k: spans[k].start):
            date = dates[k][0]
            event = spans[k]._.event
            # a planned or unreal mention is another event than the one that happened ("released ... the
            # update is set to release in June")
            if date is not None and date.anchor == "expression" and event is not None \
                    and event.status not in EXPRESSION_ONLY:
                expressed.setdefault(self._verb(spans[k]), []).append((theme(spans[k].root), date))
        for k, span in enumerate(spans):
            event, date = span._.event, dates[k][0]
            if event is None or event.status in EXPRESSION_ONLY or (date is not None and date.anchor == "expression"):
                continue
            verb = self._verb(span)
            if event.cls != "OCCURRENCE" or verb in self.recurring:
                continue
            mine = theme(span.root)
            shared = next((d for t, d in expressed.get(verb, ()) if same_thing(t, mine)), None)
            if shared is not None:
                dates[k] = (inherited(shared), self.confidence["discourse"])

    def _verb(self, span: Span) -> str:
        """The verb an event's mentions share: its lemma, or the verb of an event noun ("announcement")."""
        lemma = span._.event.lemma
        if span.root.pos_ == "NOUN":
            return self.nominalizer.verb(lemma) or lemma
        return lemma

    def _governing(self, token: Token, timexes: list[Span]) -> Governor | None:
        return governing_timex(token, timexes, self.dating_preps, self.ordering, self.noun_preps)

    def _governor(self, span: Span, timexes: list[Span]) -> tuple[Token, Governor | None]:
        """The token whose clause dates the event (the event, or the verb a participle hangs from)
        and the timex that governs it."""
        anchor_token = span.root
        governor = self._governing(anchor_token, timexes)
        if governor is None and host(anchor_token).i != anchor_token.i:
            anchor_token = host(anchor_token)
            governor = self._governing(anchor_token, timexes)
        if governor is None and span._.event.cls == "ASPECTUAL":  # "began to fall apart in mid-1996"
            governor = next(filter(None, (self._governing(c, timexes) for c in span.root.children
                                          if c.dep_ == "xcomp")), None)
        return anchor_token, governor

    def _lead_date(self, doc: Doc, spans: list[Span], timexes: list[Span],
                   sentence_of: dict[int, int]) -> EventDate | None:
        """The day of the article's main event: the first expression date of an event in the opening
        sentences that names a day of the ``LEAD_DAYS`` before publication ("Yesterday, ... unveiled");
        an older or coarser date ("in 2003") is background, not the news."""
        dct = doc._.dct
        if dct is None:
            return None
        for span in sorted(spans, key=lambda s: s.start):
            if sentence_of[span.sent.start] >= self.lead_sentences:
                break
            if span._.event is None or span._.event.status in EXPRESSION_ONLY:
                continue
            governor = self._governor(span, timexes)[1]
            date = expression_date(governor.span) if governor is not None and governor.dating else None
            if date is not None and date.granularity == "day" and date.start is not None \
                    and 0 <= (dct - dt.date.fromisoformat(date.start[:10])).days <= LEAD_DAYS:
                return date
        return None

    def _date(self, doc: Doc, span: Span, timexes: list[Span], frame: tuple[str, bool], paragraph: int,
              sentence: int, last: tuple[int, int, tuple[str, bool], EventDate, Span] | None,
              lead: EventDate | None) -> tuple[EventDate | None, float]:
        event, dct = span._.event, doc._.dct
        tense = frame[0]
        anchor_token, governor = self._governor(span, timexes)
        # a past event is not at present: the parse hung a "now" of another phrase from it ("announced
        # laptops, on sale now")
        if governor is not None and governor.timex.value == PRESENT_REF and tense == "PAST":
            governor = None
        if governor is not None:
            if not governor.dating:
                return None, self.confidence["undated"]
            date = expression_date(governor.span)
            if date is not None:
                return date, self.confidence[governor.how]
            if governor.timex.value == PRESENT_REF and dct is not None:
                return publication_date(dct, governor.span.text), self.confidence["publication"]
            return None, self.confidence["undated"]
        if event.status in EXPRESSION_ONLY:
            return None, self.confidence["undated"]
        if last is not None and last[0] == paragraph and sentence - last[1] <= self.discourse_sentences \
                and last[2] == frame and not _reports(span, last[4]) \
                and (sentence == last[1] or last[3].granularity not in SENTENCE_ONLY):
            return inherited(last[3]), self.confidence["discourse"]
        if dct is None or frame == ("PAST", True):  # a past perfect is before the story's time, not at it
            return None, self.confidence["undated"]
        present_word = next((c for c in anchor_token.children if c.lower_ in self.present_words), None)
        if present_word is not None and tense != "PAST":  # as above
            return publication_date(dct, present_word.text), self.confidence["publication"]
        # a tense of its own says more than one borrowed from the clause (nouns) or the host verb
        own = anchor_token.i == span.root.i and event.tense in FINITE
        own_tense = tense if anchor_token.i == span.root.i else verb_group(anchor_token).tense
        # "supplies going in", "a country participating", "the volume produced": the time of the verb above
        if own_tense in ("PRESPART", "PASTPART"):
            own_tense = governing_tense(anchor_token)
        if own_tense == "PRESENT" and lead is not None and sentence == 0 and is_headline(span.sent):
            return inherited(lead), self.confidence["discourse"]  # "Apple unveils iPhone": the lead's event
        if own_tense == "PRESENT":
            return publication_date(dct), self.confidence["publication" if own else "guess"]
        if own_tense == "PAST" and lead is not None:
            return inherited(lead), self.confidence["discourse"]
        if self.past_at_publication and own_tense == "PAST":
            return publication_date(dct), self.confidence["guess"]
        return None, self.confidence["undated"]

    def set_annotations(self, doc: Doc, dates: list[tuple[EventDate | None, float]]) -> None:
        for span, (date, confidence) in zip(doc.spans.get(EVENTS_KEY, ()), dates):
            event = span._.event
            if event is None:
                continue
            event.date, event.confidence = date, confidence
            event.timeline = self.rule.admits(event)


@Language.factory(
    "event_dates",
    assigns=["span._.event"],
    default_config={
        "timeline_classes": list(DEFAULT_CLASSES),
        "timeline_statuses": list(DEFAULT_STATUSES),
        "timeline_anchors": list(ANCHORS),
        "timeline_min_confidence": 0.5,
        "discourse_sentences": 2,
        "past_at_publication": True,
        "lead_sentences": 4,
        "confidence": DEFAULT_CONFIDENCE,
        "cues_path": None,
    },
)
def make_event_dates(nlp: Language, name: str, timeline_classes: list[str], timeline_statuses: list[str],
                     timeline_anchors: list[str], timeline_min_confidence: float, discourse_sentences: int,
                     past_at_publication: bool, confidence: dict[str, float], cues_path: str | None,
                     lead_sentences: int) -> EventDates:
    rule = TimelineRule.from_config(timeline_classes, timeline_statuses, timeline_anchors, timeline_min_confidence)
    return EventDates(nlp, name, rule, discourse_sentences, past_at_publication, dict(confidence), cues_path,
                      lead_sentences)
