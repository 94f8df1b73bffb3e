"""Normalization tables: (text, publication date, tense) -> (value, granularity), rules then resolver.

The [bracketed] part of the text is the extent the tagger must find; the rest is context.
"""
import datetime as dt
import re

import pytest

from extractor.temporal.resolve import Reference, resolve
from extractor.temporal.rules import load

RULES = load("en")
D16 = dt.date(2016, 3, 31)  # the sample article
D98 = dt.date(1998, 1, 8)   # a Thursday

TABLE = [
    # the sample article
    ("visits to Moscow in [March]", D16, "past", "2016-03", "month"),
    ("talks reconvene [April 9] in Geneva", D16, "future", "2016-04-09", "day"),
    ("after [a year] of occupation", D16, None, "P1Y", "year"),
    ("[Now] that the army has taken back", D16, "present", "PRESENT_REF", "day"),
    # an article of 1998-01-08
    ("in [December]", D98, "past", "1997-12", "month"),
    ("[Tuesday]", D98, "past", "1998-01-06", "day"),
    ("[Tuesday]", D98, "future", "1998-01-13", "day"),
    ("[last week]", D98, "past", "1998-W01", "week"),
    ("[two years ago]", D98, "past", "1996", "year"),
    ("[1998]", D98, None, "1998", "year"),
    ("[next month]", D98, "future", "1998-02", "month"),
    ("will be redeemed in [five years]", D98, "future", "2003", "year"),
    ("was built in [five years]", D98, "past", "P5Y", "year"),
    # absolute dates in news forms
    ("[April 9, 2016]", D98, None, "2016-04-09", "day"),
    ("[9 April 2016]", D98, None, "2016-04-09", "day"),
    ("[Apr. 9]", D98, "future", "1998-04-09", "day"),
    ("[4/9/16]", D98, None, "2016-04-09", "day"),
    ("[2016-04-09]", D98, None, "2016-04-09", "day"),
    ("[March 2016]", D98, None, "2016-03", "month"),
    ("in [the 1990s]", D98, None, "199", "decade"),
    ("[the '80s]", D98, None, "198", "decade"),
    ("[the 20th century]", D98, None, "19", "century"),
    ("[fiscal 1998]", D98, None, "1998", "year"),
    ("[the third quarter]", D98, "past", "1997-Q3", "quarter"),
    ("[the third quarter of 1990]", D98, None, "1990-Q3", "quarter"),
    ("expects to report [third-quarter] results", dt.date(1989, 11, 2), "future", "1989-Q3", "quarter"),
    ("expects growth in [the first quarter]", dt.date(1989, 11, 2), "future", "1990-Q1", "quarter"),
    ("[the second half of 1997]", D98, None, "1997-H2", "half"),
    ("[mid-March]", D98, "future", "1998-03", "month"),
    ("[early next year]", D98, "future", "1999", "year"),
    ("[the summer of 1996]", D98, None, "1996-SU", "season"),
    ("[nineteen ninety-six]", D98, None, "1996", "year"),
    # relative to the publication date
    ("[yesterday]", D98, "past", "1998-01-07", "day"),
    ("[tomorrow]", D98, "future", "1998-01-09", "day"),
    ("[today]", D98, "present", "1998-01-08", "day"),
    ("[earlier this month]", D98, "past", "1998-01", "month"),
    ("[this spring]", D98, "future", "1998-SP", "season"),
    ("[last fall]", D98, "past", "1997-FA", "season"),
    ("[last April]", D98, "past", "1997-04", "month"),
    ("[next year]", D98, "future", "1999", "year"),
    ("[this week]", D98, "present", "1998-W02", "week"),
    ("[the weekend]", dt.date(1998, 1, 12), "past", "1998-W02-WE", "weekend"),
    ("[three months ago]", D98, "past", "1997-10", "month"),
    ("[June last year]", D98, "past", "1997-06", "month"),
    ("[last night]", D98, "past", "1998-01-07TNI", "part_of_day"),
    ("[this morning]", D98, "past", "1998-01-08TMO", "part_of_day"),
    ("at [3 p.m. EST]", D98, "past", "1998-01-08T15:00-05:00", "minute"),
    ("[10 p.m. Wednesday]", D98, "past", "1998-01-07T22:00", "minute"),
    ("[several years ago]", D98, "past", "PAST_REF", "none"),
    ("[recently]", D98, "past", "PAST_REF", "none"),
    ("[currently]", D98, "present", "PRESENT_REF", "day"),
    ("in [the future]", D98, "future", "FUTURE_REF", "none"),
    ("tax payments in [future quarters]", D98, "future", "FUTURE_REF", "none"),
    ("Islam will [one day] be the largest", D98, "future", "FUTURE_REF", "none"),
    ("[the 1988 period]", D98, "past", "1988", "year"),
    ("changed to a calendar year in [December]", dt.date(1989, 10, 26), "past", "1988-12", "month"),
    ("in [1984] and later served", D98, None, "1984", "year"),
    # codes of fiscal periods, numeric dates without a year, lower-case names in headlines
    ("sales in [FY2006]", D98, None, "2006", "year"),
    ("[Q3 2015] results", D98, None, "2015-Q3", "quarter"),
    ("[H1 2016] profit", D98, None, "2016-H1", "half"),
    ("profit fell in [Q3]", dt.date(2016, 1, 20), "past", "2015-Q3", "quarter"),
    ("talks resume on [4/9]", D16, "future", "2016-04-09", "day"),
    ("TALKS RESUME ON [april 9]", D16, "future", "2016-04-09", "day"),
    ("talks resume [monday]", D98, "future", "1998-01-12", "day"),
    # moving holidays are computed for the year chosen
    ("by [Thanksgiving]", D98, "future", "1998-11-26", "day"),
    ("over [Easter]", dt.date(2016, 3, 1), "future", "2016-03-27", "day"),
    ("on [Good Friday]", D98, "past", "1997-03-28", "day"),
    ("[Memorial Day 2016]", D98, None, "2016-05-30", "day"),
    # durations and sets
    ("for [the past three years]", D98, "past", "P3Y", "year"),
    ("[the last twenty four hours]", D98, "past", "P1D", "day"),
    ("[two hours]", D98, None, "PT2H", "hour"),
    ("for [2 1/2 years]", D98, None, "P2Y6M", "month"),
    ("[almost a hundred years]", D98, None, "P100Y", "year"),
    ("[the next couple of years]", D98, None, "P2Y", "year"),
    ("[a two-year] contract", D98, None, "P2Y", "year"),
    ("[several months]", D98, None, "PXM", "month"),
    ("a bad [week].", D98, None, "P1W", "week"),
    ("[every week]", D98, None, "P1W", "week"),
    ("[each July]", D98, None, "XXXX-07", "month"),
    # round two: halves, weeks of a month, the early hours, seasons year after year
    ("[a minute and a half] later", D98, None, "PT1M30S", "minute"),
    ("in [the first week of March]", D98, "future", "1998-W10", "week"),
    ("in [the last week of December]", D98, "past", "1997-W52", "week"),
    ("[the early hours of Sunday]", D98, "past", "1998-01-04TMO", "part_of_day"),
    ("for [the past three summers]", D98, None, "XXXX-SU", "season"),
    ("during [the holiday season]", D98, "past", "1997-12", "month"),
    ("[the week after next]", D98, None, "1998-W04", "week"),
]


