"""The value object a temporal expression carries on its span (``span._.timex``)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span

TYPES = ("DATE", "TIME", "DURATION", "SET")
ANCHORS = ("absolute", "publication", "expression", "none")


@dataclass(frozen=True)
class Timex:
    """A normalized TIMEX3.

    ``start``/``end`` bound the interval the value covers (end exclusive); both are None for values
    that name no interval (durations, sets, PAST_REF, or relative values with no reference date).
    ``anchor`` says what the value was resolved against: nothing (absolute), the publication date,
    or an earlier expression in the text.
    """

    type: str
    value: str
    granularity: str
    start: dt.datetime | None
    end: dt.datetime | None
    rule: str
    anchor: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None


if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)
