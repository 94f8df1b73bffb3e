"""What the pipeline finds in documents, as JSON-able records: one per temporal expression or event
mention, with offsets into the document's text. The CLI writes them as JSON lines; the scorers and
the benchmarks read them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from itertools import tee
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import pipeline
from .corpus import SourceDocument

TIMEX_KEY = "timex"
EVENTS_KEY = "events"

# Nothing after the tagger changes what it found, so exporting expressions needs only the
# components up to it (the benchmark checks that both pipelines give identical records).
AFTER_TIMEX = pipeline.COMPONENTS[pipeline.COMPONENTS.index("timex") + 1:]


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def timex_record(name: str, span: Span) -> dict:
    t = span._.timex
    return {
        "doc": name, "start": span.start_char, "end": span.end_char, "text": span.text,
        "type": t.type, "value": t.value, "granularity": t.granularity,
        "interval": {"start": _iso(t.start), "end": _iso(t.end)},
        "rule": t.rule, "anchor": t.anchor, "mod": t.mod, "quant": t.quant, "freq": t.freq,
    }


def event_record(name: str, span: Span) -> dict:
    e = span._.event
    return {
        "doc": name, "start": span.start_char, "end": span.end_char, "text": span.text,
        "class": e.cls, "tense": e.tense, "aspect": e.aspect, "polarity": e.polarity,
        "modality": e.modality, "status": e.status, "reported_by": e.reported_by,
        "date": dataclasses.asdict(e.date) if e.date is not None else None,
        "confidence": e.confidence, "timeline": e.timeline,
    }


def _docs(nlp: Language, docs: Iterable[SourceDocument]) -> Iterator[tuple[str, Doc]]:
    names, sources = tee(docs)
    yield from zip((d.doc for d in names), pipeline.process(nlp, (d.article for d in sources)))


def _in_order(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans.get(key, []), key=lambda s: (s.start_char, s.end_char))


def timexes(nlp: Language, docs: Iterable[SourceDocument]) -> Iterator[dict]:
    """One record per temporal expression (``doc.spans["timex"]``), document by document, in text order."""
    for name, doc in _docs(nlp, docs):
        for span in _in_order(doc, TIMEX_KEY):
            yield timex_record(name, span)


def events(nlp: Language, docs: Iterable[SourceDocument]) -> Iterator[dict]:
    """One record per event mention (``doc.spans["events"]``), document by document, in text order."""
    for name, doc in _docs(nlp, docs):
        for span in _in_order(doc, EVENTS_KEY):
            yield event_record(name, span)
