"""Drives the real skill through the real Lambda entry point with real request envelopes."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from echo_sim.device.envelope import (
    ECHO_SHOW,
    VOICE_ONLY,
    DeviceProfile,
    EnvelopeFactory,
    Session,
    SlotValue,
)

ROOT = Path(__file__).resolve().parents[2]
SLOT_TYPES = {
    "condition": "BACK_CONDITION",
    "other": "BACK_CONDITION",
    "method": "RELIEF_METHOD",
    "treatment": "TREATMENT",
    "tip": "PREVENTION_TIP",
    "position": "LIST_POSITION",
    "sign": "RED_FLAG",
    "denied": "SIGN_NAME",
    "alsoDenied": "SIGN_NAME",
    "term": "SIGN_NAME",
    "named": "SIGN_NAME",
    "normal": "SIGN_NORMAL",
    "subject": "SIGN_SUBJECT",
    "state": "AS_USUAL",
    "rested": "REST_TAKEN",
    "unimproved": "NO_BETTER",
    "complaint": "OTHER_COMPLAINT",
    "backache": "ORDINARY_BACK_PAIN",
}


def load_lambda_module() -> Any:
    # `lambda` is a keyword, so the entry point cannot be imported as lambda.lambda_function.
    spec = importlib.util.spec_from_file_location(
        "lambda_function", ROOT / "lambda" / "lambda_function.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def lambda_handler() -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    return load_lambda_module().lambda_handler


@dataclass
class Said:
    """One response, read the way a listener and a tester care about it."""

    envelope: dict[str, Any]

    @property
    def response(self) -> dict[str, Any]:
        return self.envelope["response"]

    @property
    def ssml(self) -> str:
        return self.response.get("outputSpeech", {}).get("ssml", "")

    @property
    def speech(self) -> str:
        from xml.etree import ElementTree

        return " ".join("".join(ElementTree.fromstring(self.ssml).itertext()).split())

    @property
    def reprompt(self) -> str | None:
        reprompt = self.response.get("reprompt")
        return reprompt["outputSpeech"]["ssml"] if reprompt else None

    @property
    def card(self) -> dict[str, Any] | None:
        return self.response.get("card")

    @property
    def ends(self) -> bool:
        return self.response.get("shouldEndSession") is True

    @property
    def attributes(self) -> dict[str, Any]:
        return self.envelope.get("sessionAttributes") or {}

    @property
    def directives(self) -> list[dict[str, Any]]:
        return self.response.get("directives") or []


class Conversation:
    """An Echo's side of a session: sends envelopes and carries attributes between turns."""

    def __init__(
        self, handler: Callable[..., dict[str, Any]], profile: DeviceProfile, locale: str = "en-GB"
    ) -> None:
        self.handler = handler
        self.factory = EnvelopeFactory(locale=locale, profile=profile)
        self.session = Session()
        self.history: list[Said] = []

    def send(self, envelope: dict[str, Any]) -> Said:
        said = Said(self.handler(envelope, None))
        self.history.append(said)
        self.session.new = False
        self.session.attributes = said.attributes
        if said.ends:
            self.session = Session()
        return said

    def launch(self) -> Said:
        return self.send(self.factory.launch(self.session))

    def intent(self, name: str, **slots: str | tuple[str, str | None]) -> Said:
        """`slots` map a slot name to a resolved id, or to (words heard, id or None)."""
        values = {}
        for slot_name, given in slots.items():
            heard, value_id = given if isinstance(given, tuple) else (given.lower(), given)
            values[slot_name] = SlotValue(
                slot_name, heard, SLOT_TYPES.get(slot_name, ""), value_id, heard
            )
        return self.send(self.factory.intent(self.session, name, values))

    def touch(self, *arguments: Any) -> Said:
        return self.send(self.factory.user_event(self.session, list(arguments)))

    def end(self, reason: str = "USER_INITIATED") -> Said:
        return self.send(self.factory.session_ended(self.session, reason))


@pytest.fixture
def talk(lambda_handler) -> Conversation:
    """A voice-only Echo talking to the skill."""
    return Conversation(lambda_handler, VOICE_ONLY)


@pytest.fixture
def show(lambda_handler) -> Conversation:
    """An Echo Show talking to the skill."""
    return Conversation(lambda_handler, ECHO_SHOW)
