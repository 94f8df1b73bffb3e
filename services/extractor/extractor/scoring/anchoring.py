"""Event anchoring scores: did the system give an event the date the gold gives it?

Gold dates:

* a TimeBank folder of ``.tml`` files: an event's date is the value of a TIMEX3 (or of the DCT) it is
  tied to by a TLINK IS_INCLUDED, DURING, SIMULTANEOUS, IDENTITY, BEGINS, ENDS, BEGUN_BY or ENDED_BY
  (a link written from the time's side is read inverted: INCLUDES, DURING_INV, ...). Only times with
  a calendar value count (not durations, sets, PRESENT_REF). With several, the finest granularity
  wins, then a timex of the text over the DCT. A DCT with a time of day counts as its day.
* a ``gold.json`` (``timeline-eval-gold/1``): each event's ``date.value``.

The system file is JSONL, one event a line: ``{"doc", "start", "end", "text", ..., "date": {"value",
...} | null}`` (``extractor events --out``). Only gold events with a date are scored. System events
with a date are aligned one-to-one with them (``scoring.events.match``: exact offsets first, then
overlaps in text order); precision counts the dated system events that overlap a dated gold event,
recall the dated gold events. A pair is right (strict) when the values are equal, and right
(lenient) when the system value's interval lies within the gold value's (``2016-03-31`` within
``2016-03``; values without an interval must be equal).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..corpus import TmlGold, expand, read_tml_gold
from ..temporal import periods
from .events import Mention, _prf, match, prf_line, read_records

# relations that put the event inside (or at) the time, as written from the event's side
EVENT_SIDE = frozenset({
    "IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY",
})
INVERSE = {"IS_INCLUDED": "INCLUDES", "DURING": "DURING_INV", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
           "ENDS": "ENDED_BY", "ENDED_BY": "ENDS", "SIMULTANEOUS": "SIMULTANEOUS", "IDENTITY": "IDENTITY"}
TIME_SIDE = frozenset(INVERSE[r] for r in EVENT_SIDE)


def interval(value: str) -> tuple[dt.datetime, dt.datetime, str] | None:
    """The interval (end exclusive) and granularity of a calendar value, or None for other values."""
    core, _, tail = value.partition("T")
    parsed = periods.parse(core)
    if parsed is None:
        return None
    return periods.bounds(parsed[0], parsed[1], "T" + tail if tail else "")


def within(system: str, gold: str) -> bool:
    """Whether the system value lies within the gold value (equal values always do)."""
    if system == gold:
        return True
    s, g = interval(system), interval(gold)
    return s is not None and g is not None and g[0] <= s[0] and s[1] <= g[1]


def tml_dates(gold: TmlGold) -> dict[str, str]:
    """Gold date value of each dated EVENT tag of one TimeML document, by ``eid``."""
    times = {t.attrs.get("tid"): t.attrs.get("value", "") for t in gold.timexes}
    if gold.dct_tid and gold.dct:
        times[gold.dct_tid] = gold.dct
    event_of = {i.get("eiid"): i.get("eventID") for i in gold.instances}
    candidates: dict[str, list[tuple[int, bool, str]]] = {}
    for link in gold.tlinks:
        rel = link.get("relType", "")
        if link.get("eventInstanceID") and link.get("relatedToTime") and rel in EVENT_SIDE:
            eiid, tid = link["eventInstanceID"], link["relatedToTime"]
        elif link.get("timeID") and link.get("relatedToEventInstance") and rel in TIME_SIDE:
            eiid, tid = link["relatedToEventInstance"], link["timeID"]
        else:
            continue
        value, eid = times.get(tid), event_of.get(eiid)
        span = interval(value) if value else None
        if span is None or eid is None:
            continue
        finer = periods.GRANULARITIES.index(span[2]) if span[2] in periods.GRANULARITIES else -1
        candidates.setdefault(eid, []).append((finer, tid != gold.dct_tid, value))
    return {eid: max(c)[2] for eid, c in candidates.items()}


def read_gold(gold: str | Path) -> dict[str, list[Mention]]:
    """Dated gold events by document, from a folder of ``.tml`` files or a ``gold.json``.

    Raises ValueError when ``gold.json`` is not ``timeline-eval-gold/1``, OSError when unreadable.
    """
    path = Path(gold)
    out: dict[str, list[Mention]] = {}
    if path.suffix == ".json":
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != "timeline-eval-gold/1":
            raise ValueError(f"{path}: not a timeline-eval-gold/1 file")
        for name, doc in data["documents"].items():
            out[name] = [Mention(name, e["start"], e["end"], {"date": e["date"]["value"]})
                         for e in doc["events"] if e.get("date") and e["date"].get("value")]
        return out
    for tml in map(read_tml_gold, expand([path])):
        dates = tml_dates(tml)
        out[tml.doc] = [Mention(tml.doc, t.start, t.end, {"date": dates[t.attrs["eid"]]})
                        for t in tml.events if t.attrs.get("eid") in dates]
    return out


def _dated(rec: dict) -> Mention | None:
    date = rec.get("date")
    if not date:
        return None
    return Mention(rec["doc"], int(rec["start"]), int(rec["end"]), {"date": str(date["value"])})


def read_system(jsonl_path: str | Path) -> dict[str, list[Mention]]:
    """Dated system events by document; raises ValueError naming a line that is not an event."""
    return read_records(jsonl_path, _dated, "a dated event")


def score(gold: dict[str, list[Mention]], system: dict[str, list[Mention]]) -> dict:
    """Strict and lenient P/R/F1 over the gold documents.

    Returns ``{"gold", "system", "strict": {"precision", "recall", "f1"}, "lenient": {...}}`` where
    ``system`` counts the dated system events that overlap a dated gold event.
    """
    n_gold = n_system = strict = lenient = 0
    for name, g in gold.items():
        s = [m for m in system.get(name, [])
             if any(x.start < m.end and m.start < x.end for x in g)]
        n_gold += len(g)
        n_system += len(s)
        pairs, _ = match(g, s)
        strict += sum(gm.attrs["date"] == sm.attrs["date"] for gm, sm in pairs)
        lenient += sum(within(sm.attrs["date"], gm.attrs["date"]) for gm, sm in pairs)
    return {"gold": n_gold, "system": n_system,
            "strict": _prf(strict, n_system, n_gold), "lenient": _prf(lenient, n_system, n_gold)}


def figures(gold: str | Path, jsonl_path: str | Path) -> dict:
    """``score`` of a system file against a ``.tml`` folder or a ``gold.json``."""
    return score(read_gold(gold), read_system(jsonl_path))


def report(result: dict) -> str:
    lines = [f"anchoring: dated gold events {result['gold']}, dated system events on them {result['system']}"]
    lines += [prf_line(kind, result[kind]) for kind in ("strict", "lenient")]
    return "\n".join(lines)
