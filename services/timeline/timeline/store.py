"""The timeline in Redis: the only module that builds Redis keys.

Layout (``P`` = the key prefix, ``{P:tl}`` a Redis Cluster hash tag):

* ``{P:tl}:e:<id>`` — an entry's card (what a list shows), the entry as the API shows it, then the
  records of its events (what the merge needs), in one compressed blob (``packing``): a page of
  cards fetches and inflates only the card. Entry ids are small integers from ``{P:tl}:seq``.
* ``{P:tl}:date`` — sorted set of entry ids scored by the entry's start (epoch seconds): range queries
  and cursors cost O(log n) whatever the store's size.
* ``{P:tl}:ev:<4 hex>`` — which entry each event id went into, bucketed by the first four hex digits so
  that each bucket stays a small listpack hash (about 30 bytes an event instead of a key each).
* ``{P:tl}:iz:<kind>:<value>`` — entry ids per entity, location, status and source (filters), each a
  sorted set scored like ``date``, so that a filtered page walks the rarest of its filters in date
  order. (They were plain sets under ``ix:`` before; a store built then needs building again.)
* ``{P:tl}:alias:<kind>`` — alias → canonical name; ``{P:tl}:facet:<kind>`` — entry counts per name as
  displayed (a separate table of display forms would cost some 70 bytes an event).
* ``{P:tl}:b:<span class>:<filing key>`` — candidate entries for merging (``merge.filing_keys``: by
  kind and place), by how long a stretch their dates cover, scored by its start; an event reads those
  of its ``merge.search_keys``. ``{P:tl}:bv:<blocking key>`` counts the writes to entries of a kind
  (``merge.blocking_keys``; a merge applies only if the counters it read are unchanged). (Entries were
  filed by kind alone under ``b:`` before; a store built then needs building again.)
* ``{P:tl}:g:<entry id but its last two digits>`` — each entry's gate (``merge.gate``: its members'
  people and places, hashed), which the read of candidates checks before fetching the entry; a hash a
  hundred ids, so that it stays compactly encoded. (An entry without one is always fetched: ``timeline
  refile`` gives them to a store written before.)
* ``{P:tl}:s:<article id>`` — an article's story (``merge.article_story`` of its extraction, deflated),
  once an article rather than in each of its events' records (some 1.3 KB of words): an entry's blob
  names, uncompressed, the articles whose story goes with its records, so that the read of candidates
  fetches those stories in the same script call.
* ``{P:tl}:version`` — bumped on every change: ETags are built from it.
* ``P:a:{<article id>}`` — an article's status hash; single-key, so each article gets its own slot.

Everything a merge touches shares one hash tag, so its Lua calls (a read of each event's candidates,
pipelined for the events of one extraction, then one compare-and-set write for them; the read builds
entry, story and candidate set keys under the same tag) work in a cluster too; the price is that the timeline
lives on one cluster node, while article statuses are spread over all. Merges are optimistic (the
write checks that the event is still unmerged and that its kinds' write counters are as read),
so any number of mergers can run at once: the loser of a race re-reads and tries again.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import itertools
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

import orjson
import redis

from . import merge
from .merge import MergeSettings
from .packing import (card_json, events_of, inflate_card, pack, pack_story, served, served_json, storied_articles,
                      story_of)

STATE_RANK = {"queued": 0, "processing": 1, "failed": 2, "done": 3}
INDEX_KINDS = ("entity", "location", "status", "source")
_CHUNK = 200  # rows read at a time while a page walks an index (inside one script call)
_ID_BLOCK = 64
# Decoded event records of candidate entries, by stored blob (a blob changes whenever its entry does):
# an entry is a candidate of many merges (of every event of its kind whose dates it can overlap), and
# decoding is most of a candidate's cost. About 8 KB a 2-event entry, so at most some 160 MB.
_DECODED_ENTRIES = 20_000
_DECODED_STORIES = 20_000  # stories by stored blob, a few KB each decoded

# Entries are filed for merging by how long a stretch of time their dates cover (the hull of every
# date their mentions gave): an event can only link to entries overlapping it, and an entry of span
# at most S overlapping [a, b) starts in [a - S, b). The last class is unbounded.
SPAN_CLASSES = (("d", 8 * 86400), ("m", 32 * 86400), ("y", 370 * 86400), ("x", None))

# Whether an event is merged already, else the write counters of its blocking keys and its candidate
# entries, latest start first (ties by id), at most ARGV[2], with their blobs, and the stories of the
# articles their blobs name (``packing.storied_articles``: bytes 10-11 of a format-3 or 4 blob give the
# length of that list, which follows, each id as a 2-byte length and its bytes). Candidates whose gate
# (``merge.gate``, in ``Keys.gate``) is apart from the event's (``merge.record_gate``) are left out
# before their blobs are fetched (an event is never compared with its own entry here: it would have
# been merged before).
# KEYS: the event's bucket and the write counters; ARGV: event id, limit, entry key prefix, story key
# prefix, candidate key prefix, the number of span classes, gate key prefix, the event's gate, a name
# and a min and max start for each span class, then the search keys (the candidate sets,
# ``Keys.block``, are built here from those: a dozen keys and four span classes would be some fifty
# keys and a hundred bounds to send for every event).
_READ_CANDIDATES = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return false end
local limit, classes = tonumber(ARGV[2]), tonumber(ARGV[6])
local versions = {}
for i = 2, #KEYS do versions[i - 1] = redis.call('GET', KEYS[i]) or '' end
local score, ids = {}, {}
for k = 9 + 3 * classes, #ARGV do
  local sets = {}
  for c = 9, 6 + 3 * classes, 3 do sets[#sets + 1] = ARGV[5] .. ARGV[c] .. ':' .. ARGV[k] end
  -- Most search keys of an event hold nothing (sets of place types few entries have): one call
  -- finds out instead of one per span class.
  if redis.call('EXISTS', unpack(sets)) > 0 then
    for i, set in ipairs(sets) do
      local at = 6 + 3 * i  -- the span class's name; its min and max start follow
      local rows = redis.call('ZREVRANGEBYSCORE', set, ARGV[at + 2], ARGV[at + 1], 'WITHSCORES', 'LIMIT', 0, limit)
      for j = 1, #rows, 2 do
        if score[rows[j]] == nil then ids[#ids + 1] = rows[j] end
        score[rows[j]] = tonumber(rows[j + 1])
      end
    end
  end
end
table.sort(ids, function(a, b)
  if score[a] ~= score[b] then return score[a] > score[b] end
  return a < b
end)
for i = #ids, limit + 1, -1 do ids[i] = nil end
-- A gate is fields separated by commas: three roles ('' none, '*' anyone, '+' and 4-character
-- hashes), place hashes, exclusive place type letters, country code hashes (merge.record_gate).
local function fields(member)
  local found = {}
  for part in string.gmatch(member .. ',', '([^,]*),') do found[#found + 1] = part end
  return found
end
local function hashes(text, from)
  local set = {}
  for i = from, #text, 4 do set[string.sub(text, i, i + 3)] = true end
  return set
end
local function shares(text, from, set)
  for i = from, #text, 4 do
    if set[string.sub(text, i, i + 3)] then return true end
  end
  return false
end
local mine = fields(ARGV[8])
local roles, places = {}, hashes(mine[4], 1)
for r = 1, 3 do
  if string.sub(mine[r], 1, 1) == '+' then roles[r] = hashes(mine[r], 2) end
end
local function apart(member)  -- merge._people_conflict or merge._places_conflict would say so
  local other = fields(member)
  for r = 1, 3 do
    if roles[r] and string.sub(other[r], 1, 1) == '+' and not shares(other[r], 2, roles[r]) then return true end
  end
  if shares(other[4], 1, places) then return false end
  for i = 1, #other[5] do
    if string.find(mine[5], string.sub(other[5], i, i), 1, true) then return true end
  end
  -- codes that differ: both name some, and not the same single one
  return mine[6] ~= '' and other[6] ~= '' and not (#mine[6] == 4 and other[6] == mine[6])
end
local gated = {}
for _, id in ipairs(ids) do
  local gate = redis.call('HGET', ARGV[7] .. string.sub(id, 1, -3), id)
  local skip = gate and gate ~= ''
  if skip then
    for member in string.gmatch(gate, '[^ ]+') do
      if not apart(member) then skip = false; break end
    end
  end
  if not skip then gated[#gated + 1] = id end
end
ids = gated
if #ids == 0 then return {versions, {}, {}, {}, {}} end
local keys = {}
for i = 1, #ids do keys[i] = ARGV[3] .. ids[i] end
local blobs = redis.call('MGET', unpack(keys))
local articles, named = {}, {}
for _, blob in ipairs(blobs) do
  if blob and string.byte(blob, 1) >= 3 then  -- formats 3 and 4 name them alike
    local at = 12
    local stop = at + string.byte(blob, 10) * 256 + string.byte(blob, 11)
    while at < stop do
      local length = string.byte(blob, at) * 256 + string.byte(blob, at + 1)
      local article = string.sub(blob, at + 2, at + 1 + length)
      if not named[article] then named[article] = true; articles[#articles + 1] = article end
      at = at + 2 + length
    end
  end
end
if #articles == 0 then return {versions, ids, blobs, {}, {}} end
local stories = {}
for i = 1, #articles do stories[i] = ARGV[4] .. articles[i] end
return {versions, ids, blobs, articles, redis.call('MGET', unpack(stories))}
"""


