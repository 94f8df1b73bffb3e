"""How entries are stored: compact JSON, deflated with a dictionary primed for entries."""
from __future__ import annotations

import json
import struct
import zlib

import orjson

# Entries are small JSON documents that repeat the same keys: deflate primed with a skeleton entry
# (and common words) stores them in about a third less than plain zlib. Stored blobs start with a
# format byte; changing the skeleton needs a new one, as blobs already stored keep theirs.
_SKELETON_DATE = {"value": "", "granularity": "day", "start": "T00:00:00", "end": "T00:00:00", "text": None,
                  "anchor": "expression"}
_SKELETON_ENTITY = {"name": "", "type": "person", "aliases": [""]}
_SKELETON_SOURCE = {"article_id": "", "title": "", "url": "https://", "source": "", "published_at": ""}
_SKELETON = {
    "id": "", "date": _SKELETON_DATE, "dates": [{**_SKELETON_DATE, "articles": [""]}], "title": "",
    "status": "occurred", "participants": [_SKELETON_ENTITY],
    "locations": [{"name": "", "type": "city", "country_code": "", "geonameid": 0}],
    "mentions": [{"article": "", "event": "", "start": 0, "end": 0, "text": "", "evidence": ""}],
    "sources": [_SKELETON_SOURCE],
    "why": ["same action: ", "reported by 2 articles", "shared participants: ", "shared locations: ",
            "same date ", "text similarity 0."],
    "events": [{"id": "", "article": "", "lemma": "", "class": "OCCURRENCE", "status": "occurred", "title": "",
                "trigger": {"text": "", "start": 0, "end": 0}, "evidence": {"text": "", "start": 0, "end": 0},
                "date": _SKELETON_DATE, "participants": [_SKELETON_ENTITY],
                "locations": [{"name": "", "type": "city", "country_code": ""}], "source": _SKELETON_SOURCE}],
}
_WORDS = " the of and to in a that said on for with was by from at as has his have been after "
_VARIANTS = ('"type":"country","type":"organization","type":"group","type":"region","type":"facility",'
             '"anchor":"publication","anchor":"discourse","status":"planned","status":"reported",'
             '"class":"REPORTING","class":"I_ACTION","granularity":"month","granularity":"year",')
_ZDICT = (_WORDS + _VARIANTS + json.dumps(_SKELETON, separators=(",", ":"))).encode("utf-8")
_FORMAT = 4
# Format 4: format, size of the card's deflate stream, length of the served part, length of the list
# of storied articles, that list uncompressed (each id as a 2-byte length and its UTF-8 bytes, so that
# the store's Lua read finds which articles' stories to fetch with the entry), then two deflate streams:
# the card alone, which a page of summaries fetches and inflates without the rest (the store's page
# script slices it out, ``inflate_card`` inflates it), and the entry as served followed by the records,
# primed with the card as well (both repeat much of it, which deflate then stores once). The card is
# deflated with fixed Huffman codes: it inflates in half the time (no code tables to build for each
# card) for some 17 bytes more. Format 3: lengths of the card and of the served part instead of the
# first two, then one stream of card, served part and records.
_HEAD = struct.Struct(">BIIH")
_HEAD_2 = struct.Struct(">BII")  # format 2 (no storied articles), lengths of the card and served part
_HEAD_1 = struct.Struct(">BI")  # format 1 (no card), length of the served part
_ID_LENGTH = struct.Struct(">H")


def _dumps(value) -> bytes:
    # Compact UTF-8 JSON, as json.dumps(separators=(",", ":"), ensure_ascii=False) writes it, a tenth
    # of the time: every merge encodes an entry and decodes its candidates.
    return orjson.dumps(value)


def card_of(entry: dict) -> dict:
    """What a list or the widget formats show of an entry, in the entry's own shape: id, title,
    status, date, its first named participant and location, its sources, its first evidence (about
    half of the entry as served: pages of summaries and widget pages inflate only this)."""
    first = {field: [item for item in entry.get(field) or () if item.get("name")][:1]
             for field in ("participants", "locations")}
    evidence = [{"evidence": m["evidence"]} for m in entry.get("mentions") or () if m.get("evidence")][:1]
    return {"id": entry["id"], "title": entry["title"], "status": entry["status"], "date": entry["date"],
            **first, "sources": entry.get("sources") or [], "mentions": evidence}


