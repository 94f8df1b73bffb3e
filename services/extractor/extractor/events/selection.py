"""The rule that decides which event mentions reach the timeline.

An event is on the timeline when its class, its status and the anchor of its date are all among
the admitted ones and its confidence is at least ``min_confidence``. Undated events never are: a
timeline has no place for them, nor are mentions an earlier component already ruled off (``timeline``
False: a verb or noun that only supports another event, ``events/support.py``). By default reporting verbs and states ("said", "is true"), perception
and intensional states stay off, as do events that did not or may not happen.
"""
from __future__ import annotations

from dataclasses import dataclass

from .mention import CLASSES, STATUSES, EventMention

ANCHORS = ("expression", "discourse", "publication")
DEFAULT_CLASSES = ("OCCURRENCE", "I_ACTION", "ASPECTUAL")
DEFAULT_STATUSES = ("occurred", "ongoing", "planned", "reported")


@dataclass(frozen=True)
class TimelineRule:
    classes: frozenset[str] = frozenset(DEFAULT_CLASSES)
    statuses: frozenset[str] = frozenset(DEFAULT_STATUSES)
    anchors: frozenset[str] = frozenset(ANCHORS)
    min_confidence: float = 0.5

    @classmethod
    def from_config(cls, classes, statuses, anchors, min_confidence: float) -> "TimelineRule":
        """Raises ValueError naming a class, status or anchor that does not exist."""
        for name, given, known in (("class", classes, CLASSES), ("status", statuses, STATUSES),
                                   ("anchor", anchors, ANCHORS)):
            unknown = sorted(set(given) - set(known))
            if unknown:
                raise ValueError(f"timeline rule: unknown {name} {unknown}; expected some of {list(known)}")
        if not 0.0 <= float(min_confidence) <= 1.0:
            raise ValueError(f"timeline rule: min_confidence {min_confidence} is not in [0, 1]")
        return cls(frozenset(classes), frozenset(statuses), frozenset(anchors), float(min_confidence))

    def admits(self, event: EventMention) -> bool:
        return (event.timeline and event.date is not None and event.cls in self.classes and event.status in self.statuses
                and event.date.anchor in self.anchors and event.confidence >= self.min_confidence)
