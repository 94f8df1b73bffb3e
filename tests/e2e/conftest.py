"""The whole stack as `make run` starts it: scripts/run_stack.py in a subprocess, on its embedded Redis."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    """A running run_stack.py and the addresses it serves."""

    def __init__(self, var_dir: Path, redis_port: int, api_port: int):
        self.var_dir, self.redis_port, self.api_port = var_dir, redis_port, api_port
        self.base = f"http://127.0.0.1:{api_port}"
        self.redis_url = f"redis://127.0.0.1:{redis_port}/0"
        self.log = var_dir / "stack.log"
        self.proc: subprocess.Popen | None = None
        self.log_offset = 0

    def start(self, timeout: float = 180) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TIMELINE_REDIS_URL", "EXTRACTOR_BROKER_URL")}
        env.update(EMBEDDED_REDIS_PORT=str(self.redis_port), STACK_VAR_DIR=str(self.var_dir),
                   TIMELINE_BIND=f"127.0.0.1:{self.api_port}", PYTHONUNBUFFERED="1")
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.log_offset = self.log.stat().st_size if self.log.exists() else 0
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "run_stack.py")], env=env, cwd=ROOT,
                                     stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while "Ctrl-C stops everything" not in self.output():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                pytest.fail(f"the stack did not start:\n{self.output()[-4000:]}")
            time.sleep(0.5)

    def output(self) -> str:
        """What this run of the stack has printed (a restart appends to the same log)."""
        if not self.log.exists():
            return ""
        with self.log.open("rb") as f:
            f.seek(self.log_offset)
            return f.read().decode(errors="replace")

    def stop(self) -> int:
        """Ctrl-C, as a user would; returns run_stack's exit status."""
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()

    def get(self, path: str, **params) -> requests.Response:
        return requests.get(self.base + path, params=params, timeout=10)

    def wait_state(self, article_id: str, states=("done", "failed"), timeout: float = 180) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.get(f"/api/v1/articles/{article_id}")
            if response.status_code == 200 and response.json()["state"] in states:
                return response.json()
            time.sleep(0.5)
        pytest.fail(f"article {article_id} not {states} within {timeout} s:\n{self.output()[-4000:]}")

    def timeline(self, **params) -> list[dict]:
        entries, cursor = [], None
        while True:
            page = self.get("/api/v1/timeline", limit=100, view="full", **({"cursor": cursor} if cursor else {}), **params)
            assert page.status_code == 200, page.text
            body = page.json()
            entries += body["entries"]
            cursor = body.get("cursor")
            if not cursor:
                return entries


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = Stack(tmp_path_factory.mktemp("stack"), free_port(), free_port())
    s.start()
    yield s
    if s.proc.poll() is None:
        assert s.stop() == 0, s.output()[-3000:]
