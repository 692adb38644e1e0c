"""The real servers, `backpain serve` (gunicorn, verification on) and `--dev`, over HTTP."""

from __future__ import annotations

import json
import socket
import ssl
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from backpain import intents
from backpain_tools.amazon_standins.certificate_authority import (
    FakeAmazonPki,
    self_signed_server_certificate,
)
from backpain_tools.amazon_standins.trust_store import trust_file
from backpain_tools.serve import main as serve_main
from backpain_tools.web_trials.door_requests import raw_exchange
from backpain_tools.web_trials.server_process import ServedSkill
from backpain_web import MAX_BODY_BYTES
from echo_sim.device.envelope import DEFAULT_APPLICATION_ID, EnvelopeFactory, Session

pytestmark = pytest.mark.slow

LOAD_REQUESTS = 2000
LOAD_CLIENTS = 16


def exchange(
    url: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    context: ssl.SSLContext | None = None,
) -> tuple[int, Any]:
    """One HTTP request on a fresh connection; the status and the JSON answer."""
    status, data = raw_exchange(url, method, path, body, headers, context)
    return status, json.loads(data or b"null")


def assert_spoken(answer: dict[str, Any]) -> str:
    ssml = answer["response"]["outputSpeech"]["ssml"]
    assert ssml.startswith("<speak>")
    assert ssml.endswith("</speak>")
    return ssml


