"""TempEval-3 Task A scoring of temporal expressions: extents (strict and relaxed) and attributes.

Follows the TempEval-3 evaluation (UzZaman et al., 2013, and its ``evaluate_entities.py``):

- system and gold expressions are aligned one to one; a pair is a *relaxed* match when the
  extents overlap and a *strict* match when they are identical;
- precision = matches / system expressions, recall = matches / gold expressions, micro-averaged
  over the whole corpus;
- attribute (value, type) accuracy = correct attribute / relaxed matches, and the attribute F1
  the task ranks by = relaxed F1 × attribute accuracy.

The toolkit aligns by an id normalizer; here identical extents pair first, then the remaining
overlaps pair by largest overlap (ties: earliest gold, then earliest system), so that one system
expression never earns two matches. The DCT is outside ``<TEXT>`` and is never scored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..corpus import read_tml_gold


@dataclass(frozen=True)
class Mention:
    """One temporal expression, gold or system, with offsets into its document's text."""

    doc: str
    start: int
    end: int
    type: str | None
    value: str | None
    text: str = ""


@dataclass(frozen=True)
class Pair:
    gold: Mention
    system: Mention

    @property
    def strict(self) -> bool:
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)


@dataclass(frozen=True)
class Alignment:
    """How the system expressions of a corpus line up with the gold ones."""

    pairs: tuple[Pair, ...]
    missed: tuple[Mention, ...]
    spurious: tuple[Mention, ...]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    """Counts and the TempEval-3 figures derived from them."""

    gold: int
    system: int
    strict: int
    relaxed: int
    value_correct: int
    type_correct: int

    def _p(self, n: int) -> float:
        return n / self.system if self.system else 0.0

    def _r(self, n: int) -> float:
        return n / self.gold if self.gold else 0.0

    @property
    def strict_p(self) -> float:
        return self._p(self.strict)

    @property
    def strict_r(self) -> float:
        return self._r(self.strict)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_p, self.strict_r)

    @property
    def relaxed_p(self) -> float:
        return self._p(self.relaxed)

    @property
    def relaxed_r(self) -> float:
        return self._r(self.relaxed)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_p, self.relaxed_r)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed if self.relaxed else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    def as_dict(self) -> dict[str, float | int]:
        names = ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
                 "value_accuracy", "type_accuracy", "value_f1", "type_f1")
        counts = {k: getattr(self, k) for k in ("gold", "system", "strict", "relaxed", "value_correct", "type_correct")}
        return counts | {k: round(getattr(self, k), 4) for k in names}


def _align_doc(gold: list[Mention], system: list[Mention]) -> tuple[list[Pair], list[Mention], list[Mention]]:
    free_gold = set(range(len(gold)))
    free_sys = set(range(len(system)))
    pairs: list[Pair] = []
    by_extent = {}
    for i, g in enumerate(gold):
        by_extent.setdefault((g.start, g.end), i)
    for j, s in enumerate(system):
        i = by_extent.get((s.start, s.end))
        if i is not None and i in free_gold:
            pairs.append(Pair(gold[i], s))
            free_gold.discard(i)
            free_sys.discard(j)
    candidates = sorted(
        (-(min(gold[i].end, system[j].end) - max(gold[i].start, system[j].start)), gold[i].start, system[j].start, i, j)
        for i in free_gold for j in free_sys
        if gold[i].start < system[j].end and system[j].start < gold[i].end
    )
    for *_, i, j in candidates:
        if i in free_gold and j in free_sys:
            pairs.append(Pair(gold[i], system[j]))
            free_gold.discard(i)
            free_sys.discard(j)
    return pairs, [gold[i] for i in sorted(free_gold)], [system[j] for j in sorted(free_sys)]


def align(gold: Iterable[Mention], system: Iterable[Mention]) -> Alignment:
    """Pair system expressions with gold ones, document by document, one to one."""
    by_doc: dict[str, tuple[list[Mention], list[Mention]]] = {}
    for m in gold:
        by_doc.setdefault(m.doc, ([], []))[0].append(m)
    for m in system:
        by_doc.setdefault(m.doc, ([], []))[1].append(m)
    pairs: list[Pair] = []
    missed: list[Mention] = []
    spurious: list[Mention] = []
    for doc in sorted(by_doc):
        p, mi, sp = _align_doc(*by_doc[doc])
        pairs.extend(sorted(p, key=lambda pair: (pair.gold.start, pair.gold.end)))
        missed.extend(mi)
        spurious.extend(sp)
    return Alignment(tuple(pairs), tuple(missed), tuple(spurious))


