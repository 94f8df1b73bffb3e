"""Event mention recall of the extractor on other news (ECB+, MEANTIME) and a precision proxy.

Runs ``extractor events`` on a corpus's article folder and compares its mentions with the gold events
of ``gold.json`` (``timeline-eval-gold/1``). Recall: share of the gold mentions marked ``coref`` (those
of the fully annotated sentences) that a system mention overlaps. Precision proxy: share of the
system mentions inside the fully annotated ranges (``scored``) that overlap a gold mention; ECB+ marks
mostly the actions of each topic's story, so this is a lower bound, useful to compare runs only.

    python benchmarks/events/mention_recall.py [--corpus ecbplus meantime] [--every N] [--json OUT]

``--every 4`` keeps every fourth article (sorted by name) for quick iterations.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
CORPORA = {"ecbplus": DATA / "ecbplus-dev", "meantime": DATA / "meantime-apple"}
EXTRACTOR = ROOT / ".venv" / "bin" / "extractor"


def system_mentions(paths: list[Path]) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, text) of the extractor's event mentions, by document id."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "events.jsonl"
        subprocess.run([str(EXTRACTOR), "events", "--out", str(out), *map(str, paths)], check=True,
                       stdout=subprocess.DEVNULL)
        found: dict[str, list[tuple[int, int, str]]] = {}
        for line in out.read_text("utf-8").splitlines():
            m = json.loads(line)
            found.setdefault(m["doc"], []).append((m["start"], m["end"], m["text"]))
    return found


def overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e, *_ in spans)


def score(documents: dict, found: dict) -> dict:
    """Recall of the scored gold mentions, precision proxy and counts; the most missed gold words."""
    gold_total = hit = system_total = system_scored = system_right = 0
    missed: Counter = Counter()
    for doc_id, doc in documents.items():
        events = doc["events"]
        system = found.get(doc_id, [])
        system_total += len(system)
        for event in events:
            if not event.get("coref"):
                continue
            gold_total += 1
            if overlaps(event["start"], event["end"], system):
                hit += 1
            else:
                missed[event["text"].lower()] += 1
        gold_spans = [(e["start"], e["end"]) for e in events]
        for start, end, _ in system:
            if overlaps(start, end, doc.get("scored", [])):
                system_scored += 1
                system_right += overlaps(start, end, gold_spans)
    return {"documents": len(documents), "gold": gold_total, "recall": round(hit / max(gold_total, 1), 4),
            "system": system_total, "system_scored": system_scored,
            "precision_proxy": round(system_right / max(system_scored, 1), 4),
            "missed_top": missed.most_common(30)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="*", choices=sorted(CORPORA), default=sorted(CORPORA))
    ap.add_argument("--every", type=int, default=1, help="keep every N-th article")
    ap.add_argument("--missed", action="store_true", help="also print the most missed gold words")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    results = {}
    for name in args.corpus:
        folder = CORPORA[name]
        gold = json.loads((folder / "gold.json").read_text("utf-8"))["documents"]
        paths = sorted((folder / "articles").glob("*.json"))[::args.every]
        documents = {p.stem: gold[p.stem] for p in paths if p.stem in gold}
        result = score(documents, system_mentions(paths))
        results[name] = result
        print(f"{name}: {result['documents']} articles, recall {result['recall']:.4f} of {result['gold']} gold "
              f"mentions; {result['system']} system mentions, {result['system_scored']} in annotated "
              f"sentences, precision proxy {result['precision_proxy']:.4f}")
        if args.missed:
            print("  missed:", ", ".join(f"{w} {n}" for w, n in result["missed_top"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