@pytest.fixture(scope="module")
def trust(pki: FakeAmazonPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trust_file(tmp_path_factory.mktemp("trust"), pki)


SKILL_ID_ENVIRONMENT = {"BACKPAIN_SKILL_ID": DEFAULT_APPLICATION_ID}


@pytest.fixture(scope="module")
def gunicorn(trust: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSkill]:
    logs = tmp_path_factory.mktemp("gunicorn")
    with ServedSkill(["--workers", "2"], logs, trust, env=SKILL_ID_ENVIRONMENT) as server:
        yield server


class TestGunicorn:
    def test_it_says_where_it_listens_with_verification_on(self, gunicorn: ServedSkill) -> None:
        assert gunicorn.url.startswith("http://127.0.0.1:")
        assert "verification on" in gunicorn.output("stdout")

    def test_health(self, gunicorn: ServedSkill) -> None:
        assert exchange(gunicorn.url, "GET", "/health") == (200, {"status": "ok"})

    def test_a_conversation_launch_topic_and_symptom_check(
        self, gunicorn: ServedSkill, pki: FakeAmazonPki
    ) -> None:
        session = Session()
        envelopes = EnvelopeFactory()

        def say(envelope: dict[str, Any]) -> dict[str, Any]:
            body = json.dumps(envelope).encode()
            status, answer = exchange(gunicorn.url, "POST", "/", body, pki.headers(body))
            assert status == 200, answer
            session.attributes = answer.get("sessionAttributes") or {}
            session.new = False
            return answer

        launch = say(envelopes.launch(session))
        assert "Back Pain Guide" in assert_spoken(launch)
        assert launch["response"]["shouldEndSession"] is False

        overview = say(envelopes.intent(session, intents.OVERVIEW))
        assert_spoken(overview)
        assert overview["response"]["card"]["content"]

        check = say(envelopes.intent(session, intents.CHECK))
        assert_spoken(check)
        assert check["response"]["shouldEndSession"] is False
        assert check["response"]["reprompt"]["outputSpeech"]["ssml"].startswith("<speak>")
        assert session.attributes  # the check's place travels in the session

    def test_unsigned_and_wrongly_signed_requests_are_400(
        self, gunicorn: ServedSkill, pki: FakeAmazonPki
    ) -> None:
        body = json.dumps(EnvelopeFactory().launch(Session())).encode()
        status, answer = exchange(gunicorn.url, "POST", "/", body)
        assert (status, answer["reason"]) == (400, "missing Signature-256 header")
        other = pki.headers(body + b" ")
        assert exchange(gunicorn.url, "POST", "/", body, other)[0] == 400

    def test_another_skills_request_is_400(self, gunicorn: ServedSkill, pki: FakeAmazonPki) -> None:
        envelope = EnvelopeFactory().launch(Session(application_id="amzn1.ask.skill.someone-else"))
        body = json.dumps(envelope).encode()
        assert exchange(gunicorn.url, "POST", "/", body, pki.headers(body))[0] == 400

    def test_wrong_method_is_405(self, gunicorn: ServedSkill) -> None:
        assert exchange(gunicorn.url, "GET", "/")[0] == 405

    def test_a_chunked_upload_over_the_limit_is_413(self, gunicorn: ServedSkill) -> None:
        parts = urlsplit(gunicorn.url)
        chunk = b"x" * 8192
        with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:
            connection.sendall(
                b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            )
            try:
                for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
                    connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                connection.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server may answer and close before reading everything we send
            reply = connection.recv(65536)
        assert reply.startswith(b"HTTP/1.1 413")

    def test_a_load_of_2000_requests_from_16_clients_has_no_errors(
        self, gunicorn: ServedSkill, pki: FakeAmazonPki
    ) -> None:
        # Signing is the client's cost, not the server's: sign a pool of requests up front.
        envelopes = EnvelopeFactory()
        asked = [intents.OVERVIEW, intents.CAUSES, intents.PREVENTION, intents.HELP]
        pool = []
        for number in range(64):
            session = Session()
            envelope = (
                envelopes.launch(session)
                if number % 5 == 0
                else envelopes.intent(session, asked[number % len(asked)])
            )
            body = json.dumps(envelope).encode()
            pool.append((body, pki.headers(body)))

        def one(number: int) -> tuple[int, bool]:
            body, headers = pool[number % len(pool)]
            status, answer = exchange(gunicorn.url, "POST", "/", body, headers)
            spoken = isinstance(answer, dict) and "outputSpeech" in answer.get("response", {})
            return status, spoken

        with ThreadPoolExecutor(max_workers=LOAD_CLIENTS) as clients:
            results = list(clients.map(one, range(LOAD_REQUESTS)))
        failures = [result for result in results if result != (200, True)]
        assert len(results) == LOAD_REQUESTS
        assert failures == [], gunicorn.output("stderr")[-3000:]


def test_gunicorn_terminates_tls_with_the_given_certificate(
    tmp_path: Path, trust: Path, pki: FakeAmazonPki
) -> None:
    certfile, keyfile = self_signed_server_certificate(tmp_path)
    args = ["--workers", "1", "--certfile", str(certfile), "--keyfile", str(keyfile)]
    with ServedSkill(args, tmp_path / "logs", trust, env=SKILL_ID_ENVIRONMENT) as server:
        assert server.url.startswith("https://127.0.0.1:")
        trusting = ssl.create_default_context(cafile=str(certfile))
        assert exchange(server.url, "GET", "/health", context=trusting) == (200, {"status": "ok"})
        body = json.dumps(EnvelopeFactory().launch(Session())).encode()
        status, answer = exchange(server.url, "POST", "/", body, pki.headers(body), trusting)
        assert status == 200
        assert_spoken(answer)


def test_the_production_command_serves_with_certifis_roots_and_refuses_unsigned_requests(
    tmp_path: Path, pki: FakeAmazonPki
) -> None:
    # `backpain serve` itself, as deployed: no test trust anywhere, so only cheap refusals here
    # (a signed request would make it fetch from Amazon's S3).
    args = ["--workers", "1", "--skill-id", DEFAULT_APPLICATION_ID]
    # A variable the door once took its roots from, naming no file: it is never read now.
    with ServedSkill(args, tmp_path, env={"BACKPAIN_TEST_TRUST_BUNDLE": "/nope"}) as server:
        assert "verification on" in server.output("stdout")
        body = json.dumps(EnvelopeFactory().launch(Session())).encode()
        status, answer = exchange(server.url, "POST", "/", body)
        assert (status, answer["reason"]) == (400, "missing Signature-256 header")
        assert exchange(server.url, "GET", "/health") == (200, {"status": "ok"})
    assert "Traceback" not in server.output("stderr")


def test_the_dev_server_answers_unsigned_requests_on_loopback(tmp_path: Path) -> None:
    with ServedSkill(["--dev"], tmp_path, env={"BACKPAIN_SKILL_ID": ""}) as server:
        assert "verification OFF" in server.output("stdout")
        body = json.dumps(EnvelopeFactory().launch(Session())).encode()
        headers = {"Content-Type": "application/json"}
        status, answer = exchange(server.url, "POST", "/", body, headers)
        assert status == 200
        assert "Back Pain Guide" in assert_spoken(answer)
        assert exchange(server.url, "GET", "/health") == (200, {"status": "ok"})


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.com"])
def test_the_dev_server_refuses_to_listen_beyond_this_computer(
    host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve_main("serve", ["--dev", "--host", host]) == 2
    assert "refusing --dev" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--certfile", "only.pem"],
        ["--workers", "0"],
        ["--port", "70000"],
        ["--bogus"],
        ["--header-timeout", "0"],
        ["--body-timeout", "-1"],
        ["--body-timeout", "soon"],
        ["--max-connections", "0"],
    ],
)
def test_bad_serve_options_are_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        serve_main("serve", argv)
    assert exit_info.value.code == 2
