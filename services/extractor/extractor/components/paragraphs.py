"""Paragraph breaks are sentence breaks.

The statistical parser sometimes runs a sentence on across a blank line (a quote's last sentence
and the promo line under it become one), so evidence would span paragraphs and boilerplate would
leak into an event's sentence. This component runs before the parser, which keeps the sentence
starts it finds set.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    text = doc.text
    previous_end = None
    for token in doc:
        if token.is_space:
            continue
        if previous_end is not None and text.count("\n", previous_end, token.idx) >= 2:
            token.is_sent_start = True
        previous_end = token.idx + len(token.text)
    return doc
