"""Factuality of event mentions against MEANTIME's gold (``gold.json``, ``timeline-eval-gold/1``).

Gold factuality {certainty, polarity, time} of each mention falls in one of four groups, first rule
that applies: polarity NEG -> negated; certainty PROBABLE or POSSIBLE -> hypothetical ("may have an
impact" is uncertain before it is future); time FUTURE -> planned; anything else -> occurred. With
``future_first`` the time rule comes before the certainty rule. Mentions without factuality are left
out. System statuses map onto the same groups: negated/denied -> negated, hypothetical, planned, and
occurred/ongoing/reported -> occurred.

System events (JSONL with ``doc``, ``start``, ``end``, ``status``) are aligned one-to-one with gold
mentions by overlapping extents (``extractor.scoring.events.match``); figures are over aligned pairs:
accuracy per gold group (its recall), per-group precision/recall/F1 and their macro average.

    python benchmarks/extract/factuality.py GOLD.json SYSTEM.jsonl [--future-first]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor.scoring.events import Mention, match

GROUPS = ("occurred", "planned", "hypothetical", "negated")
SYSTEM_GROUP = {"occurred": "occurred", "ongoing": "occurred", "reported": "occurred", "planned": "planned",
                "hypothetical": "hypothetical", "negated": "negated", "denied": "negated"}


def gold_group(factuality: dict | None, future_first: bool = False) -> str | None:
    """The group of a gold factuality, None when it is missing."""
    if not factuality or not any(factuality.values()):
        return None
    if factuality.get("polarity") == "NEG":
        return "negated"
    uncertain = factuality.get("certainty") in ("PROBABLE", "POSSIBLE")
    future = factuality.get("time") == "FUTURE"
    if future_first and future:
        return "planned"
    if uncertain:
        return "hypothetical"
    return "planned" if future else "occurred"


def read_gold(path: str | Path, future_first: bool = False) -> dict[str, list[Mention]]:
    """Gold mentions with a factuality group, by document; raises ValueError for another format."""
    data = json.loads(Path(path).read_text("utf-8"))
    if data.get("format") != "timeline-eval-gold/1":
        raise ValueError(f"{path}: not a timeline-eval-gold/1 file")
    out: dict[str, list[Mention]] = {}
    for name, doc in data["documents"].items():
        out[name] = [Mention(name, e["start"], e["end"], {"group": g}) for e in doc["events"]
                     if (g := gold_group(e.get("factuality"), future_first)) is not None]
    return out


def read_system(path: str | Path) -> dict[str, list[Mention]]:
    """System mentions by document; raises ValueError naming a line without a known status."""
    out: dict[str, list[Mention]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("status") not in SYSTEM_GROUP:
                raise ValueError(f"{path}:{n}: status {rec.get('status')!r} is not one of {sorted(SYSTEM_GROUP)}")
            out.setdefault(rec["doc"], []).append(
                Mention(rec["doc"], rec["start"], rec["end"], {"group": SYSTEM_GROUP[rec["status"]]}))
    return out


def score(gold: dict[str, list[Mention]], system: dict[str, list[Mention]]) -> dict:
    """``{"gold", "aligned", "accuracy", "macro_f1", "groups": {group: {"gold", "precision", "recall", "f1"}}}``."""
    pairs = []
    n_gold = 0
    for name, g in gold.items():
        n_gold += len(g)
        pairs.extend(match(g, system.get(name, []))[0])
    groups = {}
    for group in GROUPS:
        tp = sum(g.attrs["group"] == group and s.attrs["group"] == group for g, s in pairs)
        n_g = sum(g.attrs["group"] == group for g, _ in pairs)
        n_s = sum(s.attrs["group"] == group for _, s in pairs)
        p, r = (tp / n_s if n_s else 0.0), (tp / n_g if n_g else 0.0)
        groups[group] = {"gold": n_g, "system": n_s, "precision": p, "recall": r,
                         "f1": 2 * p * r / (p + r) if p + r else 0.0}
    correct = sum(g.attrs["group"] == s.attrs["group"] for g, s in pairs)
    return {"gold": n_gold, "aligned": len(pairs), "accuracy": correct / len(pairs) if pairs else 0.0,
            "macro_f1": sum(v["f1"] for v in groups.values()) / len(GROUPS), "groups": groups}


def report(result: dict) -> str:
    lines = [f"factuality: gold mentions {result['gold']}, aligned {result['aligned']}, "
             f"accuracy {result['accuracy']:.4f}, macro-F1 {result['macro_f1']:.4f}"]
    for group, r in result["groups"].items():
        lines.append(f"  {group:12} gold {r['gold']:4}  system {r['system']:4}  accuracy(recall) {r['recall']:.4f}"
                     f"  P {r['precision']:.4f}  F1 {r['f1']:.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("gold")
    p.add_argument("system")
    p.add_argument("--future-first", action="store_true", help="time FUTURE before certainty")
    args = p.parse_args(argv)
    try:
        result = score(read_gold(args.gold, args.future_first), read_system(args.system))
    except (OSError, ValueError, KeyError) as exc:
        print(f"factuality: {exc}", file=sys.stderr)
        return 2
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
