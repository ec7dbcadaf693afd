"""Load test of the web app (issue 10): many clients at once on its main pages and API.

Records the example history into a fresh SQLite store, starts the real server
(``python -m botu_cli serve``, uvicorn) on a free loopback port in a process of its
own, and lets ``--clients`` clients (default 50) each send request after request for
``--seconds`` (default 60): the public pages, the JSON API, and one write in ten (a
coordinator records an indicator measurement through the API with a bearer token).

It counts every answer that is not the expected one (and every timeout or broken
connection) as an error, and checks afterwards that each write the server confirmed
is in the log exactly once. Latencies (p50, p90, p99, max) per kind of request go under
``"load"`` in ``bench-results.json`` (other figures there are kept).

    make load [CLIENTS=50] [SECONDS=60]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from botu_core import Cooperations
from botu_core.examples import EXAMPLES
from botu_web import AccountStore

PAGES = ["/", "/agreement", "/projects", "/project", "/budget", "/meetings", "/decisions", "/disagreements",
         "/compliance", "/benefits", "/parties"]
API = ["", "/agreement", "/projects", "/budget", "/compliance", "/meetings", "/disagreements", "/benefits"]
WRITE_EVERY = 10  # one request in ten writes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(folder: Path) -> dict[str, Any]:
    """The example history, a coordinator's API token, and what the clients ask for."""
    db = folder / "botu.db"
    app = Cooperations(str(db))
    try:
        coop = EXAMPLES["botu-2021"](app)
        coordinator = app.party(coop, "Fatima El Amrani")
        project = next(p for p in app.projects(coop) if p.indicators)
        accounts = AccountStore.for_app(app)
        try:
            account = accounts.create("belasting", "een-lang-wachtwoord-voor-de-test", kind="member",
                                      coop_id=coop, party_id=coordinator.id)
            token = accounts.create_token(account.id, "load test")[1]
        finally:
            accounts.close()
        events_before = len(app.log(coop))
    finally:
        app.close()
    return {
        "db": db, "coop": coop, "token": token, "project": project.id,
        "indicator": project.indicators[0].id, "events_before": events_before,
    }


@contextlib.contextmanager
def server(db: Path, port: int, log: Path) -> Iterator[str]:
    """The real web server in a process of its own, until the block ends."""
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "LANG": "nl_NL.UTF-8"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "botu_cli", "--db", str(db), "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"the server stopped (exit {process.returncode}): {log.read_text()[-2000:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(base + "/", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not answer within 60 s")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def requests_of(setup: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """The round of requests every client goes through: (kind, method, path, body)."""
    api = f"/api/v1/cooperations/{setup['coop']}"
    reads: list[tuple[str, str, str, Any]] = []
    for i in range(max(len(PAGES), len(API))):
        page = PAGES[i % len(PAGES)]
        if page == "/project":
            page = f"/projects/{setup['project']}"
        reads.append(("page", "GET", page, None))
        reads.append(("api_read", "GET", api + API[i % len(API)], None))
    round_: list[tuple[str, str, str, Any]] = []
    for i, read in enumerate(reads, start=1):
        round_.append(read)
        if i % (WRITE_EVERY - 1) == 0:
            round_.append(("api_write", "POST", f"{api}/commands/measure-indicator",
                           {"project": setup["project"], "indicator": setup["indicator"], "value": str(i)}))
    return round_


async def client(number: int, base: str, setup: dict[str, Any], until: float, samples: dict[str, list[float]],
                 errors: list[str], written: list[str]) -> None:
    round_ = requests_of(setup)
    headers = {"Authorization": f"Bearer {setup['token']}", "Accept-Language": "nl"}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        i = number  # clients start at different places in the round
        while time.monotonic() < until:
            kind, method, path, body = round_[i % len(round_)]
            i += 1
            if body is not None:
                body = {**body, "note": f"client {number} request {i}"}
            started = time.perf_counter()
            try:
                response = await http.request(method, path, json=body, headers=headers if body else None)
            except httpx.HTTPError as error:
                errors.append(f"{method} {path}: {type(error).__name__}: {error}")
                continue
            samples[kind].append((time.perf_counter() - started) * 1000)
            expected = 201 if method == "POST" else 200
            if response.status_code != expected:
                errors.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
            elif method == "POST":
                written.append(response.json()["id"] if "id" in response.json() else "")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation: a latency that was really seen)."""
    ordered = sorted(values)
    rank = max(1, int(-(-fraction * len(ordered) // 1)))  # ceil
    return ordered[rank - 1]


def summary(values: list[float], seconds: float) -> dict[str, Any]:
    if not values:
        return {"requests": 0}
    return {
        "requests": len(values),
        "per_s": round(len(values) / seconds, 1),
        "p50_ms": round(percentile(values, 0.50), 1),
        "p90_ms": round(percentile(values, 0.90), 1),
        "p99_ms": round(percentile(values, 0.99), 1),
        "max_ms": round(max(values), 1),
    }


def run(clients: int, seconds: float, folder: Path) -> dict[str, Any]:
    setup = prepare(folder)
    samples: dict[str, list[float]] = {"page": [], "api_read": [], "api_write": []}
    errors: list[str] = []
    written: list[str] = []
    with server(setup["db"], free_port(), folder / "server.log") as base:

        async def all_clients() -> float:
            started = time.monotonic()
            until = started + seconds
            await asyncio.gather(*(client(n, base, setup, until, samples, errors, written) for n in range(clients)))
            return time.monotonic() - started

        elapsed = asyncio.run(all_clients())
    # Every confirmed write is in the log exactly once (and nothing else was added).
    app = Cooperations(str(setup["db"]))
    try:
        events_after = len(app.log(setup["coop"]))
    finally:
        app.close()
    everything = [ms for values in samples.values() for ms in values]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(everything) + len(errors),
        "errors": len(errors),
        "error_examples": errors[:10],
        "writes_confirmed": len(written),
        "events_added": events_after - setup["events_before"],
        "all": summary(everything, elapsed),
        **{kind: summary(values, elapsed) for kind, values in samples.items()},
    }


def table(result: dict[str, Any]) -> str:
    lines = [f"{result['clients']} clients, {result['seconds']} s, {result['requests']} requests, "
             f"{result['errors']} errors; writes confirmed {result['writes_confirmed']}, "
             f"events added {result['events_added']}",
             f"{'kind':<10} {'requests':>9} {'per s':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}"]
    for kind in ("all", "page", "api_read", "api_write"):
        s = result[kind]
        if s["requests"]:
            lines.append(f"{kind:<10} {s['requests']:>9} {s['per_s']:>7} {s['p50_ms']:>8} {s['p90_ms']:>8} "
                         f"{s['p99_ms']:>8} {s['max_ms']:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--out", default="bench-results.json", help="the figures go under 'load' in this file")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be at least 1 and --seconds more than 0")
    with tempfile.TemporaryDirectory(prefix="botu-load-") as folder:
        result = run(args.clients, args.seconds, Path(folder))
    out = Path(args.out)
    results = json.loads(out.read_text()) if out.exists() else {}
    results["load"] = result
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(result))
    return result


if __name__ == "__main__":
    main()
