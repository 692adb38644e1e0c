"""Replays each finding of the attack runs on the web door and shows it now holds: issue 11's
eight findings first, then round 3's five (issue 23: CPU bought with a body's shape before any
signature check, a reply's size telling which sign was described, connections queued past the
cap, unbounded waits for a certificate fetch, a 408 that kept its socket).

Everything targets 127.0.0.1 and is bounded in count and time. The figures (slow connections
held, flood rate, latencies) are printed; run with -s to see them. Timing goals themselves are
measured in benchmarks/web_attacks.py; the bars here are loose enough for a busy machine.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import socket
import ssl
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from ask_sdk_core.skill import CustomSkill
from flask.testing import FlaskClient

from backpain import intents
from backpain.content import _content_for, available_locales, content_for
from backpain.request_context import _conversation_for_supported
from backpain.skill import MalformedRequest, build_skill, respond
from backpain_tools.amazon_standins.certificate_authority import (
    TEST_CERT_CHAIN_URL,
    FakeAmazonPki,
    self_signed_server_certificate,
)
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_tools.amazon_standins.trust_store import trust_file
from backpain_tools.serve import main as serve_main
from backpain_tools.web_trials.door_requests import forged_headers, signed_launch, timed, warm_up
from backpain_tools.web_trials.hostile_bodies import worst_shapes
from backpain_tools.web_trials.server_process import ServedSkill
from backpain_web import create_app
from backpain_web.body_shape import MAX_CONTAINERS
from backpain_web.certificate_chains import FETCH_TIMEOUT_SECONDS
from backpain_web.nesting import MAX_NESTING
from backpain_web.reply_padding import REPLY_BUCKET
from backpain_web.verification import CERT_CHAIN_URL_HEADER, SIGNATURE_HEADER
from echo_sim.device.envelope import (
    DEFAULT_APPLICATION_ID,
    ECHO_SHOW,
    VOICE_ONLY,
    DeviceProfile,
    EnvelopeFactory,
    Session,
    SlotValue,
)

from .conftest import Post, SettableClock

INTERACTION_MODEL = Path(__file__).resolve().parents[2] / "interaction_models" / "en-GB.json"
SLOW_CLIENTS = 50
HEADER_TIMEOUT = 3.0
BODY_TIMEOUT = 2.0
# Generous for a shared 2-core machine; the bar is "under a second".
ANSWER_WITHIN = 1.0
FLOOD_CLIENTS = 8
FLOOD_SECONDS = 4.0




def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or 0




def closed_by_server(connection: socket.socket, within: float) -> float | None:
    """Seconds until the server closed `connection` (reading and dropping what it sent), or
    None if it was still open after `within` seconds."""
    started = time.monotonic()
    while (left := started + within - time.monotonic()) > 0:
        connection.settimeout(left)
        try:
            if not connection.recv(65536):
                return time.monotonic() - started
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - started
        except TimeoutError:
            return None
    return None


def closed_since(opened: float, connection: socket.socket) -> float:
    """Seconds from `opened` until the server closed `connection` (infinity if it never did)."""
    waited = closed_by_server(connection, max(0.0, opened + HEADER_TIMEOUT + 3 - time.monotonic()))
    return float("inf") if waited is None else time.monotonic() - opened


def report(line: str) -> None:
    print(f"\n[attack figures] {line}")


SKILL_ID_ENVIRONMENT = {"BACKPAIN_SKILL_ID": DEFAULT_APPLICATION_ID}
NO_SKILL_ID_ENVIRONMENT = {"BACKPAIN_SKILL_ID": ""}


@pytest.fixture(scope="module")
def trust(pki: FakeAmazonPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trust_file(tmp_path_factory.mktemp("trust"), pki)


@pytest.fixture(scope="module")
def door(trust: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSkill]:
    args = ["--workers", "2", "--header-timeout", str(HEADER_TIMEOUT),
            "--body-timeout", str(BODY_TIMEOUT)]
    logs = tmp_path_factory.mktemp("door")
    with ServedSkill(args, logs, trust, env=SKILL_ID_ENVIRONMENT) as server:
        warm_up(server)
        yield server




class Dripper:
    """Holds connections open by sending one more header line on each, every half second."""

    def __init__(self, connections: list[socket.socket]) -> None:
        self.connections = connections
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._drip, daemon=True)

    def _drip(self) -> None:
        line = 0
        while not self.stop.wait(0.5):
            line += 1
            for connection in self.connections:
                # The server drops a connection at its deadline: that is the point.
                with contextlib.suppress(OSError):
                    connection.sendall(b"X-Drip-%d: 1\r\n" % line)

    def __enter__(self) -> Dripper:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


# Finding 1: slow clients took the door down.
@pytest.mark.slow
class TestSlowClients:
    def test_50_slow_clients_are_held_while_health_and_signed_requests_answer(
        self, door: ServedSkill, pki: FakeAmazonPki
    ) -> None:
        host, port = address(door.url)
        slow: list[socket.socket] = []
        try:
            for _ in range(SLOW_CLIENTS):
                connection = socket.create_connection((host, port), timeout=10)
                connection.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\n")
                slow.append(connection)
            opened = time.monotonic()
            body, headers = signed_launch(pki)
            health, signed = [], []
            with Dripper(slow):
                while time.monotonic() - opened < HEADER_TIMEOUT - 1:
                    status, _, seconds = timed(door.url, "GET", "/health")
                    assert status == 200
                    health.append(seconds)
                    status, _, seconds = timed(door.url, "POST", "/", body, headers)
                    assert status == 200
                    signed.append(seconds)
                # Every slow connection is still open: held, not refused.
                held = sum(closed_by_server(connection, 0.01) is None for connection in slow)
                closed_after = [closed_since(opened, connection) for connection in slow]
        finally:
            for connection in slow:
                connection.close()
        report(
            f"{held} slow connections held; /health max {max(health) * 1000:.0f} ms "
            f"(n={len(health)}), signed max {max(signed) * 1000:.0f} ms; the server closed "
            f"them {min(closed_after):.1f}-{max(closed_after):.1f} s after they opened"
        )
        assert held == SLOW_CLIENTS
        assert max(health) < ANSWER_WITHIN
        assert max(signed) < ANSWER_WITHIN
        # One deadline for the whole head: dripping a line every 0.5 s does not extend it.
        assert max(closed_after) < HEADER_TIMEOUT + 1.5

    def test_a_lying_content_length_gets_408_at_the_body_deadline(
        self, door: ServedSkill
    ) -> None:
        host, port = address(door.url)
        with socket.create_connection((host, port), timeout=10) as connection:
            connection.sendall(
                b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000\r\n\r\n" + b'{"version"'
            )
            started = time.monotonic()
            assert timed(door.url, "GET", "/health")[2] < ANSWER_WITHIN
            connection.settimeout(BODY_TIMEOUT + 5)
            reply = connection.recv(65536)
            waited = time.monotonic() - started
        assert reply.startswith(b"HTTP/1.1 408"), reply[:80]
        assert waited < BODY_TIMEOUT + 2
        assert "Traceback" not in door.output("stderr")

    def test_a_client_that_never_finishes_the_tls_handshake_is_dropped(
        self, tmp_path: Path, trust: Path
    ) -> None:
        certfile, keyfile = self_signed_server_certificate(tmp_path)
        args = ["--workers", "1", "--header-timeout", "1", "--certfile", str(certfile),
                "--keyfile", str(keyfile)]
        with ServedSkill(args, tmp_path / "logs", trust, env=SKILL_ID_ENVIRONMENT) as server:
            trusting = ssl.create_default_context(cafile=str(certfile))
            timed(server.url, "GET", "/health", context=trusting)  # the worker has loaded
            silent = [socket.create_connection(address(server.url), timeout=10)
                      for _ in range(20)]
            try:
                status, _, seconds = timed(server.url, "GET", "/health", context=trusting)
                assert (status, seconds < ANSWER_WITHIN) == (200, True)
                assert all(closed_by_server(each, 4) is not None for each in silent)
            finally:
                for each in silent:
                    each.close()


@pytest.fixture(scope="module")
def s3_over_https(
    pki: FakeAmazonPki, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FakeS3, tuple[str, int], Path]]:
    """Amazon's bucket as an HTTPS server on loopback: the bucket, its address, its certificate."""
    bucket = FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem})
    with bucket.over_https(tmp_path_factory.mktemp("s3")) as (s3_address, certificate):
        yield bucket, s3_address, certificate


