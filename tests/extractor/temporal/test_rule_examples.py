"""Every rule's examples: the rule set finds the example's extent with that rule and resolves it."""
import pytest

from extractor.temporal.resolve import resolve
from extractor.temporal.rules import load

RULES = load("en")
CASES = [(rule, ex) for rule in RULES.rules for ex in rule.examples]


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.name}:{e.text}" for r, e in CASES])
def test_example(rule, example):
    matches = RULES.find(example.text)
    if example.value == "NONE":
        assert matches == [], f"{rule.file}: {rule.name} should find nothing in {example.text!r}"
        return
    found = [m for m in matches if example.text[m.start:m.end] == example.extent]
    assert found, f"{rule.file}: {rule.name}: {example.extent!r} not found in {example.text!r}: " + repr(
        [(example.text[m.start:m.end], m.rule.name) for m in matches])
    match = found[0]
    assert match.rule.name == rule.name
    assert resolve(match.value, example.dct, None, example.tense).value == example.value


def test_every_rule_has_examples():
    assert all(rule.examples for rule in RULES.rules)
    assert len(CASES) > 100
