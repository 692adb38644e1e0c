"""The realistic conversation mix: scripted sessions, recorded as the envelopes Alexa would send."""

# Each session is played once through the real skill so that every request carries the session
# attributes the previous answer set (a checklist request without its place would measure a
# different path). The recorded envelopes are then replayed, unchanged, to our skill and to the
# bare one: the skill is stateless between requests, so a replay takes the same path.

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backpain import intents
from echo_sim.device import (
    ECHO_SHOW,
    VOICE_ONLY,
    DeviceProfile,
    EnvelopeFactory,
    Session,
    SlotValue,
)

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
MAX_CHECK_ANSWERS = 12
"""More than the checklist has questions: a "no" to every one ends it with the all-clear."""


@dataclass(frozen=True)
class Step:
    """One thing the user does: launch, say an intent (with slots), touch a button, walk away."""

    kind: str
    intent: str = ""
    slots: tuple[SlotValue, ...] = ()
    repeat_until_end: bool = False
    """Say it again until the skill ends the session (a "no" to every checklist question)."""


def launch() -> Step:
    return Step("launch")


def say(intent: str, *slots: SlotValue) -> Step:
    return Step("intent", intent, slots)


def ask_can_fulfill(intent: str, *slots: SlotValue) -> Step:
    """Alexa asks whether the skill can answer a request said without its name."""
    return Step("can_fulfill", intent, slots)


def touch(*arguments: str) -> Step:
    return Step("touch", slots=tuple(SlotValue("argument", value) for value in arguments))


def walk_away() -> Step:
    return Step("end")


def answer_no_to_all() -> Step:
    return Step("intent", intents.NO, repeat_until_end=True)


def slot(name: str, heard: str, slot_type: str, value_id: str) -> SlotValue:
    return SlotValue(name, heard, slot_type, value_id, heard)


@dataclass(frozen=True)
class Script:
    """A session as a user might have it, on one kind of device."""

    name: str
    profile: DeviceProfile
    steps: tuple[Step, ...]


IBUPROFEN = slot("method", "ibuprofen", "RELIEF_METHOD", "PAINKILLERS")

# Most sessions look something up; some take the warning-sign check; a few are on a screen.
SCRIPTS: tuple[Script, ...] = (
    Script(
        "browse topics",
        VOICE_ONLY,
        (
            launch(),
            say(intents.OVERVIEW),
            say(intents.YES),
            say(intents.CONDITION, slot("condition", "sciatica", "BACK_CONDITION", "SCIATICA")),
            say(intents.RELIEF, slot("method", "exercise", "RELIEF_METHOD", "EXERCISE")),
            say(intents.PREVENTION),
            say(
                intents.TREATMENTS,
                slot("treatment", "manual therapy", "TREATMENT", "MANUAL_THERAPY"),
            ),
            say(intents.GET_HELP),
            say(intents.STOP),
        ),
    ),
    Script(
        "one-shot question",
        VOICE_ONLY,
        (say(intents.CAUSES), walk_away()),
    ),
    Script(
        "name-free question",
        VOICE_ONLY,
        (
            ask_can_fulfill(intents.RELIEF, IBUPROFEN),
            say(intents.RELIEF, IBUPROFEN),
            walk_away(),
        ),
    ),
    Script(
        "check, all clear",
        VOICE_ONLY,
        (launch(), say(intents.CHECK), answer_no_to_all()),
    ),
    Script(
        "check, a warning sign",
        VOICE_ONLY,
        (
            launch(),
            say(intents.WARNING_SIGNS),
            say(intents.CHECK),
            say(intents.NO),
            say(intents.FALLBACK),
            say(intents.NO),
            say(intents.YES),
        ),
    ),
    Script(
        "Echo Show, topics and touches",
        ECHO_SHOW,
        (
            launch(),
            say(intents.RELIEF, slot("method", "painkillers", "RELIEF_METHOD", "PAINKILLERS")),
            say(intents.HELP),
            say(intents.CHECK),
            touch("answer", "no"),
            touch("answer", "no"),
            say(intents.REPEAT),
            say(intents.CANCEL),
        ),
    ),
)


@dataclass(frozen=True)
class Conversation:
    """A played script: the envelopes sent, in order."""

    name: str
    envelopes: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "envelopes": list(self.envelopes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        return cls(data["name"], tuple(data["envelopes"]))


def play(script: Script, handler: Handler) -> Conversation:
    """Run `script` through `handler`, carrying session attributes as Alexa does."""
    factory = EnvelopeFactory("en-GB", script.profile)
    session = Session()
    sent: list[dict[str, Any]] = []
    for envelope in _requests(script, factory, session):
        sent.append(envelope)
        answer = handler(envelope, None)
        if envelope["request"]["type"] == "SessionEndedRequest":
            break
        if envelope["request"]["type"] == "CanFulfillIntentRequest":
            continue  # a question before the session: it neither opens nor changes one
        if answer.get("response", {}).get("shouldEndSession") is True:
            session.new = True  # the script ends here or the next request opens a new session
            break
        session.new = False
        session.attributes = dict(answer.get("sessionAttributes") or {})
    return Conversation(script.name, tuple(sent))


def _requests(
    script: Script, factory: EnvelopeFactory, session: Session
) -> Iterator[dict[str, Any]]:
    for step in script.steps:
        if step.kind == "launch":
            yield factory.launch(session)
        elif step.kind == "end":
            yield factory.session_ended(session, "EXCEEDED_MAX_REPROMPTS")
        elif step.kind == "can_fulfill":
            yield factory.can_fulfill(session, step.intent, {s.name: s for s in step.slots})
        elif step.kind == "touch":
            yield factory.user_event(session, [str(s.value) for s in step.slots])
        else:
            slots = {s.name: s for s in step.slots}
            for _ in range(MAX_CHECK_ANSWERS if step.repeat_until_end else 1):
                yield factory.intent(session, step.intent, slots)


def record(handler: Handler) -> list[Conversation]:
    return [play(script, handler) for script in SCRIPTS]


def save(conversations: list[Conversation], path: Path) -> None:
    path.write_text(json.dumps([c.to_json() for c in conversations]), encoding="utf-8")


def load(path: Path) -> list[Conversation]:
    return [Conversation.from_json(c) for c in json.loads(path.read_text(encoding="utf-8"))]