def score_alignment(a: Alignment) -> Scores:
    return Scores(
        gold=len(a.pairs) + len(a.missed),
        system=len(a.pairs) + len(a.spurious),
        strict=sum(p.strict for p in a.pairs),
        relaxed=len(a.pairs),
        value_correct=sum(p.gold.value == p.system.value for p in a.pairs),
        type_correct=sum(p.gold.type == p.system.type for p in a.pairs),
    )


def score(gold: Iterable[Mention], system: Iterable[Mention]) -> Scores:
    return score_alignment(align(gold, system))


def read_gold(gold_dir: str | Path) -> tuple[list[Mention], dict[str, str]]:
    """The gold TIMEX3s of every ``.tml`` under ``gold_dir`` and each document's text, by file stem.

    Raises ValueError when the folder holds no ``.tml`` file or a file has no ``<TEXT>``.
    """
    files = sorted(Path(gold_dir).rglob("*.tml"))
    if not files:
        raise ValueError(f"{gold_dir}: no .tml files")
    mentions: list[Mention] = []
    texts: dict[str, str] = {}
    for f in files:
        g = read_tml_gold(f)
        texts[g.doc] = g.text
        mentions.extend(
            Mention(g.doc, t.start, t.end, t.attrs.get("type"), t.attrs.get("value"), t.text) for t in g.timexes
        )
    return mentions, texts


def parse_system(lines: Iterable[str], texts: dict[str, str], source: str = "<system>") -> Iterator[Mention]:
    """System expressions from JSON lines ``{"doc","start","end","type","value","text"?}``.

    Each is checked against the gold texts so that an offset mistake is an error rather than a
    silently low score. Raises ValueError naming the line for bad JSON, missing or bad fields, an
    unknown document, offsets outside the text, or a ``text`` that differs from the text at the offsets.
    """
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{where}: expected a JSON object")
        doc, start, end = obj.get("doc"), obj.get("start"), obj.get("end")
        if not isinstance(doc, str) or not isinstance(start, int) or not isinstance(end, int):
            raise ValueError(f"{where}: needs a string doc and integer start and end")
        if doc not in texts:
            raise ValueError(f"{where}: document {doc!r} is not in the gold folder")
        text = texts[doc]
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{where}: offsets {start}-{end} outside {doc} (length {len(text)})")
        if "text" in obj and obj["text"] != text[start:end]:
            raise ValueError(f"{where}: text {obj['text']!r} but {doc}[{start}:{end}] is {text[start:end]!r}")
        yield Mention(doc, start, end, obj.get("type"), obj.get("value"), text[start:end])


def score_files(gold_dir: str | Path, system_path: str | Path) -> Alignment:
    """Align a system JSONL file with the gold folder; raises ValueError/OSError on bad input."""
    gold, texts = read_gold(gold_dir)
    with open(system_path, encoding="utf-8") as f:
        system = list(parse_system(f, texts, str(system_path)))
    return align(gold, system)


def format_scores(s: Scores) -> str:
    """A small table in the layout of the TempEval-3 report."""
    pct = lambda x: f"{100 * x:6.2f}"  # noqa: E731
    return "\n".join([
        f"gold {s.gold}  system {s.system}  strict matches {s.strict}  relaxed matches {s.relaxed}",
        "           P       R      F1",
        f"strict  {pct(s.strict_p)}  {pct(s.strict_r)}  {pct(s.strict_f1)}",
        f"relaxed {pct(s.relaxed_p)}  {pct(s.relaxed_r)}  {pct(s.relaxed_f1)}",
        "        accuracy   F1",
        f"value   {pct(s.value_accuracy)}  {pct(s.value_f1)}",
        f"type    {pct(s.type_accuracy)}  {pct(s.type_f1)}",
    ])


def format_errors(a: Alignment) -> Iterator[str]:
    """One tab-separated line per error: missed, spurious, extent (relaxed only), value, type."""
    def show(m: Mention) -> str:
        return f"{m.text!r}@{m.start} {m.type} {m.value}"

    for m in a.missed:
        yield f"{m.doc}\tmissed\t{show(m)}\t"
    for m in a.spurious:
        yield f"{m.doc}\tspurious\t\t{show(m)}"
    for p in a.pairs:
        wrong = [k for k, bad in (("extent", not p.strict), ("value", p.gold.value != p.system.value),
                                  ("type", p.gold.type != p.system.type)) if bad]
        if wrong:
            yield f"{p.gold.doc}\t{','.join(wrong)}\t{show(p.gold)}\t{show(p.system)}"
