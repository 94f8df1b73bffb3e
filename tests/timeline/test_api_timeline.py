"""GET /api/v1/timeline (filters, pages, formats, caching, CORS), events, facets, health, OpenAPI."""
from __future__ import annotations

import json
from pathlib import Path

import contract
import jsonschema
import pytest
from timeline_samples import MERGE, app_config, make_event, make_extraction

from timeline import create_app
from timeline.api import formats
from timeline.packing import card_of
from timeline.store import Query

KERRY = ("John Kerry", ["Kerry"])
WIDGETS = Path(__file__).parent / "widget_schemas"


@pytest.fixture
def seeded(store):
    events = {
        "visit": make_event("a", "visit", "2016-03", people=[KERRY], places=["Moscow"], source="G2"),
        "visit2": make_event("b", "visit", "2016-03", people=[KERRY], places=["Moscow"], source="Reuters"),
        "talks": make_event("b", "reconvene", "2016-04-09", places=["Geneva"], status="planned", offset=30,
                            title="Peace talks <b>reconvene</b> in Geneva"),
        "palmyra": make_event("c", "retake", "2016-03-31", places=["Palmyra"], source="AP",
                              title="Syrian army retakes Palmyra"),
    }
    store.record_extraction(make_extraction("a", [events["visit"]]), MERGE)
    store.record_extraction(make_extraction("b", [events["visit2"], events["talks"]]), MERGE)
    store.record_extraction(make_extraction("c", [events["palmyra"]]), MERGE)
    return events


def titles(response) -> list[str]:
    return [e["title"] for e in response.json["entries"]]


def spec_validator(client, component: str) -> jsonschema.Validator:
    """Validates against a component of the served OpenAPI document (refs resolved inside it)."""
    doc = client.get("/api/v1/openapi.json").json
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{component}",
                                            "components": doc["components"]})


@pytest.mark.parametrize("view, entry_schema", [("", "EntrySummary"), ("?view=summary", "EntrySummary"),
                                                 ("?view=full", "Entry")])
def test_entries_in_date_order_match_the_documented_schema(client, seeded, view, entry_schema):
    response = client.get(f"/api/v1/timeline{view}")
    assert response.status_code == 200
    assert titles(response) == ["Visit event", "Syrian army retakes Palmyra", "Peace talks <b>reconvene</b> in Geneva"]
    spec_validator(client, "TimelinePage").validate(response.json)
    for entry in response.json["entries"]:
        spec_validator(client, entry_schema).validate(entry)


def test_summaries_are_the_entries_cards_and_link_to_the_whole_entry(client, seeded):
    summaries = client.get("/api/v1/timeline").json["entries"]
    visit = client.get(f"/api/v1/events/{summaries[0]['id']}").json
    assert sorted(visit["events"]) == sorted([seeded["visit"]["id"], seeded["visit2"]["id"]])
    assert summaries[0] == card_of(visit) and "events" not in summaries[0]
    assert [s["participants"] for s in summaries] == [[visit["participants"][0]], [], []]
    assert client.get("/api/v1/timeline?view=full").json["entries"][0] == visit


@pytest.mark.parametrize("params, expected", [
    ("from=2016-03-31", ["Syrian army retakes Palmyra", "Peace talks <b>reconvene</b> in Geneva"]),
    ("to=2016-03-31", ["Visit event", "Syrian army retakes Palmyra"]),
    ("from=2016-04-01&to=2016-04-30", ["Peace talks <b>reconvene</b> in Geneva"]),
    ("entity=Kerry", ["Visit event"]),
    ("entity=john%20kerry", ["Visit event"]),
    ("location=Palmyra", ["Syrian army retakes Palmyra"]),
    ("status=planned", ["Peace talks <b>reconvene</b> in Geneva"]),
    ("q=army", ["Syrian army retakes Palmyra"]),
    ("source=reuters", ["Visit event", "Peace talks <b>reconvene</b> in Geneva"]),
    ("source=Nobody", []),
    ("from=0001-01-01&to=9999-12-31", ["Visit event", "Syrian army retakes Palmyra",
                                       "Peace talks <b>reconvene</b> in Geneva"]),
])
def test_filters(client, seeded, params, expected):
    assert titles(client.get(f"/api/v1/timeline?{params}")) == expected


def test_the_spliced_page_is_the_stored_entries_with_their_cursor(client, store):
    title = "Kerry visits Moscow — talks 🕊 \"quoted\""
    store.record_extraction(make_extraction("a", [make_event("a", "visit", "2016-03", title=title),
                                                  make_event("a", "strike", "2016-05")]), MERGE)
    for view, cards in (("summary", True), ("full", False)):
        response = client.get(f"/api/v1/timeline?limit=1&view={view}")
        assert response.mimetype == "application/json"
        page = json.loads(response.get_data())
        assert page["entries"] == store.list_entries(Query(), 1, cards=cards).entries
        assert page["entries"][0]["title"] == title
        assert page["cursor"] and page["next"].endswith(f"cursor={page['cursor']}")


