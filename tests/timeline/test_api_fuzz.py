"""Whatever a client sends, the API answers it without a server error."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMS = ["from", "to", "entity", "location", "status", "q", "source", "limit", "cursor", "format", "group", "view", "x"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
articles = st.fixed_dictionaries(
    {}, optional={"id": st.text(max_size=20) | st.integers(), "text": st.text(max_size=50) | json_values,
                  "published_at": st.text(max_size=25) | st.dates().map(str) | json_values,
                  "title": json_values, "language": st.sampled_from(["en", "fr", None])},
) | json_values

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(params=st.lists(st.tuples(st.sampled_from(PARAMS), st.text(max_size=20)), max_size=4))
def test_timeline_queries_never_fail_the_server(client, params):
    response = client.get(f"/api/v1/timeline?{urlencode(params)}")
    assert response.status_code in (200, 400), response.json
    if response.status_code == 400:
        assert response.json["error"]["code"] == "bad_request"


@FUZZ
@given(body=articles)
def test_article_bodies_never_fail_the_server(client, body):
    response = client.post("/api/v1/articles", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 202, 400, 422), response.json
    assert ("error" in response.json) == (response.status_code >= 400)


@FUZZ
@given(some_id=st.text(min_size=1, max_size=80).filter(lambda s: "/" not in s))
def test_ids_never_fail_the_server(client, some_id):
    for path in ("/api/v1/events/", "/api/v1/articles/"):
        assert client.get(path + some_id).status_code in (404, 200)
