"""Line breaks that end sentences, set before the parser.

The statistical parser runs sentences on across line breaks: a headline, its date line and the
first sentence become one sentence, and a quote's last sentence swallows the promo line under it.
Events then get the wrong clause, date and evidence. A blank line always ends a sentence; a single
line break does unless the text is hard-wrapped there, i.e. the line runs on without final
punctuation into a line that starts in lower case. The parser keeps the sentence starts set here.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_FINAL = (".", "!", "?", "”", '"', "’", "'", ":", ";")


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    text = doc.text
    previous = None
    for token in doc:
        if token.is_space:
            continue
        if previous is not None:
            newlines = text.count("\n", previous.idx + len(previous.text), token.idx)
            hard_wrapped = not previous.text.endswith(_FINAL) and token.text[0].islower()
            if newlines >= 2 or (newlines == 1 and not hard_wrapped):
                token.is_sent_start = True
        previous = token
    return doc
