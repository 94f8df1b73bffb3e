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
import yaml

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("timeline_page.mjs")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WEB = ROOT / "services" / "timeline" / "web"
# Set to a path (e.g. docs/screenshot.png) to keep the screenshot the test takes.
SCREENSHOT_ENV = "TIMELINE_SCREENSHOT"
EXPECT = next(s["expect"] for s in yaml.safe_load(DRIVER.with_name("stories.yaml").read_text())["articles"]
              if s.get("extract"))


def require_tools() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed (apt-get install -y nodejs)")
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        pytest.fail("front-end packages missing: npm ci --prefix services/timeline/web")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no browser at {CHROMIUM}: apt-get install -y chromium")
    return node


def expectations(stories: dict) -> dict:
    events, expected = stories["events"], stories["expected"]
    entries = {name: event["entry"] for name, event in expected.items()}
    brussels = next(e["entry"] for e in events if e["title"] == "Bombs explode at Brussels airport")
    brussels_events = [e for e in events if e["entry"] and e["entry"]["id"] == brussels["id"]]
    # The panel is checked on an entry with two sources, both with links.
    assert len(brussels_events) == 2, "the merger kept the two Brussels reports apart"
    drawn_titles = {e["entry"]["title"] for e in events if e["entry"]}
    return {
        "window": {"from": "2016-02-25", "to": "2016-04-20"},
        "entries": [{"id": entries[row["name"]]["id"], "title": entries[row["name"]]["title"], "start": row["start"],
                     "end": row.get("end"), "shape": row["shape"]} for row in EXPECT],
        # What the sample says did not happen (the denied U.S.-Russia coordination on Raqqa…).
        "absent": sorted({e["title"] for e in events if e["status"] in ("denied", "hypothetical")} - drawn_titles),
        "open": {
            "id": brussels["id"], "title": brussels["title"],
            "evidence": [e["evidence"]["text"] for e in brussels_events],
            "links": [e["source"]["url"] for e in brussels_events],
        },
        # An entry is filed under its first participant or location (the API's rule for format=vis).
        "groups": {kind: sorted({e["entry"][field][0]["name"] for e in events if e["entry"] and e["entry"][field]})
                   for kind, field in (("entity", "participants"), ("location", "locations"))},
        "narrow": {"from": "2016-04-01", "to": "2016-04-30",
                   "ids": sorted({e["entry"]["id"] for e in events
                                  if e["entry"] and "2016-04-01" <= e["entry"]["date"]["start"] < "2016-05-01"})},
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
