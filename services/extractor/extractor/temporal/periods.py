"""Calendar periods named by TIMEX3 values: parse, format, shift, and bound them.

A period is its first day and a granularity; values such as ``1998-Q3`` or ``199`` (the 1990s) name
one period. Times of day are a tail (``T15:00``, ``TNI``) on a day and are handled by ``bounds``.
"""
from __future__ import annotations

import datetime as dt
import re

# coarse to fine; the order ``coarser`` compares
GRANULARITIES = (
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day",
    "part_of_day", "hour", "minute",
)
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_MONTH_SEASON = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
# the hours a part of day covers (TimeBank's TMO/TAF/TEV/TNI), end exclusive, may pass midnight
PART_OF_DAY_HOURS = {"MO": (6, 12), "AF": (12, 18), "EV": (18, 22), "NI": (21, 30), "DT": (9, 17)}
_MONTHS_IN = {"year": 12, "half": 6, "quarter": 3, "season": 3, "month": 1}

_VALUE = re.compile(
    r"(?P<c>\d{2})$|(?P<e>\d{3})$|(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|WI)|W(?P<w>\d{2})(?P<we>-WE)?))?$"
)
TIME_TAIL = re.compile(r"T(?:(?P<part>MO|AF|EV|NI|DT)|(?P<hh>\d{2})(?::(?P<mm>\d{2}))?)(?P<zone>Z|[+-]\d{2}:\d{2})?$")


# holidays that move: the nth (or Last) ISO weekday of a month (11-4-4: the fourth Thursday of
# November), or days from Easter Sunday (EASTER-2: Good Friday)
_MOVING = re.compile(r"(?P<y>\d{4})-(?:(?P<m>\d{2})-(?P<n>[1-5L])-(?P<wd>[1-7])|EASTER(?P<off>[+-]\d{1,2})?)$")
MOVING_TAIL = re.compile(r"(?:\d{2}-[1-5L]-[1-7]|EASTER(?:[+-]\d{1,2})?)$")
# the nth (or Last) week of a month (03-W1: the first week of March), an ISO week: the first is the
# one holding the month's 4th, the last the one holding its fourth day from the end, so that each
# has most of its days in the month
_WEEK_OF_MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-W(?P<n>[1-5L])$")
WEEK_OF_MONTH_TAIL = re.compile(r"\d{2}-W[1-5L]$")


def easter(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month, day = divmod(h + l - 7 * m + 90, 25)
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _moving_day(m: re.Match) -> dt.date:
    year = int(m["y"])
    if m["m"] is None:
        return easter(year) + dt.timedelta(days=int(m["off"] or 0))
    month, weekday = int(m["m"]), int(m["wd"])
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
    if m["n"] != "L":
        return day + dt.timedelta(weeks=int(m["n"]) - 1)
    while (day + dt.timedelta(weeks=1)).month == month:
        day += dt.timedelta(weeks=1)
    return day


def _week_of_month(m: re.Match) -> dt.date:
    year, month = int(m["y"]), int(m["m"])
    if m["n"] == "L":
        day = shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=4)
    else:
        day = dt.date(year, month, 4) + dt.timedelta(weeks=int(m["n"]) - 1)
    return period_start(day, "week")


def coarser(a: str, b: str) -> bool:
    """Whether granularity ``a`` is coarser than ``b``."""
    return GRANULARITIES.index(a) < GRANULARITIES.index(b)


def parse(value: str) -> tuple[dt.date, str] | None:
    """The first day and granularity of the period an absolute value names, or None."""
    if moving := _MOVING.match(value):
        return _moving_day(moving), "day"
    if week := _WEEK_OF_MONTH.match(value):
        return _week_of_month(week), "week"
    m = _VALUE.match(value)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["c"]:
            return dt.date(max(int(g["c"]) * 100, 1), 1, 1), "century"
        if g["e"]:
            return dt.date(max(int(g["e"]) * 10, 1), 1, 1), "decade"
        year = int(g["y"])
        if g["d"]:
            return dt.date(year, int(g["m"]), int(g["d"])), "day"
        if g["m"]:
            return dt.date(year, int(g["m"]), 1), "month"
        if g["q"]:
            return dt.date(year, 3 * int(g["q"]) - 2, 1), "quarter"
        if g["h"]:
            return dt.date(year, 6 * int(g["h"]) - 5, 1), "half"
        if g["s"]:
            return dt.date(year, SEASON_MONTH[g["s"]], 1), "season"
        if g["w"]:
            monday = dt.date.fromisocalendar(year, int(g["w"]), 1)
            return (monday + dt.timedelta(days=5), "weekend") if g["we"] else (monday, "week")
        return dt.date(year, 1, 1), "year"
    except ValueError:
        return None


