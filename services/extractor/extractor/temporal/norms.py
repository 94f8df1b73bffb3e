"""Normalization functions a value template may name ({group:function}) besides the lexicon lists.

Each takes the matched text of a group and returns a value fragment; each raises ValueError when the
text is not what it normalizes. ``PATTERNS`` are the regex fragments rules name as %function.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from . import periods
from .numbers import NUMBER_PATTERN, SPELLED_YEAR_PATTERN, parse_number, parse_spelled_year

PATTERNS = {
    "number": NUMBER_PATTERN,
    "spelled_year": SPELLED_YEAR_PATTERN,
    "year": r"(?:1[0-9]|20)\d\d",
    "day": r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d)",
    "clock": r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.\s?m\.|[ap]m\b|o'clock)|(?:[01]\d|2[0-3]):[0-5]\d|noon|midnight)",
    "decade": r"(?:(?:1[0-9]|20)\d0|')\d?0?s|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
    "numeric_date": r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))",
    # "that" pointing back to a date ("That Friday, he returned", "on that night", "went on sale that
    # April."), not the "that" of a clause ("said that Friday was the deadline"): first in the
    # sentence, after a preposition, or with the date closing the phrase
    "anaphoric_that": r"(?:(?-i:That)|(?:" + "|".join(rf"(?<=\b{p}\s)" for p in (
        "on", "by", "until", "since", "before", "after", "from", "to", "during", "in", "of", "for", "through"))
        + r")that|that(?=\s+[A-Za-z]+\s*[.,;:!?)]))",
}

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
# dateparser settles absolute numeric dates; a fixed base keeps its output independent of today
_PARSER = DateDataParser(languages=["en"], settings={
    "DATE_ORDER": "MDY", "PREFER_DATES_FROM": "past", "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "PREFER_DAY_OF_MONTH": "first",
})
_PERIOD_GRANULARITY = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _leading_int(text: str) -> int:
    m = re.match(r"\d+", text.strip())
    if not m:
        raise ValueError(f"no number in {text!r}")
    return int(m.group())


def number(text: str) -> str:
    """A count as a duration writes it: "two" -> 2, "2 1/2" -> 2.5."""
    n = parse_number(text)
    return str(int(n)) if n == int(n) else str(n)


def year(text: str) -> str:
    """A written year, four digits or two ("'98" -> 1998), or spelled out."""
    t = text.strip().lstrip("'’")
    if re.fullmatch(r"\d{4}", t):
        return t
    if re.fullmatch(r"\d{2}", t):
        return ("19" if int(t) >= 30 else "20") + t
    return f"{parse_spelled_year(t):04d}"


def day(text: str) -> str:
    return f"{_leading_int(text):02d}"


def decade(text: str) -> str:
    """The decade value of "1990s", "'80s", "the nineties" (199, 198, 199)."""
    t = text.strip().lower()
    if t in _DECADE_WORDS:
        return f"19{_DECADE_WORDS[t]}"
    if m := re.fullmatch(r"(\d{3})0'?s", t):
        return m.group(1)
    if m := re.fullmatch(r"['’](\d)0s", t):
        return f"19{m.group(1)}"
    raise ValueError(f"not a decade: {text!r}")


def century(text: str) -> str:
    """The century value of an ordinal ("20th" -> 19)."""
    return f"{_leading_int(text) - 1:02d}"


def clock(text: str) -> str:
    """The time of day of "5 p.m.", "10:30 am", "noon" as HH:MM ("midnight" -> 24:00, as TimeML)."""
    t = text.strip().lower().replace(" ", "").replace(".", "")
    if t == "noon":
        return "12:00"
    if t == "midnight":
        return "24:00"
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm|o'clock)?", t)
    if not m:
        raise ValueError(f"not a time of day: {text!r}")
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "pm" else 0) if m.group(3) in ("am", "pm") else int(m.group(1))
    return f"{hour:02d}:{m.group(2) or '00'}"


@lru_cache(maxsize=4096)
def absolute_date(text: str) -> str:
    """A complete numeric date ("4/9/16", "2016-04-09") as a TIMEX3 value, read by dateparser."""
    # two-digit years as news means them ("4/9/16" is 2016), not as dateparser's base year suggests
    text = re.sub(r"(?<=/)(\d{2})$", lambda m: year(m.group(1)), text.strip())
    data = _PARSER.get_date_data(text)
    if data.date_obj is None:
        raise ValueError(f"not a date: {text!r}")
    granularity = _PERIOD_GRANULARITY.get(data.period, "day")
    return periods.format_period(periods.period_start(data.date_obj.date(), granularity), granularity)


FUNCTIONS = {
    "number": number, "year": year, "day": day, "decade": decade, "century": century, "clock": clock,
    "absolute_date": absolute_date,
}