# One page in one call: from the first entry starting at or after ARGV[1] (or just after the cursor
# ARGV[3], ARGV[4]), entries starting before ARGV[2] that are in every filter index KEYS[3..], until
# ARGV[5] are found or ARGV[6] examined. It walks the rarest filter index (all are sorted sets scored
# like the date index KEYS[1]), or the date index when there is no filter, so a page costs about
# limit / (the other filters' share of the walked index) rows whatever the store's size; it reads
# rows ARGV[8] at a time (the other filters asked about all of them in one ZMSCORE each), or, with no
# other filter, as many as are still wanted and one more: whether anything follows. Returns their
# blobs, or with ARGV[9] = '1' only their cards' deflated streams (``packing.inflate_card``) except for
# blobs of formats before 4, whose positions (from 0) follow; the last entry examined (score, id;
# false when the range is exhausted), how many were examined, and the timeline's version KEYS[2]
# (read with the page, so that an ETag names exactly it, in the same round trip). Empty strings mean
# "none".
_SCAN_DATES = """
local walked, limit, budget, chunk = KEYS[1], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[8])
local others = {}
if #KEYS > 2 then
  local fewest
  for k = 3, #KEYS do
    local size = redis.call('ZCARD', KEYS[k])
    if fewest == nil or size < fewest then fewest, walked = size, KEYS[k] end
  end
  for k = 3, #KEYS do
    if KEYS[k] ~= walked then others[#others + 1] = KEYS[k] end
  end
end
local index, stop = 0, math.huge  -- the ranks of the walked index in range: [index, stop)
if ARGV[1] ~= '' then index = redis.call('ZCOUNT', walked, '-inf', '(' .. ARGV[1]) end
if ARGV[2] ~= '' then stop = redis.call('ZCOUNT', walked, '-inf', '(' .. ARGV[2]) end
if ARGV[4] ~= '' then
  local rank, score = redis.call('ZRANK', walked, ARGV[4]), redis.call('ZSCORE', walked, ARGV[4])
  if rank and score and tonumber(score) == tonumber(ARGV[3]) then
    index = math.max(index, rank + 1)
  else  -- the cursor's entry moved since, or is not in this index: resume just after its old place,
    -- past the entries of its old score whose ids sort before or at its id
    index = math.max(index, redis.call('ZCOUNT', walked, '-inf', '(' .. ARGV[3]))
    local passed = true
    while passed do
      local rows = redis.call('ZRANGE', walked, index, index + chunk - 1, 'WITHSCORES')
      passed = #rows > 0
      for j = 1, #rows, 2 do
        if tonumber(rows[j + 1]) ~= tonumber(ARGV[3]) or rows[j] > ARGV[4] then passed = false; break end
        index = index + 1
      end
    end
  end
end
-- ahead: whether an entry in range follows the last one examined (nil while not known)
local ids, examined, last_id, ahead = {}, 0, false, nil
while ahead == nil do
  local want = chunk
  if #ids == limit or examined >= budget then want = 1
  elseif #others == 0 then want = limit - #ids + 1 end
  local rows = {}
  if index < stop then rows = redis.call('ZRANGE', walked, index, math.min(index + want, stop) - 1) end
  local scored = {}  -- each other filter's scores of the rows (false: not in it)
  if want > 1 and #others > 0 and #rows > 0 then
    for k = 1, #others do scored[k] = redis.call('ZMSCORE', others[k], unpack(rows)) end
  end
  for j = 1, #rows do
    if #ids == limit or examined >= budget then ahead = true; break end
    examined, index, last_id = examined + 1, index + 1, rows[j]
    local keep = true
    for k = 1, #others do keep = keep and scored[k][j] end
    if keep then ids[#ids + 1] = ARGV[7] .. rows[j] end
  end
  if ahead == nil and #rows < want then ahead = false end  -- the range ended
end
local blobs = {}
for i = 1, #ids, 500 do
  local part = redis.call('MGET', unpack(ids, i, math.min(i + 499, #ids)))
  for _, blob in ipairs(part) do blobs[#blobs + 1] = blob end
end
local whole = {}
if ARGV[9] == '1' then
  for i, blob in ipairs(blobs) do
    -- format, the card stream's size (a..d), then the storied articles' length (e, f) at 10-11
    local format, a, b, c, d, _, _, _, _, e, f = string.byte(blob, 1, 11)
    if format == 4 then  -- the card's stream follows the head and the storied articles
      local at = 12 + e * 256 + f
      blobs[i] = string.sub(blob, at, at - 1 + ((a * 256 + b) * 256 + c) * 256 + d)
    else
      whole[#whole + 1] = i - 1
    end
  end
end
local version = redis.call('GET', KEYS[2]) or '0'
if ahead then return {blobs, redis.call('ZSCORE', walked, last_id), last_id, examined, version, whole} end
return {blobs, false, false, examined, version, whole}
"""