def junk_request(url: str) -> tuple[bytes, dict[str, str]]:
    """Everything cheap passes (fresh timestamp, this skill's id, a signature-sized header):
    only a fetch can refuse it. That is what the flood is made of."""
    body = json.dumps(EnvelopeFactory().launch(Session())).encode()
    headers = {
        CERT_CHAIN_URL_HEADER: url,
        SIGNATURE_HEADER: base64.b64encode(os.urandom(256)).decode(),
        "Content-Type": "application/json",
    }
    return body, headers


# Finding 2: unsigned junk made the server fetch, rebuild SSL contexts and never remember.
@pytest.mark.slow
def test_a_flood_of_fresh_certificate_urls_leaves_health_unaffected(
    pki: FakeAmazonPki,
    s3_over_https: tuple[FakeS3, tuple[str, int], Path],
    tmp_path: Path,
) -> None:
    bucket, s3_address, s3_certificate = s3_over_https
    trust = trust_file(tmp_path / "trust", pki, s3_address, s3_certificate.read_bytes())
    logs = tmp_path / "logs"
    with ServedSkill(["--workers", "2"], logs, trust, env=SKILL_ID_ENVIRONMENT) as server:
        warm_up(server)
        body, headers = signed_launch(pki)
        assert timed(server.url, "POST", "/", body, headers)[0] == 200  # fetched over HTTPS

        stop = threading.Event()
        flooded: list[int] = []

        def flood(client: int) -> None:
            number = 0
            while not stop.is_set():
                number += 1
                url = f"https://s3.amazonaws.com/echo.api/flood-{client}-{number}.pem"
                flooded.append(timed(server.url, "POST", "/", *junk_request(url))[0])

        health: list[float] = []
        signed: list[float] = []
        with ThreadPoolExecutor(FLOOD_CLIENTS) as clients:
            running = [clients.submit(flood, client) for client in range(FLOOD_CLIENTS)]
            started = time.monotonic()
            try:
                while time.monotonic() - started < FLOOD_SECONDS:
                    status, _, seconds = timed(server.url, "GET", "/health")
                    assert status == 200
                    health.append(seconds)
                    status, _, seconds = timed(server.url, "POST", "/", body, headers)
                    assert status == 200
                    signed.append(seconds)
                    time.sleep(0.05)
            finally:
                stop.set()
                for each in running:
                    each.result(timeout=60)
            elapsed = time.monotonic() - started
        fresh_fetches = sum("/flood-" in url for url in bucket.fetches)
        genuine_fetches = bucket.fetches.count(TEST_CERT_CHAIN_URL)

        # One junk URL, 100 times: remembered as failed, fetched at most once per worker.
        repeated = "https://s3.amazonaws.com/echo.api/same-junk.pem"
        for _ in range(100):
            assert timed(server.url, "POST", "/", *junk_request(repeated))[0] == 400
        repeat_fetches = sum("/same-junk" in url for url in bucket.fetches)

    report(
        f"flood: {len(flooded) / elapsed:.0f} junk requests/s from {FLOOD_CLIENTS} clients "
        f"({fresh_fetches} fetches); /health p50 {statistics.median(health) * 1000:.1f} ms, "
        f"max {max(health) * 1000:.0f} ms; signed p50 {statistics.median(signed) * 1000:.1f} "
        f"ms, max {max(signed) * 1000:.0f} ms; one URL 100 times: {repeat_fetches} fetches; "
        f"genuine chain fetched {genuine_fetches} times"
    )
    assert flooded and set(flooded) == {400}
    assert max(health) < ANSWER_WITHIN
    # The warm-up's signed request reached one worker; the other's first one fetches the chain
    # during the flood and may wait for one of its fetch slots behind the junk, within the one
    # documented deadline (docs/web.md, "Every wait, and its bound"). Every other signed request
    # is answered from the cache.
    assert genuine_fetches <= 2
    assert max(signed) < FETCH_TIMEOUT_SECONDS + ANSWER_WITHIN
    assert sorted(signed)[-2] < ANSWER_WITHIN
    assert repeat_fetches <= 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda envelope, headers: headers.update({SIGNATURE_HEADER: "c2hvcnQ="}), "length"),
        (lambda envelope, headers: headers.pop(SIGNATURE_HEADER), "missing Signature-256"),
        (lambda envelope, headers: envelope["request"].update(timestamp="2001-01-01T00:00:00Z"),
         "timestamp"),
        (lambda envelope, headers: envelope["context"]["System"]["application"].update(
            applicationId="amzn1.ask.skill.someone-else"), "application id"),
        (lambda envelope, headers: envelope["session"].update(attributes=nested(MAX_NESTING)),
         "nests deeper"),
    ],
    ids=["short signature", "no signature", "old timestamp", "other skill", "deep nesting"],
)
def test_what_costs_nothing_is_refused_before_any_fetch(
    tiny_skill: CustomSkill,
    pki: FakeAmazonPki,
    clock: SettableClock,
    change: Callable[[dict[str, Any], dict[str, str]], Any],
    reason: str,
) -> None:
    from backpain_web.certificate_chains import CertificateChains
    from backpain_web.verification import RequestVerifier

    s3 = FakeS3({})
    verifier = RequestVerifier(CertificateChains(pki.trust_store, s3, clock), clock=clock)
    client = create_app(tiny_skill, verifier=verifier, skill_id=DEFAULT_APPLICATION_ID)
    envelope = EnvelopeFactory(clock=clock).launch(Session())
    fresh = "https://s3.amazonaws.com/echo.api/never-fetched.pem"
    headers = {CERT_CHAIN_URL_HEADER: fresh, SIGNATURE_HEADER: base64.b64encode(
        os.urandom(256)).decode()}
    change(envelope, headers)
    response = client.test_client().post("/", data=json.dumps(envelope), headers=headers)
    assert response.status_code == 400
    assert reason in response.get_json()["reason"]
    assert s3.fetches == []


