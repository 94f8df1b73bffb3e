"""The spaCy component "event_status": whether each event happened, and who says so.

For every trigger span in ``doc.spans["events"]`` it sets ``span._.event.status`` (occurred, ongoing,
planned, hypothetical, negated, denied, reported) and ``reported_by`` (the source's words, for
reported and denied events) from cues along the dependency path above the trigger
(``events/factuality.py``; cue lexicons in ``events/resources/*_cues.yaml``). A calendar expression
governing the event (``events/anchoring.py``) that starts after the publication day (``doc._.dct``)
makes a non-past event planned. Which events reach the timeline is decided after dating, by
``event_dates``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events.anchoring import governing_timex
from ..events.cues import RESOURCES, load_cues
from ..events.factuality import Assessment, Factuality

EVENTS_KEY = "events"
TIMEX_KEY = "timex"

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)


class EventStatus:
    """Sets status and source on every event mention of a Doc."""

    def __init__(self, nlp: Language, name: str = "event_status", cues_path: str | None = None):
        """Raises ValueError naming the cue file that is malformed, OSError when one is missing."""
        self.name = name
        self.cues = load_cues(cues_path or RESOURCES)
        self.factuality = Factuality(self.cues)
        self.dating_preps = self.cues["dating_cues.prepositions"]
        self.ordering = self.cues["dating_cues.ordering"]

    def __call__(self, doc: Doc) -> Doc:
        """Raises ValueError when the Doc has events but no sentence boundaries (no parser ran)."""
        self.set_annotations(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> list[Assessment | None]:
        """One assessment per span of ``doc.spans["events"]`` (None for spans without a mention)."""
        timexes = list(doc.spans.get(TIMEX_KEY, ()))
        out: list[Assessment | None] = []
        for span in doc.spans.get(EVENTS_KEY, ()):
            if span._.event is None:
                out.append(None)
                continue
            governor = governing_timex(span.root, timexes, self.dating_preps, self.ordering)
            start = governor.timex.start if governor is not None and governor.dating else None
            out.append(self.factuality.assess(span.root, span._.event, start, doc._.dct))
        return out

    @staticmethod
    def set_annotations(doc: Doc, assessments: list[Assessment | None]) -> None:
        for span, assessment in zip(doc.spans.get(EVENTS_KEY, ()), assessments):
            if assessment is not None:
                span._.event.status = assessment.status
                span._.event.reported_by = assessment.reported_by


@Language.factory("event_status", assigns=["span._.event"], default_config={"cues_path": None})
def make_event_status(nlp: Language, name: str, cues_path: str | None) -> EventStatus:
    return EventStatus(nlp, name, cues_path)
