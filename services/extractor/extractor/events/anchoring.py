"""Which temporal expression governs an event, read off the dependency parse, and the dates it gives.

A timex attaches to the token it modifies: directly ("reconvene April 9": npadvmod) or through a
preposition ("visits ... in March": the preposition's head). It governs an event when it attaches to
the event's trigger, or to the verb of the trigger's clause (``clause_head``: the first verb above the
trigger through argument and modifier relations, never across a clause boundary). Only dating
prepositions (``dating_cues.yaml``) date the event, and a few more an event noun they attach it to
("a loss for the third quarter"); others ("before March") only bound it. A timex
never governs across a line break (a headline and its date line), nor beyond the name it is part of
("Conference 2010").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Span, Token

from ..temporal.timex import Timex
from .mention import EventDate

DATING_TYPES = ("DATE", "TIME")
PRESENT_REF = "PRESENT_REF"
# relations that keep a word inside the clause of its head
IN_CLAUSE = frozenset({
    "nsubj", "nsubjpass", "dobj", "iobj", "dative", "attr", "acomp", "oprd", "prep", "pobj", "agent",
    "compound", "amod", "nmod", "poss", "nummod", "quantmod", "appos", "npadvmod", "det", "case", "pcomp",
})


@dataclass(frozen=True)
class Governor:
    """A timex that governs an event: how it reaches it (direct or clause) and whether it dates it."""

    span: Span
    how: str  # "direct" | "clause"
    dating: bool

    @property
    def timex(self) -> Timex:
        return self.span._.timex


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def clause_head(token: Token, ordering: frozenset[str] = frozenset()) -> Token:
    """The verb of the clause ``token`` belongs to (itself when it is a verb or nothing governs it).

    Climbing through one of the ``ordering`` prepositions ("after a year of occupation") stops
    short: the event is before or after its clause's time, so it is not in that clause.
    """
    start = token
    while not _is_verb(token) and token.dep_ in IN_CLAUSE and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in ordering:
            return start
        token = token.head
    return token


def attachment(span: Span) -> tuple[Token | None, Token | None]:
    """The token a timex modifies and the preposition it goes through (None when direct or absent)."""
    token, prep = span.root, None
    while token.head.i != token.i:
        head = token.head
        if span.start <= head.i < span.end:
            token = head
        elif token.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "agent") and prep is None:
            token, prep = head, head
        else:
            return head, prep
    return None, prep


def _across_lines(span: Span, head: Token) -> bool:
    """Whether a timex and the word it attaches to sit on different lines: a headline and the date
    line under it are parsed as one sentence, but the date says when the article appeared."""
    first, last = sorted((span.start, head.i))
    return any("\n" in t.text or "\n" in t.whitespace_ for t in span.doc[first:last])


def governing_timex(token: Token, timexes: Iterable[Span], dating_preps: frozenset[str],
                    ordering: frozenset[str] = frozenset(), noun_preps: frozenset[str] = frozenset()) -> Governor | None:
    """The timex of ``token``'s sentence that governs it, nearest first among direct attachments.

    Durations and sets never govern; ``timexes`` are spans with ``span._.timex``; ``ordering`` are
    the prepositions that take an event noun out of its clause's time (``clause_head``);
    ``noun_preps`` date an event noun they attach a timex to, not its clause ("reported a loss for the
    third quarter": the loss is in the quarter, the report after it).
    """
    sent = token.sent
    own_clause = clause_head(token, ordering)
    best: tuple[tuple[int, int], Governor] | None = None
    for span in timexes:
        timex: Timex | None = span._.timex
        if timex is None or timex.type not in DATING_TYPES or not (sent.start <= span.start < sent.end):
            continue
        head, prep = attachment(span)
        if head is None or _across_lines(span, head):
            continue
        if head.i == token.i:
            how = "direct"
        elif prep is None and head.pos_ == "PROPN" and timex.granularity == "year":
            continue  # part of a name ("Worldwide Developers Conference 2010"), not a time of the clause
        elif clause_head(head).i == own_clause.i:
            how = "clause"
        else:
            continue
        rank = (how != "direct", abs(span.root.i - token.i))
        if best is None or rank < best[0]:
            dating = prep is None or prep.lower_ in dating_preps \
                or (how == "direct" and token.pos_ == "NOUN" and prep.lower_ in noun_preps)
            best = (rank, Governor(span, how, dating))
    return best[1] if best else None


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def expression_date(span: Span, anchor: str = "expression") -> EventDate | None:
    """The date a calendar timex gives (its value unresolved when it has no interval); None for
    values that name no date (PAST_REF, FUTURE_REF) and for PRESENT_REF, which is the publication's."""
    timex: Timex = span._.timex
    if timex.value == PRESENT_REF or not (timex.start is not None or timex.value[:1].isdigit()
                                          or timex.value.startswith("XXXX")):
        return None
    return EventDate(timex.value, timex.granularity, _iso(timex.start), _iso(timex.end), span.text, anchor)


def publication_date(dct: dt.date, text: str | None = None) -> EventDate:
    """The publication day as an event date; ``text`` is the expression that points to it ("now")."""
    start = dt.datetime.combine(dct, dt.time())
    return EventDate(dct.isoformat(), "day", start.isoformat(), (start + dt.timedelta(days=1)).isoformat(),
                     text, "publication")


def inherited(date: EventDate) -> EventDate:
    """An expression's date as the discourse passes it on to a later event."""
    return EventDate(date.value, date.granularity, date.start, date.end, date.text, "discourse")
