"""The TempEval-3 timex scorer on small hand-made gold files; expected figures computed by hand."""
import json

import pytest

from extractor.scoring.timex import Mention, align, format_errors, score, score_alignment, score_files

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">01/08/1998</TIMEX3></DCT>
<TEXT>
{body}
</TEXT>
</TimeML>
"""

DOC_A = (
    'Talks began <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> and lasted '
    '<TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3> &amp; ended '
    '<TIMEX3 tid="t3" type="TIME" value="1998-01-07TEV">last evening</TIMEX3>.'
)
DOC_B = (
    'They meet again on <TIMEX3 tid="t1" type="DATE" value="1998-01-09">Friday</TIMEX3>, as they do '
    '<TIMEX3 tid="t2" type="SET" value="P1W" quant="EVERY">every week</TIMEX3>.'
)


@pytest.fixture
def gold_dir(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    (d / "a.tml").write_text(TML.format(doc="a", body=DOC_A))
    (d / "b.tml").write_text(TML.format(doc="b", body=DOC_B))
    return d


def texts(gold_dir):
    from extractor.corpus import read_tml_gold
    return {p.stem: read_tml_gold(p).text for p in gold_dir.glob("*.tml")}


def line(texts, doc, phrase, type_, value, occurrence=0):
    text = texts[doc]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return json.dumps({"doc": doc, "start": start, "end": start + len(phrase), "text": phrase,
                       "type": type_, "value": value})


def write_system(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def test_corpus_figures_by_hand(gold_dir, tmp_path):
    t = texts(gold_dir)
    system = write_system(tmp_path / "sys.jsonl", [
        line(t, "a", "yesterday", "DATE", "1998-01-07"),     # strict; value, type right
        line(t, "a", "three", "DURATION", "P3H"),            # relaxed only; value wrong, type right
        line(t, "a", "began", "DATE", "1998-01-08"),         # spurious
        line(t, "b", "on Friday", "TIME", "1998-01-09"),     # relaxed; value right, type wrong
        line(t, "b", "every", "DURATION", "P1W"),            # relaxed (larger overlap); value right, type wrong
        line(t, "b", "week", "SET", "P1W"),                  # spurious: "every week" is taken
    ])                                                       # "last evening" is missed
    s = score_alignment(score_files(gold_dir, system))
    assert (s.gold, s.system, s.strict, s.relaxed, s.value_correct, s.type_correct) == (5, 6, 1, 4, 3, 2)
    assert s.strict_p == pytest.approx(1 / 6)
    assert s.strict_r == pytest.approx(0.2)
    assert s.strict_f1 == pytest.approx(0.181818, abs=1e-6)   # 2/11
    assert s.relaxed_p == pytest.approx(0.666667, abs=1e-6)
    assert s.relaxed_r == pytest.approx(0.8)
    assert s.relaxed_f1 == pytest.approx(0.727273, abs=1e-6)  # 8/11
    assert s.value_accuracy == pytest.approx(0.75)
    assert s.value_f1 == pytest.approx(0.545455, abs=1e-6)    # 8/11 * 3/4
    assert s.type_accuracy == pytest.approx(0.5)
    assert s.type_f1 == pytest.approx(0.363636, abs=1e-6)     # 8/11 * 1/2


def test_gold_against_itself_is_perfect(gold_dir, tmp_path):
    t = texts(gold_dir)
    system = write_system(tmp_path / "sys.jsonl", [
        line(t, "a", "yesterday", "DATE", "1998-01-07"), line(t, "a", "three hours", "DURATION", "PT3H"),
        line(t, "a", "last evening", "TIME", "1998-01-07TEV"), line(t, "b", "Friday", "DATE", "1998-01-09"),
        line(t, "b", "every week", "SET", "P1W"),
    ])
    s = score_alignment(score_files(gold_dir, system))
    assert (s.strict_f1, s.relaxed_f1, s.value_f1, s.type_f1) == (1.0, 1.0, 1.0, 1.0)


def test_entities_are_unescaped_and_dct_is_not_scored(gold_dir, tmp_path):
    t = texts(gold_dir)
    assert "hours & ended" in t["a"]
    s = score_alignment(score_files(gold_dir, write_system(tmp_path / "empty.jsonl", [])))
    assert (s.gold, s.system, s.strict_f1, s.value_f1) == (5, 0, 0.0, 0.0)


@pytest.mark.parametrize("gold, system, expected", [
    # one system span over two gold expressions earns one match
    ([(0, 5), (6, 10)], [(0, 10)], (1, 0, 1)),
    # an exact match wins over a larger overlap
    ([(0, 10)], [(0, 12), (0, 10)], (1, 1, 2)),
    # touching is not overlapping (end is exclusive)
    ([(0, 5)], [(5, 9)], (0, 0, 1)),
    # the larger overlap pairs first, whatever the order of the lines
    ([(0, 10)], [(8, 12), (0, 6)], (1, 0, 2)),
])
def test_alignment_is_one_to_one(gold, system, expected):
    g = [Mention("d", s, e, "DATE", "X") for s, e in gold]
    sy = [Mention("d", s, e, "DATE", "X") for s, e in system]
    a = align(g, sy)
    assert (len(a.pairs), sum(p.strict for p in a.pairs), score(g, sy).system) == expected
    if expected == (1, 0, 2):
        assert a.pairs[0].system.start == 0


def test_documents_are_aligned_separately():
    g = [Mention("a", 0, 5, "DATE", "1"), Mention("b", 0, 5, "DATE", "2")]
    sy = [Mention("b", 0, 5, "DATE", "2")]
    s = score(g, sy)
    assert (s.relaxed, s.value_correct) == (1, 1)


def test_errors_list_each_kind(gold_dir, tmp_path):
    t = texts(gold_dir)
    system = write_system(tmp_path / "sys.jsonl", [
        line(t, "a", "three", "DURATION", "P3H"), line(t, "a", "began", "DATE", "1998-01-08"),
    ])
    kinds = sorted(e.split("\t")[1] for e in format_errors(score_files(gold_dir, system)))
    assert kinds == ["extent,value", "missed", "missed", "missed", "missed", "spurious"]


@pytest.mark.parametrize("content, message", [
    ("{not json\n", "not JSON"),
    ('[1, 2]\n', "expected a JSON object"),
    ('{"doc": "a", "start": "0", "end": 5}\n', "integer start"),
    ('{"doc": "zz", "start": 0, "end": 5}\n', "not in the gold folder"),
    ('{"doc": "a", "start": 5, "end": 5000}\n', "outside a"),
    ('{"doc": "a", "start": 0, "end": 5, "text": "Talks"}\n', r"but a\[0:5\]"),
])
def test_bad_system_lines_are_errors_naming_the_line(gold_dir, tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n" + content)
    with pytest.raises(ValueError, match=message) as info:
        score_files(gold_dir, path)
    assert "bad.jsonl:2" in str(info.value)


def test_gold_folder_without_tml_is_an_error(tmp_path):
    (tmp_path / "s.jsonl").write_text("")
    with pytest.raises(ValueError, match="no .tml"):
        score_files(tmp_path, tmp_path / "s.jsonl")
