"""The HTTP API: one blueprint per resource, documented at /api/v1/openapi.json."""
from __future__ import annotations

from flask_smorest import Api

from .. import errors
from . import articles, events, facets, health, schemas, timeline

BLUEPRINTS = (articles.blp, timeline.blp, events.blp, facets.blp, health.blp)


class TimelineApi(Api):
    """flask-smorest's Api with the service's error body and error boundary instead of its own."""

    ERROR_SCHEMA = schemas.ErrorBody

    def _register_error_handlers(self):
        errors.register(self._app)


def register(api: Api) -> None:
    schemas.register_components(api)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
