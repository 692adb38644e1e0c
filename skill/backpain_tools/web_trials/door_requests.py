"""Requests sent to a served web door from outside, one connection each: timed, signed with the
certificate-authority stand-in, or forged to pass every cheap check (the attack tests and the
web benchmarks send the same ones)."""

from __future__ import annotations

import base64
import http.client
import json
import os
import ssl
import time
from urllib.parse import urlsplit

from backpain_tools.amazon_standins.certificate_authority import (
    TEST_CERT_CHAIN_URL,
    FakeAmazonPki,
)
from backpain_tools.web_trials.server_process import ServedSkill
from backpain_web.verification import CERT_CHAIN_URL_HEADER, SIGNATURE_HEADER
from echo_sim.device.envelope import EnvelopeFactory, Session


def raw_exchange(
    url: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    context: ssl.SSLContext | None = None,
) -> tuple[int, bytes]:
    """One HTTP request on a fresh connection; the status and the raw answer."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=30, context=context
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def timed(url: str, method: str, path: str, body: bytes | None = None,
          headers: dict[str, str] | None = None,
          context: ssl.SSLContext | None = None) -> tuple[int, bytes, float]:
    """One request on a fresh connection: status, body and seconds taken."""
    started = time.monotonic()
    status, data = raw_exchange(url, method, path, body, headers, context)
    return status, data, time.monotonic() - started


def signed_launch(pki: FakeAmazonPki) -> tuple[bytes, dict[str, str]]:
    """A launch request and the headers that sign it with the stand-in's key."""
    body = json.dumps(EnvelopeFactory().launch(Session())).encode()
    return body, pki.headers(body)


def warm_up(server: ServedSkill) -> None:
    """Until every worker has built its skill (a second or so after gunicorn says it is ready),
    a first request waits for that: ask until 20 in a row are quick, or 30 s have passed."""
    quick, deadline = 0, time.monotonic() + 30
    while quick < 20 and time.monotonic() < deadline:
        quick = quick + 1 if timed(server.url, "GET", "/health")[2] < 0.2 else 0


def forged_headers(url: str = TEST_CERT_CHAIN_URL) -> dict[str, str]:
    """Headers that pass every cheap check: a signature of the right length, made up."""
    return {CERT_CHAIN_URL_HEADER: url, SIGNATURE_HEADER: base64.b64encode(
        os.urandom(256)).decode(), "Content-Type": "application/json"}
