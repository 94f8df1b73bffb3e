"""bench-merge's ceilings: what the extractor's mentions allow (pure functions, no data set)."""
import importlib.util
from pathlib import Path

from timeline import evaluation

_SPEC = importlib.util.spec_from_file_location(
    "bench_merge_run", Path(__file__).resolve().parents[2] / "benchmarks" / "merge" / "run.py")
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)


def test_covered_keeps_found_mentions_together_and_leaves_the_rest_alone():
    clustering = [{"a1", "a2", "a3"}, {"b1", "b2"}, {"c1"}]
    got = bench.covered(clustering, {"a1", "a3", "c1"})
    assert sorted(map(sorted, got)) == [["a1", "a3"], ["a2"], ["b1"], ["b2"], ["c1"]]


def test_the_gold_over_what_was_found_is_perfect_precision_and_loses_recall_only_for_the_rest():
    key = [{"a1", "a2", "a3"}, {"b1", "b2"}]
    scores = evaluation.conll(key, bench.covered(key, {"a1", "a2", "a3", "b1"}))
    assert scores["muc"].precision == 1.0
    assert scores["muc"].recall == 2 / 3  # a's two links kept, b's one lost
