"""CanFulfillIntentRequest through the web door: verified like any request, answered by the real
skill with YES, MAYBE or NO and nothing else."""

from __future__ import annotations

import json
import logging

import pytest
from ask_sdk_core.skill import CustomSkill
from flask.testing import FlaskClient

from backpain import intents
from backpain.skill import build_skill
from backpain_tools.amazon_standins.certificate_authority import FakeAmazonPki
from backpain_web import create_app
from backpain_web.verification import RequestVerifier
from echo_sim.device.envelope import EnvelopeFactory, Session, SlotValue


@pytest.fixture(scope="module")
def real_skill() -> CustomSkill:
    return build_skill()


@pytest.fixture
def door(real_skill: CustomSkill, verifier: RequestVerifier, monkeypatch) -> FlaskClient:
    monkeypatch.delenv("BACKPAIN_SKILL_ID", raising=False)
    return create_app(real_skill, verifier=verifier).test_client()


def post(door: FlaskClient, pki: FakeAmazonPki, envelope: dict, sign: bool = True):
    body = json.dumps(envelope).encode()
    headers = pki.headers(body) if sign else {}
    return door.post("/", data=body, headers=headers)


def slot(name: str, heard: str, slot_type: str, value_id: str | None) -> dict[str, SlotValue]:
    return {name: SlotValue(name, heard, slot_type, value_id, heard)}


@pytest.mark.parametrize(
    ("intent", "slots", "expected"),
    [
        (intents.CAUSES, {}, {"canFulfill": "YES"}),
        (intents.CHECK, {}, {"canFulfill": "YES"}),
        (
            intents.PREVENTION,
            slot("tip", "lifting", "PREVENTION_TIP", "LIFTING"),
            {"canFulfill": "YES", "slots": {"tip": {"canUnderstand": "YES", "canFulfill": "YES"}}},
        ),
        (
            intents.TREATMENTS,
            slot("treatment", "acupuncture", "TREATMENT", None),
            {"canFulfill": "MAYBE",
             "slots": {"treatment": {"canUnderstand": "NO", "canFulfill": "NO"}}},
        ),
        ("BookTaxiIntent", {}, {"canFulfill": "NO"}),
    ],
)  # fmt: skip
def test_a_signed_request_gets_the_answer_and_nothing_else(
    door, pki, envelopes: EnvelopeFactory, intent, slots, expected
):
    response = post(door, pki, envelopes.can_fulfill(Session(), intent, slots))
    assert response.status_code == 200
    body = response.get_json()
    assert body["response"] == {"canFulfillIntent": expected}
    assert not body.get("sessionAttributes")


def test_an_unsigned_request_is_refused_before_the_skill(door, pki, envelopes: EnvelopeFactory):
    response = post(door, pki, envelopes.can_fulfill(Session(), intents.CAUSES), sign=False)
    assert response.status_code == 400


def test_no_symptom_reaches_the_log(door, pki, envelopes: EnvelopeFactory, caplog):
    caplog.set_level(logging.DEBUG)
    sign = slot("sign", "I've wet myself", "RED_FLAG", "bladder_bowel_control")
    response = post(door, pki, envelopes.can_fulfill(Session(), intents.DESCRIBE, sign))
    assert response.get_json()["response"]["canFulfillIntent"]["canFulfill"] == "YES"
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "CanFulfillIntentRequest" in text
    for leak in (intents.DESCRIBE, "wet myself", "bladder"):
        assert leak not in text