@pytest.mark.parametrize("group", ["status", "entity", "location", "source"])
def test_widget_formats_from_cards_equal_those_from_whole_entries(store, seeded, group):
    cards, entries = (store.list_entries(Query(), 10, cards=c).entries for c in (True, False))
    assert formats.vis(cards, group) == formats.vis(entries, group)
    assert formats.timelinejs(cards, group) == formats.timelinejs(entries, group)


def test_pages_follow_the_next_link(client, seeded):
    first = client.get("/api/v1/timeline?limit=2&status=occurred")
    assert titles(first) == ["Visit event", "Syrian army retakes Palmyra"]
    assert first.json["next"] is None  # only two occurred entries
    first = client.get("/api/v1/timeline?limit=2")
    assert first.headers["Link"] == f'<{first.json["next"]}>; rel="next"'
    second = client.get(first.json["next"])
    assert titles(second) == ["Peace talks <b>reconvene</b> in Geneva"] and second.json["next"] is None


@pytest.mark.parametrize("params, field", [
    ("from=yesterday", "from"),
    ("to=2016-13-01", "to"),
    ("from=2016-04-01&to=2016-03-01", "to"),
    ("limit=-1", "limit"),
    ("limit=0", "limit"),
    ("limit=many", "limit"),
    ("limit=100000", "limit"),
    ("format=xml", "format"),
    ("view=compact", "view"),
    ("status=maybe", "status"),
    ("cursor=garbage", "cursor"),
])
def test_bad_parameters_are_400_naming_the_field(client, params, field):
    response = client.get(f"/api/v1/timeline?{params}")
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request" and response.json["error"]["field"] == field


