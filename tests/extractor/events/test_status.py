"""Event status: every example of the cue files, the sample article's seeds, and the loader's errors."""
import json
from pathlib import Path

import pytest

from event_docs import event, make_doc  # noqa: F401  (fixtures)
from extractor.events.cues import load_cues

ROOT = Path(__file__).resolve().parents[3]
STATUS_EXAMPLES = [e for e in load_cues().examples if "status" in e.expected]


def test_every_cue_file_has_status_examples():
    sources = {e.source.split("#")[0] for e in STATUS_EXAMPLES}
    assert sources == {"reporting_cues", "negation_cues", "denial_cues", "modal_cues", "future_cues"}


@pytest.mark.parametrize("example", STATUS_EXAMPLES, ids=lambda e: e.source)
def test_cue_examples(make_doc, example, event):
    cls = {example.event: "STATE"} if example.expected.get("status") == "ongoing" else None
    doc = make_doc(example.text, example.expected.get("dct", "2016-03-31"), [example.event], cls)
    mention = event(doc, example.event)
    assert mention.status == example.expected["status"], example.text
    if "reported_by" in example.expected:
        assert mention.reported_by == example.expected["reported_by"]


@pytest.mark.parametrize("text, word, expected", [
    ("The rebels attacked the town.", "attacked", "occurred"),
    ("The rebels are attacking the town.", "attacking", "ongoing"),
    ("Talks resume on April 9.", "resume", "planned"),          # a date after publication
    ("Talks resumed on March 9.", "resumed", "occurred"),
    ("He said talks would resume.", "resume", "planned"),        # future in the past under attribution
    ("Talks would resume if the rebels agreed.", "resume", "hypothetical"),
    ("The ministry denied the attack.", "attack", "negated"),   # what is denied by the ministry
])
def test_status_table(make_doc, text, word, expected, event):
    cls = {"denied": "REPORTING"}
    doc = make_doc(text, "2016-03-31", [word], cls)
    status = event(doc, word).status
    assert status == expected or (expected == "negated" and status == "denied")


@pytest.fixture(scope="module")
def article(make_doc):
    data = json.loads((ROOT / "samples" / "raqqa-article.json").read_text("utf-8"))
    words = ["coordinate", ("coordination", 1), ("coordination", 3), "reconvene", "visits", "taken",
             "said", "agreed"]
    return make_doc(data["text"], data["published_at"], words, {"said": "REPORTING"})


def test_sample_raqqa_coordination_never_occurred(article, event):
    assert event(article, "coordinate").status in ("hypothetical", "denied")
    denied = event(article, ("coordination", 1))
    assert denied.status == "denied" and denied.reported_by == "a senior Russian official"
    assert event(article, ("coordination", 3)).status == "denied"   # "the story on coordination ... was a leak"


def test_sample_other_seeds(article, event):
    assert event(article, "reconvene").status == "planned"
    assert event(article, "visits").status == "occurred"
    assert event(article, "taken").status == "occurred"
    assert event(article, "said").status == "occurred"


def test_loader_names_the_bad_file(tmp_path):
    for path in (ROOT / "services/extractor/extractor/events/resources").glob("*_cues.yaml"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    (tmp_path / "negation_cues.yaml").write_text("negators: [not, no]\ngovernors: [refuse]\n", "utf-8")
    with pytest.raises(ValueError, match="negation_cues.yaml: 'negators'"):
        load_cues(tmp_path)   # unquoted "no" is YAML's false, not a word
