"""How entries are stored: compact JSON, deflated with a dictionary primed for entries."""
from __future__ import annotations

import json
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
             '"class":"REPORTING","class":"I_ACTION","granularity":"month","granularity":"year",'
             '"indexed":{"entity":{},"location":{},"status":{"occurred":"occurred"},"source":{}}')
_ZDICT = (_WORDS + _VARIANTS + json.dumps(_SKELETON, separators=(",", ":"))).encode("utf-8")
_FORMAT = b"\x01"


def pack(entry: dict) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_ZDICT)
    raw = json.dumps(entry, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return _FORMAT + packer.compress(raw) + packer.flush()


def unpack(blob: bytes) -> dict:
    """The entry in ``blob``; raises ValueError for a blob in a format this code does not know."""
    if blob[:1] != _FORMAT:
        raise ValueError(f"unknown entry format {blob[:1]!r}")
    unpacker = zlib.decompressobj(-15, zdict=_ZDICT)
    return json.loads(unpacker.decompress(blob[1:]) + unpacker.flush())
