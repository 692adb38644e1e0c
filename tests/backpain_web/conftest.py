"""Fixtures for the web door: a test PKI, a fake S3, a settable clock and a tiny stand-in skill."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import Response
from flask import Flask
from flask.testing import FlaskClient

from backpain_tools.amazon_standins.certificate_authority import TEST_CERT_CHAIN_URL, FakeAmazonPki
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_web import create_app
from backpain_web.certificate_chains import CertificateChains
from backpain_web.verification import RequestVerifier
from echo_sim.device.envelope import EnvelopeFactory, Session


class SettableClock:
    """A clock the test moves by hand, shared by the verifier, the cache and the envelopes."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class _SpeakRequestType(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        request_type = request.object_type if request is not None else "request"
        return (
            handler_input.response_builder.speak(f"You sent a {request_type}.")
            .ask("Anything else?")
            .response
        )


class _Apologise(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        return handler_input.response_builder.speak("Sorry, something went wrong.").response


def build_tiny_skill() -> CustomSkill:
    """Any CustomSkill must do for the door; this one names the request type it was sent."""
    builder = SkillBuilder()
    builder.add_request_handler(_SpeakRequestType())
    builder.add_exception_handler(_Apologise())
    return builder.create()


@pytest.fixture(scope="session")
def tiny_skill() -> CustomSkill:
    return build_tiny_skill()


@pytest.fixture(scope="session")
def pki() -> FakeAmazonPki:
    return FakeAmazonPki.create()


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def s3(pki: FakeAmazonPki) -> FakeS3:
    return FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem})


@pytest.fixture
def verifier(pki: FakeAmazonPki, s3: FakeS3, clock: SettableClock) -> RequestVerifier:
    chains = CertificateChains(trust_store=pki.trust_store, fetcher=s3, clock=clock)
    return RequestVerifier(chains, clock=clock)


@pytest.fixture
def envelopes(clock: SettableClock) -> EnvelopeFactory:
    return EnvelopeFactory(clock=clock)


@pytest.fixture
def app(
    tiny_skill: CustomSkill, verifier: RequestVerifier, monkeypatch: pytest.MonkeyPatch
) -> Flask:
    monkeypatch.delenv("BACKPAIN_SKILL_ID", raising=False)
    return create_app(tiny_skill, verifier=verifier)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


Post = Callable[..., Any]


@pytest.fixture
def post_signed(client: FlaskClient, pki: FakeAmazonPki) -> Post:
    """POST an envelope (or raw bytes) to the door, signed as Alexa would sign it."""

    def post(document: dict[str, Any] | bytes, **header_overrides: str) -> Any:
        body = document if isinstance(document, bytes) else json.dumps(document).encode()
        headers = {**pki.headers(body), **header_overrides}
        return client.post("/", data=body, headers=headers)

    return post


@pytest.fixture
def session() -> Session:
    return Session()
