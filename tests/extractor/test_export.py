"""Export records from a blank pipeline whose one component plants known spans."""
import datetime as dt
import json

import spacy
from spacy.language import Language

from extractor import export
from extractor.corpus import SourceDocument
from extractor.events.mention import EventDate, EventMention
from extractor.temporal.timex import Timex

TEXT = "Talks resume on Friday, officials said on Monday."


@Language.component("test_export_plant")
def plant(doc):
    friday, monday = doc[3:4], doc[8:9]
    friday._.timex = Timex("DATE", "1998-01-09", "day", dt.datetime(1998, 1, 9), dt.datetime(1998, 1, 10),
                           "weekday", "publication")
    monday._.timex = Timex("DATE", "1998-01-05", "day", dt.datetime(1998, 1, 5), dt.datetime(1998, 1, 6),
                           "weekday", "publication", mod="START")
    doc.spans["timex"] = [monday, friday]  # out of order on purpose
    said, resume = doc[6:7], doc[1:2]
    said._.event = EventMention("say", cls="REPORTING", tense="PAST",
                                date=EventDate("1998-01-05", "day", "1998-01-05", "1998-01-06", "Monday", "expression"))
    resume._.event = EventMention("resume", cls="ASPECTUAL", tense="PRESENT", status="planned")
    doc.spans["events"] = [said, resume]
    return doc


def nlp():
    n = spacy.blank("en")
    n.add_pipe("test_export_plant")
    return n


def docs(*names):
    return [SourceDocument(n, TEXT, "1998-01-08", {"id": n, "text": TEXT, "published_at": "1998-01-08"}) for n in names]


def test_timex_records_in_text_order_per_document():
    records = list(export.timexes(nlp(), docs("a", "b")))
    assert [(r["doc"], r["text"]) for r in records] == [("a", "Friday"), ("a", "Monday"), ("b", "Friday"), ("b", "Monday")]
    assert records[0] == {
        "doc": "a", "start": 16, "end": 22, "text": "Friday", "type": "DATE", "value": "1998-01-09",
        "granularity": "day", "interval": {"start": "1998-01-09T00:00:00", "end": "1998-01-10T00:00:00"},
        "rule": "weekday", "anchor": "publication", "mod": None, "quant": None, "freq": None,
    }
    assert records[1]["mod"] == "START"
    assert all(TEXT[r["start"]:r["end"]] == r["text"] for r in records)


def test_event_records_carry_attributes_and_date():
    records = list(export.events(nlp(), iter(docs("a"))))
    assert [r["text"] for r in records] == ["resume", "said"]
    assert records[0] == {
        "doc": "a", "start": 6, "end": 12, "text": "resume", "class": "ASPECTUAL", "tense": "PRESENT",
        "aspect": "NONE", "polarity": "POS", "modality": None, "status": "planned", "reported_by": None,
        "date": None, "confidence": 0.5, "timeline": True,
    }
    assert records[1]["date"] == {"value": "1998-01-05", "granularity": "day", "start": "1998-01-05",
                                  "end": "1998-01-06", "text": "Monday", "anchor": "expression"}
    json.dumps(records)  # JSON-able


def test_documents_without_spans_give_nothing():
    assert list(export.timexes(spacy.blank("en"), docs("a"))) == []
    assert list(export.events(spacy.blank("en"), docs("a"))) == []


def test_only_components_after_the_tagger_are_left_out():
    assert "timex" not in export.AFTER_TIMEX and "boilerplate" not in export.AFTER_TIMEX
    assert "event_dates" in export.AFTER_TIMEX