def _find(marked: str):
    start = marked.index("[")
    text = marked.replace("[", "").replace("]", "")
    extent = re.search(r"\[(.*)\]", marked).group(1)
    hits = [m for m in RULES.find(text) if (m.start, m.end) == (start, start + len(extent))]
    assert hits, f"{extent!r} not found in {text!r}: {[(text[m.start:m.end], m.rule.name) for m in RULES.find(text)]}"
    return hits[0]


@pytest.mark.parametrize("marked,dct,tense,value,granularity", TABLE, ids=[r[0] for r in TABLE])
def test_table(marked, dct, tense, value, granularity):
    match = _find(marked.replace("[a two-year]", "a [two-year]"))
    res = resolve(match.value, dct, None, tense)
    assert (res.value, res.granularity) == (value, granularity)


@pytest.mark.parametrize("marked,mod", [
    ("[mid-March]", "MID"), ("[early next year]", "START"), ("[the end of the year]", "END"),
    ("[about two years]", "APPROX"), ("[nearly three years]", "LESS_THAN"), ("[more than four hours]", "MORE_THAN"),
    ("[at least 30 days]", "EQUAL_OR_MORE"), ("[up to 180 days]", "EQUAL_OR_LESS"), ("[late last week]", "END"),
])
def test_modifiers(marked, mod):
    assert _find(marked).mod == mod


def test_set_quantifier_and_frequency():
    assert _find("[every week]").quant == "EVERY"
    assert _find("[each month]").quant == "EACH"
    assert _find("[twice a week]").freq == "2X"
    assert _find("[three times a year]").freq == "3X"


