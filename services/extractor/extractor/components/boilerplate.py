"""Site furniture of web news pages ("Leave a Comment", "Click here to…", bylines) as ``doc.spans``.

Rules are data (``resources/boilerplate.yaml``): each is a regular expression that must match a whole
line of the text, or a whole sentence when the pipeline has split sentences, so that a news sentence
merely starting with "Share" or "By" is left alone. Every matching line or sentence becomes one span
labelled with the rule's name in ``doc.spans["boilerplate"]``; later components skip its tokens.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

SPANS_KEY = "boilerplate"
RULES_PATH = Path(__file__).parent / "resources" / "boilerplate.yaml"
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Rule:
    """A named whole-line pattern with the lines it must (``boilerplate``) and must not (``text``) match."""

    name: str
    pattern: re.Pattern
    boilerplate: tuple[str, ...]
    text: tuple[str, ...]

    def matches(self, unit: str) -> bool:
        return self.pattern.fullmatch(unit.strip()) is not None


def load_rules(path: str | Path = RULES_PATH) -> list[Rule]:
    """Read the rules file; raises ValueError naming the file and rule that is malformed."""
    path = Path(path)
    rules = []
    for n, entry in enumerate(yaml.safe_load(path.read_text("utf-8")) or [], 1):
        name = entry.get("name", f"#{n}") if isinstance(entry, dict) else f"#{n}"
        try:
            flags = 0 if entry.get("case") == "sensitive" else re.IGNORECASE
            examples = entry.get("examples") or {}
            rules.append(Rule(
                name=entry["name"],
                pattern=re.compile(entry["pattern"], flags),
                boilerplate=tuple(examples.get("boilerplate", ())),
                text=tuple(examples.get("text", ())),
            ))
        except (AttributeError, KeyError, TypeError, re.error) as exc:
            raise ValueError(f"{path}: rule {name}: {exc!r}") from None
    return rules


class Boilerplate:
    """Marks lines and sentences that a rule matches whole as ``doc.spans["boilerplate"]``."""

    def __init__(self, nlp: Language, name: str = "boilerplate", rules_path: str | None = None):
        self.name = name
        self.rules = load_rules(rules_path or RULES_PATH)

    def rule_for(self, unit: str) -> Rule | None:
        """The first rule that matches ``unit`` whole, or None."""
        return next((r for r in self.rules if r.matches(unit)), None)

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self.find(doc))
        self.set_annotations(doc, spans)
        return doc

    def find(self, doc: Doc) -> Iterator[Span]:
        text = doc.text  # built anew from the tokens at every access
        for start, end in self._units(doc, text):
            rule = self.rule_for(text[start:end])
            if rule is not None:
                span = doc.char_span(start, end, label=rule.name, alignment_mode="expand")
                if span is not None and len(span):
                    yield span

    @staticmethod
    def _units(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
        """Character ranges of every line and, within lines, of every sentence (when sentences are set)."""
        lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
        yield from lines
        if not lines or not doc.has_annotation("SENT_START"):
            return
        starts = [start for start, _ in lines]
        for sent in doc.sents:
            first = max(bisect_right(starts, sent.start_char) - 1, 0)
            for start, end in lines[first:bisect_left(starts, sent.end_char)]:
                piece = (max(sent.start_char, start), min(sent.end_char, end))
                if piece[0] < piece[1] and piece != (start, end):
                    yield piece

    @staticmethod
    def set_annotations(doc: Doc, spans: list[Span]) -> None:
        # A line and one of its sentences may both match; keep each token once.
        seen: set[int] = set()
        kept = []
        for span in sorted(spans, key=lambda s: (s.start, -len(s))):
            if span.start not in seen:
                kept.append(span)
                seen.update(range(span.start, span.end))
        doc.spans[SPANS_KEY] = kept


@Language.factory("boilerplate", assigns=["doc.spans"], default_config={"rules_path": None})
def make_boilerplate(nlp: Language, name: str, rules_path: str | None) -> Boilerplate:
    return Boilerplate(nlp, name, rules_path)
