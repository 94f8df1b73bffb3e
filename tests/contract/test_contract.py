"""Every shipped example is a test case: valid ones pass, invalid ones fail naming a field."""
import pytest

import contract

CASES = [
    (kind, validity, name, payload)
    for kind in contract.KINDS
    for validity in ("valid", "invalid")
    for name, payload in contract.examples(kind, validity)
]


def test_every_kind_has_valid_and_invalid_examples():
    for kind in contract.KINDS:
        assert any(c[0] == kind and c[1] == "valid" for c in CASES), kind
        assert any(c[0] == kind and c[1] == "invalid" for c in CASES), kind


@pytest.mark.parametrize("kind,validity,name,payload", CASES, ids=[f"{c[0]}/{c[1]}/{c[2]}" for c in CASES])
def test_example(kind, validity, name, payload):
    if validity == "valid":
        assert contract.validate(kind, payload) is payload
    else:
        with pytest.raises(contract.ContractError) as info:
            contract.validate(kind, payload)
        assert info.value.kind == kind
        assert info.value.field


@pytest.mark.parametrize(
    "payload,field,message",
    [
        ({"id": "a", "published_at": "2016-03-31"}, "text", "is required"),
        ({"id": "a", "text": "  "}, "text", "must not be empty or only white space"),
        ({"id": "a", "text": "x", "published_at": "March 31"}, "published_at", "'March 31' is not an ISO 8601 date or date-time"),
        ({"id": "a", "text": "x", "published_at": "2016-13-01"}, "published_at", "'2016-13-01' is not an ISO 8601 date or date-time"),
        ({"id": "a", "text": "x" * 200_001}, "text", "is longer than 200000 characters"),
    ],
)
def test_article_errors_name_the_field(payload, field, message):
    with pytest.raises(contract.ContractError) as info:
        contract.validate("article", payload)
    assert (info.value.field, info.value.message) == (field, message)
    assert info.value.to_dict() == {"kind": "article", "field": field, "message": message}


def test_nested_event_error_names_its_path():
    _, done = next(contract.examples("extraction", "valid"))
    bad = {**done, "events": [{**done["events"][0], "status": "maybe"}]}
    with pytest.raises(contract.ContractError) as info:
        contract.validate("extraction", bad)
    assert info.value.field == "events[0].status"


@pytest.mark.parametrize("value", ["2016-03-31", "2016-03-31T14:05:00Z", "2016-03-31T14:05:00+02:00", "2016-03-31 14:05"])
def test_publication_dates_accepted(value):
    contract.validate("article", {"id": "a", "text": "x", "published_at": value})


def test_unknown_kind():
    with pytest.raises(KeyError):
        contract.validate("invoice", {})


def test_task_and_queue_names_are_the_documented_ones():
    assert (contract.TASK_EXTRACT_ARTICLE, contract.QUEUE_ARTICLES) == ("extractor.extract_article", "articles")
    assert (contract.TASK_MERGE_EXTRACTION, contract.QUEUE_EXTRACTIONS) == ("timeline.merge_extraction", "extractions")


def test_celery_settings_route_each_task_to_its_queue_with_late_acks():
    conf = contract.celery_settings(contract.QUEUE_ARTICLES, 900)
    assert conf["task_routes"][contract.TASK_EXTRACT_ARTICLE] == {"queue": "articles"}
    assert conf["task_routes"][contract.TASK_MERGE_EXTRACTION] == {"queue": "extractions"}
    assert conf["task_acks_late"] and conf["task_reject_on_worker_lost"]
    assert conf["accept_content"] == ["json"] and conf["broker_transport_options"]["visibility_timeout"] == 900
