"""One turn of a conversation as the device heard it: the request sent and the reply, as values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from echo_sim.device.screen_view import ScreenView, find_screen
from echo_sim.understanding import SlotValue
from echo_sim.voice import to_text


@dataclass(frozen=True)
class Card:
    """The card the Alexa app would show."""

    title: str
    text: str


@dataclass(frozen=True)
class NameFree:
    """How words said without the skill's name reached it (or did not)."""

    ingress: str | None = None
    """"LAUNCH" or the intent when one of the model's name-free ingress phrases was said; then
    Alexa asks nothing first."""
    can_fulfill: str | None = None
    """The skill's answer to the CanFulfillIntentRequest: "YES", "MAYBE" or "NO" ("" when the
    response had none)."""
    request: Mapping[str, Any] = field(default_factory=dict)
    """The CanFulfillIntentRequest envelope sent, when one was."""
    response: Mapping[str, Any] = field(default_factory=dict)
    """The skill's response envelope to it."""

    def to_json(self) -> dict[str, Any]:
        line: dict[str, Any] = {"ingress": self.ingress, "can_fulfill": self.can_fulfill}
        if self.request:
            line["can_fulfill_request"] = dict(self.request)
            line["can_fulfill_response"] = dict(self.response)
        return line


@dataclass(frozen=True)
class Exchange:
    """What happened in one turn; the CLI prints it and the transcript runner checks it."""

    intent: str
    """The intent name, or the request type ("LaunchRequest", "SessionEndedRequest", ...)."""
    slots: Mapping[str, SlotValue]
    confidence: float
    """How sure the offline matcher was (1.0 for launches, taps and exact samples)."""
    speech: str
    """What Alexa says, as plain text."""
    ssml: str
    reprompt: str | None
    card: Card | None
    end_session: bool
    """True when the session is over after this reply."""
    directives: tuple[Mapping[str, Any], ...]
    response: Mapping[str, Any]
    """The whole response envelope, as the skill returned it."""
    request: Mapping[str, Any] = field(default_factory=dict)
    """The whole request envelope the device sent."""
    utterance: str | None = None
    """What the user said or typed, when the turn started with words."""
    notes: tuple[str, ...] = ()
    """Things the device did on the user's behalf, for stderr ("heard as 'ask ...'")."""
    reprompt_ssml: str | None = None
    heard: str | None = None
    """For spoken turns, the words the speech recogniser heard ("" for nothing)."""
    asr_confidence: float | None = None
    """For spoken turns, how sure the speech recogniser was, 0 to 1."""
    name_free: NameFree | None = None
    """Set when the words named no skill and went Alexa's name-free way."""

    @property
    def screen(self) -> ScreenView | None:
        return find_screen(self.directives)

    def to_json(self) -> dict[str, Any]:
        """The `--json` line: exactly these keys, a contract for scripts and other tools
        (spoken turns add `heard` and `asr_confidence`, name-free turns `name_free`)."""
        line = {
            "intent": self.intent,
            "slots": {
                name: {
                    "value": slot.value,
                    "id": slot.resolved_id,
                    "resolved": slot.resolved_id is not None,
                }
                for name, slot in self.slots.items()
            },
            "confidence": round(self.confidence, 4),
            "speech": self.speech,
            "ssml": self.ssml,
            "reprompt": self.reprompt,
            "card": self.card and {"title": self.card.title, "text": self.card.text},
            "end_session": self.end_session,
        }
        if self.heard is not None:
            line["heard"] = self.heard
            line["asr_confidence"] = round(self.asr_confidence or 0.0, 4)
        if self.name_free is not None:
            line["name_free"] = self.name_free.to_json()
        return line


def read_response(
    response_envelope: Mapping[str, Any],
    *,
    intent: str,
    slots: Mapping[str, SlotValue] | None = None,
    confidence: float = 1.0,
    request: Mapping[str, Any] | None = None,
    utterance: str | None = None,
    notes: tuple[str, ...] = (),
    screen_device: bool = False,
) -> Exchange:
    """Read a response envelope the way an Echo does."""
    response = response_envelope.get("response") or {}
    ssml = _ssml(response.get("outputSpeech"))
    reprompt_ssml = _ssml((response.get("reprompt") or {}).get("outputSpeech")) or None
    directives = tuple(d for d in response.get("directives") or [] if isinstance(d, Mapping))
    return Exchange(
        intent=intent,
        slots=dict(slots or {}),
        confidence=confidence,
        speech=to_text(ssml),
        ssml=ssml,
        reprompt=to_text(reprompt_ssml) if reprompt_ssml else None,
        card=_card(response.get("card")),
        end_session=session_ends(response, screen_device),
        directives=directives,
        response=response_envelope,
        request=request or {},
        utterance=utterance,
        notes=notes,
        reprompt_ssml=reprompt_ssml,
    )


def session_ends(response: Mapping[str, Any], screen_device: bool) -> bool:
    """Alexa's rule: true ends the session, false or null keeps it open, and when the field is
    missing a voice-only Echo ends the session while a screen showing APL keeps it open."""
    if "shouldEndSession" not in response:
        showing = any(
            isinstance(d, Mapping) and d.get("type") == "Alexa.Presentation.APL.RenderDocument"
            for d in response.get("directives") or []
        )
        return not (screen_device and showing)
    return response["shouldEndSession"] is True


def _ssml(output_speech: Any) -> str:
    if not isinstance(output_speech, Mapping):
        return ""
    if output_speech.get("type") == "PlainText" or "ssml" not in output_speech:
        text = output_speech.get("text") or ""
        return f"<speak>{escape(text)}</speak>" if text else ""
    return str(output_speech.get("ssml") or "")


def _card(card: Any) -> Card | None:
    if not isinstance(card, Mapping):
        return None
    text = card.get("content", card.get("text")) or ""
    title = card.get("title") or ""
    if not title and not text:
        title = str(card.get("type", ""))  # LinkAccount / AskForPermissionsConsent cards
    return Card(str(title), str(text))
