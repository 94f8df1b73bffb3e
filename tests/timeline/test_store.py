"""The store on a real Redis: merging, statuses, listing, facets."""
from __future__ import annotations

import itertools
import threading

import pytest
import redis
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from timeline_samples import MERGE, make_event, make_extraction, pack_format_3

from timeline import cli, merge, store as store_module
from timeline.packing import card_of, events_of, served, storied_articles
from timeline.store import CursorError, Query, Store, epoch_seconds, hull, span_class

KERRY = ("John Kerry", ["Kerry"])
BRENNAN = ("John Brennan", ["Brennan"])


def seed(store: Store) -> dict[str, dict]:
    """Three articles: a visit to Moscow told twice, talks in Geneva, a retaking of Palmyra."""
    events = {
        "visit-a": make_event("a", "visit", "2016-03", people=[KERRY, BRENNAN], places=["Moscow"], source="G2"),
        "visit-b": make_event("b", "visit", "2016-03", people=[KERRY], places=["Moscow"], source="Reuters"),
        "talks": make_event("b", "reconvene", "2016-04-09", places=["Geneva"], status="planned", offset=40,
                            title="Peace talks reconvene in Geneva"),
        "palmyra": make_event("c", "retake", "2016-03-31", places=["Palmyra"], source="AP",
                              people=[("Syrian army", [])], title="Syrian army retakes Palmyra"),
    }
    store.record_extraction(make_extraction("a", [events["visit-a"]]), MERGE)
    store.record_extraction(make_extraction("b", [events["visit-b"], events["talks"]]), MERGE)
    store.record_extraction(make_extraction("c", [events["palmyra"]]), MERGE)
    return events


def assert_filed_as_merge_says(store: Store) -> None:
    """Every entry is a candidate under its ``merge.filing_keys`` in its span class, and nothing else is."""
    expected: dict[str, set[str]] = {}
    gates: dict[str, dict[str, str]] = {}  # and its gate is the one merge.gate gives its records
    for key in store.redis.scan_iter(store.keys.entry("*")):
        blob = store.redis.get(key)
        entry_id = key.decode().rsplit(":", 1)[1]
        for filed in merge.filing_keys(events_of(blob)):
            expected.setdefault(store.keys.block(filed, span_class(hull(served(blob)))), set()).add(entry_id)
        gates.setdefault(store.keys.gate(entry_id), {})[entry_id] = merge.gate(events_of(blob))
    found = {key.decode(): {m.decode() for m in store.redis.zrange(key, 0, -1)}
             for key in store.redis.scan_iter(store.keys.block("*", "*"))}
    assert found == expected
    assert {key.decode(): {f.decode(): v.decode() for f, v in store.redis.hgetall(key).items()}
            for key in store.redis.scan_iter(store.keys.gate("*"))} == gates


def titles(page) -> list[str]:
    return [e["title"] for e in page.entries]


def test_events_of_one_happening_become_one_entry(store):
    events = seed(store)
    entry = store.find_entry(events["visit-b"]["id"])
    assert entry == store.find_entry(events["visit-a"]["id"]) == store.get_entry(entry["id"])
    assert set(entry["events"]) == {events["visit-a"]["id"], events["visit-b"]["id"]}
    assert sorted(s["source"] for s in entry["sources"]) == ["G2", "Reuters"]


def test_merging_the_same_extraction_again_changes_nothing(store):
    events = seed(store)
    keys_before = {k: store.redis.dump(k) for k in store.redis.keys("*")}
    assert store.record_extraction(make_extraction("b", [events["visit-b"], events["talks"]]), MERGE) is False
    # Even without the text hash, each event is recognised by its id.
    again = make_extraction("b", [events["visit-b"], events["talks"]], text="edited")
    assert store.merge_event(events["talks"], MERGE) is None
    store.record_extraction(again, MERGE)
    for key, value in keys_before.items():
        if b":a:" not in key:  # the article's status records the new text
            assert store.redis.dump(key) == value, key


