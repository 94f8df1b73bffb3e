"""Load a language's temporal rules from data, and find their matches in a text.

``resources/<lang>/`` holds ``lexicon.yaml`` (word lists and their normalized values),
``triggers.yaml`` (the words a rule's matches hold) and ``rules/*.yaml``, one list of rules a file:

    - name: month_day
      pattern: (?P<month>%month) (?P<day>%day)     # %list and %function expand; a space is \\s+
      type: DATE
      triggers: [month]                              # the rule runs only around these words
      value: UNDEF-year-{month:month}-{day:day}     # {group}, {group:list_or_function}, {group:f|default}
      mod: ...                                       # optional, a template too; also quant, freq
      prefixes: [part, approx]                       # optional: "early", "about" taken in front
      sets_reference: false                          # optional: later anaphora ignore this match
      not_after_name: true                           # optional: not after a name ("Theresa May")
      examples:
        - [April 9, 2016-04-09]                      # text, value (, tense); NONE: nothing found
        - {text: in March, extent: March, value: 2016-03, dct: 2016-03-31, tense: past}

A group named ``x``, where it matched, marks the extent when the pattern needs context around it.
Patterns are compiled once, case-insensitive, and must start and end at word edges. Values are left
underspecified here; ``resolve`` anchors them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import norms
from .timex import TYPES

RESOURCES = Path(__file__).parent / "resources"
DEFAULT_DCT = dt.date(2016, 3, 31)
_RULE_KEYS = {"name", "pattern", "type", "triggers", "value", "mod", "quant", "freq", "examples", "prefixes",
              "sets_reference", "not_after_name"}
# a capitalized word (or title) inside a sentence just before: "Theresa May", "Mrs. May"
_NAME_BEFORE = re.compile(r"[^.!?\s\"'“‘(]\s+(?:Mrs?\.|Ms\.|Dr\.|[A-Z][a-z]+)\s+$")
# the modifiers a rule's matches take in front by default: "early March", "about two years"
_PREFIXES = {"DATE": ("part",), "TIME": ("part", "approx"), "DURATION": ("approx",), "SET": ()}
_PLACEHOLDER = re.compile(r"%([a-z_]+)")
_FIELD = re.compile(r"\{([a-z_0-9]+)(?::([a-z_]+))?(?:\|([^}]*))?\}")
# how far a match may reach before and after the trigger word it holds (characters)
_BEFORE, _AFTER = 40, 30
_WORD = re.compile(r"\w+")
# trigger groups of tokens by shape rather than by word
_TOKEN_GROUPS = {"digits": re.compile(r"\b\d"), "year_digits": re.compile(r"\b(?:1\d|20)\d\d"),
                 "period_code": re.compile(r"\b(?:FY|[QH][1-4]\b)")}
_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END",
         "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}


class RuleError(ValueError):
    """A rule or word list that cannot be used, named by file and rule."""

    def __init__(self, file: str, rule: str, message: str):
        super().__init__(f"{file}: {rule}: {message}")
        self.file, self.rule, self.message = file, rule, message


@dataclass(frozen=True)
class Example:
    text: str
    value: str
    extent: str
    dct: dt.date
    tense: str | None


@dataclass(frozen=True)
class Rule:
    name: str
    file: str
    type: str
    regex: re.Pattern
    value: str
    mod: str | None
    quant: str | None
    freq: str | None
    examples: tuple[Example, ...]
    order: int
    triggers: tuple[str, ...]
    prefixes: tuple[str, ...] = ()
    sets_reference: bool = True
    not_after_name: bool = False


@dataclass(frozen=True)
class Match:
    """A rule's match: character offsets of the extent and the underspecified value it gives."""

    start: int
    end: int
    rule: Rule
    value: str
    mod: str | None
    quant: str | None
    freq: str | None