# The writes of one or more merges (``_Batch``), applied only if nothing they read has changed since:
# each event is still unmerged (KEYS[1..ARGV[1]], their buckets; ARGV[2..], their ids) and the write
# counters in the rest of KEYS still hold the values read (the next ARGV, '' for none): a
# compare-and-set in one round trip instead of WATCH/MULTI/EXEC. Returns 1 when applied, 0 when
# anything changed (the merges then read again). The next ARGV is the commands, a JSON array of
# arrays (command and arguments), and the values of their SETs (binary blobs) follow it in order:
# one argument for some seventy an event, each of which costs redis-py and hiredis more to send than
# the JSON costs to build and Redis to decode. All keys share the timeline's hash tag.
_APPLY = """
local events = tonumber(ARGV[1])
for i = 1, events do
  if redis.call('HEXISTS', KEYS[i], ARGV[1 + i]) == 1 then return 0 end
end
for i = events + 1, #KEYS do
  if (redis.call('GET', KEYS[i]) or '') ~= ARGV[1 + i] then return 0 end
end
local value = #KEYS + 3
for _, command in ipairs(cjson.decode(ARGV[#KEYS + 2])) do
  if command[1] == 'SET' then
    redis.call('SET', command[2], ARGV[value])
    value = value + 1
  else
    redis.call(unpack(command))
  end
end
return 1
"""


class _Batch:
    """Writes gathered for one ``_APPLY`` call; each method queues the Redis command it is named for.
    Scores go as text (``repr``, exact), since Lua would print a number with 14 digits."""

    def __init__(self) -> None:
        self.commands: list[list] = []
        self.values: list[bytes] = []

    @property
    def args(self) -> list:
        """The ``_APPLY`` arguments that follow the compare-and-set's."""
        return [orjson.dumps(self.commands), *self.values]

    def set(self, key: str, value: bytes) -> None:
        self.commands.append(["SET", key])
        self.values.append(value)

    def delete(self, *keys: str) -> None:
        self.commands.append(["DEL", *keys])

    def zadd(self, key: str, mapping: dict[str, float]) -> None:
        self.commands.append(["ZADD", key, *(x for member, score in mapping.items() for x in (repr(score), member))])

    def zrem(self, key: str, *members: str) -> None:
        self.commands.append(["ZREM", key, *members])

    def zincrby(self, key: str, amount: int, member: str) -> None:
        self.commands.append(["ZINCRBY", key, amount, member])

    def zremrangebyscore(self, key: str, low, high) -> None:
        self.commands.append(["ZREMRANGEBYSCORE", key, low, high])

    def hset(self, key: str, field: str | None = None, value: str | None = None,
             mapping: dict[str, str] | None = None) -> None:
        pairs = dict(mapping or {}, **({field: value} if field is not None else {}))
        self.commands.append(["HSET", key, *(x for pair in pairs.items() for x in pair)])

    def hdel(self, key: str, *fields: str) -> None:
        self.commands.append(["HDEL", key, *fields])

    def incr(self, key: str) -> None:
        self.commands.append(["INCR", key])

    def publish(self, channel: str, message: str) -> None:
        self.commands.append(["PUBLISH", channel, message])


