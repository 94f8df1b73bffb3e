"""The TempEval-3 event scorer on a hand-made gold document whose figures were worked out by hand.

Gold "He said the talks will resume after the visit." has four events: said (exact match in the
system file), talks (system says "the talks": a relaxed match), resume (exact, wrong class), visit
(missed); the system adds "after". So 4 gold, 4 system, 2 strict and 3 relaxed pairs.
"""
import json

import pytest

from extractor import cli
from extractor.scoring import events

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>d1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>He <EVENT eid="e1" class="REPORTING">said</EVENT> the <EVENT eid="e2" class="OCCURRENCE">talks</EVENT> \
will <EVENT eid="e3" class="ASPECTUAL">resume</EVENT> after the <EVENT eid="e4" class="OCCURRENCE">visit</EVENT>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN" />
<MAKEINSTANCE eventID="e2" eiid="ei5" tense="PAST" aspect="NONE" polarity="NEG" pos="NOUN" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="FUTURE" aspect="NONE" polarity="POS" modality="none" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="NONE" aspect="NONE" polarity="NEG" modality="would" pos="NOUN" />
</TimeML>
"""


def _line(start, end, text, cls, tense="NONE", aspect="NONE", polarity="POS", modality=None, doc="d1"):
    return json.dumps({"doc": doc, "start": start, "end": end, "text": text, "class": cls, "tense": tense,
                       "aspect": aspect, "polarity": polarity, "modality": modality,
                       "status": "occurred", "date": None})


SYSTEM = [
    _line(3, 7, "said", "REPORTING", "PAST"),
    _line(8, 17, "the talks", "OCCURRENCE"),
    _line(23, 29, "resume", "OCCURRENCE", "FUTURE"),
    _line(30, 35, "after", "OCCURRENCE"),
    _line(0, 2, "He", "OCCURRENCE", doc="not-in-gold"),
]


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "d1.tml").write_text(TML, encoding="utf-8")
    system = tmp_path / "system.jsonl"
    system.write_text("\n".join(SYSTEM) + "\n", encoding="utf-8")
    return gold, system


def test_gold_takes_class_from_event_and_the_rest_from_its_first_instance(files):
    gold = events.read_gold(files[0])["d1"]
    assert [(m.start, m.end) for m in gold] == [(3, 7), (12, 17), (23, 29), (40, 45)]
    assert gold[1].attrs == {"class": "OCCURRENCE", "tense": "NONE", "aspect": "NONE",
                             "polarity": "POS", "modality": None}
    assert gold[2].attrs["modality"] is None  # "none" in the file
    assert gold[3].attrs["modality"] == "would"


@pytest.mark.parametrize("key, value", [
    (("gold",), 4), (("system",), 4),
    (("strict", "precision"), 0.5), (("strict", "recall"), 0.5), (("strict", "f1"), 0.5),
    (("relaxed", "precision"), 0.75), (("relaxed", "recall"), 0.75), (("relaxed", "f1"), 0.75),
    (("attributes", "class", "accuracy"), 2 / 3), (("attributes", "class", "f1"), 0.5),
    (("attributes", "tense", "accuracy"), 1.0), (("attributes", "tense", "f1"), 0.75),
    (("attributes", "aspect", "f1"), 0.75), (("attributes", "polarity", "f1"), 0.75),
    (("attributes", "modality", "f1"), 0.75),
])
def test_figures_worked_out_by_hand(files, key, value):
    result = events.figures(*files)
    for k in key:
        result = result[k]
    assert result == pytest.approx(value)


def test_one_system_span_pairs_with_one_gold_span():
    gold = [events.Mention("d", 0, 4, {}), events.Mention("d", 5, 9, {})]
    system = [events.Mention("d", 0, 9, {})]
    pairs, strict = events.match(gold, system)
    assert (len(pairs), strict) == (1, 0)


def test_main_prints_the_figures(files, capsys):
    assert cli.main(["score-events", str(files[0]), str(files[1])]) == 0
    out = capsys.readouterr().out
    assert "relaxed   P 0.7500  R 0.7500  F1 0.7500" in out
    assert "class     accuracy 0.6667  F1 0.5000" in out


def test_main_names_the_bad_line(files, capsys):
    files[1].write_text(SYSTEM[0] + "\n{\"doc\": \"d1\"}\n", encoding="utf-8")
    assert cli.main(["score-events", str(files[0]), str(files[1])]) == 2
    assert "system.jsonl:2" in capsys.readouterr().err
