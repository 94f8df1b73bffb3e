"""The coreference scorer on small clusterings whose scores were worked out by hand."""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from timeline import evaluation

# key {a,b,c} {d,e}; response {a,b} {c,d,e}
# MUC   R = ((3-2) + (2-1)) / (2+1) = 2/3;  P = ((2-1) + (3-2)) / (1+2) = 2/3
# B³    R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15;  P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
# CEAF-e  φ4(abc,ab) = 4/5, φ4(de,cde) = 4/5, best total 8/5 over 2 clusters each side: 4/5
SPLIT = ([{"a", "b", "c"}, {"d", "e"}], [{"a", "b"}, {"c", "d", "e"}],
         {"muc": (F(2, 3), F(2, 3)), "b3": (F(11, 15), F(11, 15)), "ceafe": (F(4, 5), F(4, 5))})
# key {a,b} {c} {d}; response {a,b,c,d}
# MUC   R = (2-1) / 1 = 1;  P = (4-3) / 3 = 1/3
# B³    R = 1;  P = (1/2 + 1/2 + 1/4 + 1/4) / 4 = 3/8
# CEAF-e  best φ4 is {a,b}~{a,b,c,d} = 2/3: R = (2/3)/3 = 2/9, P = (2/3)/1 = 2/3
LUMPED = ([{"a", "b"}, {"c"}, {"d"}], [{"a", "b", "c", "d"}],
          {"muc": (F(1, 3), F(1)), "b3": (F(3, 8), F(1)), "ceafe": (F(2, 3), F(2, 9))})
# key {a,b,c,d}; response all singletons
# MUC   R = (4-4) / 3 = 0;  P = 0 / 0 = 0
# B³    R = 4 * (1/4) / 4 = 1/4;  P = 1
# CEAF-e  φ4(abcd, a) = 2/5 for the one aligned: R = 2/5, P = (2/5)/4 = 1/10
SPREAD = ([{"a", "b", "c", "d"}], [{"a"}, {"b"}, {"c"}, {"d"}],
          {"muc": (F(0), F(0)), "b3": (F(1), F(1, 4)), "ceafe": (F(1, 10), F(2, 5))})
# key {a,b,c} {d,e}; response {a,b,d,e} {c}
# φ4: abc~abde = 4/7, abc~c = 1/2, de~abde = 2/3, de~c = 0
# aligning abc~c and de~abde gives 1/2 + 2/3 = 7/6, more than abc~abde alone (4/7): R = P = 7/12
CROSSED = ([{"a", "b", "c"}, {"d", "e"}], [{"a", "b", "d", "e"}, {"c"}],
           {"ceafe": (F(7, 12), F(7, 12))})


@pytest.mark.parametrize("key,response,expected", [SPLIT, LUMPED, SPREAD, CROSSED],
                         ids=["split", "lumped", "spread", "crossed"])
def test_hand_computed_scores(key, response, expected):
    scorers = {"muc": evaluation.muc, "b3": evaluation.b_cubed, "ceafe": evaluation.ceaf_e}
    for name, (precision, recall) in expected.items():
        score = scorers[name](key, response)
        assert score.precision == pytest.approx(float(precision)), name
        assert score.recall == pytest.approx(float(recall)), name


def test_conll_is_the_mean_of_the_three_f1():
    key, response, _ = SPLIT
    assert evaluation.conll(key, response)["conll"] == pytest.approx(float((F(2, 3) + F(11, 15) + F(4, 5)) / 3))
    assert evaluation.conll(key, key)["conll"] == pytest.approx(1.0)


GOLD = {"documents": {
    "d1": {"topic": "1", "events": [
        {"id": "1", "start": 0, "end": 6, "text": "bombed", "cluster": "X"},
        {"id": "2", "start": 20, "end": 28, "text": "bombings", "cluster": "X"},
        {"id": "3", "start": 40, "end": 44, "text": "said", "cluster": "s1"},
        {"id": "4", "start": 50, "end": 55, "text": "noise", "cluster": "n", "coref": False}]},
    "d2": {"topic": "1", "events": [
        {"id": "1", "start": 3, "end": 9, "text": "attack", "cluster": "X", "pred": "attack"},
        {"id": "2", "start": 30, "end": 35, "text": "funeral", "cluster": "Y"}]}},
    "clusters": [
        {"id": "X", "kind": "cross-doc", "date": {"value": "2016-03"},
         "mentions": [{"doc": "d1", "event": "1"}, {"doc": "d1", "event": "2"}, {"doc": "d2", "event": "1"}]},
        {"id": "Y", "kind": "cross-doc", "date": {"value": "2016-03-08"}, "mentions": [{"doc": "d2", "event": "2"}]},
        {"id": "s1", "kind": "intra-doc", "date": None, "mentions": [{"doc": "d1", "event": "3"}]}]}


def test_gold_mentions_skip_non_coreference_mentions_and_use_pred():
    mentions = evaluation.gold_mentions(GOLD, str.lower)
    assert [(m.doc, m.event, m.lemma) for m in mentions] == [
        ("d1", "1", "bombed"), ("d1", "2", "bombings"), ("d1", "3", "said"), ("d2", "1", "attack"), ("d2", "2", "funeral")]
    assert sorted(map(sorted, evaluation.same_lemma(mentions))) == [
        [("d1", "1")], [("d1", "2")], [("d1", "3")], [("d2", "1")], [("d2", "2")]]


def test_align_maps_overlapping_mentions_and_leaves_the_rest_singletons():
    mentions = evaluation.gold_mentions(GOLD, str.lower)
    entries = [
        {"id": "e1", "date": {"value": "2016-03-06"}, "mentions": [
            {"article": "d1", "start": 0, "end": 3},      # inside "bombed"
            {"article": "d2", "start": 0, "end": 9},      # covers "attack"
            {"article": "d2", "start": 100, "end": 104}]},  # no gold mention: dropped
        {"id": "e2", "date": {"value": "2016-04"}, "mentions": [{"article": "d2", "start": 30, "end": 35}]},
    ]
    response, holder = evaluation.align(mentions, entries)
    assert sorted(map(sorted, response)) == [
        [("d1", "1"), ("d2", "1")], [("d1", "2")], [("d1", "3")], [("d2", "2")]]
    assert holder == {("d1", "1"): "e1", ("d2", "1"): "e1", ("d2", "2"): "e2"}
    # X's entry e1 carries 2016-03-06, inside 2016-03; Y's entry e2 says 2016-04, not 2016-03-08.
    assert evaluation.date_accuracy(GOLD, holder, entries) == (1, 2)
