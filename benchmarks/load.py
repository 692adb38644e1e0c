"""A small closed-loop load generator: N clients, each sending its next request when answered."""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Request:
    """One POST body with its headers, ready to send as many times as needed."""

    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class LoadResult:
    latencies_ms: list[float]
    """Client-side time from connecting to the last byte of the answer, per request."""
    failures: int
    """Answers that were not HTTP 200 (or no answer at all)."""
    seconds: float

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def drive(
    url: str, requests: Sequence[Request], total: int, clients: int, max_seconds: float
) -> LoadResult:
    """Send up to `total` requests from `clients` threads, stopping early after `max_seconds`."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    tickets = itertools.count()  # next() on a count is atomic under the GIL
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    started = time.perf_counter()
    deadline = started + max_seconds

    def client(number: int) -> None:
        while True:
            ticket = next(tickets)
            if ticket >= total or time.perf_counter() > deadline:
                return
            request = requests[ticket % len(requests)]
            sent = time.perf_counter()
            # A fresh connection per request, as from a proxy that does not keep connections alive.
            connection = http.client.HTTPConnection(host, port, timeout=30)
            try:
                connection.request("POST", "/", body=request.body, headers=request.headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                connection.close()
            if ok:
                latencies[number].append((time.perf_counter() - sent) * 1000)
            else:
                failures[number] += 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return LoadResult([ms for per_client in latencies for ms in per_client], sum(failures), seconds)
