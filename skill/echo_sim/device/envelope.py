"""Builds request envelopes exactly as Alexa sends them, as JSON-shaped dicts."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from echo_sim.understanding import SlotValue

DEFAULT_APPLICATION_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
APL_INTERFACE = "Alexa.Presentation.APL"


@dataclass(frozen=True)
class DeviceProfile:
    """What kind of Echo the requests come from."""

    name: str
    screen: bool
    """True for an Echo Show: the request advertises APL and a viewport."""
    pixel_width: int = 1024
    pixel_height: int = 600
    dpi: int = 160
    """The screen's size and density, as the request's Viewport reports them (screens only)."""


VOICE_ONLY = DeviceProfile("echo", screen=False)
ECHO_SHOW = DeviceProfile("echo-show", screen=True)


@dataclass
class Session:
    """One Alexa session as the device keeps it between turns."""

    application_id: str = DEFAULT_APPLICATION_ID
    session_id: str = field(default_factory=lambda: f"amzn1.echo-api.session.{uuid.uuid4()}")
    user_id: str = field(default_factory=lambda: f"amzn1.ask.account.{uuid.uuid4().hex.upper()}")
    device_id: str = field(default_factory=lambda: f"amzn1.ask.device.{uuid.uuid4().hex.upper()}")
    attributes: dict[str, Any] = field(default_factory=dict)
    new: bool = True


def _now() -> datetime:
    return datetime.now(UTC)


class EnvelopeFactory:
    """Makes complete request envelopes for one device; the caller owns the `Session`."""

    def __init__(
        self,
        locale: str = "en-GB",
        profile: DeviceProfile = VOICE_ONLY,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.locale = locale
        self.profile = profile
        self._clock = clock

    def launch(self, session: Session) -> dict[str, Any]:
        return self._envelope(session, {"type": "LaunchRequest"})

    def intent(
        self,
        session: Session,
        name: str,
        slots: Mapping[str, SlotValue] | None = None,
    ) -> dict[str, Any]:
        intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if slots:
            intent["slots"] = {
                key: slot.to_json(session.application_id) for key, slot in slots.items()
            }
        return self._envelope(
            session, {"type": "IntentRequest", "dialogState": "STARTED", "intent": intent}
        )

    def can_fulfill(
        self,
        session: Session,
        name: str,
        slots: Mapping[str, SlotValue] | None = None,
    ) -> dict[str, Any]:
        """Alexa asks, before routing a request said without the skill's name, whether the skill
        can understand and fulfil this intent with these slots (`CanFulfillIntentRequest`)."""
        intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if slots:
            intent["slots"] = {
                key: slot.to_json(session.application_id) for key, slot in slots.items()
            }
        return self._envelope(session, {"type": "CanFulfillIntentRequest", "intent": intent})

    def session_ended(self, session: Session, reason: str = "USER_INITIATED") -> dict[str, Any]:
        return self._envelope(session, {"type": "SessionEndedRequest", "reason": reason})

    def user_event(
        self, session: Session, arguments: list[Any], token: str = ""
    ) -> dict[str, Any]:
        """A touch on an APL screen (`Alexa.Presentation.APL.UserEvent`)."""
        return self._envelope(
            session,
            {
                "type": "Alexa.Presentation.APL.UserEvent",
                "token": token,
                "arguments": list(arguments),
                "source": {"type": "TouchWrapper", "handler": "Press", "id": "", "value": None},
            },
        )

    def _envelope(self, session: Session, request: dict[str, Any]) -> dict[str, Any]:
        request = {
            **request,
            "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
            "timestamp": self._clock().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "locale": self.locale,
        }
        application = {"applicationId": session.application_id}
        user = {"userId": session.user_id}
        envelope: dict[str, Any] = {
            "version": "1.0",
            "context": {
                "System": {
                    "application": application,
                    "user": user,
                    "device": {
                        "deviceId": session.device_id,
                        "supportedInterfaces": self._supported_interfaces(),
                    },
                    "apiEndpoint": "https://api.eu.amazonalexa.com",
                    "apiAccessToken": "offline-device",
                },
            },
            "request": request,
        }
        if self.profile.screen:
            envelope["context"]["Viewport"] = {
                "experiences": [
                    {"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False}
                ],
                "shape": "RECTANGLE",
                "pixelWidth": self.profile.pixel_width,
                "pixelHeight": self.profile.pixel_height,
                "dpi": self.profile.dpi,
                "currentPixelWidth": self.profile.pixel_width,
                "currentPixelHeight": self.profile.pixel_height,
                "touch": ["SINGLE"],
            }
        # Alexa sends no session object with some request types, but always with these.
        envelope["session"] = {
            "new": session.new,
            "sessionId": session.session_id,
            "application": application,
            "user": user,
            "attributes": dict(session.attributes),
        }
        return envelope

    def _supported_interfaces(self) -> dict[str, Any]:
        if self.profile.screen:
            return {APL_INTERFACE: {"runtime": {"maxVersion": "2023.3"}}}
        return {}
