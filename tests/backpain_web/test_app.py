"""The door's HTTP behaviour: methods, sizes, bad bodies, skill id, health, logs, no 500 pages."""

from __future__ import annotations

import json
import logging

import pytest
from ask_sdk_core.skill import CustomSkill
from flask.testing import FlaskClient

from backpain import intents
from backpain_web import MAX_BODY_BYTES, create_app
from backpain_web.verification import RequestVerifier
from echo_sim.device.envelope import EnvelopeFactory, Session

from .conftest import Post

THIS_SKILL = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"


def test_health_answers_ok(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@pytest.mark.parametrize(("method", "path"), [("GET", "/"), ("PUT", "/"), ("POST", "/health")])
def test_a_wrong_method_is_405_in_json(client: FlaskClient, method: str, path: str) -> None:
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert response.is_json
    assert "Allow" in response.headers


def test_an_unknown_path_is_404_in_json(client: FlaskClient) -> None:
    response = client.post("/alexa", data=b"{}")
    assert response.status_code == 404
    assert response.is_json


def test_a_body_over_the_limit_is_413(client: FlaskClient) -> None:
    response = client.post("/", data=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert response.is_json


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"not json", b"[]", b"42", b'"text"', b"{}", b'{"request": []}', b"\xff\xfe\x00",
     b'{"request": {"type": "LaunchRequest"}, "n": NaN}', b"[" * 50_000],
)
def test_a_malformed_body_with_a_good_signature_is_400(post_signed: Post, body: bytes) -> None:
    response = post_signed(body)
    assert response.status_code == 400
    assert response.is_json


def test_an_envelope_the_skill_cannot_read_is_400(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session
) -> None:
    envelope = envelopes.launch(session)
    envelope["request"]["type"] = "NoSuchRequest"
    response = post_signed(envelope)
    assert response.status_code == 400
    assert "not a usable Alexa request envelope" in response.get_json()["reason"]


class TestSkillId:
    @pytest.fixture
    def configured(
        self, tiny_skill: CustomSkill, verifier: RequestVerifier, monkeypatch: pytest.MonkeyPatch
    ) -> FlaskClient:
        monkeypatch.setenv("BACKPAIN_SKILL_ID", THIS_SKILL)
        return create_app(tiny_skill, verifier=verifier).test_client()

    def test_a_request_for_this_skill_is_answered(
        self, configured: FlaskClient, pki, envelopes: EnvelopeFactory
    ) -> None:
        body = json.dumps(envelopes.launch(Session(application_id=THIS_SKILL))).encode()
        assert configured.post("/", data=body, headers=pki.headers(body)).status_code == 200

    def test_a_request_for_another_skill_is_400(
        self, configured: FlaskClient, pki, envelopes: EnvelopeFactory
    ) -> None:
        body = json.dumps(envelopes.launch(Session())).encode()
        response = configured.post("/", data=body, headers=pki.headers(body))
        assert response.status_code == 400
        assert "application id" in response.get_json()["reason"]

    def test_a_session_naming_another_skill_is_400(
        self, configured: FlaskClient, pki, envelopes: EnvelopeFactory
    ) -> None:
        envelope = envelopes.launch(Session(application_id=THIS_SKILL))
        envelope["session"]["application"] = {"applicationId": "amzn1.ask.skill.other"}
        body = json.dumps(envelope).encode()
        assert configured.post("/", data=body, headers=pki.headers(body)).status_code == 400

    def test_an_envelope_without_any_application_id_is_400(
        self, configured: FlaskClient, pki, envelopes: EnvelopeFactory
    ) -> None:
        envelope = envelopes.launch(Session(application_id=THIS_SKILL))
        del envelope["session"]
        del envelope["context"]["System"]["application"]
        body = json.dumps(envelope).encode()
        assert configured.post("/", data=body, headers=pki.headers(body)).status_code == 400

    def test_the_argument_wins_over_the_environment(
        self, tiny_skill: CustomSkill, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("BACKPAIN_SKILL_ID", "amzn1.ask.skill.from-environment")
        client = create_app(tiny_skill, verify=False, skill_id=THIS_SKILL).test_client()
        envelope = EnvelopeFactory().launch(Session(application_id=THIS_SKILL))
        assert client.post("/", json=envelope).status_code == 200


def test_with_verification_off_an_unsigned_request_is_answered(
    tiny_skill: CustomSkill, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BACKPAIN_SKILL_ID", raising=False)
    client = create_app(tiny_skill, verify=False).test_client()
    response = client.post("/", json=EnvelopeFactory().intent(Session(), intents.OVERVIEW))
    assert response.status_code == 200
    assert "IntentRequest" in response.get_json()["response"]["outputSpeech"]["ssml"]


def test_by_default_the_door_serves_the_real_skill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKPAIN_SKILL_ID", raising=False)
    client = create_app(verify=False).test_client()
    response = client.post("/", json=EnvelopeFactory().launch(Session()))
    assert response.status_code == 200
    speech = response.get_json()["response"]["outputSpeech"]["ssml"]
    assert speech.startswith("<speak>")
    assert "Back Pain Guide" in speech


class _BrokenSkill(CustomSkill):
    """A skill whose invoke itself fails, past any exception handler of its own."""

    def __init__(self) -> None:
        pass

    def invoke(self, request_envelope, context=None):
        raise RuntimeError("secret symptom answer: yes")


def test_an_unexpected_error_is_a_json_500_without_a_trace(
    tiny_skill: CustomSkill, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("BACKPAIN_SKILL_ID", raising=False)
    broken = _BrokenSkill()
    broken.serializer = tiny_skill.serializer
    client = create_app(broken, verify=False).test_client()
    with caplog.at_level(logging.INFO, logger="backpain_web"):
        response = client.post("/", json=EnvelopeFactory().launch(Session()))
    assert response.status_code == 500
    assert response.get_json() == {"error": "Internal Server Error"}
    assert "Traceback" not in response.get_data(as_text=True)
    assert "RuntimeError" in caplog.text
    assert "secret symptom" not in caplog.text


def test_a_refusal_is_logged_with_its_reason_and_never_the_body(
    client: FlaskClient, envelopes: EnvelopeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = envelopes.launch(Session(attributes={"answer": "numbness-marker"}))
    with caplog.at_level(logging.INFO, logger="backpain_web"):
        response = client.post("/", json=envelope)
    assert response.status_code == 400
    assert "missing Signature-256 header" in caplog.text
    assert "numbness-marker" not in caplog.text


def test_an_answered_request_is_logged_by_request_id_only(
    post_signed: Post, envelopes: EnvelopeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    answering = Session(attributes={"answer": "numbness-marker"})
    envelope = envelopes.intent(answering, intents.YES)
    with caplog.at_level(logging.INFO, logger="backpain_web"):
        assert post_signed(envelope).status_code == 200
    assert envelope["request"]["requestId"] in caplog.text
    assert "numbness-marker" not in caplog.text
    assert "YesIntent" not in caplog.text
