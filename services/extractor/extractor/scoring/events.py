"""TempEval-3 Task B scores: event extents (strict and relaxed) and event attributes.

Gold comes from ``.tml`` files: an EVENT tag gives the extent and class; tense, aspect, polarity and
modality sit on the first MAKEINSTANCE whose ``eventID`` is the EVENT's ``eid``. The system file is
JSONL, one event mention a line: ``{"doc", "start", "end", "text", "class", "tense", "aspect",
"polarity", "modality", ...}`` with offsets into the same text (``extractor events --out``).

Matching is one-to-one: first every system span with exactly the offsets of a gold span, then, in text
order, every remaining system span with the first remaining gold span it overlaps. Strict figures count
the exact pairs, relaxed ones all pairs. As in TempEval-3, an attribute's F1 is the relaxed F1 times
the attribute's accuracy over the relaxed pairs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..corpus import TmlGold, expand, read_tml_gold

ATTRIBUTES = ("class", "tense", "aspect", "polarity", "modality")


@dataclass(frozen=True)
class Mention:
    """One event extent with its attributes (missing modality is None)."""

    doc: str
    start: int
    end: int
    attrs: dict


def _modality(value: str | None) -> str | None:
    # TimeBank writes a few absent modalities as "none"; the system writes null.
    if value is None or value.strip().lower() in ("", "none"):
        return None
    return value.strip().lower()


def gold_mentions(gold: TmlGold) -> list[Mention]:
    """The EVENT tags of one gold document with the attributes of their first MAKEINSTANCE."""
    instances: dict[str, dict[str, str]] = {}
    for inst in gold.instances:
        instances.setdefault(inst.get("eventID", ""), inst)
    mentions = []
    for tag in gold.events:
        inst = instances.get(tag.attrs.get("eid", ""), {})
        attrs = {
            "class": tag.attrs.get("class"),
            "tense": inst.get("tense", "NONE"),
            "aspect": inst.get("aspect", "NONE"),
            "polarity": inst.get("polarity", "POS"),
            "modality": _modality(inst.get("modality")),
        }
        mentions.append(Mention(gold.doc, tag.start, tag.end, attrs))
    return mentions


def read_gold(gold_dir: str | Path) -> dict[str, list[Mention]]:
    """Gold mentions of every ``.tml`` file under ``gold_dir``, by document name."""
    return {g.doc: gold_mentions(g) for g in map(read_tml_gold, expand([gold_dir]))}


def read_records(jsonl_path: str | Path, mention: Callable[[dict], Mention | None],
                 what: str) -> dict[str, list[Mention]]:
    """The ``mention`` of each JSON line of an event export (None skips the line), by document.

    Raises ValueError naming the first line that is not ``what``.
    """
    out: dict[str, list[Mention]] = {}
    with open(jsonl_path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                found = mention(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{jsonl_path}:{n}: not {what}: {exc}") from None
            if found is not None:
                out.setdefault(found.doc, []).append(found)
    return out


def _attributed(rec: dict) -> Mention:
    return Mention(rec["doc"], int(rec["start"]), int(rec["end"]), {
        "class": rec.get("class"),
        "tense": rec.get("tense", "NONE"),
        "aspect": rec.get("aspect", "NONE"),
        "polarity": rec.get("polarity", "POS"),
        "modality": _modality(rec.get("modality")),
    })


def read_system(jsonl_path: str | Path) -> dict[str, list[Mention]]:
    """System mentions by document; raises ValueError naming the line that is not a mention."""
    return read_records(jsonl_path, _attributed, "an event mention")


def match(gold: list[Mention], system: list[Mention]) -> tuple[list[tuple[Mention, Mention]], int]:
    """One-to-one pairs (gold, system) and how many of them have exactly the same offsets."""
    free_gold = sorted(gold, key=lambda m: (m.start, m.end))
    pairs: list[tuple[Mention, Mention]] = []
    rest: list[Mention] = []
    by_offsets = {(g.start, g.end): g for g in free_gold}
    for s in sorted(system, key=lambda m: (m.start, m.end)):
        g = by_offsets.pop((s.start, s.end), None)
        if g is None:
            rest.append(s)
        else:
            pairs.append((g, s))
    strict = len(pairs)
    taken = {id(g) for g, _ in pairs}
    for s in rest:
        for g in free_gold:
            if id(g) not in taken and g.start < s.end and s.start < g.end:
                taken.add(id(g))
                pairs.append((g, s))
                break
    return pairs, strict


def _prf(hits: int, n_system: int, n_gold: int) -> dict[str, float]:
    p = hits / n_system if n_system else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(gold: dict[str, list[Mention]], system: dict[str, list[Mention]],
          docs: Iterable[str] | None = None) -> dict:
    """Figures over ``docs`` (default: every gold document); system documents without gold are ignored.

    Returns ``{"gold", "system", "strict", "relaxed", "attributes": {name: {"accuracy", "f1"}}}``.
    """
    names = sorted(gold) if docs is None else sorted(docs)
    n_gold = n_system = n_strict = 0
    pairs: list[tuple[Mention, Mention]] = []
    for name in names:
        g, s = gold.get(name, []), system.get(name, [])
        doc_pairs, strict = match(g, s)
        n_gold += len(g)
        n_system += len(s)
        n_strict += strict
        pairs.extend(doc_pairs)
    relaxed = _prf(len(pairs), n_system, n_gold)
    attributes = {}
    for attr in ATTRIBUTES:
        correct = sum(g.attrs[attr] == s.attrs[attr] for g, s in pairs)
        accuracy = correct / len(pairs) if pairs else 0.0
        attributes[attr] = {"accuracy": accuracy, "f1": relaxed["f1"] * accuracy}
    return {
        "gold": n_gold, "system": n_system,
        "strict": _prf(n_strict, n_system, n_gold), "relaxed": relaxed,
        "attributes": attributes,
    }


def figures(gold_dir: str | Path, jsonl_path: str | Path) -> dict:
    """``score`` of a system file against the ``.tml`` files under ``gold_dir``."""
    return score(read_gold(gold_dir), read_system(jsonl_path))


def prf_line(kind: str, r: dict[str, float]) -> str:
    """One row of a report: precision, recall and F1 of ``kind``."""
    return f"{kind:9} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}"


def report(result: dict) -> str:
    lines = [f"events: gold {result['gold']}, system {result['system']}"]
    lines += [prf_line(kind, result[kind]) for kind in ("strict", "relaxed")]
    for attr, r in result["attributes"].items():
        lines.append(f"{attr:9} accuracy {r['accuracy']:.4f}  F1 {r['f1']:.4f}")
    return "\n".join(lines)
