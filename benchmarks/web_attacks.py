"""The web door under issue 23's attacks, on 127.0.0.1: what a body's shape costs, a flood of
the worst shapes against the quiet latency, and how many idle connections a worker holds.

    python -m benchmarks.web_attacks [--seconds 6] [--steps 250,500,1000,2000,4000]

Every loop is bounded in count and time, and every server is a child on loopback. Prints a
JSON document; docs/web.md quotes its figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import multiprocessing
import resource
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backpain_tools.amazon_standins.certificate_authority import TEST_CERT_CHAIN_URL, FakeAmazonPki
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_tools.amazon_standins.trust_store import trust_file
from backpain_tools.web_trials.door_requests import forged_headers, signed_launch, timed, warm_up
from backpain_tools.web_trials.hostile_bodies import worst_shapes
from backpain_tools.web_trials.server_process import ServedSkill
from backpain_web import create_app
from benchmarks.web import peak_rss_mib, worker_pids
from echo_sim.device.envelope import DEFAULT_APPLICATION_ID

SKILL_ID = {"BACKPAIN_SKILL_ID": DEFAULT_APPLICATION_ID}


def shape_costs(pki: FakeAmazonPki, rounds: int = 20) -> dict[str, dict[str, float]]:
    """In-process ms per refused request, fastest of `rounds`, for each worst shape: with the
    chain cached (forged signature) and with a fresh chain URL each time (bounded parse)."""
    logging.getLogger("backpain_web").setLevel(logging.ERROR)
    app = create_app(trust_store=pki.trust_store, fetcher=FakeS3({TEST_CERT_CHAIN_URL:
                     pki.chain_pem}), skill_id=DEFAULT_APPLICATION_ID)
    client = app.test_client()
    body, headers = signed_launch(pki)
    assert client.post("/", data=body, headers=headers).status_code == 200  # caches the chain
    costs: dict[str, dict[str, float]] = {}
    fresh = 0
    for name, shape in worst_shapes().items():
        costs[name] = {}
        for chain in ("cached", "fresh"):
            best = float("inf")
            for _ in range(rounds):
                fresh += 1
                url = (TEST_CERT_CHAIN_URL if chain == "cached"
                       else f"https://s3.amazonaws.com/echo.api/bench-{fresh}.pem")
                started = time.perf_counter()
                status = client.post("/", data=shape, headers=forged_headers(url)).status_code
                best = min(best, time.perf_counter() - started)
                assert status == 400, (name, status)
            costs[name][f"{chain}_ms"] = round(best * 1000, 3)
    return costs


def sample(url: str, pki: FakeAmazonPki, count: int) -> dict[str, dict[str, float]]:
    """/health and a signed launch, alternately, `count` times each: p50, p95, max in ms."""
    body, headers = signed_launch(pki)
    health: list[float] = []
    signed: list[float] = []
    for _ in range(count):
        status, _, took = timed(url, "GET", "/health")
        if status == 200:
            health.append(took * 1000)
        status, _, took = timed(url, "POST", "/", body, headers)
        if status == 200:
            signed.append(took * 1000)
        time.sleep(0.01)
    return {"health": spread(health, count), "signed": spread(signed, count)}


def spread(values: list[float], asked: int) -> dict[str, float]:
    if not values:
        return {"answered": 0, "asked": asked}
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max": round(ordered[-1], 2),
        "answered": len(values),
        "asked": asked,
    }


def flood(url: str, clients: int, rate: float, seconds: float, sent: Any, flat: bool) -> None:
    """In a child process: `clients` threads sending worst shapes with forged signatures, half
    at the cached chain URL and half at fresh ones, `rate` a second each (0: flat out). With
    `flat`, only the flat string of the same size: what the worst shapes are compared with."""
    every = worst_shapes()
    shapes = [every["flat string"]] if flat else list(every.values())

    def one_client(number: int) -> None:
        started = time.monotonic()
        count = 0
        while time.monotonic() - started < seconds:
            count += 1
            chain = (TEST_CERT_CHAIN_URL if count % 2 else
                     f"https://s3.amazonaws.com/echo.api/flood-{number}-{count}.pem")
            with contextlib.suppress(OSError):
                timed(url, "POST", "/", shapes[count % len(shapes)], forged_headers(chain))
            with sent.get_lock():
                sent.value += 1
            if rate:
                time.sleep(max(0.0, started + count / rate - time.monotonic()))

    threads = [threading.Thread(target=one_client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def under_flood(
    url: str, pki: FakeAmazonPki, clients: int, rate: float, seconds: float, flat: bool = False
) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    sent = context.Value("i", 0)
    attacker = context.Process(target=flood, args=(url, clients, rate, seconds, sent, flat))
    attacker.start()
    time.sleep(1.0)  # the child has started and the flood is running
    started = time.monotonic()
    measured = sample(url, pki, count=max(20, int((seconds - 2) / 0.03)))
    elapsed = time.monotonic() - started
    attacker.join(timeout=seconds + 60)
    return {"clients": clients, "rate_per_client": rate or "max",
            "flood_requests_per_s": round(sent.value / seconds), **measured,
            "measured_seconds": round(elapsed, 1)}


def flood_figures(trust: Path, pki: FakeAmazonPki, seconds: float, logs: Path) -> dict[str, Any]:
    with ServedSkill(["--workers", "2"], logs, trust, env=SKILL_ID) as server:
        warm_up(server)
        sample(server.url, pki, 20)  # every worker has the chain cached
        quiet = sample(server.url, pki, 150)
        at_rate = under_flood(server.url, pki, clients=8, rate=9, seconds=seconds)
        at_max = under_flood(server.url, pki, clients=8, rate=0, seconds=seconds)
        flat_max = under_flood(server.url, pki, clients=8, rate=0, seconds=seconds, flat=True)
    ratio = {
        f"{kind}_{which}_p50_ratio": round(flooded[which]["p50"] / quiet[which]["p50"], 2)
        for kind, flooded in (("rate", at_rate), ("max", at_max), ("flat_max", flat_max))
        for which in ("health", "signed")
    }
    return {"quiet": quiet, "flood_8x9_per_s": at_rate, "flood_8_max": at_max,
            "flat_flood_8_max": flat_max, **ratio}


def hold_idle(address: tuple[str, int], count: int, into: list[socket.socket]) -> None:
    while len(into) < count:
        into.append(socket.create_connection(address, timeout=10))


def capacity_figures(trust: Path, pki: FakeAmazonPki, steps: list[int], logs: Path) -> dict:
    """One worker, cap above the largest step, heads allowed 120 s: /health and a signed request
    with N idle connections open; then the default cap, full, and a new connection."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    figures: dict[str, Any] = {"fd_limit": hard, "idle": {}}
    args = ["--workers", "1", "--max-connections", str(max(steps) + 100),
            "--header-timeout", "120"]
    with ServedSkill(args, logs / "ceiling", trust, env=SKILL_ID) as server:
        warm_up(server)
        host, port = server.url.split("//")[1].split(":")
        held: list[socket.socket] = []
        try:
            for step in [0, *steps]:
                started = time.monotonic()
                hold_idle((host, int(port)), step, held)
                time.sleep(0.5)
                measured = sample(server.url, pki, 30)
                rss = [peak_rss_mib(pid) for pid in worker_pids(server.pid)]
                figures["idle"][step] = {**measured, "worker_peak_rss_mib": rss,
                                         "open_seconds": round(time.monotonic() - started, 2)}
        finally:
            for connection in held:
                connection.close()
    cap = 250
    args = ["--workers", "1", "--max-connections", str(cap), "--header-timeout", "120"]
    with ServedSkill(args, logs / "cap", trust, env=SKILL_ID) as server:
        warm_up(server)
        host, port = server.url.split("//")[1].split(":")
        held = []
        try:
            hold_idle((host, int(port)), cap, held)
            time.sleep(0.5)
            refused = [timed(server.url, "GET", "/health") for _ in range(30)]
        finally:
            for connection in held:
                connection.close()
    figures["full"] = {
        "cap": cap,
        "statuses": sorted({status for status, _, _ in refused}),
        "refused_ms": spread([took * 1000 for _, _, took in refused], len(refused)),
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    parse = argparse.ArgumentParser(prog="python -m benchmarks.web_attacks")
    parse.add_argument("--seconds", type=float, default=6.0, help="each flood's length")
    parse.add_argument("--steps", default="250,500,1000,2000,4000",
                       help="idle connections held, per step, on one worker")
    parse.add_argument("--only", choices=["shapes", "flood", "capacity"])
    args = parse.parse_args(argv)
    steps = [int(step) for step in args.steps.split(",")]
    pki = FakeAmazonPki.create()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        trust = trust_file(workdir / "pki", pki)
        sections: dict[str, Callable[[], Any]] = {
            "shapes": lambda: shape_costs(pki),
            "flood": lambda: flood_figures(trust, pki, args.seconds, workdir / "flood"),
            "capacity": lambda: capacity_figures(trust, pki, steps, workdir / "capacity"),
        }
        for name, measure in sections.items():
            if args.only in (None, name):
                results[name] = measure()
                print(json.dumps({name: results[name]}, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
