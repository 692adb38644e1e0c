"""The doors map a parsed request onto ask-sdk's models exactly as ask-sdk's serializer does."""

from __future__ import annotations

import json

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from backpain import intents
from backpain.envelope_reader import read_parsed
from echo_sim.device.envelope import ECHO_SHOW, EnvelopeFactory, Session, SlotValue

FACTORY = EnvelopeFactory("en-GB", ECHO_SHOW)
SESSION = Session(attributes={"check": {"index": 2, "reasked": False}})
ENVELOPES = {
    "launch": FACTORY.launch(SESSION),
    "intent with a resolved slot": FACTORY.intent(
        SESSION,
        intents.RELIEF,
        {"method": SlotValue("method", "hot packs", "RELIEF_METHOD", "hot_cold_packs", "hot")},
    ),
    "screen touch": FACTORY.user_event(SESSION, ["topic", "relief"]),
    "session ended": FACTORY.session_ended(SESSION, "ERROR"),
}


@pytest.mark.parametrize("kind", ENVELOPES)
def test_a_parsed_envelope_reads_as_the_serializer_reads_its_text(kind: str) -> None:
    envelope = ENVELOPES[kind]
    from_text = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    from_document = read_parsed(envelope, RequestEnvelope)
    assert type(from_document.request) is type(from_text.request)
    assert from_document == from_text
    assert from_document.session.attributes == {"check": {"index": 2, "reasked": False}}


def test_a_model_that_does_not_fit_fails_as_the_serializer_fails() -> None:
    envelope = {**ENVELOPES["launch"], "request": {**ENVELOPES["launch"]["request"]}}
    envelope["request"]["timestamp"] = "not a time"
    with pytest.raises(SerializationException):
        DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    with pytest.raises(SerializationException):
        read_parsed(envelope, RequestEnvelope)
