"""The loader names the file and the rule that is wrong."""
import shutil

import pytest
import yaml

from extractor.temporal.rules import RESOURCES, RuleError, load_folder

GOOD = {
    "name": "noon_rule", "pattern": "noon", "type": "TIME", "triggers": ["day"],
    "value": "UNDEF-this-dayT12:00", "examples": [["noon", "2016-03-31T12:00"]],
}


@pytest.fixture
def folder(tmp_path):
    """A copy of the English resources with a single extra rules file to spoil."""
    dest = tmp_path / "en"
    shutil.copytree(RESOURCES / "en", dest)
    return dest


def _write(folder, rules):
    (folder / "rules" / "zz_test.yaml").write_text(yaml.safe_dump({"rules": rules}))


def test_good_rule_loads(folder):
    _write(folder, [GOOD])
    assert "noon_rule" in [r.name for r in load_folder(folder).rules]


@pytest.mark.parametrize("change,message", [
    ({"pattern": "(noon"}, "bad pattern"),
    ({"pattern": "%nosuchlist"}, "unknown list or function %nosuchlist"),
    ({"type": "INSTANT"}, "type must be one of"),
    ({"value": "{hour:clock}"}, "names group 'hour' that the pattern lacks"),
    ({"pattern": "(?P<w>noon)", "value": "{w:nosuchnorm}"}, "unknown list or function 'nosuchnorm'"),
    ({"value": "UNDEF-{oops"}, "brace"),
    ({"examples": []}, "a rule needs examples"),
    ({"examples": [["noon"]]}, "an example is"),
    ({"triggers": ["nosuchgroup"]}, "triggers must name groups"),
    ({"mod": "SOMETIMES"}, "mod must be one of"),
    ({"color": "red"}, "unknown keys"),
    ({"prefixes": ["before"]}, "prefixes are a list"),
])
def test_bad_rule_is_named(folder, change, message):
    _write(folder, [{**GOOD, **change}])
    with pytest.raises(RuleError) as err:
        load_folder(folder)
    assert err.value.file == "zz_test.yaml"
    assert err.value.rule == "noon_rule"
    assert message in err.value.message


def test_missing_keys_and_duplicates(folder):
    _write(folder, [{"name": "half_rule", "pattern": "noon"}])
    with pytest.raises(RuleError, match="zz_test.yaml: half_rule: a rule needs"):
        load_folder(folder)
    _write(folder, [GOOD, GOOD])
    with pytest.raises(RuleError, match="a second rule of this name"):
        load_folder(folder)


def test_broken_yaml_and_lexicon(folder):
    (folder / "rules" / "zz_test.yaml").write_text("rules: [\n  - name: x\n   pattern: : :")
    with pytest.raises(RuleError, match="zz_test.yaml: -: not YAML"):
        load_folder(folder)
    (folder / "rules" / "zz_test.yaml").unlink()
    (folder / "lexicon.yaml").write_text(yaml.safe_dump({"month": {"no": "entries"}}))
    with pytest.raises(RuleError, match="lexicon.yaml: month: a word list needs entries"):
        load_folder(folder)


def test_missing_language(tmp_path):
    with pytest.raises(RuleError, match="no resources"):
        load_folder(tmp_path / "xx")
