"""The timeline page: ``GET /`` and the front-end files it loads, all served by the service itself.

vis-timeline is installed from npm at build time (``services/timeline/web``, ``npm ci``) and served
from its ``standalone/umd`` folder, so a browser needs nothing but this service. That folder is found
next to the package (an editable install or the repository) unless the setting ``web_assets_dir``
(``TIMELINE_WEB_ASSETS_DIR``) names it, as an installed wheel must.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, send_from_directory

from .db import settings

VIS_TIMELINE_FILES = ("vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.js.map")
DEFAULT_ASSETS_DIR = (Path(__file__).resolve().parents[1] / "web" / "node_modules" / "vis-timeline"
                      / "standalone" / "umd")
# The vendored file only changes with a new build; the page's own files may change with any deploy.
VENDOR_MAX_AGE = 24 * 3600

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/web/static")


def assets_dir() -> Path:
    """The folder holding vis-timeline's standalone build for this app."""
    configured = settings().web_assets_dir
    return Path(configured) if configured else DEFAULT_ASSETS_DIR


@bp.get("/")
def page():
    return render_template("timeline.html")


@bp.get("/web/vendor/vis-timeline/<name>")
def vis_timeline(name: str):
    """One file of vis-timeline's standalone build; 404 for anything else, or when it is not installed
    (the page then says that the front-end assets are missing)."""
    if name not in VIS_TIMELINE_FILES:
        abort(404)
    return send_from_directory(assets_dir(), name, max_age=VENDOR_MAX_AGE)
