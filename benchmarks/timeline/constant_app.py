"""The baseline of the query benchmark: a Flask app whose one endpoint answers a constant JSON body.

``BENCH_CONSTANT_BODY`` names a JSON file (a real 100-entry timeline page, saved by run.py); the
endpoint serialises it on every request, as the timeline endpoint serialises what it read, so the
ratio of the two throughputs is what reading and decoding the store costs.
"""
from __future__ import annotations

import json
import os

from flask import Flask, jsonify


def create_app() -> Flask:
    with open(os.environ["BENCH_CONSTANT_BODY"], encoding="utf-8") as handle:
        body = json.load(handle)
    app = Flask(__name__)

    @app.get("/constant")
    def constant():
        return jsonify(body)

    return app