def test_listing_is_in_date_order_with_cursor_pages(store):
    seed(store)
    first = store.list_entries(Query(), limit=2)
    assert titles(first) == ["Visit event", "Syrian army retakes Palmyra"]
    second = store.list_entries(Query(), limit=2, cursor=first.next_cursor)
    assert titles(second) == ["Peace talks reconvene in Geneva"] and second.next_cursor is None


@pytest.mark.parametrize("query, expected", [
    (Query(start=epoch_seconds("2016-03-31")), ["Syrian army retakes Palmyra", "Peace talks reconvene in Geneva"]),
    (Query(end=epoch_seconds("2016-04-01")), ["Visit event", "Syrian army retakes Palmyra"]),
    (Query(entity="kerry"), ["Visit event"]),                      # an alias
    (Query(entity="John  BRENNAN"), ["Visit event"]),              # case and spacing do not matter
    (Query(location="Geneva"), ["Peace talks reconvene in Geneva"]),
    (Query(status="planned"), ["Peace talks reconvene in Geneva"]),
    (Query(source="ap"), ["Syrian army retakes Palmyra"]),
    (Query(text="army PALMYRA"), ["Syrian army retakes Palmyra"]),
    (Query(text="happened", status="occurred"), ["Visit event", "Syrian army retakes Palmyra"]),
    (Query(entity="Kerry", location="Geneva"), []),
    (Query(entity="Nobody"), []),
])
def test_filters(store, query, expected):
    seed(store)
    assert titles(store.list_entries(query, limit=10)) == expected


@pytest.mark.parametrize("budget", [20, 10_000])
def test_both_query_plans_page_the_same_way(store, budget):
    # 30 of 150 entries name Kerry: under the budget his set is read whole, over it the date index is
    # scanned; either way the pages are the same.
    for day in range(150):
        date = f"2016-{1 + day // 28:02d}-{1 + day % 28:02d}"
        people = [KERRY] if day % 5 == 0 else []
        store.merge_event(make_event("x", f"lemma{day}", date, offset=day, people=people), MERGE)
    seen, cursor = [], None
    while True:
        page = store.list_entries(Query(entity="Kerry"), limit=7, cursor=cursor, scan_budget=budget)
        seen += [e["date"]["start"] for e in page.entries]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == 30 and seen == sorted(seen)


def _pages(store: Store, query: Query, limit: int, budget: int = 5000) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = store.list_entries(query, limit=limit, cursor=cursor, scan_budget=budget)
        pages.append([e["id"] for e in page.entries])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 24])
