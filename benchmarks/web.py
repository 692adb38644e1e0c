"""The web door under gunicorn on 127.0.0.1: throughput and latency, verification off and on."""

from __future__ import annotations

import copy
import json
import logging
import math
import os
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from backpain_tools.amazon_standins.certificate_authority import TEST_CERT_CHAIN_URL, FakeAmazonPki
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_tools.amazon_standins.trust_store import trust_file
from backpain_tools.web_trials.server_process import ServerProcess
from backpain_web.certificate_chains import CertificateChains
from backpain_web.verification import RequestVerifier
from benchmarks.load import LoadResult, Request, drive
from benchmarks.stats import Spread, median, thin
from benchmarks.targets import BARE, OURS, custom_skill
from echo_sim.device.envelope import DEFAULT_APPLICATION_ID

MAX_WARMUP_TRIES = 5
# Held open (a header line every half second, reconnecting when the door drops one) during one
# more slice of load on each verifying server: the slow-client attack of issue 11, bounded.
SLOW_CLIENTS = 50


def served(target: str, verify: bool, workers: int, trust: Path, log_dir: Path) -> ServerProcess:
    """`benchmarks.web_server` as a child on a free loopback port, trusting the test PKI."""
    on = "on" if verify else "off"
    command = [sys.executable, "-m", "benchmarks.web_server", target, on, str(workers), str(trust)]
    return ServerProcess(command, log_dir)


def _tail(server: ServerProcess, chars: int = 3000) -> str:
    return server.output("stderr")[-chars:]


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the master's child processes (Linux /proc; empty elsewhere)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        return []


def peak_rss_mib(pid: int) -> float | None:
    """A process's resident set high-water mark (VmHWM), from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time the processes have used so far (Linux /proc; 0 elsewhere)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime and stime: fields 14 and 15 of stat
    return ticks / os.sysconf("SC_CLK_TCK") if ticks else 0.0


def answering_pids(server: ServerProcess) -> set[str]:
    """Which worker processes have answered a request so far, from the door's log lines."""
    return set(re.findall(r"\[pid (\d+)\] INFO backpain_web: answered", server.output("stderr")))


def fresh_requests(envelopes: Sequence[dict[str, Any]], pki: FakeAmazonPki) -> list[Request]:
    """The envelopes with new ids and a current timestamp, each body signed as Alexa signs it.

    Made just before each measurement: a signed request is good for 150 seconds only.
    """
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    requests = []
    for envelope in envelopes:
        fresh = copy.deepcopy(envelope)
        fresh["request"]["requestId"] = f"amzn1.echo-api.request.{uuid.uuid4()}"
        fresh["request"]["timestamp"] = now
        body = json.dumps(fresh).encode("utf-8")
        requests.append(Request(body, pki.headers(body)))
    return requests


def verification_cost_us(pki: FakeAmazonPki, requests: Sequence[Request], rounds: int) -> float:
    """In-process time of the door's two checks per request with a warm certificate cache."""
    verifier = RequestVerifier(
        CertificateChains(
            trust_store=pki.trust_store, fetcher=FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem})
        )
    )
    timestamps = [json.loads(r.body)["request"]["timestamp"] for r in requests]
    verifier.verify_signature(requests[0].headers, requests[0].body)  # fills the cache
    fastest = math.inf
    for _ in range(rounds):  # the fastest round, as timeit counts: slower ones measured others
        started = time.perf_counter()
        for request, timestamp in zip(requests, timestamps, strict=True):
            verifier.verify_signature(request.headers, request.body)
            verifier.verify_timestamp(timestamp)
        fastest = min(fastest, time.perf_counter() - started)
    return fastest / len(requests) * 1e6


def door_in_process(
    pki: FakeAmazonPki, requests: Sequence[Request], rounds: int
) -> dict[str, dict[str, float]]:
    """Per-request time through the Flask app itself (test client: no sockets, no gunicorn, no
    other processes' load), each skill with verification off and on, requests interleaved.

    `best_ms` is the mean over requests of each request's fastest round: the work itself, as
    timeit would count it; `p50_ms` is the median of all rounds.
    """
    from backpain_web import create_app

    clients = {}
    # create_app warns that verification is off: right for a server, noise in this table.
    logging.getLogger("backpain_web").setLevel(logging.ERROR)
    for target in (OURS, BARE):
        for verify in ("off", "on"):
            app = create_app(
                custom_skill(target),
                verify=verify == "on",
                trust_store=pki.trust_store,
                fetcher=FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem}),
                skill_id=DEFAULT_APPLICATION_ID,
            )
            clients[f"{target}-{verify}"] = app.test_client()
    timings: dict[str, list[list[float]]] = {name: [[] for _ in requests] for name in clients}
    for round_number in range(rounds + 1):  # round 0 warms up (and fills the certificate cache)
        for number, request in enumerate(requests):
            for name, client in clients.items():
                started = time.perf_counter_ns()
                answer = client.post("/", data=request.body, headers=request.headers)
                elapsed_ms = (time.perf_counter_ns() - started) / 1e6
                if answer.status_code != 200:
                    raise RuntimeError(f"{name}: HTTP {answer.status_code} {answer.get_data()!r}")
                if round_number:
                    timings[name][number].append(elapsed_ms)
    return {
        name: {
            "best_ms": sum(min(times) for times in per_request) / len(per_request),
            "p50_ms": Spread.of([ms for times in per_request for ms in times]).p50,
        }
        for name, per_request in timings.items()
    }


