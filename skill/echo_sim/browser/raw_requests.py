"""Raw requests: an envelope the user wrote or edited, sent to the skill as written (the Alexa
developer console's Manual JSON), and the templates the page's editor starts from."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from alexa_model.model import IntentDeclaration, LanguageModel
from echo_sim.device import DeviceProfile, EnvelopeFactory, Responder, Session, SlotValue
from echo_sim.errors import ConsoleError

MAX_CHARACTERS = 100_000
"""A request envelope is a few kB; anything far bigger is a paste gone wrong."""
TEMPLATES: dict[str, str] = {
    "launch": "LaunchRequest",
    "intent": "IntentRequest with its slots filled",
    "ended-user": "SessionEndedRequest: USER_INITIATED",
    "ended-reprompts": "SessionEndedRequest: EXCEEDED_MAX_REPROMPTS",
    "ended-error": "SessionEndedRequest: ERROR",
    "can-fulfill": "CanFulfillIntentRequest",
    "user-event": "Alexa.Presentation.APL.UserEvent",
}
"""Template keys and the names the page shows for them, in the page's order."""


class RawRequests:
    """The skill that raw requests go to, and what the templates are built from."""

    def __init__(self, responder: Responder, model: LanguageModel, locale: str) -> None:
        self.responder = responder
        self._model = model
        self._locale = locale

    def template(
        self,
        key: str,
        device: DeviceProfile,
        session: Session | None,
        touch: tuple[str, list[Any]] | None = None,
    ) -> dict[str, Any]:
        """The envelope for template `key`, in the device's open `session` when there is one;
        `touch` is the current screen's token and its first button's arguments."""
        envelopes = EnvelopeFactory(self._locale, device)
        current = session or Session()
        if key == "launch":
            return envelopes.launch(Session())
        if key == "intent":
            intent = self._intent_with_slots()
            return envelopes.intent(current, intent.name, self._filled(intent))
        if key == "ended-user":
            return envelopes.session_ended(current, "USER_INITIATED")
        if key == "ended-reprompts":
            return envelopes.session_ended(current, "EXCEEDED_MAX_REPROMPTS")
        if key == "ended-error":
            envelope = envelopes.session_ended(current, "ERROR")
            envelope["request"]["error"] = {
                "type": "INVALID_RESPONSE",
                "message": "An exception occurred while dispatching the request to the skill.",
            }
            return envelope
        if key == "can-fulfill":
            # Alexa asks in a session of its own, before the user's words reach the skill.
            intent = self._intent_with_slots()
            return envelopes.can_fulfill(Session(), intent.name, self._filled(intent))
        if key == "user-event":
            token, arguments = touch or ("", [])
            return envelopes.user_event(current, arguments, token=token)
        raise ConsoleError(f"no request template {key!r}; choose one of {', '.join(TEMPLATES)}")

    def _intent_with_slots(self) -> IntentDeclaration:
        custom = [intent for intent in self._model.intents if not intent.is_built_in]
        with_slots = [intent for intent in custom if intent.slots]
        chosen = (with_slots or custom or list(self._model.intents))[:1]
        if not chosen:
            raise ConsoleError("the interaction model declares no intents")
        return chosen[0]

    def _filled(self, intent: IntentDeclaration) -> dict[str, SlotValue]:
        """Each slot filled with its type's first value (left empty for built-in types)."""
        slots = {}
        for slot in intent.slots:
            values = self._model.types.get(slot.type)
            first = values.values[0] if values and values.values else None
            slots[slot.name] = SlotValue(
                slot.name,
                first.name if first else None,
                slot.type,
                first.id if first else None,
                first.name if first else None,
            )
        return slots


def parse_envelope(text: str) -> dict[str, Any]:
    """An edited request envelope, or one line saying what is wrong with it."""
    if len(text) > MAX_CHARACTERS:
        raise ConsoleError(f"that request is too long ({MAX_CHARACTERS:,} characters at most)")
    try:
        envelope = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConsoleError(
            f"the request is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(envelope, dict):
        raise ConsoleError("the request must be a JSON object (an Alexa request envelope)")
    request = envelope.get("request")
    if not isinstance(request, Mapping) or not isinstance(request.get("type"), str):
        raise ConsoleError(
            'the envelope needs a "request" object with a "type" (such as "LaunchRequest")'
        )
    return envelope


def request_name(envelope: Mapping[str, Any]) -> str:
    """What the turn's intent line shows: the intent's name, or the request type."""
    request = envelope["request"]
    intent = request.get("intent")
    if request["type"] in ("IntentRequest", "CanFulfillIntentRequest") and isinstance(
        intent, Mapping
    ):
        name = intent.get("name")
        if isinstance(name, str) and name:
            return name if request["type"] == "IntentRequest" else f"{request['type']} {name}"
    return str(request["type"])


def session_id(envelope: Mapping[str, Any]) -> str | None:
    session = envelope.get("session")
    value = session.get("sessionId") if isinstance(session, Mapping) else None
    return value if isinstance(value, str) else None
