"""One article in, one ``extraction.v1`` message out: what the worker and the CLI both run."""
from __future__ import annotations

import hashlib
import logging

import contract
from spacy.language import Language

from . import pipeline

log = logging.getLogger(__name__)

_METADATA = ("title", "url", "source", "published_at")


def article_id(payload: object) -> str | None:
    """The article's id if the payload carries a usable one, so that a failure can be reported."""
    if isinstance(payload, dict) and isinstance(payload.get("id"), str) and payload["id"]:
        return payload["id"]
    return None


def failed(article_id: str, reason: str) -> dict:
    return contract.validate("extraction", {"article_id": article_id, "state": "failed", "reason": reason})


def processing(article_id: str) -> dict:
    return contract.validate("extraction", {"article_id": article_id, "state": "processing"})


def run(nlp: Language, article: dict) -> dict:
    """Extract the events of a valid article into a ``done`` extraction message.

    Raises contract.ContractError when the article is invalid; the events are validated too, so a
    bug in the pipeline surfaces here rather than in the timeline.
    """
    contract.validate("article", article)
    events = pipeline.extract(nlp, article)
    meta = {key: article.get(key) for key in _METADATA}
    meta["id"] = article["id"]
    meta["text_sha1"] = hashlib.sha1(article["text"].encode("utf-8")).hexdigest()
    return contract.validate(
        "extraction", {"article_id": article["id"], "state": "done", "article": meta, "events": events}
    )
