"""Event dates and the timeline rule: the dating examples, the sample article's seeds, configuration."""
import datetime as dt
import json
from pathlib import Path

import pytest
import spacy

from event_docs import event, make_doc  # noqa: F401  (fixtures)
from extractor.events.cues import load_cues
from extractor.events.anchoring import expression_date, publication_date
from extractor.events.mention import EventDate, EventMention
from extractor.events.selection import TimelineRule
from extractor.temporal.timex import Timex

ROOT = Path(__file__).resolve().parents[3]
DATING_EXAMPLES = [e for e in load_cues().examples if "value" in e.expected]


@pytest.mark.parametrize("example", DATING_EXAMPLES, ids=lambda e: e.source)
def test_dating_examples(make_doc, example, event):
    doc = make_doc(example.text, example.expected["dct"], [*example.expected.get("with", []), example.event])
    date = event(doc, example.event).date
    if example.expected["value"] is None:
        assert date is None
    else:
        assert (date.value, date.anchor) == (example.expected["value"], example.expected["anchor"])


@pytest.fixture(scope="module")
def article(make_doc):
    data = json.loads((ROOT / "samples" / "raqqa-article.json").read_text("utf-8"))
    return make_doc(data["text"], data["published_at"],
                    ["talks", "reconvene", "visits", "taken", "said", "coordinate"], {"said": "REPORTING"})


def test_sample_seeds(article, event):
    geneva = event(article, "reconvene").date
    assert (geneva.value, geneva.granularity, geneva.anchor, geneva.text) == ("2016-04-09", "day", "expression", "April 9")
    assert (geneva.start, geneva.end) == ("2016-04-09T00:00:00", "2016-04-10T00:00:00")
    assert event(article, "talks").date.value == "2016-04-09"   # "peace talks reconvene April 9"
    assert event(article, "talks").status == "planned"
    visits = event(article, "visits").date
    assert (visits.value, visits.granularity, visits.anchor) == ("2016-03", "month", "expression")
    palmyra = event(article, "taken").date
    assert (palmyra.value, palmyra.anchor) == ("2016-03-31", "publication")


def test_sample_timeline(article, event):
    assert event(article, "reconvene").timeline and event(article, "visits").timeline
    assert event(article, "taken").timeline
    assert not event(article, "said").timeline          # reporting verbs stay off by default
    assert not event(article, "coordinate").timeline    # it did not happen
    for word in ("reconvene", "visits", "taken", "said", "coordinate"):
        assert 0.0 <= event(article, word).confidence <= 1.0


def test_no_publication_date_without_dct(make_doc, event):
    doc = make_doc("The army has taken back Palmyra. Talks reconvene April 9.", None, ["taken", "reconvene"])
    assert event(doc, "taken").date is None
    assert event(doc, "reconvene").date.value == "XXXX-04-09"
    assert event(doc, "reconvene").date.start is None


def _mention(cls="OCCURRENCE", status="occurred", anchor="expression", confidence=0.9):
    date = EventDate("2016-03", "month", None, None, "March", anchor) if anchor else None
    return EventMention("visit", cls=cls, status=status, date=date, confidence=confidence)


@pytest.mark.parametrize("mention, admitted", [
    (_mention(), True),
    (_mention(cls="REPORTING"), False),
    (_mention(cls="STATE"), False),
    (_mention(status="hypothetical"), False),
    (_mention(status="denied"), False),
    (_mention(status="planned"), True),
    (_mention(anchor=None), False),
    (_mention(confidence=0.4), False),
])
def test_default_rule(mention, admitted):
    assert TimelineRule().admits(mention) is admitted


def test_rule_configuration():
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("event_dates", config={"timeline_classes": ["REPORTING"], "timeline_min_confidence": 0.0})
    assert pipe.rule.admits(_mention(cls="REPORTING", confidence=0.1))
    with pytest.raises(ValueError, match="unknown class"):
        spacy.blank("en").add_pipe("event_dates", config={"timeline_classes": ["EVENT"]})
    with pytest.raises(ValueError, match="confidence"):
        spacy.blank("en").add_pipe("event_dates", config={"confidence": {"direct": 2.0}})


@pytest.mark.parametrize("timex, expected", [
    (Timex("DATE", "2016-03", "month", dt.datetime(2016, 3, 1), dt.datetime(2016, 4, 1), "r", "publication"),
     ("2016-03", "month", "2016-03-01T00:00:00", "2016-04-01T00:00:00")),
    (Timex("DATE", "XXXX-04-09", "day", None, None, "r", "none"), ("XXXX-04-09", "day", None, None)),
    (Timex("DATE", "PAST_REF", "unknown", None, None, "r", "none"), None),      # names no date
    (Timex("DATE", "PRESENT_REF", "day", dt.datetime(2016, 3, 31), dt.datetime(2016, 4, 1), "r", "publication"),
     None),                                                                   # the publication's, not the expression's
])
def test_expression_date(timex, expected):
    doc = spacy.blank("en")("It happened then.")
    span = doc[2:3]
    span._.timex = timex
    date = expression_date(span)
    assert (date and (date.value, date.granularity, date.start, date.end)) == expected
    if date is not None:
        assert (date.text, date.anchor) == ("then", "expression")


def test_publication_date():
    assert publication_date(dt.date(2016, 3, 31), "now") == EventDate(
        "2016-03-31", "day", "2016-03-31T00:00:00", "2016-04-01T00:00:00", "now", "publication")


@pytest.mark.parametrize("cls, value", [
    ("ASPECTUAL", "1996-06"),   # the beginning is when what began happens
    ("I_ACTION", "1998-02-19"),  # an intention is not when what is intended happens: a past-tense guess
])
def test_aspectual_takes_its_complements_date(make_doc, event, cls, value):
    doc = make_doc("The group began to fall apart in June 1996.", "1998-02-19", ["began"], {"began": cls})
    date = event(doc, "began").date
    assert (date and date.value) == value


@pytest.mark.parametrize("cls, value, anchor", [
    ("REPORTING", "1998-02-13", "publication"),  # the saying is not at the time of what it says
    ("OCCURRENCE", "1998-02-02", "discourse"),
])
def test_reporting_verb_does_not_take_its_complements_date(make_doc, event, cls, value, anchor):
    doc = make_doc("The owner was kidnapped on February 2, police said.", "1998-02-13", ["kidnapped", "said"],
                   {"said": cls})
    date = event(doc, "said").date
    assert (date.value, date.anchor) == (value, anchor)


@pytest.mark.parametrize("cls, value", [
    ("OCCURRENCE", "2005-06-06"),  # a step of the narrated past: it happened then
    ("I_STATE", None),             # an intention: what was wanted may not have happened
])
def test_to_complement_of_a_past_occurrence_takes_its_date(make_doc, event, cls, value):
    doc = make_doc("Jobs gave a keynote on Monday.\nJobs then moved on to talk about podcasting.", "2005-06-07",
                   ["gave", "moved", "talk"], {"moved": cls})
    date = event(doc, "talk").date
    assert (date and date.value) == value
