"""The baseline of the query benchmark: a Flask app whose one endpoint answers a constant JSON body.

``BENCH_CONSTANT_BODY`` names a JSON file (a real 100-entry timeline page as the API answers it by
default, entry summaries, saved by run.py); the endpoint serialises it on every request, as a Flask
endpoint returning a dict does, so the ratio of the two throughputs is what reading the store and
inflating its entries costs against serialising the same page.
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
