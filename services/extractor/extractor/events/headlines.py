"""An article's head: the lines it opens with before its body (headline, date line, byline)."""
from __future__ import annotations

from spacy.tokens import Doc, Span


def is_headline(sent: Span) -> bool:
    """Whether a sentence is a headline: a line of its own without final punctuation (nor the full
    stop of an abbreviation: "... based in Louisville, Ky.")."""
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = last.doc[last.i - 1]
    if last.is_punct or last.text.endswith("."):
        return False
    return "\n" in last.whitespace_ or last.i + 1 == len(sent.doc) or "\n" in sent.doc[last.i + 1].text


def head_end(doc: Doc) -> int:
    """Index of the first token of the body, the first sentence that is no headline; 0 when the Doc
    has no head, no body (a text without final punctuation is no article's head) or no sentences."""
    if not doc.has_annotation("SENT_START"):
        return 0
    return next((sent.start for sent in doc.sents if not is_headline(sent)), 0)