class CursorError(ValueError):
    """A pagination cursor that this store did not issue."""


@dataclass(frozen=True)
class Query:
    """Filters of a timeline listing; ``start``/``end`` are epoch seconds (end exclusive)."""

    start: float | None = None
    end: float | None = None
    entity: str | None = None
    location: str | None = None
    status: str | None = None
    source: str | None = None
    text: str | None = None


@dataclass
class Page:
    """Entries as their stored JSON texts (``parts``), for responses that splice them as they are."""

    parts: list[bytes] = field(default_factory=list)
    next_cursor: str | None = None
    version: int = 0  # the store's version when the page was read

    @property
    def entries(self) -> list[dict]:
        return orjson.loads(b"[" + b",".join(self.parts) + b"]")  # one call: a tenth less than one a part


class Keys:
    """Builds every key and channel name of one timeline."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.tag = "{" + prefix + ":tl}"
        self.seq = f"{self.tag}:seq"
        self.by_date = f"{self.tag}:date"
        self.version = f"{self.tag}:version"
        self.blocks = f"{self.tag}:b:"
        self.changes = f"{prefix}:changes"

    def entry(self, entry_id: str) -> str:
        return f"{self.tag}:e:{entry_id}"

    def event_bucket(self, event_id: str) -> str:
        return f"{self.tag}:ev:{event_id[:4]}"

    def index(self, kind: str, value: str) -> str:
        return f"{self.tag}:iz:{kind}:{value}"

    def alias(self, kind: str) -> str:
        return f"{self.tag}:alias:{kind}"

    def facet(self, kind: str) -> str:
        return f"{self.tag}:facet:{kind}"

    def block(self, key: str, span_class: str) -> str:
        return f"{self.blocks}{span_class}:{key}"  # as the candidate read builds them

    def gate(self, entry_id: str) -> str:
        # A hash a hundred entry ids (all but the last two digits): small hashes are stored compactly.
        return f"{self.tag}:g:{entry_id[:-2]}"

    def block_version(self, key: str) -> str:
        return f"{self.tag}:bv:{key}"

    def article(self, article_id: str) -> str:
        return f"{self.prefix}:a:{{{article_id}}}"

    def story(self, article_id: str) -> str:
        return f"{self.tag}:s:{article_id}"


def normalize(name: str) -> str:
    """The form names are indexed and looked up under."""
    return " ".join(name.casefold().split())


@lru_cache(maxsize=65536)  # a merge reads every date of the entry it writes, and dates repeat
def epoch_seconds(value: str) -> float:
    """Epoch seconds of an ISO date or date-time (naive ones are UTC); raises ValueError."""
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.timestamp()


def entry_score(entry: dict) -> float | None:
    """Where the entry sorts: its date's start, or None when it has no resolved date."""
    start = (entry.get("date") or {}).get("start")
    if not start:
        return None
    try:
        return epoch_seconds(start)
    except ValueError:
        return None


def hull(entry: dict) -> tuple[float, float] | None:
    """The stretch of time (epoch seconds, end exclusive) every date of the entry's mentions lies in."""
    bounds = [(epoch_seconds(d["start"]), epoch_seconds(d.get("end") or d["start"]))
              for d in [*(entry.get("dates") or ()), entry.get("date") or {}] if d.get("start")]
    if not bounds:
        return None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def span_class(span: tuple[float, float]) -> str:
    return next(name for name, most in SPAN_CLASSES if most is None or span[1] - span[0] <= most)


def index_values(entry: dict) -> dict[str, dict[str, str]]:
    """For each index kind, normalized value → display form, as the entry should be indexed."""
    values: dict[str, dict[str, str]] = {kind: {} for kind in INDEX_KINDS}
    for kind, items in (("entity", entry.get("participants")), ("location", entry.get("locations"))):
        for item in items or ():
            if item.get("name"):
                values[kind].setdefault(normalize(item["name"]), item["name"])
    if entry.get("status"):
        values["status"][entry["status"]] = entry["status"]
    for source in entry.get("sources") or ():
        if source.get("source"):
            values["source"].setdefault(normalize(source["source"]), source["source"])
    return values


def aliases(entry: dict) -> dict[str, dict[str, str]]:
    """For entities and locations, normalized alias → normalized canonical name."""
    found: dict[str, dict[str, str]] = {"entity": {}, "location": {}}
    for kind, items in (("entity", entry.get("participants")), ("location", entry.get("locations"))):
        for item in items or ():
            for alias in item.get("aliases") or ():
                if alias and normalize(alias) != normalize(item["name"]):
                    found[kind][normalize(alias)] = normalize(item["name"])
    return found


