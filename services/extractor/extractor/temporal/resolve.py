"""Anchor the underspecified value a rule gives to a date: the second step of normalization.

Rules write values that may leave the anchor open (HeidelTime's idea, our spelling):

    1998-01-08, 1998-Q3, 199, P3Y, XXXX-WXX-2, PRESENT_REF   complete already
    UNDEF-year-03, UNDEF-year-04-09, UNDEF-year-Q3, UNDEF-year-SU   a year to choose by the tense
    UNDEF-year-03-W1, 1998-02-WL                               the first week of March, the last of February
    UNDEF-past-year-04, UNDEF-future-year-SU, UNDEF-same-year-09    ("last April", "next summer")
    UNDEF-ref-same-year-04                                     "that April": in the last date's year
    UNDEF-weekday-2, UNDEF-past-weekday-5                      a weekday to place by the tense
    UNDEF-ref-past-weekday-5                                   "the previous Friday": before the last date
    UNDEF-ref-same-weekday-5                                   "that Friday": the last date's or the next
    UNDEF-this-week-MINUS-1, UNDEF-this-day-PLUS-1             periods away from the publication date
    UNDEF-ref-day-PLUS-X                                       "a few days later": the vague duration (PXD)
    UNDEF-ref-day-PLUS-1, UNDEF-ref-week                       ... or from the last date mentioned
    UNDEF-shift-year-MINUS-1                                   "a year ago": from the publication date,
                                                               keeping a fiscal period mentioned just before
    UNDEF-this-year-MINUS-1-06, UNDEF-this-year-PLUS-1-Q1      "June last year", "next year's first quarter"
    UNDEF-this-month-PLUS-1-W1                                 "the first week of next month"
    UNDEF-quarter-of-UNDEF-year-09-30                          the quarter that holds a date
    UNDEF-ref-period-1988, UNDEF-ref-quarter-1988              "the 1988 period": the quarter in view, in 1988
    UNDEF-ahead-P5Y                                            "in five years": in a future clause the date
                                                               that far ahead (a DATE), else the duration
    any of the above + T15:00, TNI, T17:00-05:00               a time of day on that day

The second end of a range ("Nov. 6-8", "between March and May", "from Monday to Friday") never
lies before its first end (``after``): a date or month missing its year takes the one that puts it
nearest after that end; a weekday placed before it by the tense moves to the nearest after it.

``resolve`` is pure: the same value, publication date, reference and tense give the same result.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from . import periods

REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
TENSES = ("past", "present", "future")
_DURATION_UNIT = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "E": "decade",
                  "C": "century", "L": "century", "H": "hour", "S": "minute"}
_YEAR = re.compile(r"UNDEF-(?:ref-(?=same-))?(?:(?P<dir>past|future|same)-)?year-(?P<tail>.+)$")
_PERIOD_OF = re.compile(r"UNDEF-(?P<unit>[a-z_]+)-of-(?P<inner>UNDEF-.+)$")
_WEEKDAY = re.compile(r"UNDEF-(?:ref-)?(?:(?P<dir>past|future|same)-)?weekday-(?P<n>[1-7])$")
_OFFSET = re.compile(
    r"UNDEF-(?P<anchor>this|ref|shift)-(?P<unit>[a-z_]+)(?:-(?P<sign>PLUS|MINUS)-(?P<n>\d+|X))?(?P<rest>(?:-\d\d)*|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI)|-W[1-5L])$"
)
_FISCAL = ("quarter", "half")
# the calendar units a count of them can move a date by, and their letters in a duration
_UNIT_LETTER = {"year": "Y", "month": "M", "week": "W", "day": "D", "quarter": "Q", "decade": "E"}
_REF_PERIOD = re.compile(r"UNDEF-ref-(?P<unit>period|quarter)-(?P<year>\d{4})$")
_AHEAD = re.compile(r"UNDEF-ahead-(?P<duration>P.+)$")
_COUNT_UNIT = re.compile(r"P(?P<n>[\dX.]+)(?P<unit>[YMWDQECL]|T[HMS])$")
_SMALLER_UNIT = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}
_CLOSED_IN_PAST = ("quarter", "half", "weekend")
# how many days (or twice the period's length, if longer) nearer a date on the other side of the
# publication date must be to beat the tense
_WRONG_SIDE_DAYS = 300
_REPORTING_LAG_DAYS = 45


@dataclass(frozen=True)
class Reference:
    """A date the text mentioned: the first day and granularity of its period."""

    start: dt.date
    granularity: str


@dataclass(frozen=True)
class Resolution:
    value: str
    granularity: str
    start: dt.datetime | None
    end: dt.datetime | None
    anchor: str
    type: str | None = None  # the TIMEX3 type when the value decides it, not the rule


def resolve(raw: str, dct: dt.date | None, ref: Reference | None = None, tense: str | None = None,
            after: Reference | None = None) -> Resolution:
    """Anchor ``raw`` to the publication date ``dct`` or the last mentioned date ``ref``.

    ``tense`` (past, present, future or None) of the clause holding the expression chooses the
    direction of bare months and weekdays; ``after``, the first end of the range the expression
    closes, keeps it from falling before that end. Without a date to anchor to, the value stays underspecified (``XXXX-03``)
    and the interval is None. Raises ValueError for a value that is none of the forms above.
    """
    if isinstance(dct, dt.datetime):
        dct = dct.date()  # a publication time counts as its day
    core, tail = _split_time(raw)
    if raw in REFS:
        return _reference_word(raw, dct)
    if m := _PERIOD_OF.match(raw):
        inner = resolve(m["inner"], dct, ref, tense)
        if inner.start is None or m["unit"] not in periods.GRANULARITIES:
            return inner
        return _period(periods.period_start(inner.start.date(), m["unit"]), m["unit"], "", inner.anchor)
    if raw.startswith(("P", "XXXX")):
        return Resolution(_duration(raw), _duration_granularity(raw), None, None, "none")
    period = periods.parse(core)
    if period:
        return _period(*period, tail, "absolute")
    if not core.startswith("UNDEF-"):
        raise ValueError(f"cannot resolve {raw!r}")
    if (m := _OFFSET.match(core)) and m["n"] == "X":
        if m["anchor"] == "ref" and m["unit"] in _UNIT_LETTER:
            # "a few days later": no date, and not the future of the publication either; what the
            # text gives is how long after (TimeML: the duration, "later" its signal)
            return replace(resolve(f"PX{_UNIT_LETTER[m['unit']]}", dct), type="DURATION")
        word = "PAST_REF" if m["sign"] == "MINUS" else "FUTURE_REF"
        return _reference_word(word, dct)
    if m := _REF_PERIOD.match(core):
        return _reported_period(int(m["year"]), m["unit"], ref, dct)
    if m := _AHEAD.match(core):
        return _ahead(m["duration"], dct, tense)
    anchor_kind = "expression" if core.startswith("UNDEF-ref-") and ref else "publication"
    base = ref.start if anchor_kind == "expression" else dct
    if base is None:
        return _underspecified(core, tail)
    if m := _YEAR.match(core):
        found = _choose_year(m["tail"], base, m["dir"] or tense, bool(m["dir"]))
    elif m := _WEEKDAY.match(core):
        found = (_choose_weekday(int(m["n"]), base, m["dir"] or tense, bool(m["dir"])), "day")
    elif m := _OFFSET.match(core):
        found = _offset(m, base, dct, ref if anchor_kind == "expression" or m["anchor"] == "shift" else None, tense)
    else:
        raise ValueError(f"cannot resolve {raw!r}")
    if found is None:
        raise ValueError(f"cannot resolve {raw!r}")
    if after is not None and (later := _range_end(core, after, found)):
        found = later
    return _period(*found, tail, anchor_kind)


def _reported_period(year: int, unit: str, ref: Reference | None, dct: dt.date | None) -> Resolution:
    """"the 1988 period" of a report: the quarter or half in view, in that year; else the year.
    "The 1988 quarter" with no quarter in view is the quarter last closed, as news reports it."""
    if (ref is None or ref.granularity not in _FISCAL) and unit == "quarter" and dct:
        closed = periods.shift(periods.period_start(dct, "quarter"), "quarter", -1)
        return _period(closed.replace(year=year), "quarter", "", "publication")
    if ref is None or ref.granularity not in _FISCAL:
        return _period(dt.date(year, 1, 1), "year", "", "absolute")
    return _period(ref.start.replace(year=year), ref.granularity, "", "expression")


def _ahead(duration: str, dct: dt.date | None, tense: str | None) -> Resolution:
    """"in five years": a point that far after the publication date when the clause looks ahead
    ("will be redeemed in five years": 1994), at the granularity of the unit; otherwise the time
    something takes ("was built in five years": P5Y)."""
    m = _COUNT_UNIT.match(duration)
    unit = _DURATION_UNIT.get(m["unit"]) if m and m["n"].isdigit() else None
    if tense != "future" or dct is None or unit not in _UNIT_LETTER:
        return resolve(duration, dct)
    start = periods.shift(periods.period_start(dct, unit), unit, int(m["n"]))
    return replace(_period(start, unit, "", "publication"), type="DATE")


def _range_end(core: str, first: Reference, found: tuple[dt.date, str]) -> tuple[dt.date, str] | None:
    """A bare date or month closing a range, in the year that puts it nearest after the range's first
    end ("from July 4, 2007 to July 6"); a weekday, only if the tense put it before that end ("from
    Sept. 14 to Thursday" is the Thursday just gone)."""
    if (m := _YEAR.match(core)) and not m["dir"]:
        return _choose_year(m["tail"], first.start, "future", strict=True)
    if (m := _WEEKDAY.match(core)) and not m["dir"] and found[0] < first.start:
        return _choose_weekday(int(m["n"]), first.start, "future", strict=True), "day"
    return None


def _split_time(raw: str) -> tuple[str, str]:
    i = raw.rfind("T")
    if i > 0 and periods.TIME_TAIL.match(raw[i:]):
        return raw[:i], raw[i:]
    return raw, ""


def _period(start: dt.date, granularity: str, tail: str, anchor: str) -> Resolution:
    begin, end, granularity_after = periods.bounds(start, granularity, tail)
    value = periods.format_period(start, granularity) + (tail if granularity == "day" else "")
    return Resolution(value, granularity_after, begin, end, anchor)


def _reference_word(word: str, dct: dt.date | None) -> Resolution:
    if word == "PRESENT_REF" and dct:
        begin = dt.datetime.combine(dct, dt.time())
        return Resolution(word, "day", begin, begin + dt.timedelta(days=1), "publication")
    return Resolution(word, "none", None, None, "publication" if dct else "none")


def _duration(raw: str) -> str:
    """A rule's duration (P2TH: units of the time part carry a T) as TIMEX3 writes it (PT2H)."""
    m = _COUNT_UNIT.match(raw)
    if not m:
        return raw
    count, unit = m["n"], m["unit"]
    if (count, unit) == ("24", "TH"):
        return "P1D"  # TimeBank's convention: "the last twenty four hours" is a day
    parts = [(count, unit)]
    if "." in count and unit in _SMALLER_UNIT:
        # TIMEX3 counts are whole: 2.5 years are P2Y6M, 1.5 hours PT1H30M
        whole, fraction = divmod(float(count), 1)
        smaller, per = _SMALLER_UNIT[unit]
        parts = ([(str(int(whole)), unit)] if whole else []) + [(str(round(fraction * per)), smaller)]
    date_part = "".join(c + u for c, u in parts if not u.startswith("T"))
    time_part = "".join(c + u[1] for c, u in parts if u.startswith("T"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def _duration_granularity(raw: str) -> str:
    if raw.startswith("XXXX"):
        # a set's granularity is that of one occurrence: XXXX-07 a month, XXXX-WXX-2 a day
        found = periods.parse("2000" + raw[4:].replace("WXX", "W01").replace("XX", "01"))
        return found[1] if found else "day"
    value = _duration(raw)
    unit = value[-1]
    if value.startswith("PT"):
        return {"H": "hour", "M": "minute", "S": "minute"}.get(unit, "hour")
    return _DURATION_UNIT.get(unit, "none")


def _underspecified(core: str, tail: str) -> Resolution:
    if m := _YEAR.match(core):
        # a moving holiday has no fixed day to write without its year
        value = "XXXX-" + ("XX-XX" if periods.MOVING_TAIL.match(m["tail"])
                           else "WXX" if periods.WEEK_OF_MONTH_TAIL.match(m["tail"]) else m["tail"])
    elif m := _WEEKDAY.match(core):
        value = "XXXX-WXX-" + m["n"]
    else:
        value = "XXXX-XX-XX"
    granularity = periods.parse("2000-" + value[5:])
    return Resolution(value + tail, granularity[1] if granularity else "day", None, None, "none")


def _choose_year(tail: str, base: dt.date, direction: str | None, strict: bool) -> tuple[dt.date, str] | None:
    """The period ``YYYY-tail`` in the year nearest ``base`` on the side the direction says.

    Said by a word ("last April") the side is firm; read from the tense it only weighs in, because
    news dates without a year lie within months of the story ("payable Dec. 1" in a past clause).
    """
    candidates = [periods.parse(f"{year:04d}-{tail}") for year in (base.year - 1, base.year, base.year + 1)]
    if any(c is None for c in candidates):
        return None

    def cost(c: tuple[dt.date, str]) -> float:
        start, end = c[0], periods.period_end(*c)
        side = "past" if end <= base else "future" if start > base else "both"
        distance = (base - end).days if side == "past" else (start - base).days if side == "future" else 0
        if direction in ("past", "future") and side not in (direction, "both"):
            distance += 10_000 if strict else max(_WRONG_SIDE_DAYS, 2 * (end - start).days)
        return distance

    if direction == "same":
        return candidates[1]
    if candidates[1][1] in _FISCAL and direction == "future" and not strict:
        # "expects to report third-quarter results" weeks after September: the future is the
        # report's; a period closed within the reporting lag is still the one in view
        closed = [c for c in candidates if 0 <= (base - periods.period_end(*c)).days <= _REPORTING_LAG_DAYS]
        if closed:
            return closed[0]
    return min(candidates, key=cost)


def _choose_weekday(weekday: int, base: dt.date, direction: str | None, strict: bool) -> dt.date:
    """The day of ISO ``weekday`` before, after or nearest ``base``.

    A bare weekday in a past clause may be the publication day itself ("said Friday" on a Friday);
    "last Friday" never is.
    """
    back = (base.isoweekday() - weekday) % 7
    ahead = (weekday - base.isoweekday()) % 7
    if direction == "past":
        return base - dt.timedelta(days=back or (7 if strict else 0))
    if direction == "same":
        return base + dt.timedelta(days=ahead)
    if direction == "future":
        return base + dt.timedelta(days=ahead or 7)
    # without a tense, news mostly reports the days just gone: the past wins a near tie
    return base - dt.timedelta(days=back) if back <= ahead + 1 else base + dt.timedelta(days=ahead)


def _offset(m: re.Match, base: dt.date, dct: dt.date | None, ref: Reference | None,
            tense: str | None) -> tuple[dt.date, str] | None:
    unit = m["unit"]
    if unit not in periods.GRANULARITIES:
        return None
    n = int(m["n"] or 0) * (-1 if m["sign"] == "MINUS" else 1)
    # "a year ago/earlier" after a fiscal period means that period a year before (1988-Q3 for 1989-Q3)
    if n and ref and unit == "year" and ref.granularity in _FISCAL and (m["anchor"] == "ref" or (dct and ref.start.year == dct.year)):
        return periods.shift(ref.start, ref.granularity, n * (2 if ref.granularity == "half" else 4)), ref.granularity
    if m["anchor"] == "ref" and ref and periods.coarser(ref.granularity, unit) and dct:
        # a day after "1998" is no day: count from the publication date instead
        base = dct
    start = periods.shift(periods.period_start(base, unit), unit, n)
    if n == 0 and unit in _CLOSED_IN_PAST and tense == "past" and dct and periods.period_end(start, unit) > dct:
        # "the quarter" or "the weekend" in a past clause is the last one over, not the one under way
        start = periods.shift(start, unit, -1)
    if m["rest"].startswith("-W") and unit == "month":
        # "the first week of next month": a week of that month
        return periods.parse(periods.format_period(start, unit) + m["rest"])
    if m["rest"]:
        return periods.parse(f"{start.year:04d}{m['rest']}")
    return start, unit
