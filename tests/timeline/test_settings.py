"""The timeline's settings: defaults, overrides, and values refused at start-up."""
from __future__ import annotations

import pytest

from timeline import create_app
from timeline.config import CONTRACT_MAX_ARTICLE_CHARS, SettingsError, load_settings, redact


def test_defaults():
    settings = load_settings({})
    assert settings.redis_url == settings.broker_url == "redis://127.0.0.1:6379/0"
    assert settings.max_article_chars == CONTRACT_MAX_ARTICLE_CHARS == 200_000
    assert (settings.page_size, settings.max_page_size, settings.cors_origins) == (100, 1000, ())
    assert settings.access_log == "-"


def test_overrides_and_fallbacks():
    settings = load_settings({"REDIS_URL": "redis://r:6379/1", "TIMELINE_CORS_ORIGINS": "https://a.example, *",
                              "TIMELINE_MERGE_THRESHOLD": "0.75", "TIMELINE_PAGE_SIZE": "20"})
    assert settings.redis_url == settings.broker_url == "redis://r:6379/1"
    assert settings.cors_origins == ("https://a.example", "*")
    assert settings.merge.threshold == 0.75 and settings.page_size == 20
    assert load_settings({"TIMELINE_ACCESS_LOG": "OFF"}).access_log is None
    assert load_settings({"TIMELINE_ACCESS_LOG": "/var/log/timeline.log"}).access_log == "/var/log/timeline.log"
    assert load_settings({"REDIS_URL": "redis://r/1", "TIMELINE_REDIS_URL": "redis://t/2",
                          "TIMELINE_BROKER_URL": "redis://b/3"}).broker_url == "redis://b/3"


@pytest.mark.parametrize("environ, named", [
    ({"TIMELINE_PAGE_SIZE": "ten"}, "TIMELINE_PAGE_SIZE"),
    ({"TIMELINE_PAGE_SIZE": "0"}, "TIMELINE_PAGE_SIZE"),
    ({"TIMELINE_PAGE_SIZE": "50", "TIMELINE_MAX_PAGE_SIZE": "10"}, "TIMELINE_MAX_PAGE_SIZE"),
    ({"TIMELINE_MAX_ARTICLE_CHARS": "300000"}, "TIMELINE_MAX_ARTICLE_CHARS"),
    ({"TIMELINE_MERGE_THRESHOLD": "1.5"}, "TIMELINE_MERGE_THRESHOLD"),
    ({"TIMELINE_CORS_ORIGINS": "news.example"}, "TIMELINE_CORS_ORIGINS"),
    ({"TIMELINE_KEY_PREFIX": "a b"}, "TIMELINE_KEY_PREFIX"),
    ({"TIMELINE_REDIS_URL": "http://user:hunter2@r/0"}, "TIMELINE_REDIS_URL"),
])
def test_bad_values_fail_naming_the_variable(environ, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(environ)


def test_passwords_are_never_shown(caplog):
    with pytest.raises(SettingsError) as refused:
        load_settings({"TIMELINE_REDIS_URL": "http://user:hunter2@r/0"})
    assert "hunter2" not in str(refused.value)
    settings = load_settings({"TIMELINE_REDIS_URL": "redis://:hunter2@r:6379/0"})
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings.describe())
    assert redact("redis://user:hunter2@r:6379/0") == "redis://user:***@r:6379/0"
    with caplog.at_level("INFO", logger="timeline"):
        create_app({"TIMELINE_REDIS_URL": "redis://:hunter2@127.0.0.1:1/0"})
    assert "***" in caplog.text and "hunter2" not in caplog.text


def test_the_module_docstring_lists_every_variable():
    import re

    from timeline import config

    documented = set(re.findall(r"^\| (TIMELINE_[A-Z_]+) \|", config.__doc__, re.M))
    read = set(re.findall(r'"(TIMELINE_[A-Z_]+)"', open(config.__file__).read()))
    read |= {f"TIMELINE_MERGE_{n}_WEIGHT" for n in ("SAME_ARTICLE", "PARTICIPANT", "LOCATION", "DATE")}
    assert documented == read
