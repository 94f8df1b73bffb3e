"""The cue lexicons that decide whether an event happened, read from ``events/resources/*_cues.yaml``.

Each file holds word lists (lemmas, lower case) and ``examples``: sentences with the status (and
source) the pipeline must give one of their events; ``tests/extractor/events/test_status.py`` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RESOURCES = Path(__file__).parent / "resources"
# file stem -> the word lists it must hold
FILES = {
    "reporting_cues": ("verbs", "prepositions"),
    "negation_cues": ("negators", "contrast", "governors", "object_governors"),
    "denial_cues": ("verbs", "falsity", "truth", "link_verbs"),
    "modal_cues": ("modals", "conditional", "conditional_marks", "purpose_marks", "governors", "object_governors"),
    "future_cues": ("auxiliaries", "governors", "object_governors", "modifiers", "realized", "time_marks"),
    "dating_cues": ("prepositions", "noun_prepositions", "ordering", "present_words", "recurring"),
}


@dataclass(frozen=True)
class Example:
    """A sentence, the word of the event in it, and what the pipeline must say about that event."""

    source: str
    text: str
    event: str
    expected: dict


@dataclass(frozen=True)
class Cues:
    """Every cue list, as ``lists[file stem][list name]`` (frozensets of lower-case words)."""

    lists: dict[str, dict[str, frozenset[str]]]
    examples: tuple[Example, ...]

    def __getitem__(self, key: str) -> frozenset[str]:
        """``cues["modal_cues.modals"]``; raises KeyError for an unknown list."""
        stem, _, name = key.partition(".")
        return self.lists[stem][name]


def load_cues(folder: str | Path = RESOURCES) -> Cues:
    """Read every cue file; raises ValueError naming the file and the list or example that is malformed."""
    folder = Path(folder)
    lists: dict[str, dict[str, frozenset[str]]] = {}
    examples: list[Example] = []
    for stem, names in FILES.items():
        path = folder / f"{stem}.yaml"
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        lists[stem] = {}
        for name in names:
            words = data.get(name)
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise ValueError(f"{path}: {name!r} must be a list of words")
            lists[stem][name] = frozenset(w.lower() for w in words)
        for n, entry in enumerate(data.get("examples") or [], 1):
            if not isinstance(entry, dict) or not {"text", "event"} <= set(entry) or len(entry) < 3:
                raise ValueError(f"{path}: example {n} needs text, event and an expected value")
            expected = {k: v for k, v in entry.items() if k not in ("text", "event")}
            examples.append(Example(f"{stem}#{n}", entry["text"], entry["event"], expected))
    return Cues(lists, tuple(examples))