def pack(served: dict, records: list[dict], storied: list[str] = ()) -> bytes:
    """One blob for an entry's card, the entry as served and the records of its events (format 4);
    ``storied`` are the articles whose story (stored apart, once an article) goes with their records."""
    card, head, tail = _dumps(card_of(served)), _dumps(served), _dumps(records)
    articles = b"".join(_ID_LENGTH.pack(len(raw)) + raw for raw in (a.encode("utf-8") for a in storied))
    card_packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_FIXED, zdict=_ZDICT)
    card_stream = card_packer.compress(card) + card_packer.flush()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_ZDICT + card)
    return (_HEAD.pack(_FORMAT, len(card_stream), len(head), len(articles)) + articles + card_stream
            + packer.compress(head + tail) + packer.flush())


def storied_articles(blob: bytes) -> list[str]:
    """The articles whose story goes with the entry's records (none before format 3)."""
    if blob[0] not in (3, _FORMAT):
        return []
    *_, size = _HEAD.unpack_from(blob)
    found, at, end = [], _HEAD.size, _HEAD.size + size
    while at < end:
        (length,) = _ID_LENGTH.unpack_from(blob, at)
        found.append(blob[at + 2:at + 2 + length].decode("utf-8"))
        at += 2 + length
    return found


def _card_span(blob: bytes) -> tuple[int, int]:
    """Where the card's stream lies in a format-4 blob (the store's page script finds it alike)."""
    _, size, _, articles = _HEAD.unpack_from(blob)
    return _HEAD.size + articles, _HEAD.size + articles + size


def inflate_card(stream: bytes) -> bytes:
    """The card's UTF-8 JSON text from its stream in a format-4 blob."""
    return zlib.decompressobj(-15, zdict=_ZDICT).decompress(stream)


def _open(blob: bytes) -> tuple[zlib._Decompress, int, int, bytes]:
    """The inflater of the stream that holds the entry as served, how much of its text comes first
    (the card, in formats 2 and 3), the served part's length, and the stream."""
    fmt = blob[0]
    if fmt == _FORMAT:
        _, _, length, _ = _HEAD.unpack_from(blob)
        start, end = _card_span(blob)
        card = inflate_card(blob[start:end])
        return zlib.decompressobj(-15, zdict=_ZDICT + card), 0, length, blob[end:]
    if fmt == 1:
        _, length = _HEAD_1.unpack_from(blob)
        return zlib.decompressobj(-15, zdict=_ZDICT), 0, length, blob[_HEAD_1.size:]
    if fmt == 2:
        _, card, length = _HEAD_2.unpack_from(blob)
        return zlib.decompressobj(-15, zdict=_ZDICT), card, length, blob[_HEAD_2.size:]
    if fmt == 3:
        _, card, length, articles = _HEAD.unpack_from(blob)
        return zlib.decompressobj(-15, zdict=_ZDICT), card, length, blob[_HEAD.size + articles:]
    raise ValueError(f"unknown entry format {fmt}")


def card_json(blob: bytes) -> bytes:
    """The entry's card (``card_of``) as UTF-8 JSON text, inflating no further than it; raises
    ValueError for an unknown format."""
    if blob[0] == _FORMAT:
        start, end = _card_span(blob)
        return inflate_card(blob[start:end])
    unpacker, card, length, data = _open(blob)
    if blob[0] == 1:
        return _dumps(card_of(orjson.loads(unpacker.decompress(data, length))))
    return unpacker.decompress(data, card)


def served_json(blob: bytes) -> bytes:
    """The entry as served, as UTF-8 JSON text, inflating no further than it (pages splice these
    texts instead of decoding and encoding each entry); raises ValueError for an unknown format."""
    unpacker, skip, length, data = _open(blob)
    return unpacker.decompress(data, skip + length)[skip:]


def served(blob: bytes) -> dict:
    """The entry as served; raises ValueError for an unknown format."""
    return orjson.loads(served_json(blob))


def events_of(blob: bytes) -> list[dict]:
    """The records of the entry's events (what the merge decides from), parsing nothing else; raises
    ValueError for an unknown format."""
    unpacker, skip, length, data = _open(blob)
    raw = unpacker.decompress(data) + unpacker.flush()
    return orjson.loads(raw[skip + length:])


def pack_story(story: list[str]) -> bytes:
    """An article's story (``merge.article_story``: sorted words and names, none holding a line
    break), deflated: stored once an article, it costs about half its text."""
    return zlib.compress("\n".join(story).encode("utf-8"), 9)


def story_of(blob: bytes) -> list[str]:
    """The story ``pack_story`` packed."""
    text = zlib.decompress(blob).decode("utf-8")
    return text.split("\n") if text else []