def measure(
    workdir: Path,
    conversations_file: Path,
    total: int,
    clients: int,
    max_seconds: float,
    workers: int,
    slices: int,
    in_process_rounds: int,
) -> dict[str, Any]:
    """Each skill behind the same door, verification off and on: four servers up at once.

    The load comes in `slices` short bursts per server, taking the servers in turn, so a
    change in the machine's other load during the run falls on all four alike.
    """
    recorded = json.loads(conversations_file.read_text(encoding="utf-8"))
    envelopes = [e for conversation in recorded for e in conversation["envelopes"]]
    pki = FakeAmazonPki.create()
    trust = trust_file(workdir / "pki", pki)
    names = [f"{target}-{verify}" for verify in ("off", "on") for target in (OURS, BARE)]
    loads: dict[str, list[LoadResult]] = {name: [] for name in names}
    # The workers' CPU time per request depends less on what else the machine is running than
    # throughput does; its median over the slices, less again.
    cpu: dict[str, list[float]] = {name: [] for name in names}
    memory: dict[str, list[float | None]] = {}
    with ExitStack() as stack:
        servers = {}
        for name in names:
            target, verify = name.split("-")
            servers[name] = stack.enter_context(
                served(target, verify == "on", workers, trust, workdir / f"web-{name}")
            )
        for server in servers.values():
            _warm(server, envelopes, pki, workers, clients)
        for number in range(slices):
            requests = fresh_requests(envelopes, pki)
            for name in names[number % len(names) :] + names[: number % len(names)]:
                workers_now = worker_pids(servers[name].pid)
                cpu_before = cpu_seconds(workers_now)
                load = drive(
                    servers[name].url, requests, total // slices, clients, max_seconds / slices
                )
                if load.latencies_ms:
                    used = cpu_seconds(workers_now) - cpu_before
                    cpu[name].append(used * 1000 / len(load.latencies_ms))
                if load.failures:
                    log = _tail(servers[name])
                    raise RuntimeError(f"{name}: {load.failures} requests failed:\n{log}")
                loads[name].append(load)
        slow: dict[str, Any] = {"count": SLOW_CLIENTS}
        for name in ("ours-on", "bare-on"):
            requests = fresh_requests(envelopes, pki)
            with SlowClients(servers[name].url, SLOW_CLIENTS) as attack:
                load = drive(
                    servers[name].url, requests, total // slices, clients, max_seconds / slices
                )
            if load.failures:
                log = _tail(servers[name])
                raise RuntimeError(f"{name} with slow clients: {load.failures} failed:\n{log}")
            slow[name] = {
                "throughput": len(load.latencies_ms) / load.seconds,
                "latency": Spread.of(load.latencies_ms).to_json(),
                "held_at_end": attack.held(),
            }
        for name, server in servers.items():
            memory[name] = [peak_rss_mib(pid) for pid in worker_pids(server.pid)]
    results: dict[str, Any] = {"clients": clients, "workers": workers, "slices": slices}
    results["slow_clients"] = slow
    for name in names:
        latencies = [ms for load in loads[name] for ms in load.latencies_ms]
        seconds = sum(load.seconds for load in loads[name])
        known = [mib for mib in memory[name] if mib is not None]
        results[name] = {
            "throughput": len(latencies) / seconds,
            "latency": Spread.of(latencies).to_json(),
            "samples": thin(latencies),
            "answered": len(latencies),
            "seconds": seconds,
            "worker_peak_rss_mib": max(known) if known else None,
            "worker_cpu_ms_per_request": median(cpu[name]) if any(cpu[name]) else None,
        }
    requests = fresh_requests(envelopes, pki)
    results["verification_us"] = verification_cost_us(pki, requests, rounds=20)
    results["in_process"] = door_in_process(pki, requests, in_process_rounds)
    return results


class SlowClients:
    """`count` connections that never finish their request head: each sends a header line every
    half second, and is replaced when the door drops it at its deadline. Loopback only."""

    def __init__(self, url: str, count: int) -> None:
        parts = urlsplit(url)
        self.address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.count = count
        self.connections: list[socket.socket | None] = [None] * count
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._drip, daemon=True)

    def _open(self) -> socket.socket | None:
        try:
            connection = socket.create_connection(self.address, timeout=5)
            connection.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\n")
            return connection
        except OSError:
            return None

    def _drip(self) -> None:
        line = 0
        while not self.stop.wait(0.5):
            line += 1
            for index, connection in enumerate(self.connections):
                try:
                    if connection is None:
                        raise OSError("not connected")
                    connection.sendall(b"X-Slow-%d: 1\r\n" % line)
                except OSError:
                    if connection is not None:
                        connection.close()
                    self.connections[index] = self._open()

    def held(self) -> int:
        return sum(connection is not None for connection in self.connections)

    def __enter__(self) -> SlowClients:
        self.connections = [self._open() for _ in range(self.count)]
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        for connection in self.connections:
            if connection is not None:
                connection.close()


def _warm(
    server: ServerProcess,
    envelopes: Sequence[dict[str, Any]],
    pki: FakeAmazonPki,
    workers: int,
    clients: int,
) -> None:
    """Until every worker has answered: Flask, the skill and the certificate cache are warm."""
    for _ in range(MAX_WARMUP_TRIES):
        warm = drive(server.url, fresh_requests(envelopes, pki), 10 * workers, clients, 60)
        if warm.failures:
            raise RuntimeError(f"warm-up requests failed:\n{_tail(server)}")
        if len(answering_pids(server)) >= workers:
            return
    raise RuntimeError(f"not every worker answered during warm-up:\n{_tail(server)}")