# Finding 3: a chain whose SAN is only *.amazon.com was accepted.
def test_a_wildcard_only_signing_certificate_is_refused(
    post_signed: Post,
    envelopes: EnvelopeFactory,
    s3: FakeS3,
    pki: FakeAmazonPki,
    clock: SettableClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = {
        "not_before": clock.now - timedelta(days=1),
        "not_after": clock.now + timedelta(days=9),
    }
    s3.chains[TEST_CERT_CHAIN_URL] = pki.reissue(dns_names=["*.amazon.com"], **window)
    with caplog.at_level(logging.INFO, logger="backpain_web"):
        response = post_signed(envelopes.launch(Session()))
    assert response.status_code == 400
    assert "certificate chain is not valid" in response.get_json()["reason"]
    assert "does not name echo-api.amazon.com" in caplog.text


def test_a_wildcard_beside_the_literal_name_is_fine(
    post_signed: Post, envelopes: EnvelopeFactory, s3: FakeS3, pki: FakeAmazonPki,
    clock: SettableClock,
) -> None:
    window = {
        "not_before": clock.now - timedelta(days=1),
        "not_after": clock.now + timedelta(days=9),
    }
    names = ["*.amazon.com", "echo-api.amazon.com"]
    s3.chains[TEST_CERT_CHAIN_URL] = pki.reissue(dns_names=names, **window)
    assert post_signed(envelopes.launch(Session())).status_code == 200


# Finding 4: without BACKPAIN_SKILL_ID the door served any skill, saying "verification on".
def test_production_serve_refuses_to_start_without_a_skill_id(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BACKPAIN_SKILL_ID", raising=False)
    assert serve_main("serve", ["--port", "0"]) == 2
    error = capsys.readouterr().err
    assert "refusing to start without a skill id" in error
    assert error.count("\n") == 1


def test_any_skill_and_a_skill_id_together_are_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        serve_main("serve", ["--any-skill", "--skill-id", "amzn1.ask.skill.x"])
    assert exit_info.value.code == 2


@pytest.mark.slow
def test_any_skill_is_said_loudly_and_answers_another_skill(
    tmp_path: Path, trust: Path, pki: FakeAmazonPki
) -> None:
    args = ["--workers", "1", "--any-skill"]
    with ServedSkill(args, tmp_path, trust, env=NO_SKILL_ID_ENVIRONMENT) as server:
        assert "WARNING: --any-skill" in server.output("stderr")
        assert "answering any skill's requests" in server.output("stdout")
        other = Session(application_id="amzn1.ask.skill.someone-else")
        body = json.dumps(EnvelopeFactory().launch(other)).encode()
        assert timed(server.url, "POST", "/", body, pki.headers(body))[0] == 200


@pytest.mark.slow
def test_a_skill_id_option_is_enforced(
    tmp_path: Path, trust: Path, pki: FakeAmazonPki
) -> None:
    args = ["--workers", "1", "--skill-id", DEFAULT_APPLICATION_ID]
    with ServedSkill(args, tmp_path, trust, env=NO_SKILL_ID_ENVIRONMENT) as server:
        assert "answering one skill's requests" in server.output("stdout")
        body, headers = signed_launch(pki)
        assert timed(server.url, "POST", "/", body, headers)[0] == 200
        other = Session(application_id="amzn1.ask.skill.someone-else")
        body = json.dumps(EnvelopeFactory().launch(other)).encode()
        assert timed(server.url, "POST", "/", body, pki.headers(body))[0] == 400


# Finding 5: deep nesting gave a 500 (and a RecursionError on Lambda).
def nested(depth: int) -> dict[str, Any]:
    """Session attributes nesting `depth` + 1 levels below the envelope's session."""
    document: dict[str, Any] = {}
    for _ in range(depth):
        document = {"a": document}
    return document


@pytest.mark.parametrize("depth", [MAX_NESTING, 600, 900])
def test_deep_nesting_is_400_at_the_web_door(
    post_signed: Post, envelopes: EnvelopeFactory, depth: int
) -> None:
    response = post_signed(envelopes.launch(Session(attributes=nested(depth))))
    assert response.status_code == 400
    # Past 512 brackets the raw body's shape is refused before it is parsed (issue 23).
    expected = "nests deeper than 64" if depth < MAX_CONTAINERS else "more than 512 lists"
    assert expected in response.get_json()["reason"]


def test_nesting_within_the_limit_is_answered(
    post_signed: Post, envelopes: EnvelopeFactory
) -> None:
    # The envelope itself is 2 deep down to session.attributes.
    assert post_signed(envelopes.launch(Session(attributes=nested(50)))).status_code == 200


@pytest.mark.parametrize("depth", [600, 900])
def test_deep_nesting_is_a_malformed_request_at_the_lambda_door(depth: int) -> None:
    envelope = EnvelopeFactory().launch(Session(attributes=nested(depth)))
    with pytest.raises(MalformedRequest, match="nests deeper"):
        respond(build_skill(), envelope)


@pytest.fixture(scope="module")
def open_door() -> FlaskClient:
    """The real skill behind the door with verification off, as `serve --dev` runs it."""
    return create_app(verify=False, skill_id="").test_client()


# Finding 6: replies were cached per request.locale, without bound.
def test_made_up_locales_do_not_grow_the_caches(open_door: FlaskClient) -> None:
    session = Session()
    for number in range(2000):
        envelope = EnvelopeFactory(locale=f"xx-{number}-" + "z" * 1000).launch(session)
        assert open_door.post("/", json=envelope).status_code == 200
    locales = len(available_locales())
    assert _conversation_for_supported.cache_info().currsize <= locales
    assert _content_for.cache_info().currsize <= locales


# Finding 7: a newline in requestId forged a second backpain.requests line.
def test_a_request_id_cannot_forge_a_log_line(
    open_door: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = EnvelopeFactory().intent(Session(), intents.OVERVIEW)
    envelope["request"]["requestId"] = (
        "amzn1.echo-api.request.1\n2026-12-01 10:00:00 INFO backpain.requests: request_id=x "
        "type=IntentRequest intent=AMAZON.YesIntent ms=1.0\r\x1b[2K"
    )
    with caplog.at_level(logging.INFO):
        assert open_door.post("/", json=envelope).status_code == 200
    lines = [record.getMessage() for record in caplog.records]
    skill_lines = [line for line in lines if line.startswith("request_id=")]
    assert len(skill_lines) == 1
    assert all(not set(line) & {"\n", "\r", "\x1b"} for line in lines)
    fields = dict(field.split("=", 1) for field in skill_lines[0].split(" "))
    assert list(fields) == ["request_id", "type", "intent", "ms"]
    assert fields["intent"] == intents.OVERVIEW


# Finding 8: during the check, a reply's length told the answer.
def check_paths() -> list[list[str]]:
    """Ten ways through the check: a yes at question 1..9, or no to all nine; then the
    re-ask, the unclear outcome, and help, repeat and stop inside the check."""
    paths = [[intents.NO] * k + [intents.YES] for k in range(9)]
    paths.append([intents.NO] * 9)
    paths.append([intents.FALLBACK, intents.NO, intents.YES])
    paths.append([intents.FALLBACK, intents.FALLBACK])
    paths.append([intents.HELP, intents.REPEAT, intents.STOP])
    return paths


def check_reply_lengths(
    door: FlaskClient, envelopes: EnvelopeFactory, path: list[str]
) -> list[int]:
    """Start the check, answer along `path` while it stays open; each reply's size in bytes,
    from the first question to the reply that closes the check."""
    session = Session()
    lengths: list[int] = []

    def say(envelope: dict[str, Any]) -> dict[str, Any]:
        response = door.post("/", json=envelope)
        assert response.status_code == 200
        lengths.append(len(response.get_data()))
        answer: dict[str, Any] = response.get_json()
        session.attributes = answer.get("sessionAttributes") or {}
        session.new = False
        return answer

    say(envelopes.launch(session))
    lengths.clear()  # launch is outside the check
    answer = say(envelopes.intent(session, intents.CHECK))
    for intent in path:
        if "check" not in (answer.get("sessionAttributes") or {}):
            break  # the check has ended: the rest of the path is not inside it
        answer = say(envelopes.intent(session, intent))
    return lengths


@pytest.mark.parametrize("profile", [VOICE_ONLY, ECHO_SHOW], ids=lambda p: p.name)
def test_every_reply_during_the_check_has_one_length(
    open_door: FlaskClient, profile: DeviceProfile
) -> None:
    envelopes = EnvelopeFactory(profile=profile)
    lengths: dict[str, set[int]] = {}
    for path in check_paths():
        lengths[" ".join(path)] = set(check_reply_lengths(open_door, envelopes, path))
    every = set().union(*lengths.values())
    report(f"{profile.name}: check replies {sorted(every)} bytes on {len(lengths)} paths")
    assert every == {REPLY_BUCKET}, lengths


# Round 3 (issue 23), finding 2: outside the check, the reply's size told which sign was described.
def every_request_the_model_allows(envelopes: EnvelopeFactory) -> list[tuple[str, Any]]:
    """Every intent of the interaction model, alone and with each value of each of its slots,
    and DescribeSymptomIntent with each warning sign of the content: a new intent, slot value
    or sign is swept here without anyone adding it to a list."""
    model = json.loads(INTERACTION_MODEL.read_text(encoding="utf-8"))["interactionModel"]
    language = model["languageModel"]
    values = {kind["name"]: kind["values"] for kind in language.get("types", [])}
    requests: list[tuple[str, Any]] = [("launch", None)]
    for intent in language["intents"]:
        requests.append((intent["name"], None))
        for slot in intent.get("slots", []):
            for value in values.get(slot["type"], []):
                name = value["name"]["value"]
                filled = SlotValue(slot["name"], name, slot["type"], value.get("id") or name, name)
                requests.append((intent["name"], {slot["name"]: filled}))
    for flag in content_for("en-GB").checklist.red_flags:
        filled = SlotValue("sign", flag.spoken_sign, "RED_FLAG", flag.id, flag.spoken_sign)
        requests.append((intents.DESCRIBE, {"sign": filled}))
    return requests


def reply_size(door: FlaskClient, envelopes: EnvelopeFactory, session: Session,
               intent: str, slots: Any) -> int:
    envelope = (envelopes.launch(session) if intent == "launch"
                else envelopes.intent(session, intent, slots))
    response = door.post("/", json=envelope)
    assert response.status_code == 200
    return len(response.get_data())


@pytest.mark.parametrize("profile", [VOICE_ONLY, ECHO_SHOW], ids=lambda p: p.name)
def test_every_reply_the_skill_can_give_has_one_size_in_and_out_of_the_check(
    open_door: FlaskClient, profile: DeviceProfile
) -> None:
    envelopes = EnvelopeFactory(profile=profile)
    in_check = Session()
    opened = open_door.post("/", json=envelopes.intent(in_check, intents.CHECK))
    check_attributes = opened.get_json()["sessionAttributes"]
    sizes: dict[int, list[str]] = {}
    requests = every_request_the_model_allows(envelopes)
    for intent, slots in requests:
        label = intent + (f" {next(iter(slots.values())).value}" if slots else "")
        outside = reply_size(open_door, envelopes, Session(), intent, slots)
        inside = reply_size(
            open_door, envelopes, Session(attributes=dict(check_attributes), new=False),
            intent, slots)
        sizes.setdefault(outside, []).append(f"{label} (outside the check)")
        sizes.setdefault(inside, []).append(f"{label} (in the check)")
    report(f"{profile.name}: {2 * len(requests)} replies, sizes {sorted(sizes)} bytes")
    assert set(sizes) == {REPLY_BUCKET}, {
        size: labels[:5] for size, labels in sizes.items() if size != REPLY_BUCKET}


# Round 3 (issue 23), finding 1: a body's shape bought CPU before any signature was checked.


def count_containers(document: Any) -> int:
    pending, seen = [document], 0
    while pending:
        value = pending.pop()
        if isinstance(value, dict | list):
            seen += 1
            pending.extend(value.values() if isinstance(value, dict) else value)
    return seen


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the door's one parse (`read_envelope`) returned, request by request."""
    from backpain_web import app as door_module

    parsed: list[dict[str, Any]] = []
    real = door_module.read_envelope

    def counted(body: bytes) -> dict[str, Any]:
        envelope = real(body)
        parsed.append(envelope)
        return envelope

    monkeypatch.setattr(door_module, "read_envelope", counted)
    return parsed


def test_with_a_known_chain_no_forged_body_is_ever_parsed(
    client: FlaskClient, post_signed: Post, envelopes: EnvelopeFactory,
    parses: list[dict[str, Any]], s3: FakeS3,
) -> None:
    assert post_signed(envelopes.launch(Session())).status_code == 200  # the chain is cached
    assert len(parses) == 1
    for name, body in worst_shapes().items():
        response = client.post("/", data=body, headers=forged_headers())
        assert response.status_code == 400, name
        assert response.get_json()["reason"] == "signature does not match the request body"
    assert len(parses) == 1  # json.loads never ran on a forged body
    assert s3.fetches == [TEST_CERT_CHAIN_URL]


def test_with_an_unknown_chain_a_body_of_any_shape_parses_to_a_bounded_document(
    client: FlaskClient, parses: list[dict[str, Any]],
) -> None:
    refused: dict[str, str] = {}
    for number, (name, body) in enumerate(worst_shapes().items()):
        fresh = f"https://s3.amazonaws.com/echo.api/shape-{number}.pem"
        response = client.post("/", data=body, headers=forged_headers(fresh))
        assert response.status_code == 400, name
        refused[name] = response.get_json()["reason"]
    report(f"worst shapes, unknown chain: {refused}")
    # Whatever got as far as a parse made a small document: the shape was bounded first.
    assert parses, "the flat body, at least, is parsed"
    assert all(count_containers(envelope) <= MAX_CONTAINERS for envelope in parses)
    assert refused["wide lists"] == "request body holds more than 512 lists and objects"
    assert refused["many numbers"] == "request body holds more than 4096 values"


FLOOD_RATE = 9  # requests a second per client, as in the attack run


def latencies(url: str, pki: FakeAmazonPki, seconds: float) -> tuple[list[float], list[float]]:
    """/health and a signed launch, alternately, for `seconds`: each one's latencies."""
    body, headers = signed_launch(pki)
    health, signed = [], []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, _, took = timed(url, "GET", "/health")
        assert status == 200
        health.append(took)
        status, _, took = timed(url, "POST", "/", body, headers)
        assert status == 200
        signed.append(took)
        time.sleep(0.02)
    return health, signed


@pytest.mark.slow
def test_a_flood_of_worst_shapes_leaves_health_and_signed_requests_near_their_quiet_latency(
    door: ServedSkill, pki: FakeAmazonPki
) -> None:
    shapes = list(worst_shapes().values())
    quiet_health, quiet_signed = latencies(door.url, pki, 1.5)
    stop = threading.Event()
    statuses: list[int] = []

    def flood(client: int) -> None:
        number = 0
        while not stop.wait(1 / FLOOD_RATE):
            number += 1
            # Half at the known chain (forged signature), half at fresh chain URLs.
            url = (TEST_CERT_CHAIN_URL if number % 2 else
                   f"https://s3.amazonaws.com/echo.api/shape-{client}-{number}.pem")
            body = shapes[number % len(shapes)]
            statuses.append(timed(door.url, "POST", "/", body, forged_headers(url))[0])

    with ThreadPoolExecutor(FLOOD_CLIENTS) as clients:
        running = [clients.submit(flood, client) for client in range(FLOOD_CLIENTS)]
        try:
            flood_health, flood_signed = latencies(door.url, pki, FLOOD_SECONDS)
        finally:
            stop.set()
            for each in running:
                each.result(timeout=60)
    p50 = statistics.median
    report(
        f"worst-shape flood, {len(statuses) / FLOOD_SECONDS:.0f} requests/s: /health p50 "
        f"{p50(quiet_health) * 1000:.1f} -> {p50(flood_health) * 1000:.1f} ms, signed p50 "
        f"{p50(quiet_signed) * 1000:.1f} -> {p50(flood_signed) * 1000:.1f} ms"
    )
    assert statuses and set(statuses) == {400}
    # The bar is 2x (benchmarks/web_flood.py measures it); a test run shares two cores
    # with other tests, so here the bar is 3x the quiet median plus 10 ms, and no outlier
    # over a second.
    assert p50(flood_health) < 3 * p50(quiet_health) + 0.010
    assert p50(flood_signed) < 3 * p50(quiet_signed) + 0.010
    assert max(flood_health + flood_signed) < ANSWER_WITHIN


# Round 3 (issue 23), finding 3: past the connection cap, new connections queued behind idle ones.
@pytest.mark.slow
def test_past_the_connection_cap_a_new_connection_is_refused_at_once(
    tmp_path: Path, trust: Path
) -> None:
    cap = 20
    args = ["--workers", "1", "--max-connections", str(cap), "--header-timeout", "10"]
    with ServedSkill(args, tmp_path, trust, env=SKILL_ID_ENVIRONMENT) as server:
        warm_up(server)
        idle = [socket.create_connection(address(server.url), timeout=10) for _ in range(cap)]
        try:
            time.sleep(0.3)  # the worker has accepted them all
            status, reply, turned_away = timed(server.url, "GET", "/health")
            assert (status, json.loads(reply)) == (503, {"error": "Service Unavailable"})
            idle.pop().close()
            time.sleep(0.3)
            status, _, answered = timed(server.url, "GET", "/health")
            assert status == 200
        finally:
            for connection in idle:
                connection.close()
    report(f"{cap} idle connections held: a new one refused in {turned_away * 1000:.1f} ms; "
           f"with a slot free, /health in {answered * 1000:.1f} ms")
    assert turned_away < ANSWER_WITHIN
    assert "Traceback" not in server.output("stderr")


# Round 3 (issue 23), finding 4: waiting for a certificate fetch had no bound.
SLOW_HOST_WAIT = 1.0


class SlowHost:
    """A certificate host that answers the real chain at once and hangs on anything else until
    the fetch's own deadline (as HttpsChainFetcher would give up), recording the time allowed."""

    def __init__(self, pki: FakeAmazonPki, genuine_delay: float = 0.0) -> None:
        self.pki = pki
        self.genuine_delay = genuine_delay
        self.allowed: list[float] = []

    def __call__(self, url: str, timeout: float | None = None) -> bytes:
        assert timeout is not None
        self.allowed.append(timeout)
        if url == TEST_CERT_CHAIN_URL:
            time.sleep(min(self.genuine_delay, timeout))
            if self.genuine_delay < timeout:
                return self.pki.chain_pem
        else:
            time.sleep(timeout)
        from backpain_web.errors import VerificationFailed
        raise VerificationFailed("certificate chain could not be fetched", detail="deadline")


def genuine_key_after(chains: Any) -> tuple[str, float]:
    """Ask for the genuine chain: 'key' or the refusal's reason, and the seconds it took."""
    from backpain_web.errors import VerificationFailed

    started = time.monotonic()
    try:
        chains.signing_key(TEST_CERT_CHAIN_URL)
        outcome = "key"
    except VerificationFailed as refusal:
        outcome = refusal.reason
    return outcome, time.monotonic() - started


def test_a_junk_flood_at_a_slow_host_bounds_a_genuine_requests_wait(
    pki: FakeAmazonPki, clock: SettableClock
) -> None:
    from backpain_web.certificate_chains import MAX_CONCURRENT_FETCHES, CertificateChains

    host = SlowHost(pki)
    chains = CertificateChains(pki.trust_store, host, clock, fetch_wait=SLOW_HOST_WAIT)
    junk = [f"https://s3.amazonaws.com/echo.api/junk-{number}.pem" for number in range(12)]
    with ThreadPoolExecutor(len(junk)) as flood:
        # Every fetch slot is taken by the slow host, and more junk waits for one.
        pending = [flood.submit(genuine_key_after, _JunkChains(chains, url)) for url in junk]
        time.sleep(0.1)
        outcome, waited = genuine_key_after(chains)
        for each in pending:
            each.result(timeout=30)
    report(f"genuine request behind {len(junk)} slow junk fetches "
           f"({MAX_CONCURRENT_FETCHES} slots): {outcome!r} after {waited:.2f} s")
    assert outcome in ("key", "certificate chain could not be fetched in time")
    assert waited < SLOW_HOST_WAIT + 0.5
    assert max(host.allowed) <= SLOW_HOST_WAIT


class _JunkChains:
    """Stands in for `chains` with a junk URL, so genuine_key_after can time junk too."""

    def __init__(self, chains: Any, url: str) -> None:
        self.chains, self.url = chains, url

    def signing_key(self, url: str) -> Any:
        return self.chains.signing_key(self.url)


def test_a_genuine_url_never_queues_behind_junk_fetches_of_other_urls(
    pki: FakeAmazonPki, clock: SettableClock
) -> None:
    from backpain_web.certificate_chains import MAX_CONCURRENT_FETCHES, CertificateChains

    host = SlowHost(pki)
    chains = CertificateChains(pki.trust_store, host, clock, fetch_wait=SLOW_HOST_WAIT)
    # Fewer junk fetches than slots: a slot is free, so nothing should stand in the way. (The
    # old per-stripe lock made a genuine URL whose stripe held a junk fetch wait for it.)
    junk = [f"https://s3.amazonaws.com/echo.api/stripe-{number}.pem"
            for number in range(MAX_CONCURRENT_FETCHES - 1)]
    with ThreadPoolExecutor(len(junk)) as flood:
        pending = [flood.submit(genuine_key_after, _JunkChains(chains, url)) for url in junk]
        time.sleep(0.1)
        outcome, waited = genuine_key_after(chains)
        for each in pending:
            each.result(timeout=30)
    assert (outcome, waited < 0.3) == ("key", True)


def test_waiting_for_another_requests_fetch_of_the_same_url_is_bounded(
    pki: FakeAmazonPki, clock: SettableClock
) -> None:
    from backpain_web.certificate_chains import CertificateChains

    host = SlowHost(pki, genuine_delay=10)  # the real chain's host hangs past every deadline
    chains = CertificateChains(pki.trust_store, host, clock, fetch_wait=SLOW_HOST_WAIT)
    with ThreadPoolExecutor(8) as requests:
        results = list(requests.map(lambda _: genuine_key_after(chains), range(8)))
    assert {outcome for outcome, _ in results} <= {
        "certificate chain could not be fetched",
        "certificate chain could not be fetched in time",
    }
    assert max(waited for _, waited in results) < SLOW_HOST_WAIT + 0.5
    assert len(host.allowed) == 1  # one fetch; the others waited for it, then for its failure


@pytest.mark.slow
def test_a_genuine_request_on_a_fresh_worker_waits_at_most_5_s_behind_a_slow_junk_flood(
    pki: FakeAmazonPki, tmp_path: Path
) -> None:
    # The attack run: a certificate host that hangs on junk URLs, a flood of them, and the first
    # genuine request on a fresh worker, which waited 19 s. Now it waits at most the 5 s fetch
    # deadline, whatever is queued, and ends in its answer or a clear 400.
    bucket = FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem}, unknown_delay=8.0)
    with bucket.over_https(tmp_path / "s3") as (s3_address, s3_certificate):
        trust = trust_file(tmp_path / "trust", pki, s3_address, s3_certificate.read_bytes())
        with ServedSkill(["--workers", "1"], tmp_path / "logs", trust,
                         env=SKILL_ID_ENVIRONMENT) as server:
            warm_up(server)

            def flood(client: int) -> None:
                # One junk URL per client: 4 hold the fetch slots, the rest wait for one.
                url = f"https://s3.amazonaws.com/echo.api/slow-{client}.pem"
                timed(server.url, "POST", "/", *junk_request(url))

            with ThreadPoolExecutor(FLOOD_CLIENTS) as clients:
                running = [clients.submit(flood, client) for client in range(FLOOD_CLIENTS)]
                time.sleep(0.5)  # every fetch slot is held by the slow host, more junk waits
                body, headers = signed_launch(pki)
                status, answer, waited = timed(server.url, "POST", "/", body, headers)
                for each in running:
                    each.result(timeout=60)
    reason = json.loads(answer).get("reason") if status != 200 else "answered"
    report(f"genuine request behind a slow junk flood: HTTP {status} ({reason}) in {waited:.1f} s")
    assert status == 200 or reason == "certificate chain could not be fetched in time"
    assert waited < 5 + 1.5


# Round 3 (issue 23), finding 5: a 408 kept its socket for a second deadline.
@pytest.mark.slow
def test_a_408_closes_its_connection_when_it_is_sent(door: ServedSkill) -> None:
    host, port = address(door.url)
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(
            b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n" + b'{"version"'
        )
        connection.settimeout(BODY_TIMEOUT + 5)
        reply = connection.recv(65536)
        answered = time.monotonic()
        closed = closed_by_server(connection, HEADER_TIMEOUT + 2)
    report(f"408, then closed {0 if closed is None else closed * 1000:.0f} ms later")
    assert reply.startswith(b"HTTP/1.1 408"), reply[:80]
    assert b"Connection: close" in reply
    assert closed is not None and time.monotonic() - answered < 0.5


def test_a_worker_raises_its_open_file_limit_for_its_connections_or_says_it_cannot() -> None:
    import resource

    from backpain_web.worker import allow_open_files

    warnings: list[str] = []

    class Log:
        def warning(self, message: str, *args: object) -> None:
            warnings.append(message % args)

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    allow_open_files(min(soft, 256), Log())  # already enough: nothing to do
    assert warnings == []
    if hard != resource.RLIM_INFINITY:
        allow_open_files(hard + 1, Log())
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == hard
        assert "lower --max-connections or raise ulimit -n" in warnings[0]
