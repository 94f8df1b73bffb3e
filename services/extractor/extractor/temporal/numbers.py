"""Numbers as news writes them: digits, words ("twenty four", "two thousand"), spelled years."""
from __future__ import annotations

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_SCALE = "|".join(SCALES)
_BELOW_100 = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_UNIT})"
# "two hundred", "twenty four", "1,000", "2 1/2", "1.5"
NUMBER_PATTERN = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?"
    rf"|(?:{_BELOW_100}|an?(?=\s+(?:{_SCALE})))(?:[- ]+(?:{_SCALE})(?:(?:\s+and)?[- ]{_BELOW_100})?)?(?:\s+and\s+a\s+half)?)"
)
# "nineteen ninety-six", "two thousand", "two thousand and one"
SPELLED_YEAR_PATTERN = (
    rf"(?:(?:nineteen|eighteen)[- ](?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|hundred)"
    rf"|two thousand(?:(?:\s+and)?[- ](?:{_BELOW_100}))?)"
)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]


def parse_number(text: str) -> float:
    """The value of a number in digits or words; raises ValueError for anything else."""
    t = text.strip().lower().replace(",", "")
    half = 0.0
    for tail in (" 1/2", " and a half"):
        if t.endswith(tail):
            t, half = t[: -len(tail)].strip(), 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total = current = 0
    words = _words(t)
    if len(words) > 1 and words[0] in ("a", "an") and words[1] in SCALES:
        words = words[1:]  # "a hundred"
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current + half


def parse_spelled_year(text: str) -> int:
    """The year a spelled year names ("nineteen ninety-six" -> 1996); raises ValueError otherwise."""
    words = _words(text)
    if words[:2] == ["two", "thousand"]:
        return 2000 + (int(parse_number(" ".join(words[2:]))) if words[2:] else 0)
    if not words or words[0] not in UNITS and words[0] not in TENS:
        raise ValueError(f"not a spelled year: {text!r}")
    century = UNITS.get(words[0]) or TENS[words[0]]
    rest = words[1:]
    if rest == ["hundred"]:
        return century * 100
    return century * 100 + int(parse_number(" ".join(rest)))