def period_start(day: dt.date, granularity: str) -> dt.date:
    """The first day of the period of ``granularity`` that holds ``day``."""
    if granularity == "century":
        return dt.date(max(day.year // 100 * 100, 1), 1, 1)
    if granularity == "decade":
        return dt.date(max(day.year // 10 * 10, 1), 1, 1)
    if granularity == "season":
        # seasons start in March, June, September and December (winter runs into the next year)
        months = day.year * 12 + day.month - 1
        months -= (months - 2) % 3
        return dt.date(months // 12, months % 12 + 1, 1)
    if granularity in _MONTHS_IN:
        size = _MONTHS_IN[granularity]
        return dt.date(day.year, (day.month - 1) // size * size + 1, 1)
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "weekend":
        return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
    return day


def shift(start: dt.date, granularity: str, n: int) -> dt.date:
    """The first day of the period ``n`` periods of ``granularity`` after the one starting at ``start``."""
    if granularity in ("century", "decade"):
        years = 100 if granularity == "century" else 10
        return dt.date(start.year + n * years, 1, 1)
    if granularity in _MONTHS_IN:
        months = start.year * 12 + start.month - 1 + n * _MONTHS_IN[granularity]
        return dt.date(months // 12, months % 12 + 1, 1)
    if granularity in ("week", "weekend"):
        return start + dt.timedelta(weeks=n)
    return start + dt.timedelta(days=n)


def period_end(start: dt.date, granularity: str) -> dt.date:
    """The first day after the period (weekends are two days)."""
    if granularity == "weekend":
        return start + dt.timedelta(days=2)
    return shift(start, granularity, 1)


def format_period(start: dt.date, granularity: str) -> str:
    """The TIMEX3 value of a period (``1998-Q3``, ``1998-W02``, ``199``)."""
    y = start.year
    if granularity == "century":
        return f"{y // 100:02d}"
    if granularity == "decade":
        return f"{y // 10:03d}"
    if granularity == "year":
        return f"{y:04d}"
    if granularity == "half":
        return f"{y:04d}-H{(start.month - 1) // 6 + 1}"
    if granularity == "quarter":
        return f"{y:04d}-Q{(start.month - 1) // 3 + 1}"
    if granularity == "season":
        return f"{y:04d}-{_MONTH_SEASON[start.month]}"
    if granularity == "month":
        return f"{y:04d}-{start.month:02d}"
    if granularity in ("week", "weekend"):
        iso_year, week, _ = start.isocalendar()
        return f"{iso_year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    return start.isoformat()


def bounds(start: dt.date, granularity: str, time_tail: str = "") -> tuple[dt.datetime, dt.datetime, str]:
    """The interval (end exclusive) of a period, narrowed by a time-of-day tail on a day.

    Returns the interval and the granularity after the tail (part_of_day, hour or minute).
    """
    begin = dt.datetime.combine(start, dt.time())
    m = TIME_TAIL.match(time_tail) if time_tail else None
    if not m or granularity != "day":
        return begin, dt.datetime.combine(period_end(start, granularity), dt.time()), granularity
    if m["part"]:
        first, last = PART_OF_DAY_HOURS[m["part"]]
        return begin + dt.timedelta(hours=first), begin + dt.timedelta(hours=last), "part_of_day"
    at = begin + dt.timedelta(hours=int(m["hh"]), minutes=int(m["mm"] or 0))
    if m["mm"] is None:
        return at, at + dt.timedelta(hours=1), "hour"
    return at, at + dt.timedelta(minutes=1), "minute"
