"""The anchoring scorer on hand-made gold files; every figure below is counted by hand."""
import json

import pytest

from extractor import cli
from extractor.scoring import anchoring

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08T10:00:00" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>
On <TIMEX3 tid="t1" type="DATE" value="1998-01-05">Monday</TIMEX3> rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the town <TIMEX3 tid="t6" type="DATE" value="1998">this year</TIMEX3>.
They <EVENT eid="e2" class="OCCURRENCE">withdrew</EVENT> in <TIMEX3 tid="t2" type="DATE" value="1998-01">January</TIMEX3>.
Officials <EVENT eid="e3" class="REPORTING">said</EVENT> talks <EVENT eid="e4" class="OCCURRENCE">continue</EVENT> for <TIMEX3 tid="t3" type="DURATION" value="P1W">a week</TIMEX3>.
Police <EVENT eid="e5" class="OCCURRENCE">arrived</EVENT> on <TIMEX3 tid="t4" type="DATE" value="1998-01-07">Jan 7</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t6" />
<TLINK lid="l3" relType="INCLUDES" timeID="t2" relatedToEventInstance="ei2" />
<TLINK lid="l4" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t0" />
<TLINK lid="l5" relType="DURING" eventInstanceID="ei3" relatedToTime="t0" />
<TLINK lid="l6" relType="DURING" eventInstanceID="ei4" relatedToTime="t3" />
<TLINK lid="l7" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t0" />
<TLINK lid="l8" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t4" />
<TLINK lid="l9" relType="INCLUDES" eventInstanceID="ei4" relatedToTime="t0" />
</TimeML>
"""


def _line(doc, text, word, value, before=""):
    start = text.index(before + word)
    return json.dumps({"doc": doc, "start": start, "end": start + len(before + word), "text": before + word,
                       "date": None if value is None else {"value": value, "granularity": "day"}})


@pytest.fixture()
def timebank(tmp_path):
    folder = tmp_path / "tb"
    folder.mkdir()
    (folder / "d1.tml").write_text(TML, "utf-8")
    return folder


def test_tml_gold_dates_follow_the_link_rules(timebank):
    gold = anchoring.read_gold(timebank)["d1"]
    dates = {m.attrs["date"] for m in gold}
    # e1: Monday beats "this year" (finer); e2: INCLUDES read from the time's side; e3: the DCT as its
    # day; e4: a duration and an INCLUDES from the event's side give nothing; e5: a text timex beats the DCT
    assert len(gold) == 4
    assert dates == {"1998-01-05", "1998-01", "1998-01-08", "1998-01-07"}


def test_tml_figures(timebank, tmp_path):
    from extractor.corpus import read_tml_gold
    text = read_tml_gold(timebank / "d1.tml").text
    system = tmp_path / "sys.jsonl"
    system.write_text("\n".join([
        _line("d1", text, "attacked", "1998-01-05"),             # right
        _line("d1", text, "attacked", "1998-01-06", "rebels "),  # a second guess on the same event: wrong
        _line("d1", text, "withdrew", "1998-01-20"),             # wrong; leniently right (in January)
        _line("d1", text, "said", "1998-01-08"),                 # right
        _line("d1", text, "continue", "1998-01-08"),             # gold has no date: not counted
        _line("d1", text, "arrived", None),                      # no date given: a miss
    ]) + "\n", "utf-8")
    result = anchoring.figures(timebank, system)
    assert (result["gold"], result["system"]) == (4, 4)
    assert result["strict"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5})
    assert result["lenient"] == pytest.approx({"precision": 0.75, "recall": 0.75, "f1": 0.75})


def test_gold_json_figures(tmp_path):
    text = "Apple released the iPhone in June. It will ship soon."
    gold = {"format": "timeline-eval-gold/1", "documents": {"a": {"text": text, "events": [
        {"id": "1", "start": 6, "end": 14, "text": "released", "date": {"value": "2007-06", "granularity": "month"}},
        {"id": "2", "start": 43, "end": 47, "text": "ship", "date": None},
    ]}, "b": {"text": text, "events": [
        {"id": "1", "start": 6, "end": 14, "text": "released", "date": {"value": "2007-06-29", "granularity": "day"}},
    ]}}}
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold), "utf-8")
    system = tmp_path / "sys.jsonl"
    system.write_text("\n".join([
        _line("a", text, "released", "2007-06-29"),  # finer than gold: lenient only
        _line("a", text, "ship", "2007-07"),         # undated gold: ignored
        _line("b", text, "released", "2007-06"),     # coarser than gold: wrong both ways
    ]) + "\n", "utf-8")
    result = anchoring.figures(gold_path, system)
    assert (result["gold"], result["system"]) == (2, 2)
    assert result["strict"]["f1"] == 0.0
    assert result["lenient"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5})


@pytest.mark.parametrize("system, gold, expected", [
    ("2016-03-31", "2016-03", True),
    ("2016-03-31", "2016-W13", True),
    ("2016-04-01", "2016-Q1", False),
    ("2016-03", "2016-03-31", False),
    ("PRESENT_REF", "PRESENT_REF", True),
    ("PRESENT_REF", "2016", False),
    ("1998-01-08T10:00", "1998-01-08", True),
])
def test_within(system, gold, expected):
    assert anchoring.within(system, gold) is expected


def test_bad_line_is_named(tmp_path, capsys):
    (tmp_path / "gold.json").write_text(json.dumps({"format": "timeline-eval-gold/1", "documents": {}}))
    (tmp_path / "sys.jsonl").write_text('{"doc": "a", "date": {"value": "2016"}}\n')
    assert cli.main(["score-anchoring", str(tmp_path / "gold.json"), str(tmp_path / "sys.jsonl")]) == 2
    assert "sys.jsonl:1" in capsys.readouterr().err
