"""docker-compose.yml, read by a real compose parser, runs what `make run` runs."""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {n.strip(): shlex.split(c) for n, c in (l.split(":", 1) for l in lines if l.strip() and not l.startswith("#"))}


@pytest.fixture(scope="module")
def compose() -> dict:
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose (Debian package docker-compose) is required; `make test` installs it"
    result = subprocess.run([binary, "-f", str(ROOT / "docker-compose.yml"), "config"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_services(compose):
    assert set(compose["services"]) == {"redis", "extractor", "merger", "api"}


def test_redis_persists_on_a_named_volume_and_is_health_checked(compose):
    redis = compose["services"]["redis"]
    assert "--appendonly" in redis["command"] and redis["command"][redis["command"].index("--appendonly") + 1] == "yes"
    mount = redis["volumes"][0]
    # compose v1 prints the short form "name:/target:rw", compose v2 the long form.
    volume, target = (mount["source"], mount["target"]) if isinstance(mount, dict) else mount.split(":")[:2]
    assert volume in compose["volumes"] and target == "/data"
    assert redis["healthcheck"]["test"][-1] == "ping"


@pytest.mark.parametrize("service", ["extractor", "merger", "api"])
def test_commands_are_the_procfile_ones(compose, service):
    assert compose["services"][service]["command"] == procfile()[service]
    assert compose["services"][service]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert compose["services"][service]["environment"]["REDIS_URL"] == "redis://redis:6379/0"


@pytest.mark.parametrize("service", ["extractor", "api"])
def test_dockerfile_default_command_is_the_procfile_one(compose, service):
    dockerfile = ROOT / compose["services"][service]["build"]["dockerfile"]
    cmd = re.search(r"^CMD (.+)$", dockerfile.read_text(), re.M).group(1)
    assert json.loads(cmd) == procfile()[service]


def test_api_is_published_on_8000(compose):
    ports = compose["services"]["api"]["ports"]
    assert any(str(p.get("target")) == "8000" for p in ports)
