"""``timeline build``: the real extractor (spaCy model) and the merge code over article files."""
from __future__ import annotations

import json
import sys

from timeline import cli

ARTICLES = {
    "palmyra-a": {
        "id": "palmyra-a", "published_at": "2016-03-28",
        "text": "Syrian army retakes Palmyra\n\nSyrian government troops retook the ancient city of Palmyra "
                "from Islamic State fighters on Sunday, state television said. The army entered the city "
                "after three weeks of fighting.",
    },
    "palmyra-b": {
        # No publication date: accepted, relative dates then stay unresolved.
        "id": "palmyra-b",
        "text": "Syrian forces recaptured Palmyra from Islamic State on Sunday. Russian jets supported the "
                "Syrian army in the offensive on Palmyra.",
    },
}


def write_articles(folder):
    for name, article in ARTICLES.items():
        (folder / f"{name}.json").write_text(json.dumps(article), "utf-8")


def test_build_merges_across_articles_and_points_at_trigger_spans(tmp_path):
    write_articles(tmp_path)
    out = tmp_path / "timeline.json"
    assert cli.main(["build", str(tmp_path), "--out", str(out), "--all-events"]) == 0
    entries = json.loads(out.read_text("utf-8"))["entries"]
    assert entries
    for entry in entries:
        assert set(entry) == {"id", "date", "title", "status", "participants", "locations", "mentions", "why"}
        for m in entry["mentions"]:
            assert set(m) == {"article", "start", "end", "text"}
            assert ARTICLES[m["article"]]["text"][m["start"]:m["end"]] == m["text"]
    across = [e for e in entries if {m["article"] for m in e["mentions"]} == set(ARTICLES)]
    assert any("Palmyra" in json.dumps(e["locations"]) for e in across), [e["mentions"] for e in entries]


def test_build_without_all_events_keeps_only_timeline_events(tmp_path):
    write_articles(tmp_path)
    everything = cli.build([tmp_path], all_events=True)["entries"]
    selected = cli.build([tmp_path])["entries"]
    count = lambda entries: sum(len(e["mentions"]) for e in entries)  # noqa: E731
    assert 0 < count(selected) <= count(everything)


def test_build_says_clearly_when_the_extractor_is_missing(tmp_path, monkeypatch, capsys):
    write_articles(tmp_path)
    monkeypatch.setitem(sys.modules, "extractor", None)  # makes `import extractor` raise ImportError
    assert cli.main(["build", str(tmp_path), "--out", str(tmp_path / "t.json")]) == 1
    assert "needs the extractor package" in capsys.readouterr().err
    assert not (tmp_path / "t.json").exists()
