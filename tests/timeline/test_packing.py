"""How entries are stored in Redis."""
from __future__ import annotations

import json
import struct
import zlib

import pytest
from timeline_samples import MERGE, make_event, pack_format_3

from timeline import merge
from timeline.packing import (_ZDICT, card_json, card_of, events_of, inflate_card, pack, pack_story, served,
                              served_json, storied_articles, story_of)


def _entry() -> tuple[dict, list[dict]]:
    entry = merge.new_entry(make_event("a", "visit", "2016-03", people=[("John Kerry", ["Kerry"])],
                                       places=["Moscow"], title="Kerry visits Moscow — talks 🕊"), MERGE)
    return {**entry, "events": [m["id"] for m in entry["events"]]}, entry["events"]


def test_entries_round_trip_smaller_than_plain_zlib():
    public, events = _entry()
    blob = pack(public, events)
    assert served(blob) == public
    assert served_json(blob).decode("utf-8") == json.dumps(public, separators=(",", ":"), ensure_ascii=False)
    assert events_of(blob) == events
    plain = zlib.compress(json.dumps({**public, "events": events}, separators=(",", ":")).encode(), 9)
    assert len(blob) < 0.8 * len(plain)


def test_the_card_is_read_alone_and_keeps_the_entry_shape():
    public, events = _entry()
    card = json.loads(card_json(pack(public, events)))
    assert card == card_of(public)
    assert card["participants"] == public["participants"][:1] and card["sources"] == public["sources"]
    assert card["mentions"] == [{"evidence": public["mentions"][0]["evidence"]}]


def test_a_blob_names_its_storied_articles_before_the_stream():
    public, events = _entry()
    blob = pack(public, events, ["a", "dépêche\n7"])
    assert storied_articles(blob) == ["a", "dépêche\n7"] and storied_articles(pack(public, events)) == []
    assert served(blob) == public and events_of(blob) == events
    assert json.loads(card_json(blob)) == card_of(public)


def test_stories_round_trip():
    story = merge.article_story([make_event("a", "visit", "2016-03", people=[("John Kerry", [])], places=["Moscow"],
                                            evidence="Kerry flew to Moscow for talks with Putin on Syria.")])
    assert story_of(pack_story(story)) == story and story_of(pack_story([])) == []


def test_the_card_is_a_stream_of_its_own_after_the_storied_articles():
    public, events = _entry()
    blob = pack(public, events, ["a"])
    fmt, size, _, articles = struct.unpack_from(">BIIH", blob)
    start = struct.calcsize(">BIIH") + articles
    # What the store's page script slices out inflates alone to the card, and only the card.
    assert fmt == 4 and json.loads(inflate_card(blob[start:start + size])) == card_of(public)
    assert len(zlib.decompressobj(-15, zdict=_ZDICT).decompress(blob[start:])) == len(card_json(blob))


def test_blobs_of_format_3_are_still_read():
    public, events = _entry()
    blob = pack_format_3(public, events, ["a"])
    assert served(blob) == public and events_of(blob) == events and storied_articles(blob) == ["a"]
    assert json.loads(card_json(blob)) == card_of(public)


def test_blobs_of_format_2_are_still_read():
    public, events = _entry()
    card, head, tail = (json.dumps(x, separators=(",", ":"), ensure_ascii=False).encode()
                        for x in (card_of(public), public, events))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_ZDICT)
    blob = struct.pack(">BII", 2, len(card), len(head)) + packer.compress(card + head + tail) + packer.flush()
    assert served(blob) == public and events_of(blob) == events and storied_articles(blob) == []
    assert json.loads(card_json(blob)) == card_of(public)


def test_blobs_of_format_1_are_still_read():
    public, events = _entry()
    head, tail = (json.dumps(x, separators=(",", ":")).encode() for x in (public, events))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_ZDICT)
    blob = struct.pack(">BI", 1, len(head)) + packer.compress(head + tail) + packer.flush()
    assert served(blob) == public and events_of(blob) == events
    assert json.loads(card_json(blob)) == card_of(public)


def test_a_blob_of_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown entry format"):
        served(b"\x09\x00\x00\x00\x02" + zlib.compress(b"{}"))
