"""Articles: submitted for extraction, then followed through their status."""
from __future__ import annotations

import json

import contract
from flask import jsonify, request, url_for
from flask_smorest import Blueprint
from kombu.exceptions import OperationalError

from .. import errors
from ..db import get_celery, get_store, settings
from ..store import text_sha1
from .schemas import error, json_body

blp = Blueprint("articles", __name__, url_prefix="/api/v1/articles",
                description="Submit articles for extraction and follow their status.")


def _read_article() -> dict:
    """The request's article; raises UnsupportedMediaType, PayloadTooLarge, BadRequest or
    InvalidArticle naming the field at fault."""
    if not request.is_json:
        raise errors.UnsupportedMediaType("send the article as application/json")
    raw = request.get_data(cache=False)  # werkzeug refuses a body over MAX_CONTENT_LENGTH (413)
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise errors.BadRequest(f"the body is not valid JSON: {exc}") from None
    try:
        contract.validate("article", payload)
    except contract.ContractError as exc:
        raise errors.InvalidArticle(exc.message, exc.field) from None
    limit = settings().max_article_chars
    if len(payload["text"]) > limit:
        raise errors.InvalidArticle(f"is longer than {limit} characters", "text")
    return payload


@blp.route("", methods=["POST"])
@blp.doc(
    summary="Submit an article",
    description="Validates the article against `article.v1`, records it as queued and sends it to the "
                "extractor. Resubmitting the same id with the same text changes nothing (200).",
    requestBody={"required": True,
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
    responses={"202": json_body("ArticleStatus", "Queued for extraction"),
               "200": json_body("ArticleStatus", "Already known with this text; nothing was queued"),
               "400": error("Malformed JSON"), "413": error("Body over TIMELINE_MAX_REQUEST_BYTES"),
               "415": error("Not application/json"), "422": error("Not a valid article (the field is named)"),
               "503": error("Redis or the queue is unreachable")},
)
def submit():
    article = _read_article()
    status, queued = get_store().submit_article(article["id"], text_sha1(article["text"]))
    if queued:
        try:
            get_celery().send_task(contract.TASK_EXTRACT_ARTICLE, args=[article], queue=contract.QUEUE_ARTICLES)
        except OperationalError:
            # Failed, not queued: resubmitting a failed article queues it again.
            get_store().set_article_state(article["id"], "failed", reason="the queue was unreachable")
            raise errors.Unavailable("the article queue is unreachable; submit again later") from None
    response = jsonify(status)
    response.status_code = 202 if queued else 200
    response.headers["Location"] = url_for("articles.status", article_id=article["id"])
    return response


@blp.route("/<article_id>", methods=["GET"])
@blp.doc(summary="An article's status",
         responses={"200": json_body("ArticleStatus", "queued, processing, done (with event_count) or failed "
                                                      "(with reason)"),
                    "404": error("No article with this id")})
def status(article_id: str):
    found = get_store().article_status(article_id)
    if found is None:
        raise errors.NotFound(f"no article {article_id!r}")
    return jsonify(found)
