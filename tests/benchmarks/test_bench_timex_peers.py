"""How bench-timex maps its peers' output to TIMEX3 (pure functions: no peer package, no data set)."""
import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "timex"))

import heideltime_runs  # noqa: E402
import peers  # noqa: E402

DCT = dt.date(1998, 1, 8)


@pytest.mark.parametrize("kind, candidates, expected", [
    ("datetimeV2.date", [{"timex": "1998-01-07", "value": "1998-01-07"}], ("DATE", "1998-01-07")),
    ("datetimeV2.daterange", [{"timex": "1998-W03", "start": "1998-01-12"}], ("DATE", "1998-W03")),
    # an ambiguous weekday or month takes the resolution nearest the reference date (a Thursday)
    ("datetimeV2.date", [{"timex": "XXXX-WXX-1", "value": "1998-01-05"}, {"timex": "XXXX-WXX-1", "value": "1998-01-12"}],
     ("DATE", "1998-01-05")),
    ("datetimeV2.date", [{"timex": "XXXX-WXX-4", "value": "1998-01-01"}, {"timex": "XXXX-WXX-4", "value": "1998-01-08"}],
     ("DATE", "1998-01-08")),
    ("datetimeV2.daterange", [{"timex": "XXXX-11", "start": "1997-11-01", "end": "1997-12-01"},
                              {"timex": "XXXX-11", "start": "1998-11-01", "end": "1998-12-01"}], ("DATE", "1997-11")),
    ("datetimeV2.daterange", [{"timex": "XXXX-WXX-5", "Mod": "before", "end": "1998-01-02"},
                              {"timex": "XXXX-WXX-5", "Mod": "before", "end": "1998-01-09"}], ("DATE", "1998-01-09")),
    # a range that is exactly a calendar quarter, year, month or week is that DATE
    ("datetimeV2.daterange", [{"timex": "(1998-07-01,1998-10-01,P3M)", "start": "1997-07-01", "end": "1997-10-01"},
                              {"timex": "(1998-07-01,1998-10-01,P3M)", "start": "1998-07-01", "end": "1998-10-01"}],
     ("DATE", "1997-Q3")),
    ("datetimeV2.daterange", [{"timex": "(1998-01-01,1998-07-01,P6M)", "start": "1998-01-01", "end": "1998-07-01"}],
     ("DURATION", "P6M")),
    ("datetimeV2.time", None, ("TIME", None)),  # Recognizers found it but could not resolve it
    ("datetimeV2.datetime", [{"timex": "XXXX-WXX-1T15", "value": "1998-01-05 15:00:00"}], ("TIME", "1998-01-05T15:00")),
    ("datetimeV2.time", [{"timex": "T15:30", "value": "15:30:00"}], ("TIME", "1998-01-08T15:30")),
    ("datetimeV2.datetimerange", [{"timex": "1998-01-08TMO", "start": "1998-01-08 08:00:00"}], ("TIME", "1998-01-08TMO")),
    ("datetimeV2.datetime", [{"timex": "PRESENT_REF", "value": "1998-01-08 00:00:00"}], ("DATE", "PRESENT_REF")),
    ("datetimeV2.duration", [{"timex": "PT24H", "value": "86400"}], ("DURATION", "PT24H")),
    ("datetimeV2.set", [{"timex": "P1W", "value": "not resolved"}], ("SET", "P1W")),
    ("datetimeV2.daterange", [{"timex": "(1997-10-08,1998-01-08,P3M)", "start": "1997-10-08"}], ("DURATION", "P3M")),
])
def test_recognizers_values(kind, candidates, expected):
    assert peers.recognizers_value(kind, candidates or [], DCT) == expected


@pytest.mark.parametrize("when, period, expected", [
    (dt.datetime(1998, 1, 15), "week", ("DATE", "1998-W03")),
    (dt.datetime(1997, 10, 8), "month", ("DATE", "1997-10")),
    (dt.datetime(1993, 1, 8), "year", ("DATE", "1993")),
    (dt.datetime(1998, 1, 7), "day", ("DATE", "1998-01-07")),
    (dt.datetime(1998, 1, 8, 15, 30), "time", ("TIME", "1998-01-08T15:30")),
])
def test_dateparser_values_follow_its_granularity(when, period, expected):
    assert peers.dateparser_value(when, period) == expected


def test_datefinder_values():
    assert peers.datefinder_value(dt.datetime(1998, 1, 7)) == ("DATE", "1998-01-07")
    assert peers.datefinder_value(dt.datetime(1998, 1, 7, 9, 5)) == ("TIME", "1998-01-07T09:05")


def test_locate_finds_pieces_in_order_and_marks_the_missing():
    assert list(peers.locate("now and now, then", ["now", "now", "zz", "then"])) == [(0, 3), (8, 11), None, (13, 17)]


def test_records_leave_out_surrounding_whitespace():
    doc = peers.Doc("d", "It ended  after ten years .", DCT)
    r = peers.record(doc, 9, 26, "DURATION", "P10Y")
    assert (r["start"], r["end"], r["text"]) == (10, 25, "after ten years")


TIMEML = """<?xml version="1.0"?>
<!DOCTYPE TimeML SYSTEM "TimeML.dtd">
<TimeML>
AT&T said <TIMEX3 tid="t1" type="DATE" value="1998-01-08">today</TIMEX3> it will,

  on <TIMEX3 tid="t3" type="SET" value="P1W" quant="EACH">each week</TIMEX3> (<TIMEX3 tid="t2" type="DATE" value="1998-01-09">Jan. 9</TIMEX3>).

</TimeML>
"""


def test_heideltime_output_maps_to_input_offsets():
    text = "AT&T said today it will,\n\n  on each week (Jan. 9).\n"
    records = heideltime_runs.parse_timeml(peers.Doc("d", text, DCT), TIMEML)
    assert [(r["text"], r["type"], r["value"]) for r in records] == [
        ("today", "DATE", "1998-01-08"), ("each week", "SET", "P1W"), ("Jan. 9", "DATE", "1998-01-09")]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)


def test_heideltime_output_for_another_text_is_an_error():
    with pytest.raises(heideltime_runs.HeidelTimeError, match="differs"):
        heideltime_runs.parse_timeml(peers.Doc("d", "Something else entirely.", DCT), TIMEML)
