"""The worker's one task: validate, extract, hand the events to the timeline."""
from __future__ import annotations

import logging
from functools import cache

import contract
from celery.exceptions import SoftTimeLimitExceeded
from spacy.language import Language

from . import extraction, pipeline
from .celery_app import app, settings

log = logging.getLogger(__name__)


@cache
def nlp() -> Language:
    return pipeline.load(settings.spacy_model, config=settings.components)


def hand_off(message: dict) -> None:
    app.send_task(contract.TASK_MERGE_EXTRACTION, args=[message], queue=contract.QUEUE_EXTRACTIONS)


@app.task(name=contract.TASK_EXTRACT_ARTICLE)
def extract_article(article: dict) -> None:
    article_id = extraction.article_id(article)
    if article_id is None:
        # With no id there is no status to report on; the message is dropped, loudly.
        log.error("rejected a message with no article id: %.200r", article)
        return
    hand_off(extraction.processing(article_id))
    try:
        message = extraction.run(nlp(), article)
    except contract.ContractError as exc:
        message = extraction.failed(article_id, f"invalid article: {exc}")
    except SoftTimeLimitExceeded:
        message = extraction.failed(article_id, f"extraction took over {settings.task_time_limit} s")
    except Exception:  # a bug must not leave the article "processing" forever
        log.exception("article %s: extraction failed", article_id)
        message = extraction.failed(article_id, "internal error in the extractor (see the worker log)")
    log.info("article %s: %s", article_id, message["state"])
    hand_off(message)
