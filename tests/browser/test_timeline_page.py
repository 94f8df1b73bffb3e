"""The timeline page in headless Chromium: items at the right dates, grouping, date range, sources.

Needs Node.js, ``npm ci --prefix services/timeline/web`` (vis-timeline, playwright-core) and Debian's
``chromium``; `make test` installs them. Missing ones fail the test, with the command that fixes it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("timeline_page.mjs")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WEB = ROOT / "services" / "timeline" / "web"
# Set to a path (e.g. docs/screenshot.png) to keep the screenshot the test takes.
SCREENSHOT_ENV = "TIMELINE_SCREENSHOT"


def require_tools() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed (apt-get install -y nodejs)")
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        pytest.fail("front-end packages missing: npm ci --prefix services/timeline/web")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no browser at {CHROMIUM}: apt-get install -y chromium")
    return node


def expectations(events: list[dict]) -> dict:
    entry = {e["title"]: e["entry"] for e in reversed(events)}  # by title: the first event's entry
    moscow, geneva, palmyra = (entry[t] for t in (
        "Kerry and Brennan visit Moscow", "Peace talks reconvene in Geneva", "Syrian army retakes Palmyra"))
    palmyra_events = [e for e in events if e["entry"] and e["entry"]["id"] == palmyra["id"]]
    # The panel is checked on an entry with two sources, one of them with a link.
    assert len(palmyra_events) == 2, "the merger kept the two Palmyra reports apart"
    return {
        "window": {"from": "2016-02-25", "to": "2016-04-20"},
        "entries": [
            {"id": moscow["id"], "title": moscow["title"], "start": "2016-03-01T00:00:00",
             "end": "2016-04-01T00:00:00", "shape": "range"},
            {"id": geneva["id"], "title": geneva["title"], "start": "2016-04-09T00:00:00", "shape": "box"},
            {"id": palmyra["id"], "title": palmyra["title"], "start": "2016-03-31T00:00:00", "shape": "box"},
        ],
        "absent": ["Russia and the U.S. coordinate to liberate Raqqa"],
        "open": {
            "id": palmyra["id"], "title": palmyra["title"],
            "evidence": [e["evidence"]["text"] for e in palmyra_events],
            "links": [e["source"]["url"] for e in palmyra_events if e["source"]["url"]],
        },
        # An entry is filed under its first participant or location (the API's rule for format=vis).
        "groups": {kind: sorted({e["entry"][field][0]["name"] for e in events if e["entry"]})
                   for kind, field in (("entity", "participants"), ("location", "locations"))},
        "narrow": {"from": "2016-04-01", "to": "2016-04-30", "ids": [geneva["id"]]},
    }


def test_page_draws_the_sample_stories_and_opens_their_sources(redis_url, stored_stories, timeline_url,
                                                                 tmp_path):
    node = require_tools()
    expect = tmp_path / "expect.json"
    expect.write_text(json.dumps(expectations(stored_stories)))
    screenshot = tmp_path / "timeline.png"
    run = subprocess.run(
        [node, str(DRIVER), "--url", timeline_url, "--expect", str(expect), "--screenshot", str(screenshot),
         "--chromium", CHROMIUM],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )
    report = json.loads(run.stdout) if run.stdout.strip().startswith("{") else {"error": run.stdout}
    assert run.returncode == 0, f"{report.get('error')}\n{run.stderr[-3000:]}"
    assert all(c["ok"] for c in report["checks"]) and len(report["checks"]) >= 15, report
    assert screenshot.stat().st_size > 10_000
    if os.environ.get(SCREENSHOT_ENV):
        shutil.copyfile(screenshot, ROOT / os.environ[SCREENSHOT_ENV])
