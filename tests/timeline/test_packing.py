"""How entries are stored in Redis."""
from __future__ import annotations

import json
import zlib

import pytest
from timeline_samples import MERGE, make_event

from timeline import merge
from timeline.packing import pack, records, served, served_json


def test_entries_round_trip_smaller_than_plain_zlib():
    entry = merge.new_entry(make_event("a", "visit", "2016-03", people=[("John Kerry", ["Kerry"])],
                                       places=["Moscow"], title="Kerry visits Moscow — talks 🕊"), MERGE)
    public = {**entry, "events": [m["id"] for m in entry["events"]]}
    blob = pack(public, entry["events"])
    assert served(blob) == public
    assert served_json(blob).decode("utf-8") == json.dumps(public, separators=(",", ":"), ensure_ascii=False)
    assert records(blob) == (public, entry["events"])
    plain = zlib.compress(json.dumps(entry, separators=(",", ":")).encode(), 9)
    assert len(blob) < 0.8 * len(plain)


def test_a_blob_of_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown entry format"):
        served(b"\x09\x00\x00\x00\x02" + zlib.compress(b"{}"))
