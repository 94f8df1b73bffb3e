"""Calendar periods named by TIMEX3 values: parse, format, shift, bounds."""
import datetime as dt

import pytest

from extractor.temporal import periods

VALUES = ["19", "199", "1998", "1998-H2", "1998-Q3", "1998-SU", "1998-WI", "1998-01", "1998-01-08",
          "1998-W02", "1998-W02-WE", "2004-W53"]


@pytest.mark.parametrize("value", VALUES)
def test_round_trip(value):
    start, granularity = periods.parse(value)
    assert periods.format_period(start, granularity) == value
    assert periods.period_start(start, granularity) == start
    assert periods.period_end(start, granularity) > start


@pytest.mark.parametrize("value,n,expected", [
    ("1998-Q1", -1, "1997-Q4"), ("1998-01", -1, "1997-12"), ("1998-W01", -1, "1997-W52"),
    ("1998-WI", 1, "1999-SP"), ("199", 1, "200"), ("1998-H1", -1, "1997-H2"),
])
def test_shift(value, n, expected):
    start, granularity = periods.parse(value)
    assert periods.format_period(periods.shift(start, granularity, n), granularity) == expected


def test_winter_runs_into_the_next_year():
    assert periods.format_period(periods.period_start(dt.date(1998, 1, 8), "season"), "season") == "1997-WI"


@pytest.mark.parametrize("tail,start,end,granularity", [
    ("TNI", dt.datetime(1998, 1, 8, 21), dt.datetime(1998, 1, 9, 6), "part_of_day"),
    ("T15", dt.datetime(1998, 1, 8, 15), dt.datetime(1998, 1, 8, 16), "hour"),
    ("T15:30-05:00", dt.datetime(1998, 1, 8, 15, 30), dt.datetime(1998, 1, 8, 15, 31), "minute"),
])
def test_time_of_day_narrows_a_day(tail, start, end, granularity):
    assert periods.bounds(dt.date(1998, 1, 8), "day", tail) == (start, end, granularity)


@pytest.mark.parametrize("value", ["1998-13", "1998-02-30", "1998-W60", "next week"])
def test_not_a_period(value):
    assert periods.parse(value) is None


@pytest.mark.parametrize("value,day", [
    ("1998-EASTER", dt.date(1998, 4, 12)), ("2019-EASTER", dt.date(2019, 4, 21)), ("2024-EASTER-2", dt.date(2024, 3, 29)),
    ("1998-11-4-4", dt.date(1998, 11, 26)), ("2016-05-L-1", dt.date(2016, 5, 30)), ("2015-09-1-1", dt.date(2015, 9, 7)),
])
def test_moving_holidays(value, day):
    assert periods.parse(value) == (day, "day")


@pytest.mark.parametrize("value,monday", [
    # March 1998 opens on a Sunday: its first week is the next, which has all its days in March
    ("1998-03-W1", dt.date(1998, 3, 2)), ("1998-03-W2", dt.date(1998, 3, 9)),
    ("1998-02-WL", dt.date(1998, 2, 23)), ("1997-12-WL", dt.date(1997, 12, 22)),
])
def test_weeks_of_a_month(value, monday):
    assert periods.parse(value) == (monday, "week")