def _encode_cursor(score: float, entry_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([score, entry_id]).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[float, str]:
    try:
        score, entry_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(score, (int, float)) and isinstance(entry_id, str) and entry_id:
            return float(score), entry_id
    except (ValueError, TypeError, binascii.Error):
        pass
    raise CursorError("not a cursor issued by this API")


def _matches_text(entry: dict, terms: list[str]) -> bool:
    parts = [entry.get("title") or ""]
    parts += [m.get("text") or "" for m in entry.get("mentions") or ()]
    parts += [m.get("evidence") or "" for m in entry.get("mentions") or ()]
    parts += [p.get("name") or "" for p in (entry.get("participants") or []) + (entry.get("locations") or [])]
    haystack = normalize(" ".join(parts))
    return all(term in haystack for term in terms)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _text(value: Any) -> str | None:
    return value.decode("utf-8") if isinstance(value, bytes) else value


@dataclass(eq=False)
class _Plan:
    """One event's merge: what it reads (its bucket, its blocking keys' write counters and the candidate
    ranges of its search keys) and, once written, its result."""

    event: dict
    story: list[str] | None  # its article's, when known
    bucket: str
    blocking: list[str]
    counters: list[str]
    sought: list[str]  # its search keys
    bounds: list[str | float]  # each span class, the least and most start its candidates can have
    gate: str  # ``merge.record_gate`` of its member record
    result: tuple[dict, bool] | None = None


class _Records:
    """The records of stored entries' events (``packing.events_of``) by blob, for the ``size`` blobs
    used last (``_DECODED_ENTRIES``), those the merge writes included: an entry is most often read
    again soon after it is written."""

    def __init__(self, size: int):
        self.size = size
        self._found: OrderedDict[bytes, list[dict]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, blob: bytes) -> list[dict]:
        with self._lock:
            records = self._found.get(blob)
            if records is not None:
                self._found.move_to_end(blob)
                return records
        records = events_of(blob)
        self.put(blob, records)
        return records

    def put(self, blob: bytes, records: list[dict]) -> None:
        with self._lock:
            self._found[blob] = records
            if len(self._found) > self.size:
                self._found.popitem(last=False)


class Store:
    """The timeline's data in one Redis database; merge decisions are ``timeline.merge``'s.

    Redis errors (``redis.ConnectionError`` …) propagate to the caller.
    """

    def __init__(self, client: redis.Redis, prefix: str = "tl"):
        self.redis = client
        self.keys = Keys(prefix)
        self._ids: list[int] = []
        self._ids_lock = threading.Lock()
        self._read_candidates = client.register_script(_READ_CANDIDATES)
        self._apply = client.register_script(_APPLY)
        self._scan_dates = client.register_script(_SCAN_DATES)
        self._records = _Records(_DECODED_ENTRIES)
        self._story_of = lru_cache(maxsize=_DECODED_STORIES)(story_of)

    def ping(self) -> bool:
        return bool(self.redis.ping())

    def version(self) -> int:
        """A number that changes whenever the timeline does."""
        return int(self.redis.get(self.keys.version) or 0)

    # --- article statuses -------------------------------------------------------------------------

    def article_status(self, article_id: str) -> dict | None:
        """The ``status.v1`` of an article, or None if the store has never heard of it."""
        raw = self.redis.hgetall(self.keys.article(article_id))
        return self._status(article_id, raw) if raw else None

    @staticmethod
    def _status(article_id: str, raw: dict) -> dict:
        fields = {_text(k): _text(v) for k, v in raw.items()}
        status: dict[str, Any] = {"id": article_id, "state": fields["state"],
                                  "updated_at": fields.get("updated_at")}
        if fields.get("reason"):
            status["reason"] = fields["reason"]
        if fields.get("event_count") is not None:
            status["event_count"] = int(fields["event_count"])
        return status

    def submit_article(self, article_id: str, text_sha1: str) -> tuple[dict, bool]:
        """Record an article as queued unless the same text is already known.

        Returns ``(status, queued)``; ``queued`` is False when nothing changed (same text resubmitted
        while queued, processing or done), in which case the article must not be sent again. A failed
        article is queued again: resubmitting is how a client retries.
        """
        key = self.keys.article(article_id)

        def submit(pipe: redis.client.Pipeline) -> bool:
            current = {_text(k): _text(v) for k, v in pipe.hgetall(key).items()}
            if current and current.get("text_sha1") == text_sha1 and current.get("state") != "failed":
                return False
            pipe.multi()
            pipe.delete(key)
            pipe.hset(key, mapping={"state": "queued", "text_sha1": text_sha1, "updated_at": _now()})
            return True

        queued = self.redis.transaction(submit, key, value_from_callable=True)
        return self.article_status(article_id), queued

    def set_article_state(self, article_id: str, state: str, *, reason: str | None = None,
                          event_count: int | None = None, text_sha1: str | None = None) -> bool:
        """Move an article to ``state`` if that is progress; returns whether the status changed.

        Progress is queued → processing → failed → done: processing never overwrites failed or done,
        failed never overwrites done. A ``done`` for a different text than the one recorded (the
        article was edited) is always accepted.
        """
        key = self.keys.article(article_id)

        def move(pipe: redis.client.Pipeline) -> bool:
            current = {_text(k): _text(v) for k, v in pipe.hgetall(key).items()}
            if current:
                newer_text = (state == "done" and text_sha1 is not None
                              and current.get("text_sha1") not in (None, text_sha1))
                if STATE_RANK[state] <= STATE_RANK[current["state"]] and not newer_text:
                    return False
            update = {"state": state, "updated_at": _now()}
            if text_sha1 is not None:
                update["text_sha1"] = text_sha1
            if reason is not None:
                update["reason"] = reason
            if event_count is not None:
                update["event_count"] = str(event_count)
            pipe.multi()
            pipe.hdel(key, "reason", "event_count")
            pipe.hset(key, mapping=update)
            return True

        return self.redis.transaction(move, key, value_from_callable=True)

    def extraction_is_known(self, article_id: str, text_sha1: str | None) -> bool:
        """Whether this text of the article was already merged (a re-extraction is then a no-op)."""
        if text_sha1 is None:
            return False
        state, known = self.redis.hmget(self.keys.article(article_id), "state", "text_sha1")
        return _text(state) == "done" and _text(known) == text_sha1

    # --- merging ----------------------------------------------------------------------------------

    def record_extraction(self, message: dict, settings: MergeSettings) -> bool:
        """Apply one valid ``extraction.v1`` message; returns whether anything changed.

        ``processing`` and ``failed`` move the article's status (never backwards); ``done`` merges the
        events that belong on the timeline (the extractor's ``timeline`` flag, and a resolved date),
        then marks the article done with their count. A ``done`` for a text already merged is a no-op,
        and so is every event merged before, so a redelivered message changes nothing.
        """
        article_id, state = message["article_id"], message["state"]
        if state != "done":
            return self.set_article_state(article_id, state, reason=message.get("reason"))
        sha1 = (message.get("article") or {}).get("text_sha1")
        if self.extraction_is_known(article_id, sha1):
            return False
        # The story is told by every event selected for the timeline, as ``timeline build`` merges
        # them, dated or not; only dated ones are placed.
        told = [e for e in message["events"] if e.get("timeline", True)]
        placed = [e for e in told if (e.get("date") or {}).get("start")]
        results = self.merge_events(placed, settings, merge.article_stories(told))
        changed = any(result is not None for result in results)
        return self.set_article_state(article_id, "done", event_count=len(placed), text_sha1=sha1) or changed

    def merge_event(self, event: dict, settings: MergeSettings,
                    story: list[str] | None = None) -> tuple[dict, bool] | None:
        """Merge one dated ``event.v1`` into the timeline, atomically; ``story`` is its article's
        (``merge.article_story``), if known.

        ``merge.add`` decides the entry the event ends up in from the candidates: entries filed under
        one of its search keys whose dates can overlap the event's (give or take the date window), at most
        ``max_candidates``, latest first, each of their events with its article's story. Entries the
        event bridges are united under the oldest id. Returns ``(entry, created)``, or None when the
        event was merged before (a no-op).
        """
        return self.merge_events([event], settings, {} if story is None else {event["article_id"]: story})[0]

    def merge_events(self, events: list[dict], settings: MergeSettings,
                     stories: dict[str, list[str]] | None = None) -> list[tuple[dict, bool] | None]:
        """Merge dated events (an extraction's) as ``merge_event`` does one after the other, with the
        result for each, in fewer round trips: events that cannot see each other's entries (no
        blocking key in common) are read in one pipeline and written in one compare-and-set.

        ``stories`` are the stories of their articles (by default ``merge.article_stories(events)``, as
        ``merge.build`` tells them); each is stored once, with the first read, before any of the
        article's events is written.
        """
        told = merge.article_stories(events) if stories is None else stories
        plans = [self._plan(event, told.get(event["article_id"]), settings) for event in events]
        unsaved = {article: told[article] for article in {event["article_id"] for event in events} if article in told}
        results: list[tuple[dict, bool] | None] = [None] * len(events)
        pending = list(range(len(events)))
        while pending:
            # An event waits for the next round when an earlier pending one shares a blocking key
            # with it (or is the same event): it must see what that one wrote.
            now, later, claimed = [], [], set()
            for i in pending:
                touched = {plans[i].event["id"], *plans[i].blocking}
                (later if touched & claimed else now).append(i)
                claimed |= touched
            deferred = self._merge_round([plans[i] for i in now], settings, unsaved)
            for i in now:
                if plans[i] not in deferred:
                    results[i] = plans[i].result
            pending = sorted([i for i in now if plans[i] in deferred] + later)
        return results

    def _plan(self, event: dict, story: list[str] | None, settings: MergeSettings) -> _Plan:
        blocking = list(dict.fromkeys(merge.blocking_keys(event)))
        window = settings.date_window_days * 86400
        low, high = epoch_seconds(event["date"]["start"]) - window, \
            epoch_seconds(event["date"].get("end") or event["date"]["start"]) + window
        record = merge.member(event)
        return _Plan(event, story, self.keys.event_bucket(event["id"]), blocking,
                     [self.keys.block_version(k) for k in blocking], merge.search_keys(record),
                     [x for name, most in SPAN_CLASSES for x in (name, "-inf" if most is None else low - most, high)],
                     merge.record_gate(record))

    def _merge_round(self, plans: list[_Plan], settings: MergeSettings,
                     unsaved: dict[str, list[str]]) -> list[_Plan]:
        """Decide and write events that share no blocking key, until a write applies; returns those
        put off to a later round (a candidate entry of an earlier one in this round). Stories in
        ``unsaved`` are stored first, in the same pipeline (and taken out of it)."""
        while True:
            pipe = self.redis.pipeline(transaction=False)
            saving = len(unsaved)
            for article, story in unsaved.items():
                pipe.set(self.keys.story(article), pack_story(story))
            unsaved.clear()
            for plan in plans:
                # By hash, not as a registered script: a pipeline of those asks Redis whether they are
                # loaded first, a round trip per extraction.
                pipe.evalsha(self._read_candidates.sha, 1 + len(plan.counters), plan.bucket, *plan.counters,
                             plan.event["id"], settings.max_candidates, self.keys.entry(""), self.keys.story(""),
                             self.keys.blocks, len(SPAN_CLASSES), self.keys.gate(""), plan.gate, *plan.bounds,
                             *plan.sought)
            try:
                read = pipe.execute()[saving:]
            except redis.exceptions.NoScriptError:  # a new or flushed Redis; the stories are stored
                self.redis.script_load(_READ_CANDIDATES)
                continue
            batch, written, counters, seen, deferred = _Batch(), [], {}, set(), []
            for plan, found in zip(plans, read):
                plan.result = None
                if not found:
                    continue  # merged before
                ids = [_text(i) for i in found[1]]
                if seen.intersection(ids):
                    deferred.append(plan)
                    continue
                seen.update(ids)
                told = {_text(a): blob for a, blob in zip(found[3], found[4]) if blob}
                plan.result = self._decide(plan, ids, found[2], told, batch, settings)
                written.append(plan)
                counters.update(zip(plan.counters, found[0]))
            if not written:
                return deferred
            batch.incr(self.keys.version)
            if self._apply(keys=[*(plan.bucket for plan in written), *counters],
                           args=[len(written), *(plan.event["id"] for plan in written), *counters.values(),
                                 *batch.args]):
                return deferred

    def _decide(self, plan: _Plan, ids: list[str], blobs: list[bytes | None], told: dict[str, bytes],
                batch: _Batch, settings: MergeSettings) -> tuple[dict, bool]:
        """Decide where ``plan``'s event goes among the candidate entries read (``told``: the stored
        stories of the articles they name), and queue the writes."""
        filed = {i: self._members(b, told) for i, b in zip(ids, blobs) if b}
        entry, replaced = merge.add(plan.event, [{"id": i, "events": events} for i, events in filed.items()],
                                    settings, plan.story)
        entry["id"] = min(replaced, key=int) if replaced else self._new_id()
        olds = {i: served(blob) for i, blob in zip(ids, blobs) if i in replaced}
        span = hull(entry)
        # Entries united into others since they were read go from where they were found; those united
        # now from everywhere they were filed, and the kept one from its old span class if it moves.
        missing = [i for i in ids if i not in filed]
        for key in plan.sought if missing else ():
            for name, _ in SPAN_CLASSES:
                batch.zrem(self.keys.block(key, name), *missing)
        for i in replaced:
            before = span_class(hull(olds[i]))
            if i != entry["id"] or before != span_class(span):
                for key in merge.filing_keys(filed[i]):
                    batch.zrem(self.keys.block(key, before), i)
            if i != entry["id"]:
                batch.hdel(self.keys.gate(i), i)
        self._file(batch, entry["id"], entry["events"], span)
        # Every write to an entry bumps the write counters of its blocking keys, so checking those
        # (not each candidate) catches any merge that could change this one's decision; the loser
        # of a race reads again.
        for counter in plan.counters:
            batch.incr(counter)
        self._write(batch, entry, olds, plan.event["id"])
        change = {"type": "updated" if replaced else "created", "id": entry["id"]}
        batch.publish(self.keys.changes, json.dumps(change))
        return entry, not replaced

    def _file(self, batch, entry_id: str, records: list[dict], span: tuple[float, float]) -> None:
        """File an entry where events that may link to it look (``merge.filing_keys``), with its gate
        (``merge.gate``); ``batch`` is a ``_Batch`` or a redis pipeline."""
        for key in sorted(merge.filing_keys(records)):
            batch.zadd(self.keys.block(key, span_class(span)), {entry_id: span[0]})
        batch.hset(self.keys.gate(entry_id), entry_id, merge.gate(records))

    def refile(self, chunk: int = 500) -> int:
        """File every stored entry anew under the candidate keys of this version, after dropping all
        candidate sets: for a store written by a version that filed entries differently, so that new
        events find the entries already stored. Run it with the mergers stopped (until it ends, an
        event may miss candidates). Returns how many entries were filed."""
        for keys in _chunks(self.redis.scan_iter(match=self.keys.blocks + "*", count=chunk), chunk):
            self.redis.unlink(*keys)
        filed = 0
        prefix = self.keys.entry("")
        for keys in _chunks(self.redis.scan_iter(match=prefix + "*", count=chunk), chunk):
            pipe = self.redis.pipeline(transaction=False)
            for key, blob in zip(keys, self.redis.mget(keys)):
                if blob:
                    self._file(pipe, _text(key)[len(prefix):], events_of(blob), hull(served(blob)))
                    filed += 1
            pipe.execute()
        return filed

    def _members(self, blob: bytes, told: dict[str, bytes]) -> list[dict]:
        """The records of a stored entry's events, each with its article's story when the entry names
        the article as storied and the story was read."""
        stories = {a: self._story_of(told[a]) for a in storied_articles(blob) if a in told}
        records = self._records.get(blob)
        if not stories:
            return records
        return [{**m, "story": stories[m["article"]]} if m["article"] in stories else m for m in records]

    def _new_id(self) -> str:
        # Ids come from Redis in blocks, sparing a round trip per new entry; a block's unused ids are
        # simply never used.
        with self._ids_lock:
            if not self._ids:
                top = self.redis.incrby(self.keys.seq, _ID_BLOCK)
                self._ids = list(range(top, top - _ID_BLOCK, -1))
            return str(self._ids.pop())

    def _write(self, batch: _Batch, entry: dict, replaced: dict[str, dict], event_id: str) -> None:
        kept = entry["id"]
        after = index_values(entry)
        # Stories are stored once an article (``Keys.story``): the records go without them, the
        # blob names whose they are.
        records = [{k: v for k, v in m.items() if k != "story"} for m in entry["events"]]
        storied = sorted({m["article"] for m in entry["events"] if "story" in m})
        blob = pack({**entry, "events": [m["id"] for m in entry["events"]]}, records, storied)
        batch.set(self.keys.entry(kept), blob)
        self._records.put(blob, records)
        score = entry_score(entry)
        if score is not None:
            batch.zadd(self.keys.by_date, {kept: score})
        else:
            batch.zrem(self.keys.by_date, kept)
        before = {kind: {} for kind in INDEX_KINDS}
        moved = [event_id]
        for old_id, old in replaced.items():
            if old_id == kept:
                before = index_values(old)
                continue
            # United into the kept entry: it goes, and its events now point at the kept one.
            batch.delete(self.keys.entry(old_id))
            batch.publish(self.keys.changes, json.dumps({"type": "removed", "id": old_id}))
            batch.zrem(self.keys.by_date, old_id)
            for kind, values in index_values(old).items():
                for value, shown in values.items():
                    batch.zrem(self.keys.index(kind, value), old_id)
                    batch.zincrby(self.keys.facet(kind), -1, shown)
            moved += old["events"]
        # Filter indexes are scored like the date index: an entry whose start moved is filed again.
        moved_date = kept not in replaced or entry_score(replaced[kept]) != score
        for kind in INDEX_KINDS:
            dropped = before[kind].keys() - after[kind].keys()
            for value in dropped:
                batch.zrem(self.keys.index(kind, value), kept)
                batch.zincrby(self.keys.facet(kind), -1, before[kind][value])
            added = after[kind].keys() - before[kind].keys()
            for value in added:
                batch.zincrby(self.keys.facet(kind), 1, after[kind][value])
            for value in (after[kind].keys() if moved_date else added):
                if score is None:
                    batch.zrem(self.keys.index(kind, value), kept)
                else:
                    batch.zadd(self.keys.index(kind, value), {kept: score})
            if dropped or len(replaced) > 1:
                batch.zremrangebyscore(self.keys.facet(kind), "-inf", 0)
        for kind, mapping in aliases(entry).items():
            if mapping:
                batch.hset(self.keys.alias(kind), mapping=mapping)
        for moved_id in moved:
            batch.hset(self.keys.event_bucket(moved_id), moved_id, kept)

    # --- reading ----------------------------------------------------------------------------------

    def get_entry(self, entry_id: str) -> dict | None:
        blob = self.redis.get(self.keys.entry(entry_id))
        return served(blob) if blob else None

    def find_entry(self, some_id: str) -> dict | None:
        """The entry with this id, or the entry an event with this id was merged into."""
        entry_id = _text(self.redis.hget(self.keys.event_bucket(some_id), some_id))
        return self.get_entry(entry_id or some_id)

    def resolve(self, kind: str, value: str) -> str:
        """The normalized canonical name for a filter value given as a name or an alias."""
        key = normalize(value)
        if kind in ("entity", "location"):
            canonical = _text(self.redis.hget(self.keys.alias(kind), key))
            if canonical and not self.redis.exists(self.keys.index(kind, key)):
                return canonical
        return key

    def facets(self, kind: str, limit: int) -> list[dict]:
        """The ``limit`` most frequent values of ``kind`` with their entry counts, most frequent first."""
        rows = self.redis.zrevrangebyscore(self.keys.facet(kind), "+inf", 1, start=0, num=limit,
                                           withscores=True)
        return [{"name": _text(name), "count": int(score)} for name, score in rows]

    def list_entries(self, query: Query, limit: int, cursor: str | None = None,
                     scan_budget: int = 5000, cards: bool = False) -> Page:
        """One page of entries matching ``query``, in date order: whole entries, or with ``cards``
        only what the widget formats show of them (``packing.card_of``).

        Raises CursorError for a cursor this store did not issue. A page examines at most
        ``scan_budget`` entries, so it may come back short with a ``next_cursor``; query time depends
        on the page and the filters' selectivity, not on the store's size.
        """
        after = _decode_cursor(cursor) if cursor else None
        sets = [self.keys.index(kind, self.resolve(kind, value)) for kind, value in
                (("entity", query.entity), ("location", query.location), ("status", query.status),
                 ("source", query.source)) if value]
        terms = normalize(query.text).split() if query.text else []
        return self._list_by_date(sets, query, terms, limit, after, scan_budget, cards)

    def _list_by_date(self, sets: list[str], query: Query, terms: list[str], limit: int,
                      after: tuple[float, str] | None, scan_budget: int, cards: bool) -> Page:
        page = Page()
        # Text is matched here, against whole entries; without it, cards come as their deflated bytes.
        card_bytes = cards and not terms
        while True:
            # Entries that pass the set filters come from one script call.
            parts, last_score, last_id, examined, version, whole = self._scan_dates(
                keys=[self.keys.by_date, self.keys.version, *sets], client=self.redis, args=[
                    "" if query.start is None else query.start, "" if query.end is None else query.end,
                    "" if after is None else after[0], "" if after is None else after[1],
                    limit - len(page.parts), scan_budget, self.keys.entry(""), _CHUNK, int(card_bytes)])
            scan_budget -= examined
            page.version = page.version or int(version)
            if card_bytes:
                older = set(whole)
                page.parts += [card_json(part) if i in older else inflate_card(part) for i, part in enumerate(parts)]
            else:
                for blob in parts:
                    entry = served_json(blob)
                    if not terms or _matches_text(orjson.loads(entry), terms):
                        page.parts.append(card_json(blob) if cards else entry)
            more = last_id is not None
            after = (float(last_score), _text(last_id)) if more else None
            if not more or len(page.parts) == limit or scan_budget <= 0:
                page.next_cursor = _encode_cursor(*after) if more else None
                return page

    # --- changes ----------------------------------------------------------------------------------

    def changes(self, timeout: float) -> Iterator[dict | None]:
        """Yield each change published by merges (``{"type": "created"|"updated"|"removed", "id"}``;
        removed: united into another entry), or None after ``timeout``
        seconds without one (for keep-alives). Closes its subscription when the generator is closed."""
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(self.keys.changes)
        try:
            while True:
                message = pubsub.get_message(timeout=timeout)
                yield json.loads(message["data"]) if message else None
        finally:
            pubsub.close()


def text_sha1(text: str) -> str:
    """The hash an article's text is known by (the extractor computes the same)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
