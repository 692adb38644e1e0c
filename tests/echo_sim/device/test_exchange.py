"""Reading response envelopes the way an Echo does, and the `--json` contract."""

from __future__ import annotations

from typing import Any

import pytest

from backpain import intents
from echo_sim.device.envelope import SlotValue
from echo_sim.device.exchange import Card, read_response, session_ends

JSON_KEYS = [
    "intent",
    "slots",
    "confidence",
    "speech",
    "ssml",
    "reprompt",
    "card",
    "end_session",
]


def envelope(**response: Any) -> dict[str, Any]:
    return {"version": "1.0", "response": response, "sessionAttributes": {"a": 1}}


def test_ssml_reprompt_and_a_simple_card() -> None:
    turn = read_response(
        envelope(
            outputSpeech={"type": "SSML", "ssml": "<speak>Hello <break/>there.</speak>"},
            reprompt={"outputSpeech": {"type": "SSML", "ssml": "<speak>Still there?</speak>"}},
            card={"type": "Simple", "title": "Hi", "content": "Line one\nLine two"},
            shouldEndSession=False,
        ),
        intent="LaunchRequest",
    )
    assert turn.speech == "Hello there."
    assert turn.reprompt == "Still there?"
    assert turn.card == Card("Hi", "Line one\nLine two")
    assert turn.end_session is False


def test_plain_text_speech_and_a_standard_card() -> None:
    turn = read_response(
        envelope(
            outputSpeech={"type": "PlainText", "text": "Tom & Jerry"},
            card={"type": "Standard", "title": "T", "text": "body"},
            shouldEndSession=True,
        ),
        intent="X",
    )
    assert turn.speech == "Tom & Jerry"
    assert turn.ssml == "<speak>Tom &amp; Jerry</speak>"
    assert turn.card == Card("T", "body")
    assert turn.end_session is True


def test_an_empty_response() -> None:
    turn = read_response({"version": "1.0", "response": {}}, intent="SessionEndedRequest")
    assert (turn.speech, turn.ssml, turn.reprompt, turn.card) == ("", "", None, None)


APL = {"type": "Alexa.Presentation.APL.RenderDocument", "document": {}, "datasources": {}}


@pytest.mark.parametrize(
    ("response", "screen", "ends"),
    [
        ({"shouldEndSession": True}, False, True),
        ({"shouldEndSession": False}, False, False),
        ({"shouldEndSession": None}, False, False),  # null: the microphone opens
        ({}, False, True),  # missing: a voice-only Echo ends the session
        ({}, True, True),  # missing, screen but nothing shown: ends
        ({"directives": [APL]}, True, False),  # missing, showing APL: stays open
        ({"directives": [APL]}, False, True),
    ],
)
def test_alexas_should_end_session_rule(response: dict[str, Any], screen: bool, ends: bool) -> None:
    assert session_ends(response, screen) is ends


def test_the_json_line_has_exactly_the_contract_keys() -> None:
    turn = read_response(
        envelope(outputSpeech={"type": "SSML", "ssml": "<speak>Hi</speak>"}, shouldEndSession=True),
        intent=intents.RELIEF,
        slots={
            "method": SlotValue("method", "ice packs", "RELIEF_METHOD", "HOT_COLD_PACKS", "hot"),
            "other": SlotValue("other", "something", "RELIEF_METHOD"),
        },
        confidence=0.87654,
    )
    line = turn.to_json()
    assert list(line) == JSON_KEYS
    assert line["slots"] == {
        "method": {"value": "ice packs", "id": "HOT_COLD_PACKS", "resolved": True},
        "other": {"value": "something", "id": None, "resolved": False},
    }
    assert line["confidence"] == 0.8765
    assert (line["reprompt"], line["card"], line["end_session"]) == (None, None, True)