def test_etag_and_cache_control(client, store, seeded):
    first = client.get("/api/v1/timeline?entity=Kerry")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    cached = client.get("/api/v1/timeline?entity=Kerry", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.data == b""
    assert client.get("/api/v1/timeline?entity=Lavrov").headers["ETag"] != etag
    store.merge_event(make_event("d", "strike", "2016-03-02"), MERGE)
    changed = client.get("/api/v1/timeline?entity=Kerry", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_page_reads_its_version_with_the_entries(client, store, seeded, monkeypatch):
    # Only a conditional request reads the version on its own (to answer 304 without the page).
    etag = client.get("/api/v1/timeline").headers["ETag"]
    assert etag.startswith(f'W/"{store.version()}-')
    monkeypatch.setattr(type(store), "version", lambda self: pytest.fail("read the version apart"))
    assert client.get("/api/v1/timeline").headers["ETag"] == etag
    assert store.list_entries(Query(), 1).version == int(etag[3:].split("-")[0])


def test_cors_for_configured_origins_only(client, seeded):
    allowed = client.get("/api/v1/timeline", headers={"Origin": "https://news.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://news.example"
    assert "ETag" in allowed.headers["Access-Control-Expose-Headers"]
    other = client.get("/api/v1/timeline", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers and "Origin" in other.headers["Vary"]
    preflight = client.options("/api/v1/articles", headers={
        "Origin": "https://news.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_timelinejs_format(client, seeded):
    body = client.get("/api/v1/timeline?format=timelinejs").json
    jsonschema.Draft202012Validator(json.loads((WIDGETS / "timelinejs.schema.json").read_text())).validate(body)
    visit, palmyra, talks = body["events"]
    assert visit["start_date"] == {"year": 2016, "month": 3}          # month granularity
    assert palmyra["start_date"] == {"year": 2016, "month": 3, "day": 31}
    assert talks["group"] == "planned"
    assert talks["text"]["headline"] == "Peace talks &lt;b&gt;reconvene&lt;/b&gt; in Geneva"
    assert '<a href="https://news.example/a">G2 — Story a</a>' in visit["text"]["text"]


@pytest.mark.parametrize("url, linked", [
    ("https://news.example/a?b=1&c=2", True), ("HTTP://news.example/a", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("data:text/html,x", False),
    ("//news.example/a", False), (None, False),
])
def test_sources_link_only_to_web_addresses(url, linked):
    html = formats.source_links({"sources": [{"article_id": "a", "source": "G2", "title": "<Story>", "url": url}]})
    assert html.startswith('<ul><li><a href="') == linked and "&lt;Story&gt;" in html
    assert ('href="' + url.replace("&", "&amp;") + '"' in html) if linked else "href" not in html


def test_vis_format(client, seeded):
    body = client.get("/api/v1/timeline?format=vis").json
    jsonschema.Draft202012Validator(json.loads((WIDGETS / "vis.schema.json").read_text())).validate(body)
    visit, palmyra, _ = body["items"]
    assert (visit["start"], visit["end"], visit["type"]) == ("2016-03-01T00:00:00", "2016-04-01T00:00:00", "range")
    assert palmyra["type"] == "box" and "end" not in palmyra
    assert {g["id"] for g in body["groups"]} == {"occurred", "planned"}


@pytest.mark.parametrize("group, rows", [
    ("entity", ["John Kerry", None, None]),
    ("location", ["Moscow", "Palmyra", "Geneva"]),
    ("source", ["G2", "AP", "Reuters"]),
])
def test_widget_rows_by_entity_location_or_source(client, seeded, group, rows):
    vis = client.get(f"/api/v1/timeline?format=vis&group={group}").json
    assert [item.get("group") for item in vis["items"]] == rows
    assert [g["id"] for g in vis["groups"]] == [r for r in rows if r]
    slides = client.get(f"/api/v1/timeline?format=timelinejs&group={group}").json["events"]
    assert [slide.get("group") for slide in slides] == rows
    assert client.get("/api/v1/timeline?format=vis&group=colour").json["error"]["field"] == "group"


def test_widget_schemas_can_fail():
    # The schemas are the test's teeth: a slide without a year or a range without an end must fail.
    tl = jsonschema.Draft202012Validator(json.loads((WIDGETS / "timelinejs.schema.json").read_text()))
    assert not tl.is_valid({"events": [{"start_date": {"month": 3}}]})
    vis = jsonschema.Draft202012Validator(json.loads((WIDGETS / "vis.schema.json").read_text()))
    assert not vis.is_valid({"items": [{"content": "x", "start": "2016-03-01", "type": "range"}], "groups": []})


def test_events_by_entry_or_event_id(client, seeded):
    entry = client.get("/api/v1/timeline?entity=Kerry&view=full").json["entries"][0]
    assert client.get(f"/api/v1/events/{entry['id']}").json == entry
    assert client.get(f"/api/v1/events/{seeded['visit2']['id']}").json == entry
    spec_validator(client, "Entry").validate(entry)
    missing = client.get("/api/v1/events/ffffffffffffffff")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"


def test_facets(client, seeded):
    assert client.get("/api/v1/entities").json == {"entities": [{"name": "John Kerry", "count": 1}]}
    locations = client.get("/api/v1/locations?limit=2").json["locations"]
    assert len(locations) == 2 and all(f["count"] == 1 for f in locations)
    assert client.get("/api/v1/locations?limit=0").status_code == 400


def test_the_timeline_page_is_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"


def test_health(client, redis_url):
    assert client.get("/healthz").json == {"status": "ok"}
    down = create_app(app_config("redis://127.0.0.1:1/0")).test_client().get("/healthz")
    assert down.status_code == 503 and down.json["error"]["code"] == "unavailable"


def test_openapi_reuses_the_contract(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["components"]["schemas"]["Event"] == contract.schema("event")
    assert doc["components"]["schemas"]["Article"] == contract.schema("article")
    assert set(doc["paths"]) >= {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/timeline",
                                 "/api/v1/timeline/stream", "/api/v1/events/{event_id}", "/api/v1/entities",
                                 "/api/v1/locations", "/healthz"}
    params = {p["name"] for p in doc["paths"]["/api/v1/timeline"]["get"]["parameters"]}
    assert params >= {"from", "to", "entity", "location", "status", "q", "source", "limit", "cursor", "format"}


def test_errors_match_the_documented_body(client):
    validator = spec_validator(client, "ErrorBody")
    for response in (client.get("/nowhere"), client.get("/api/v1/timeline?limit=0"),
                     client.post("/api/v1/articles", data="x", content_type="text/plain")):
        validator.validate(response.json)


def test_stream_sends_entries_as_they_change(redis_url, store):
    app = create_app(app_config(redis_url, TIMELINE_SSE_KEEPALIVE_SECONDS="0.2", TIMELINE_SSE_MAX_SECONDS="3"))
    response = app.test_client().get("/api/v1/timeline/stream", buffered=False)
    assert response.mimetype == "text/event-stream"
    chunks = iter(response.response)
    assert next(chunks).startswith(b"retry:")
    assert next(chunks) == b": keep-alive\n\n"  # subscribed
    store.merge_event(make_event("a", "visit", "2016-03", title="Kerry visits Moscow"), MERGE)
    received = b""
    for chunk in chunks:
        received += chunk
        if b"event: created" in received:
            break
    data = received.split(b"event: created\n", 1)[1].split(b"\n\n")[0]
    assert json.loads(data.split(b"data: ", 1)[1])["title"] == "Kerry visits Moscow"
    response.close()
