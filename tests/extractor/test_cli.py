"""The ``extractor`` command on a small hand-made .tml file and article: exit codes and output shape."""
import json
import subprocess
import sys

import contract
import pytest

from extractor.cli import main

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>talks</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">01/08/1998</TIMEX3></DCT>
<TEXT>
The talks <EVENT eid="e1" class="OCCURRENCE">began</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">January 7, 1998</TIMEX3> &amp; will <EVENT eid="e2" class="ASPECTUAL">resume</EVENT> <TIMEX3 tid="t2" type="DATE" value="1998-W03">next week</TIMEX3>.
</TEXT>
</TimeML>
"""
ARTICLE = {
    "id": "talks-1", "published_at": "2016-03-31", "title": "Talks",
    "text": "Geneva peace talks will reconvene on April 9, officials said on Thursday. "
            "Syrian troops retook Palmyra last week.",
}
TIMEX_KEYS = {"doc", "start", "end", "text", "type", "value", "granularity", "interval", "rule", "anchor",
              "mod", "quant", "freq"}
EVENT_KEYS = {"doc", "start", "end", "text", "class", "tense", "aspect", "polarity", "modality", "status",
              "reported_by", "date", "confidence", "timeline"}


@pytest.fixture
def gold_dir(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    (d / "talks.tml").write_text(TML)
    return d


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "talks-1.json"
    path.write_text(json.dumps(ARTICLE))
    return path


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_timex_export_then_score(gold_dir, tmp_path, capsys):
    out = tmp_path / "timex.jsonl"
    assert main(["timex", str(gold_dir), "--out", str(out)]) == 0
    records = read_jsonl(out)
    text = (gold_dir / "talks.tml").read_text()
    assert records and all(set(r) == TIMEX_KEYS and r["doc"] == "talks" for r in records)
    assert all(set(r["interval"]) == {"start", "end"} for r in records)
    assert {"1998-01-07"} <= {r["value"] for r in records}
    assert not (tmp_path / "timex.jsonl.part").exists()
    assert "January 7, 1998" in text
    capsys.readouterr()

    assert main(["score-timex", str(gold_dir), str(out), "--errors"]) == 0
    report = capsys.readouterr().out
    assert "strict" in report and "relaxed" in report and "value" in report and "gold 2 " in report


def test_events_export(gold_dir, article, tmp_path):
    out = tmp_path / "events.jsonl"
    assert main(["events", str(gold_dir / "talks.tml"), str(article), "--out", str(out)]) == 0
    records = read_jsonl(out)
    assert {r["doc"] for r in records} <= {"talks", "talks-1"} and records
    assert all(set(r) == EVENT_KEYS for r in records)


def test_extract_prints_contract_events(article, capsys):
    assert main(["extract", str(article)]) == 0
    events = json.loads(capsys.readouterr().out)
    assert isinstance(events, list) and events
    for event in events:
        contract.validate("event", event)


@pytest.mark.parametrize("argv, message", [
    (["extract", "{tmp}/missing.json"], "No such file"),
    (["extract", "{tmp}/bad.json"], "not JSON"),
    (["extract", "{tmp}/list.json"], "not an article"),
    (["extract", "{tmp}/notes.txt"], "expected a .tml or .json"),
    (["timex", "{tmp}/empty", "--out", "{tmp}/o.jsonl"], "no .tml or .json documents"),
    (["events", "{tmp}/bad.json", "--out", "{tmp}/o.jsonl"], "not JSON"),
    (["timex", "{tmp}/bad.tml", "--out", "{tmp}/o.jsonl"], "no <TEXT>"),
    (["timex", "{gold}", "--out", "{tmp}/nowhere/o.jsonl"], "no such folder for --out"),
    (["score-timex", "{tmp}/empty", "{tmp}/list.json"], "no .tml files"),
    (["score-timex", "{gold}", "{tmp}/bad.json"], "not JSON"),
    (["score-timex", "{gold}", "{tmp}/missing.jsonl"], "No such file"),
    (["score-events", "{tmp}/empty", "{tmp}/missing.jsonl"], ""),
])
def test_bad_input_exits_2_with_one_line(tmp_path, gold_dir, capsys, argv, message):
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "bad.tml").write_text("<TimeML>nothing</TimeML>")
    (tmp_path / "empty").mkdir()
    argv = [a.format(tmp=tmp_path, gold=gold_dir) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not (tmp_path / "o.jsonl").exists()


def test_missing_model_is_bad_input(article, monkeypatch, capsys):
    monkeypatch.setenv("EXTRACTOR_SPACY_MODEL", "no_such_spacy_model")
    assert main(["extract", str(article)]) == 2
    assert "no_such_spacy_model" in capsys.readouterr().err


def test_no_traceback_from_the_installed_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "timex", str(tmp_path / "missing.tml"), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("extractor timex: ") and "Traceback" not in proc.stderr


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["timex", "x.tml"])  # --out is required
    assert info.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_extract_refuses_an_invalid_article_like_the_worker(tmp_path, capsys):
    bad = tmp_path / "bad-date.json"
    bad.write_text(json.dumps({"id": "a1", "text": "Talks began.", "published_at": "31/03/2016"}))
    assert main(["extract", str(bad)]) == 2
    assert "published_at" in capsys.readouterr().err