class RuleSet:
    """The compiled rules of one language."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, dict[str, str]], prefixes: dict[str, re.Pattern],
                 triggers: dict[str, frozenset[str]], cues: re.Pattern, range_links: re.Pattern):
        self.rules = rules
        self.lexicons = lexicons
        self.prefixes = prefixes
        self.cues = cues
        self.range_links = range_links
        self.trigger_groups: dict[str, tuple[str, ...]] = {}
        for group, words in triggers.items():
            for word in words:
                self.trigger_groups[word] = self.trigger_groups.get(word, ()) + (group,)
        # a literal first lets the engine search fast; the word's start is checked by hand
        self.trigger_words = {w: re.compile(rf"{w}\b") for w in self.trigger_groups}

    def windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """For each trigger group, the stretches of ``text`` around its words, merged.

        The lowercased text is scanned once for its distinct words, then once per trigger word it
        holds (a literal search), so the cost stays in the regex engine, not in a loop over words.
        """
        hits: dict[str, list[tuple[int, int]]] = {}
        low = text.lower()
        if len(low) != len(text):  # a letter whose lowercase is longer would shift the offsets
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for word in set(_WORD.findall(low)).intersection(self.trigger_groups):
            for m in self.trigger_words[word].finditer(low):
                if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_"):
                    continue
                for group in self.trigger_groups[word]:
                    hits.setdefault(group, []).append(m.span())
        for group, pattern in _TOKEN_GROUPS.items():
            hits[group] = [m.span() for m in pattern.finditer(text)]
        return {
            group: _merge((max(0, s - _BEFORE), _word_end(text, e + _AFTER)) for s, e in spans)
            for group, spans in hits.items()
        }

    def find(self, text: str) -> list[Match]:
        """The matches in ``text``: the longest where rules overlap, in text order, with modifiers."""
        candidates = []
        windows = self.windows(text)
        for rule in self.rules:
            for w_start, w_end in _merge(w for group in rule.triggers for w in windows.get(group, ())):
                for m in rule.regex.finditer(text, w_start, w_end):
                    start, end = m.span("x") if "x" in rule.regex.groupindex and m.start("x") >= 0 else m.span()
                    if rule.not_after_name and _NAME_BEFORE.search(text, max(0, start - 30), start):
                        continue
                    candidates.append((start, end, rule, m))
        # the longest extent wins; then the rule that needed more context to match; then rule order
        candidates.sort(key=lambda c: (c[0] - c[1], c[3].start() - c[3].end(), c[2].order, c[0]))
        taken: list[tuple[int, int]] = []
        chosen = []
        for start, end, rule, m in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            try:
                match = Match(start, end, rule, self.render(rule.value, m), *(
                    self.render(t, m) or None if t else None for t in (rule.mod, rule.quant, rule.freq)))
            except ValueError:
                continue  # a group the norm cannot read ("the 1970s" read as a year): not this rule
            taken.append((start, end))
            chosen.append(match)
        chosen.sort(key=lambda c: c.start)
        return [self._with_prefix(text, c, chosen[i - 1].end if i else 0) for i, c in enumerate(chosen)]

    def render(self, template: str, m: re.Match) -> str:
        """Fill a value template from a match; raises ValueError when a norm cannot read its group."""
        def field(f: re.Match) -> str:
            group, norm, default = f.groups()
            text = m.group(group)
            if text is None:
                if default is None:
                    raise ValueError(f"group {group} did not match")
                return default
            if not norm:
                return text
            if norm in norms.FUNCTIONS:
                return norms.FUNCTIONS[norm](text)
            key = " ".join(text.lower().split())
            if key not in self.lexicons[norm]:
                raise ValueError(f"{text!r} is not in the list {norm}")
            return self.lexicons[norm][key]

        return _FIELD.sub(field, template)

    def cue_direction(self, text: str, start: int) -> str | None:
        """past or future when a cue word of ``direction_cue`` stands just before ``start``."""
        m = self.cues.search(text, max(0, start - 20), start)
        return self.lexicons["direction_cue"][" ".join(m.group("w").lower().split())] if m else None

    def closes_range(self, text: str, first_start: int, first_end: int, start: int) -> bool:
        """Whether the expression at ``start`` is the second end of a range the expression at
        ``first_start``-``first_end`` opens: only a word of ``range_link`` stands between them."""
        m = self.range_links.fullmatch(text, first_end, start)
        if not m:
            return False
        opener = self.lexicons["range_link"][" ".join(m.group("w").lower().split())]
        if opener == "range":
            return True
        before = text[max(0, first_start - 20):first_start]
        return re.search(rf"(?:^|\W){re.escape(opener)}\s+$", before, re.I) is not None

    def _with_prefix(self, text: str, match: Match, floor: int) -> Match:
        """Take in a modifier just before the match ("about", "early", "the end of") and its mod."""
        for kind in match.rule.prefixes:
            window = text[max(floor, match.start - 30):match.start]
            m = self.prefixes[kind].search(window)
            if m:
                word = " ".join(m.group("w").lower().split())
                lexicon = self.lexicons["part_prefix" if kind == "part" else "approx_prefix"]
                match = Match(match.start - (len(window) - m.start()), match.end, match.rule, match.value,
                              match.mod or lexicon[word], match.quant, match.freq)
        return match


def _word_end(text: str, i: int) -> int:
    """``i`` moved on to the end of the word it falls in, so a window never cuts a word."""
    while i < len(text) and (text[i].isalnum() or text[i] == "_"):
        i += 1
    return min(i, len(text))


def _merge(spans) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise RuleError(path.name, "-", f"cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise RuleError(path.name, "-", f"not YAML: {exc}") from None


def _surface_pattern(surface: str) -> str:
    return r"\s+".join(re.escape(w) for w in surface.split())


def _load_lexicons(path: Path) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(path.name, "-", "a mapping of list name -> {entries: ...}")
    lexicons: dict[str, dict[str, str]] = {}
    patterns: dict[str, str] = {}
    for name, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("entries"), dict):
            raise RuleError(path.name, name, "a word list needs entries: {surface: value}")
        entries = {str(k): str(v) for k, v in spec["entries"].items()}
        surfaces = sorted(entries, key=len, reverse=True)
        lower_too = spec.get("lowercase_too") or []
        if not isinstance(lower_too, list) or not set(lower_too) <= set(entries):
            raise RuleError(path.name, name, "lowercase_too lists entries of the list")
        if spec.get("case_sensitive"):
            forms = [p for s in surfaces for p in {s, s.upper()} | ({s.lower()} if s in lower_too else set())]
            patterns[name] = "(?-i:" + "|".join(_surface_pattern(s) for s in forms) + ")"
        else:
            patterns[name] = "(?:" + "|".join(_surface_pattern(s) for s in surfaces) + ")"
        lexicons[name] = {" ".join(k.lower().split()): v for k, v in entries.items()}
    return lexicons, patterns


def _load_triggers(path: Path) -> dict[str, frozenset[str]]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(path.name, "-", "a mapping of group -> words")
    for group, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.isalnum() for w in words):
            raise RuleError(path.name, group, "a group is a list of single words")
    groups = {group: frozenset(w.lower() for w in words) for group, words in data.items()}
    return groups | {group: frozenset() for group in _TOKEN_GROUPS}


def _expand(pattern: str, patterns: dict[str, str], file: str, rule: str) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in patterns:
            raise RuleError(file, rule, f"unknown list or function %{name}")
        return patterns[name]

    return _PLACEHOLDER.sub(sub, pattern.replace(" ", r"\s+"))


def _example(raw, file: str, rule: str, default_dct: dt.date) -> Example:
    if isinstance(raw, list) and len(raw) in (2, 3):
        raw = dict(zip(("text", "value", "tense"), raw))
    if not isinstance(raw, dict) or not {"text", "value"} <= raw.keys():
        raise RuleError(file, rule, f"an example is [text, value(, tense)] or a mapping with text and value: {raw!r}")
    dct = raw.get("dct", default_dct)
    if isinstance(dct, str):
        dct = dt.date.fromisoformat(dct)
    return Example(str(raw["text"]), str(raw["value"]), str(raw.get("extent", raw["text"])), dct, raw.get("tense"))


def _rule(spec: dict, file: str, order: int, patterns: dict[str, str], lexicons: dict, default_dct: dt.date,
          trigger_groups: set[str]) -> Rule:
    name = spec.get("name", f"#{order}") if isinstance(spec, dict) else f"#{order}"
    if not isinstance(spec, dict) or not {"name", "pattern", "type", "value"} <= spec.keys():
        raise RuleError(file, name, "a rule needs name, pattern, type, triggers and value")
    if unknown := set(spec) - _RULE_KEYS:
        raise RuleError(file, name, f"unknown keys {sorted(unknown)}")
    if spec["type"] not in TYPES:
        raise RuleError(file, name, f"type must be one of {TYPES}")
    try:
        regex = re.compile(r"(?<![\w])(?:" + _expand(str(spec["pattern"]), patterns, file, name) + r")(?![\w])", re.I)
    except re.error as exc:
        raise RuleError(file, name, f"bad pattern: {exc}") from None
    for key in ("value", "mod", "quant", "freq"):
        if re.search(r"[{}]", _FIELD.sub("", str(spec.get(key) or ""))):
            raise RuleError(file, name, f"{key} has a brace that is not a {{group:norm|default}} field")
        for group, norm, _ in _FIELD.findall(str(spec.get(key) or "")):
            if group not in regex.groupindex:
                raise RuleError(file, name, f"{key} names group {group!r} that the pattern lacks")
            if norm and norm not in lexicons and norm not in norms.FUNCTIONS:
                raise RuleError(file, name, f"{key} names unknown list or function {norm!r}")
    if spec.get("mod") and "{" not in spec["mod"] and spec["mod"] not in _MODS:
        raise RuleError(file, name, f"mod must be one of {sorted(_MODS)}")
    examples = tuple(_example(e, file, name, default_dct) for e in spec.get("examples") or ())
    if not examples:
        raise RuleError(file, name, "a rule needs examples")
    triggers = tuple(spec["triggers"] or ())
    if not triggers or not set(triggers) <= trigger_groups:
        raise RuleError(file, name, f"triggers must name groups of triggers.yaml: {sorted(trigger_groups)}")
    prefixes = tuple(spec.get("prefixes", _PREFIXES[spec["type"]]))
    if not set(prefixes) <= {"part", "approx"}:
        raise RuleError(file, name, "prefixes are a list of part and approx")
    return Rule(name, file, spec["type"], regex, str(spec["value"]), spec.get("mod"), spec.get("quant"),
                spec.get("freq"), examples, order, triggers, prefixes, bool(spec.get("sets_reference", True)),
                bool(spec.get("not_after_name", False)))


@lru_cache(maxsize=None)
def load(language: str = "en") -> RuleSet:
    """The compiled rules of ``language`` (``resources/<language>``), loaded once per process.

    Raises RuleError naming the file and rule that is wrong.
    """
    return load_folder(RESOURCES / language)


def load_folder(folder: Path) -> RuleSet:
    """Compile the rules of one resource folder; raises RuleError naming the file and rule that is wrong."""
    if not folder.is_dir():
        raise RuleError(str(folder), "-", "no resources for this language")
    lexicons, patterns = _load_lexicons(folder / "lexicon.yaml")
    patterns.update(norms.PATTERNS)
    triggers = _load_triggers(folder / "triggers.yaml")
    rules: list[Rule] = []
    names: set[str] = set()
    for path in sorted((folder / "rules").glob("*.yaml")):
        data = _read_yaml(path) or {}
        default_dct = data.get("dct", DEFAULT_DCT)
        for spec in data.get("rules") or ():
            rule = _rule(spec, path.name, len(rules), patterns, lexicons, default_dct, set(triggers))
            if rule.name in names:
                raise RuleError(path.name, rule.name, "a second rule of this name")
            names.add(rule.name)
            rules.append(rule)
    for kind in ("part_prefix", "approx_prefix", "direction_cue", "range_link"):
        if kind not in lexicons:
            raise RuleError("lexicon.yaml", kind, "the modifier list is missing")
    prefixes = {
        kind: re.compile(r"(?:^|(?<=\W))(?P<w>" + patterns[f"{kind}_prefix"] + r")(?:\s+|-)$", re.I)
        for kind in ("part", "approx")
    }
    for word, direction in lexicons["direction_cue"].items():
        if direction not in ("past", "future"):
            raise RuleError("lexicon.yaml", "direction_cue", f"{word!r} must point to past or future")
    cues = re.compile(r"(?:^|(?<=\W))(?P<w>" + patterns["direction_cue"] + r")\s+$", re.I)
    range_links = re.compile(r"\s*(?P<w>" + patterns["range_link"] + r")\s*", re.I)
    return RuleSet(rules, lexicons, prefixes, triggers, cues, range_links)
