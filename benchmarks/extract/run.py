"""``make bench-extract`` (event part): whether events happened and when, on TimeBank and MEANTIME.

Runs the extractor over TimeBank (``.tml``, each document's DCT as publication date) and MEANTIME
apple (``articles/*.json``), writes the event mentions as JSON lines to ``benchmarks/out/extract/``
(the records ``extractor events --out`` writes) and prints:

* anchoring P/R/F1, strict and lenient (``extractor.scoring.anchoring``, as ``extractor
  score-anchoring``), on TimeBank and on MEANTIME;
* factuality accuracy per gold group and macro-F1 on MEANTIME (``factuality.py``).

``--mentions system`` (default) runs the whole pipeline, so the figures include trigger errors;
``--mentions gold`` puts the gold event extents in ``doc.spans["events"]`` instead of the trigger
component (tense, aspect, polarity and modality still come from the parse, the class from TimeBank's
gold, OCCURRENCE on MEANTIME, which has no classes) and so measures status and dating alone.

    python benchmarks/extract/run.py [--mentions system|gold] [--data ../shared/data] [--limit N] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Span

import factuality
from extractor import export, pipeline
from extractor.config import load_settings
from extractor.corpus import SourceDocument, read_documents, read_tml_gold
from extractor.events.mention import EventMention
from extractor.events.verbgroup import verb_group
from extractor.scoring import anchoring

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "out" / "extract"
AFTER_TRIGGERS = ("event_status", "event_dates")
# components the gold-mention run does without: gold extents replace the triggers, and neither
# entities nor arguments bear on status or dates
NOT_WITH_GOLD = ("event_triggers", "entities", "event_arguments")


def corpora(data: Path) -> dict[str, tuple[Path, Path]]:
    """name -> (documents, gold) for the two corpora."""
    return {
        "timebank": (data / "tempeval3" / "TimeBank", data / "tempeval3" / "TimeBank"),
        "meantime": (data / "meantime-apple" / "articles", data / "meantime-apple" / "gold.json"),
    }


def gold_extents(name: str, gold: Path) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, TimeML class) of every gold event mention, by document."""
    if gold.suffix == ".json":
        data = json.loads(gold.read_text("utf-8"))
        return {doc: [(e["start"], e["end"], e.get("class") or "OCCURRENCE") for e in d["events"]]
                for doc, d in data["documents"].items()}
    return {g.doc: [(t.start, t.end, t.attrs.get("class", "OCCURRENCE")) for t in g.events]
            for g in map(read_tml_gold, sorted(gold.glob("*.tml")))}


def with_gold_mentions(nlp, docs: list[SourceDocument], extents: dict) -> Iterator[dict]:
    """Records of the gold mentions after our status and dating components."""
    with nlp.select_pipes(disable=list(AFTER_TRIGGERS)):
        parsed = list(pipeline.process(nlp, (d.article for d in docs)))
    for source, doc in zip(docs, parsed):
        spans = []
        for start, end, cls in extents.get(source.doc, []):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            group = verb_group(span.root)
            span = Span(doc, span.start, span.end, label=cls)
            span._.event = EventMention(span.root.lemma_.lower(), cls, group.tense, group.aspect,
                                        group.polarity, group.modality)
            spans.append(span)
        doc.spans["events"] = spans
        for name in AFTER_TRIGGERS:
            nlp.get_pipe(name)(doc)
        for span in sorted(spans, key=lambda s: s.start_char):
            yield export.event_record(source.doc, span)


def write(records: Iterable[dict], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mentions", choices=("system", "gold"), default="system")
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--limit", type=int, default=0, help="only the first N documents of each corpus")
    p.add_argument("--out", type=Path, default=OUT, help="folder for the JSON lines (default benchmarks/out/extract)")
    args = p.parse_args(argv)
    nlp = pipeline.load(load_settings().spacy_model, disable=NOT_WITH_GOLD if args.mentions == "gold" else ())
    for name, (docs_path, gold) in corpora(args.data).items():
        docs = list(read_documents([docs_path]))
        if args.limit:
            docs = docs[:args.limit]
        t0 = time.perf_counter()
        if args.mentions == "gold":
            records = with_gold_mentions(nlp, docs, gold_extents(name, gold))
        else:
            records = export.events(nlp, docs)
        out = args.out / f"{args.mentions}-{name}.jsonl"
        n = write(records, out)
        print(f"== {name}: {len(docs)} documents, {n} event mentions ({args.mentions}) in "
              f"{time.perf_counter() - t0:.1f}s -> {out}")
        result = anchoring.score(
            {k: v for k, v in anchoring.read_gold(gold).items() if k in {d.doc for d in docs}},
            anchoring.read_system(out))
        print(anchoring.report(result))
        if gold.suffix == ".json":
            gold_f = {k: v for k, v in factuality.read_gold(gold).items() if k in {d.doc for d in docs}}
            print(factuality.report(factuality.score(gold_f, factuality.read_system(out))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
