"""The merger worker's path (``Store.record_extraction``) decides as ``merge.build`` does, stories included."""
from __future__ import annotations

import itertools
import json

import pytest
import redis
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from test_merge import REID, REID_AGAIN, _article, day, events, month
from test_store import assert_filed_as_merge_says
from timeline_samples import MERGE, make_extraction

from timeline import merge
from timeline.packing import events_of, story_of
from timeline.store import Query, Store


def _dated(article: list[dict], date: dict) -> list[dict]:
    return [{**e, "date": e["date"] or date} for e in article]


def _submit(store: Store, articles: list[list[dict]]) -> None:
    for article in articles:
        store.record_extraction(make_extraction(article[0]["article_id"], article), MERGE)


def _entries(entries: list[dict]) -> list[str]:
    """Entries as compared: without their ids (the store numbers them), events by id."""
    shown = [{**{k: v for k, v in e.items() if k != "id"}, "events": sorted(m if isinstance(m, str) else m["id"]
                                                                           for m in e["events"])}
             for e in entries]
    return sorted(json.dumps(e, sort_keys=True) for e in shown)


def _stored(store: Store) -> list[dict]:
    return store.list_entries(Query(), limit=500).entries


# Three arrests on one day. By their sentences alone Reid's two would stay apart and the second
# would join Lohan's (the same date, "made an arrest"); their articles' stories decide otherwise.
LOHAN = ["Sheriff deputies made an arrest in Rancho Mirage on Tuesday.",
         "Lindsay Lohan checked into the Betty Ford Clinic after her sentencing.",
         "A judge ordered ninety days in rehab for the Mean Girls lead."]
ARTICLES = [_dated(_article("a", "arrest", REID), day("2016-03-05")),
            _dated(_article("b", "arrest", REID_AGAIN), day("2016-03-05")),
            _dated(_article("c", "arrest", LOHAN), day("2016-03-05"))]
A, B, C = (article[0]["id"] for article in ARTICLES)


def _arrests(store: Store) -> list[set[str]]:
    return sorted((set(e["events"]) & {A, B, C} for e in _stored(store)), key=len)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_the_story_decides_in_the_store_as_in_merge_build(store, order):
    _submit(store, [ARTICLES[i] for i in order])
    built = merge.build([e for article in ARTICLES for e in article], MERGE)
    assert _entries(_stored(store)) == _entries(built)
    assert [group for group in _arrests(store) if group] == [{C}, {A, B}]


def test_without_stories_the_sentences_alone_decide(store):
    # What the store did before it kept stories (and merge_event still does without one).
    for event in (e for article in ARTICLES for e in article):
        store.merge_event(event, MERGE)
    assert [group for group in _arrests(store) if group] == [{A}, {B, C}]


def test_a_story_is_stored_once_an_article_and_not_in_records(store):
    _submit(store, ARTICLES)
    for article in ARTICLES:
        stored = store.redis.get(store.keys.story(article[0]["article_id"]))
        assert story_of(stored) == merge.article_story(article)
    for key in store.redis.scan_iter(store.keys.entry("*")):
        assert all("story" not in record for record in events_of(store.redis.get(key)))
    # The same article again (its text edited, so not recognised by hash) leaves every key as it was.
    before = {k: store.redis.dump(k) for k in store.redis.keys("*") if b":a:" not in k}
    store.record_extraction(make_extraction("a", ARTICLES[0], text="edited"), MERGE)
    assert {k: store.redis.dump(k) for k in store.redis.keys("*") if b":a:" not in k} == before


_N = itertools.count()


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events(), st.randoms(use_true_random=False))
def test_any_submission_order_gives_the_timeline_merge_build_gives(redis_url, drawn, random):
    drawn = _dated(drawn, month("2016-03"))  # the store places dated events only, as the extractor selects
    articles = [list(told) for _, told in itertools.groupby(sorted(drawn, key=lambda e: e["article_id"]),
                                                            key=lambda e: e["article_id"])]
    random.shuffle(articles)
    store = Store(redis.Redis.from_url(redis_url), f"h{next(_N)}")
    _submit(store, articles)
    assert _entries(_stored(store)) == _entries(merge.build(drawn, MERGE))
    assert_filed_as_merge_says(store)


def test_article_ids_of_any_characters_keep_their_stories(store):
    # The Lua read finds the articles in the blob byte by byte: ids with line breaks, braces or
    # multi-byte characters must come out whole.
    renamed = [[{**e, "article_id": name, "source": {**e["source"], "article_id": name}} for e in article]
               for name, article in zip(["dépêche\n{7}", "a:b é", "c"], ARTICLES)]
    _submit(store, renamed)
    assert [group for group in _arrests(store) if group] == [{C}, {A, B}]
    assert _entries(_stored(store)) == _entries(merge.build([e for article in renamed for e in article], MERGE))
