"""How entries are stored: compact JSON, deflated with a dictionary primed for entries."""
from __future__ import annotations

import json
import struct
import zlib

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
_FORMAT = b"\x01"
_HEAD = struct.Struct(">BI")  # format, length of the served part


def pack(served: dict, records: list[dict]) -> bytes:
    """One blob for an entry as served and the records of its events, in one deflate stream (the
    records repeat much of the served text, which deflate then stores once), served part first."""
    head = json.dumps(served, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    tail = json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_ZDICT)
    return _HEAD.pack(_FORMAT[0], len(head)) + packer.compress(head + tail) + packer.flush()


def _open(blob: bytes) -> tuple[zlib._Decompress, int, bytes]:
    fmt, length = _HEAD.unpack_from(blob)
    if fmt != _FORMAT[0]:
        raise ValueError(f"unknown entry format {fmt}")
    return zlib.decompressobj(-15, zdict=_ZDICT), length, blob[_HEAD.size:]


def served_json(blob: bytes) -> bytes:
    """The entry as served, as UTF-8 JSON text, inflating no further than it (pages splice these
    texts instead of decoding and encoding each entry); raises ValueError for an unknown format."""
    unpacker, length, data = _open(blob)
    return unpacker.decompress(data, length)


def served(blob: bytes) -> dict:
    """The entry as served; raises ValueError for an unknown format."""
    return json.loads(served_json(blob))


def records(blob: bytes) -> tuple[dict, list[dict]]:
    """The entry as served and its event records; raises ValueError for an unknown format."""
    unpacker, length, data = _open(blob)
    raw = unpacker.decompress(data) + unpacker.flush()
    return json.loads(raw[:length]), json.loads(raw[length:])
