"""Boilerplate rules: every example in the rules file, and the component on blank and parsed docs."""
import pytest
import spacy

from extractor.components.boilerplate import SPANS_KEY, Boilerplate, load_rules

RULES = load_rules()


@pytest.fixture(scope="module")
def component():
    return Boilerplate(spacy.blank("en"))


@pytest.mark.parametrize("rule, line", [(r, x) for r in RULES for x in r.boilerplate],
                         ids=lambda v: getattr(v, "name", v))
def test_rule_marks_its_examples(component, rule, line):
    assert rule.matches(line)
    assert component.rule_for(line) is not None


@pytest.mark.parametrize("rule, line", [(r, x) for r in RULES for x in r.text], ids=lambda v: getattr(v, "name", v))
def test_no_rule_marks_news_text(component, rule, line):
    assert component.rule_for(line) is None, component.rule_for(line).name


def test_every_rule_has_boilerplate_examples():
    assert all(r.boilerplate for r in RULES)


def test_bad_rule_file_names_the_rule(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("- name: broken\n  pattern: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken"):
        load_rules(path)


TEXT = ("By F. Michael Maloof\n\nKerry visited Moscow in March.\n\n"
        "Get the rest of this report, and more, in Joseph Farah’s G2 Bulletin.\n\nLeave a Comment")


def test_marks_whole_lines_on_a_blank_pipeline(component):
    doc = component(spacy.blank("en")(TEXT))
    spans = doc.spans[SPANS_KEY]
    assert [(s.label_, s.text) for s in spans] == [
        ("byline", "By F. Michael Maloof"),
        ("read_more", "Get the rest of this report, and more, in Joseph Farah’s G2 Bulletin."),
        ("comments", "Leave a Comment"),
    ]


def test_marks_a_sentence_within_a_line_when_sentences_are_set(component):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = component(nlp("Kerry visited Moscow in March. Click here to read more."))
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["Click here to read more."]


def test_no_furniture_gives_an_empty_group(component):
    doc = component(spacy.blank("en")("Kerry visited Moscow in March."))
    assert list(doc.spans[SPANS_KEY]) == []