def test_pages_hold_every_match_once_in_order_and_end_on_the_last(store, monkeypatch, limit):
    # Rows are read 3 at a time here, so pages end inside and at the edge of what one read gives.
    monkeypatch.setattr(store_module, "_CHUNK", 3)
    for day in range(24):
        store.merge_event(make_event("x", f"lemma{day}", f"2016-03-{1 + day:02d}", offset=day,
                                     people=[KERRY] if day % 2 else [], places=["Geneva"] if day % 3 else [],
                                     status="planned" if day % 4 else "occurred"), MERGE)
    everything = store.list_entries(Query(), limit=1000).entries
    assert len(everything) == 24
    for query in (Query(), Query(entity="Kerry"), Query(entity="Kerry", status="planned"),
                  Query(location="Geneva", status="planned", end=epoch_seconds("2016-03-20"))):
        expected = [e["id"] for e in everything
                    if (not query.entity or e["participants"]) and (not query.location or e["locations"])
                    and (not query.status or e["status"] == query.status)
                    and (not query.end or epoch_seconds(e["date"]["start"]) < query.end)]
        pages = _pages(store, query, limit)
        assert [i for page in pages for i in page] == expected
        # The last page is the one that holds the last match (an empty page only when nothing matches).
        assert len(pages) == max(1, -(-len(expected) // limit))


def test_pages_of_cards_read_blobs_of_every_format(store):
    seed(store)
    entries = store.list_entries(Query(), limit=10).entries
    old = store.keys.entry(entries[1]["id"])
    blob = store.redis.get(old)
    store.redis.set(old, pack_format_3(served(blob), events_of(blob), storied_articles(blob)))
    assert store.list_entries(Query(), limit=10, cards=True).entries == [card_of(e) for e in entries]
    assert store.list_entries(Query(), limit=10).entries == entries


def test_scan_budget_returns_a_short_page_with_a_cursor(store):
    for day in range(1, 29):
        store.merge_event(make_event("x", f"lemma{day}", f"2016-02-{day:02d}", offset=day), MERGE)
    store.merge_event(make_event("y", "needle", "2016-03-01", title="The needle"), MERGE)
    page = store.list_entries(Query(text="needle"), limit=5, scan_budget=10)
    assert page.entries == [] and page.next_cursor
    found = []
    while page.next_cursor:
        page = store.list_entries(Query(text="needle"), limit=5, cursor=page.next_cursor, scan_budget=10)
        found += titles(page)
    assert found == ["The needle"]


def test_a_foreign_cursor_is_refused(store):
    with pytest.raises(CursorError):
        store.list_entries(Query(), limit=5, cursor="not-a-cursor")


def test_facets_count_entries(store):
    seed(store)
    assert sorted((f["name"], f["count"]) for f in store.facets("entity", 10)) == [
        ("John Brennan", 1), ("John Kerry", 1), ("Syrian army", 1)]
    assert store.facets("location", 1)[0]["count"] == 1


def test_events_off_the_timeline_or_undated_are_not_placed(store):
    store.record_extraction(make_extraction("d", [
        make_event("d", "say", "2016-03-30", timeline=False),
        make_event("d", "plan", None, offset=5),
        make_event("d", "strike", "2016-03-29", offset=9),
    ]), MERGE)
    assert titles(store.list_entries(Query(), limit=10)) == ["Strike event"]
    assert store.article_status("d")["event_count"] == 1


@pytest.mark.parametrize("steps, expected", [
    (["processing"], "processing"),
    (["processing", "done"], "done"),
    (["done", "processing"], "done"),           # a late processing never overwrites done
    (["failed", "processing"], "failed"),
    (["done", "failed"], "done"),
    (["failed", "done"], "done"),               # a retry that succeeded
])
def test_status_transitions_are_monotone(store, steps, expected):
    store.submit_article("art", "sha")
    for step in steps:
        store.set_article_state("art", step, reason="boom" if step == "failed" else None,
                                event_count=0 if step == "done" else None)
    assert store.article_status("art")["state"] == expected


def test_resubmitting_the_same_text_changes_nothing_but_a_new_text_requeues(store):
    status, queued = store.submit_article("art", "sha1")
    assert queued and status["state"] == "queued"
    store.set_article_state("art", "done", event_count=3, text_sha1="sha1")
    status, queued = store.submit_article("art", "sha1")
    assert not queued and status["state"] == "done" and status["event_count"] == 3
    status, queued = store.submit_article("art", "sha2")
    assert queued and status["state"] == "queued" and "event_count" not in status


def test_a_failed_article_is_queued_again_when_resubmitted(store):
    store.submit_article("art", "sha1")
    store.set_article_state("art", "failed", reason="boom")
    assert store.submit_article("art", "sha1")[1] is True


def test_concurrent_mergers_do_not_lose_or_split_events(redis_url):
    # Two processes' worth of clients merge the same events at once: one entry, every event in it.
    events = [make_event(f"art{i}", "visit", "2016-03", people=[KERRY], offset=i) for i in range(30)]
    stores = [Store(redis.Redis.from_url(redis_url), "test") for _ in range(2)]
    threads = [threading.Thread(target=lambda s=s: [s.merge_event(e, MERGE) for e in events]) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    page = stores[0].list_entries(Query(), limit=10)
    assert len(page.entries) == 1
    assert sorted(page.entries[0]["events"]) == sorted(e["id"] for e in events)
    assert stores[0].facets("entity", 5) == [{"name": "John Kerry", "count": 1}]


def test_filtered_pages_resume_exactly_when_the_rarest_filter_changes(store):
    # Pages walk the rarest filter's index. One page stops (budget 1) on a Moscow-only entry; then
    # Moscow becomes the commoner filter, so the next page walks Kerry's index, which lacks the
    # cursor's entry: it must resume after the cursor on that day, neither repeating nor skipping.
    day = [("visit", [KERRY], "Visit"), ("flood", [], "Flood"), ("sign", [KERRY], "Sign")]
    for i, (lemma, people, title) in enumerate(day):
        store.merge_event(make_event(f"d{i}", lemma, "2016-03-01", people=people, places=["Moscow"],
                                     title=title), MERGE)
    for i in range(2):
        store.merge_event(make_event(f"k{i}", "riot", f"2014-0{i + 1}-01", people=[KERRY]), MERGE)
    query = Query(entity="Kerry", location="Moscow")
    first = store.list_entries(query, limit=1, scan_budget=1)
    second = store.list_entries(query, limit=1, cursor=first.next_cursor, scan_budget=1)
    assert titles(first) == ["Visit"] and titles(second) == [] and second.next_cursor
    for i in range(3):
        store.merge_event(make_event(f"m{i}", "storm", f"2015-0{i + 1}-01", places=["Moscow"]), MERGE)
    third = store.list_entries(query, limit=5, cursor=second.next_cursor)
    assert titles(third) == ["Sign"] and third.next_cursor is None


def test_a_merge_that_lost_a_race_reads_again(redis_url, monkeypatch):
    # Another merger writes to the same blocking key between this merge's read and its write: the
    # write must be refused and the merge decided again, so both events end up in one entry.
    first, second = (make_event(f"art{i}", "visit", "2016-03", people=[KERRY], offset=i) for i in range(2))
    store, rival = (Store(redis.Redis.from_url(redis_url), "race") for _ in range(2))
    decide, calls = merge.add, []

    def racing_add(event, candidates, settings, story=None):
        calls.append(len(candidates))
        if len(calls) == 1:
            rival.merge_event(second, MERGE)
        return decide(event, candidates, settings, story)

    monkeypatch.setattr(merge, "add", racing_add)
    store.merge_event(first, MERGE)
    assert calls[0] == 0 and calls[-1] == 1  # the first decision saw no candidate, the last saw the rival's
    entries = store.list_entries(Query(), limit=10).entries
    assert [sorted(e["events"]) for e in entries] == [sorted([first["id"], second["id"]])]


def test_names_outside_ascii_are_indexed_as_written(store):
    # The merge's writes travel to Redis as JSON: names must arrive byte for byte.
    event = make_event("a", "visit", "2016-03", people=[("Recep Tayyip Erdoğan", ["Erdoğan"])], places=["Düsseldorf"])
    store.merge_event(event, MERGE)
    assert titles(store.list_entries(Query(entity="erdoğan", location="DÜSSELDORF"), limit=10)) == ["Visit event"]
    assert store.facets("entity", 5) == [{"name": "Recep Tayyip Erdoğan", "count": 1}]


def test_changes_are_published(store):
    changes = store.changes(timeout=0.5)
    next(changes)  # subscribed
    store.merge_event(make_event("a", "visit", "2016-03"), MERGE)
    change = next(c for c in changes if c is not None)
    assert change["type"] == "created" and store.get_entry(change["id"])["title"] == "Visit event"
    changes.close()


def test_keys_share_one_cluster_slot_except_article_statuses(store):
    seed(store)
    keys = [k.decode() for k in store.redis.keys("*")]
    timeline_keys = [k for k in keys if ":a:" not in k]
    assert timeline_keys and all(k.startswith("{test:tl}:") for k in timeline_keys)
    assert sorted(k for k in keys if ":a:" in k) == ["test:a:{a}", "test:a:{b}", "test:a:{c}"]


def test_an_event_that_bridges_two_entries_unites_them(store):
    by_person = make_event("a", "visit", "2016-03", people=[KERRY], evidence="Kerry flew east.")
    by_place = make_event("b", "visit", "2016-03", places=["Moscow"], evidence="Moscow saw guests.")
    store.merge_event(by_person, MERGE)
    store.merge_event(by_place, MERGE)
    assert len(store.list_entries(Query(), limit=10).entries) == 2
    bridge = make_event("c", "trip", "2016-03", people=[KERRY], places=["Moscow"], evidence="A trip.")
    changes = store.changes(timeout=0.5)
    next(changes)  # subscribed
    entry, created = store.merge_event(bridge, MERGE)
    assert not created
    told = [next(changes), next(changes)]
    changes.close()
    assert sorted(c["type"] for c in told) == ["removed", "updated"]
    assert {c["id"] for c in told if c["type"] == "updated"} == {entry["id"]}
    assert [e["id"] for e in store.list_entries(Query(), limit=10).entries] == [entry["id"]]
    for event in (by_person, by_place, bridge):
        assert store.find_entry(event["id"])["id"] == entry["id"]
    assert store.facets("entity", 10) == [{"name": "John Kerry", "count": 1}]
    assert store.facets("location", 10) == [{"name": "Moscow", "count": 1}]
    assert store.list_entries(Query(entity="Kerry"), limit=10).entries[0]["id"] == entry["id"]
    assert_filed_as_merge_says(store)


@pytest.fixture
def candidates_seen(monkeypatch) -> list[list[dict]]:
    """The candidate entries the store hands ``merge.add``, one list a call (the last: the last merge's)."""
    seen, add = [], merge.add
    monkeypatch.setattr(merge, "add", lambda event, candidates, *rest: seen.append(candidates) or add(event, candidates, *rest))
    return seen


def test_an_event_reads_only_entries_it_could_link_to(store, candidates_seen):
    # One kind, one day: an attack in Lyon is no candidate for one in Paris, one placed nowhere is.
    for article, places, evidence in (("a", ["Paris"], "Shots near the Bastille."),
                                      ("b", ["Lyon"], "A blast on the quays."), ("c", [], "Rebels struck a convoy.")):
        store.merge_event(make_event(article, "attack", "2016-03-05", places=places, evidence=evidence), MERGE)
    assert len(store.list_entries(Query(), limit=10).entries) == 3
    store.merge_event(make_event("d", "attack", "2016-03-05", places=["Paris"]), MERGE)
    assert sorted([p["name"] for m in c["events"] for p in m["locations"]] for c in candidates_seen[-1]) == [[], ["Paris"]]
    assert_filed_as_merge_says(store)


def _groups(entries) -> set[frozenset[str]]:
    return {frozenset(m if isinstance(m, str) else m["id"] for m in e["events"]) for e in entries}


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_the_store_groups_events_as_merge_build_does_in_any_order(store, order):
    import random

    from timeline import merge

    events = [
        make_event("a", "visit", "2016-03", people=[KERRY], evidence="Kerry flew east."),
        make_event("b", "visit", "2016-03", places=["Moscow"], evidence="Moscow saw guests."),
        make_event("c", "trip", "2016-03", people=[KERRY], places=["Moscow"], evidence="A trip."),
        make_event("c", "retake", "2016-03-27", places=["Palmyra"], offset=20),
        make_event("d", "retake", "2016-03-27", places=["Palmyra"], source="AP", evidence="The army retook it."),
        make_event("d", "visit", "2016-05-02", people=[BRENNAN], places=["Moscow"], offset=30),
        make_event("e", "reconvene", "2016-04-09", places=["Geneva"], status="planned"),
    ]
    random.Random(order).shuffle(events)
    stories = merge.article_stories(events)
    for event in events:
        store.merge_event(event, MERGE, stories[event["article_id"]])
    stored = store.list_entries(Query(), limit=50).entries
    assert _groups(stored) == _groups(merge.build(events, MERGE))


@pytest.mark.parametrize("first, second, one_entry", [
    ("2016", "2016-11-20", True),          # a year-long entry is a candidate for any day in it
    ("2016-11-20", "2016", True),
    ("2016-03", "2016-03-31", True),
    ("2016-03-05", "2016-03-20", False),   # different days: two visits
    ("2015", "2016-01-02", False),
])
def test_candidates_are_the_entries_whose_dates_can_overlap(store, first, second, one_entry):
    store.merge_event(make_event("a", "visit", first, people=[KERRY], places=["Moscow"]), MERGE)
    store.merge_event(make_event("b", "visit", second, people=[KERRY], places=["Moscow"]), MERGE)
    assert len(store.list_entries(Query(), limit=10).entries) == (1 if one_entry else 2)


def _entries_without_ids(store: Store) -> list[dict]:
    entries = store.list_entries(Query(), limit=50).entries
    return sorted(({k: v for k, v in e.items() if k != "id"} for e in entries), key=lambda e: sorted(e["events"]))


def test_an_extraction_merged_at_once_gives_what_merging_its_events_one_by_one_gives(redis_url):
    # Two visits in one article link (same article), so the second must see the entry the first made.
    article = [
        make_event("a", "visit", "2016-03", people=[KERRY], offset=0),
        make_event("a", "retake", "2016-03-27", places=["Palmyra"], offset=10),
        make_event("a", "visit", "2016-03", places=["Moscow"], offset=20),
        make_event("a", "reconvene", "2016-04-09", places=["Geneva"], offset=30),
        make_event("a", "retake", "2016-03-27", places=["Palmyra"], offset=40, evidence="The army retook it."),
    ]
    earlier = make_event("b", "visit", "2016-03", people=[KERRY, BRENNAN], places=["Moscow"])
    one_by_one, at_once = (Store(redis.Redis.from_url(redis_url), prefix) for prefix in ("seq", "batch"))
    one_by_one.merge_event(earlier, MERGE)
    at_once.merge_event(earlier, MERGE)
    expected = [one_by_one.merge_event(event, MERGE, merge.article_story(article)) for event in article]
    results = at_once.merge_events(article, MERGE)
    assert [created for _, created in results] == [created for _, created in expected]
    assert _entries_without_ids(at_once) == _entries_without_ids(one_by_one)
    assert _groups(at_once.list_entries(Query(), limit=50).entries) == _groups(merge.build([earlier, *article], MERGE))
    assert at_once.merge_events(article, MERGE) == [None] * len(article)  # all merged before


def test_events_of_different_kinds_are_written_together_and_same_kinds_in_turn(store, monkeypatch):
    writes = []
    apply = store._apply
    monkeypatch.setattr(store, "_apply", lambda keys, args: writes.append(args[0]) or apply(keys=keys, args=args))
    store.merge_events([make_event("a", "visit", "2016-03", offset=0), make_event("a", "retake", "2016-03", offset=1),
                        make_event("a", "flood", "2016-03", offset=2)], MERGE)
    assert writes == [3]  # one compare-and-set for the three
    store.merge_events([make_event("b", "visit", "2016-03", offset=0), make_event("b", "trip", "2016-03", offset=1),
                        make_event("b", "storm", "2016-03", offset=2)], MERGE)
    assert writes == [3, 2, 1]  # a visit and a trip are one kind: the trip waits for the visit's write


def test_refile_files_a_store_written_under_other_keys_where_merging_looks(store):
    events = seed(store)
    # A store of a version that filed entries differently: its sets are under keys no event reads now.
    filed = list(store.redis.scan_iter(store.keys.block("*", "*")))
    stale = store.keys.block("kind:visit", "m")
    store.redis.zadd(stale, {"1": 0.0})
    store.redis.delete(*filed, *store.redis.scan_iter(store.keys.gate("*")))  # and no gates yet

    assert store.refile(chunk=2) == 3
    assert_filed_as_merge_says(store)
    assert not store.redis.exists(stale)

    again = make_event("d", "visit", "2016-03", people=[KERRY], places=["Moscow"], source="AFP")
    store.record_extraction(make_extraction("d", [again]), MERGE)
    assert store.find_entry(again["id"])["id"] == store.find_entry(events["visit-a"]["id"])["id"]


def test_the_refile_command_files_the_configured_store(store, redis_url, monkeypatch, capsys):
    seed(store)
    store.redis.delete(*store.redis.scan_iter(store.keys.block("*", "*")))
    monkeypatch.setenv("TIMELINE_REDIS_URL", redis_url)
    monkeypatch.setenv("TIMELINE_KEY_PREFIX", "test")
    assert cli.main(["refile"]) == 0
    assert "3 entries filed" in capsys.readouterr().err
    assert_filed_as_merge_says(store)


def test_the_refile_command_says_why_it_cannot_reach_the_store(monkeypatch, capsys):
    monkeypatch.setenv("TIMELINE_REDIS_URL", "redis://127.0.0.1:1/0")
    assert cli.main(["refile"]) == 1
    assert "timeline refile:" in capsys.readouterr().err


def test_an_event_does_not_fetch_entries_whose_gate_is_apart(store, candidates_seen):
    # One kind, one city, days within the date window: Kerry's visit is no candidate for Brennan's
    # (people apart); a visit by nobody named, or by "the man" (a description, who may be anyone), is.
    for article, day, people in (("a", "04", [{"name": "John Kerry", "type": "person"}]), ("b", "06", []),
                                 ("c", "07", [{"name": "the man", "type": "other", "role": "patient"}])):
        visit = make_event(article, "visit", f"2016-03-{day}", places=["Moscow"], evidence=f"Visit {article}.")
        store.merge_event({**visit, "participants": people}, MERGE)
    brennan = make_event("d", "visit", "2016-03-05", people=[BRENNAN], places=["Moscow"])
    store.merge_event({**brennan, "participants": [{**brennan["participants"][0], "role": "patient"}]}, MERGE)
    assert sorted([p["name"] for m in c["events"] for p in m["participants"]] for c in candidates_seen[-1]) == [[], ["the man"]]
    assert_filed_as_merge_says(store)


_PEOPLE = [("John Kerry", "person"), ("Kerry", "person"), ("John Brennan", "person"), ("the man", "other"),
           ("Syrian army", "group", "SY"), ("Syria", "country", "SY"), ("Iraqi army", "group", "IQ"), ("...", "person")]
_PLACES = [("Paris", "city", "FR", 2988507), ("Paris", "city", "US", 4717560), ("Lyon", "city", "FR", None),
           ("France", "country", "FR", 3017382), ("Texas", "region", "US", None), ("the market", "other", None, None),
           ("...", "city", None, None)]
_PREFIXES = itertools.count()


@st.composite
def _gated_events(draw):
    """Events of one kind on a few days, naming people in every role and places of every type."""
    events = []
    for i in range(draw(st.integers(min_value=2, max_value=7))):
        e = make_event(draw(st.sampled_from("ab")), draw(st.sampled_from(["attack", "assault"])),
                       draw(st.sampled_from(["2016-03-05", "2016-03-06", "2016-03"])), offset=10 * i,
                       evidence=draw(st.sampled_from(["Shots rang out.", "Shots rang out at dawn.", "A blast."])))
        e["participants"] = [{**{k: v for k, v in zip(("name", "type", "country_code"), person)},
                              **({"role": role} if role else {})}
                             for person, role in draw(st.lists(st.tuples(st.sampled_from(_PEOPLE), st.sampled_from(
                                 [None, "agent", "patient", "other"])), max_size=3, unique_by=lambda x: x[0]))]
        e["locations"] = [{k: v for k, v in zip(("name", "type", "country_code", "geonameid"), place) if v}
                          for place in draw(st.lists(st.sampled_from(_PLACES), max_size=2, unique=True))]
        events.append(e)
    return events


@hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=_gated_events())
def test_gates_leave_out_only_entries_merge_would_not_link(redis_url, drawn):
    # The gates are checked in Lua, the links in Python: the store must still group as merge.build does.
    gated = Store(redis.Redis.from_url(redis_url), f"gated{next(_PREFIXES)}")
    stories = merge.article_stories(drawn)
    for event in drawn:
        gated.merge_event(event, MERGE, stories[event["article_id"]])
    assert _groups(gated.list_entries(Query(), limit=50).entries) == _groups(merge.build(drawn, MERGE))
    assert_filed_as_merge_says(gated)
