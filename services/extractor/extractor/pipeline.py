"""The extractor's pipeline: the statistical model, then our components, in this order.

    line_breaks     (before the parser) blank lines, and line breaks not inside hard-wrapped text, end sentences
    boilerplate     mark navigation and promo lines ("Leave a Comment") that hold no events
    timex           find temporal expressions and normalize them against the publication date
    event_triggers  find event mentions, with TimeML class, tense, aspect, polarity, modality
    entities        canonicalize names within the article; resolve places in the gazetteer
    event_arguments participants and locations of each event, and its title
    event_status    whether it happened: occurred, planned, hypothetical, negated, denied, reported
    event_dates     the date of each event: from its expression, the discourse, or the publication

Every step is a spaCy component (``components/``); ``extract`` turns the finished Doc into contract
events (``events/assemble.py``). The worker, the CLI and the benchmarks all call this module.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from .events.assemble import to_contract

COMPONENTS = (
    "boilerplate", "timex", "event_triggers", "entities", "event_arguments", "event_status", "event_dates",
)

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)


def load(model: str, disable: Iterable[str] = (), config: Mapping[str, Mapping] = {}) -> Language:
    """Load the spaCy pipeline ``model`` by package name or path and add our components, each with
    the overrides of its config in ``config[name]``.

    Raises OSError when the model is not installed, ValueError when an override is not valid.
    """
    nlp = spacy.load(model)
    if "line_breaks" not in disable:
        nlp.add_pipe("line_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    for name in COMPONENTS:
        if name not in disable:
            nlp.add_pipe(name, config=dict(config.get(name, {})))
    return nlp


def publication_date(value: str | None) -> dt.date | None:
    """The date part of an ISO date or date-time; None when absent."""
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def make_doc(nlp: Language, article: dict) -> Doc:
    doc = nlp.make_doc(article["text"])
    doc._.dct = publication_date(article.get("published_at"))
    return doc


def process(nlp: Language, articles: Iterable[dict], batch_size: int = 8) -> Iterator[Doc]:
    """Run the pipeline over articles, yielding one finished Doc per article, in order."""
    yield from nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=batch_size)


def extract(nlp: Language, article: dict) -> list[dict]:
    """The contract events (``event.v1``) of one article."""
    doc = next(process(nlp, [article]))
    return to_contract(doc, article)