@pytest.mark.parametrize("raw,ref,value,anchor", [
    ("UNDEF-ref-day-PLUS-1", Reference(dt.date(1998, 3, 3), "day"), "1998-03-04", "expression"),
    ("UNDEF-ref-week", Reference(dt.date(1998, 3, 3), "day"), "1998-W10", "expression"),
    ("UNDEF-ref-day-PLUS-2", Reference(dt.date(1997, 12, 30), "day"), "1998-01-01", "expression"),
    ("UNDEF-ref-year-MINUS-1", Reference(dt.date(1997, 7, 1), "quarter"), "1996-Q3", "expression"),
    ("UNDEF-ref-day-PLUS-1", Reference(dt.date(1996, 1, 1), "year"), "1998-01-09", "expression"),
    ("UNDEF-ref-day-PLUS-1", None, "1998-01-09", "publication"),
    ("UNDEF-shift-year-MINUS-1", Reference(dt.date(1998, 1, 1), "quarter"), "1997-Q1", "publication"),
    ("UNDEF-shift-year-MINUS-2", Reference(dt.date(1998, 1, 6), "day"), "1996", "publication"),
    ("1998-01-08", None, "1998-01-08", "absolute"),
    ("UNDEF-ref-period-1988", Reference(dt.date(1989, 7, 1), "quarter"), "1988-Q3", "expression"),
    ("UNDEF-ref-period-1988", Reference(dt.date(1989, 10, 2), "day"), "1988", "absolute"),
    # D98 is in the first quarter: the quarter last closed is the fourth
    ("UNDEF-ref-quarter-1988", Reference(dt.date(1997, 1, 1), "year"), "1988-Q4", "publication"),
    ("UNDEF-ref-quarter-1988", Reference(dt.date(1989, 7, 1), "quarter"), "1988-Q3", "expression"),
])
def test_anchoring(raw, ref, value, anchor):
    res = resolve(raw, D98, ref, "past")
    assert (res.value, res.anchor) == (value, anchor)


@pytest.mark.parametrize("raw,tense,first,value", [
    # placed before the first end by the tense, the second end moves to the nearest after it
    ("UNDEF-year-05", "past", Reference(dt.date(1998, 3, 1), "month"), "1998-05"),
    ("UNDEF-year-01-02", "past", Reference(dt.date(1997, 12, 30), "day"), "1998-01-02"),
    ("UNDEF-weekday-5", "past", Reference(dt.date(1998, 1, 5), "day"), "1998-01-09"),
    # a weekday already after it keeps the tense's choice ("from Dec. 1 to Thursday")
    ("UNDEF-weekday-4", "past", Reference(dt.date(1997, 12, 1), "day"), "1998-01-08"),
    # a date missing its year takes the first end's ("from July 4, 1996 to July 6")
    ("UNDEF-year-07-06", "future", Reference(dt.date(1996, 7, 4), "day"), "1996-07-06"),
    ("UNDEF-year-05", "past", Reference(dt.date(1997, 3, 1), "month"), "1997-05"),
    # a direction said in words is not the range's to change
    ("UNDEF-past-year-05", "past", Reference(dt.date(1998, 3, 1), "month"), "1997-05"),
])
def test_range_end_never_before_its_first_end(raw, tense, first, value):
    assert resolve(raw, D98, None, tense, after=first).value == value


def test_interval_end_is_exclusive():
    res = resolve("UNDEF-this-week-MINUS-1", D98, None, "past")
    assert (res.start, res.end) == (dt.datetime(1997, 12, 29), dt.datetime(1998, 1, 5))
    res = resolve("1998-01-08T15:00", D98)
    assert (res.start, res.end, res.granularity) == (dt.datetime(1998, 1, 8, 15), dt.datetime(1998, 1, 8, 15, 1), "minute")
    assert resolve("P3Y", D98).start is None


@pytest.mark.parametrize("raw,value", [
    ("UNDEF-year-03", "XXXX-03"), ("UNDEF-weekday-2", "XXXX-WXX-2"), ("UNDEF-year-11-4-4", "XXXX-XX-XX"), ("UNDEF-year-03-W1", "XXXX-WXX"), ("UNDEF-this-day-MINUS-1", "XXXX-XX-XX"),
])
def test_without_publication_date_values_stay_open(raw, value):
    res = resolve(raw, None, None, "past")
    assert (res.value, res.start, res.end, res.anchor) == (value, None, None, "none")


def test_publication_time_counts_as_its_day():
    assert resolve("UNDEF-this-day-MINUS-1", dt.datetime(1998, 1, 8, 23, 59)).value == "1998-01-07"


def test_unknown_value_raises():
    with pytest.raises(ValueError):
        resolve("UNDEF-sometime", D98)
