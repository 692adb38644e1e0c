"""CanFulfillIntentRequest: whether the skill can answer an intent Alexa heard without its name."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import Enum

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.canfulfill import (
    CanFulfillIntent,
    CanFulfillIntentValues,
    CanFulfillSlot,
    CanFulfillSlotValues,
    CanUnderstandSlotValues,
)

from backpain.request_context import intent_name, request_type, resolved_id

CAN_FULFILL_REQUEST = "CanFulfillIntentRequest"


class SlotHeard(Enum):
    """What the skill makes of one slot value Alexa heard."""

    KNOWN = "known"
    """It resolved to one of the model's values (ER_SUCCESS_MATCH)."""
    UNKNOWN = "unknown"
    """Words the skill's slot types do not hold."""


def verdict(
    intent: str | None, slots: Mapping[str, SlotHeard], opens_at: Collection[str]
) -> str:
    """YES, MAYBE or NO for `intent` with the slot values given (empty slots left out).

    YES: an intent the skill opens at, with every value given one it knows. MAYBE: the intent
    fits but a value is unknown (the skill answers more generally). NO: anything else."""
    if intent not in opens_at:
        return "NO"
    if any(heard is SlotHeard.UNKNOWN for heard in slots.values()):
        return "MAYBE"
    return "YES"


def heard_slots(handler_input: HandlerInput) -> dict[str, SlotHeard]:
    """The request's slots that carry a value, each known or unknown; never the words heard."""
    request = handler_input.request_envelope.request
    slots = getattr(getattr(request, "intent", None), "slots", None) or {}
    heard: dict[str, SlotHeard] = {}
    for name, slot in slots.items():
        value = getattr(slot, "value", None)
        if not isinstance(value, str) or not value.strip():
            continue
        known = resolved_id(handler_input, name) is not None
        heard[name] = SlotHeard.KNOWN if known else SlotHeard.UNKNOWN
    return heard


_SLOT_ANSWER = {
    SlotHeard.KNOWN: (CanUnderstandSlotValues.YES, CanFulfillSlotValues.YES),
    SlotHeard.UNKNOWN: (CanUnderstandSlotValues.NO, CanFulfillSlotValues.NO),
}


class CanFulfillHandler(AbstractRequestHandler):
    """Answers Alexa's question and nothing else: no speech, no card, no end of session, and
    session attributes (Alexa sends none; a test or a stray request might) back as they came.

    The request carries an intent like an IntentRequest, so this must come before every handler
    that looks only at the intent's name."""

    def __init__(self, opens_at: Collection[str]) -> None:
        self.opens_at = frozenset(opens_at)
        """The intents the skill may be opened at without its name."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == CAN_FULFILL_REQUEST

    def handle(self, handler_input: HandlerInput) -> Response:
        slots = heard_slots(handler_input)
        answer = verdict(intent_name(handler_input), slots, self.opens_at)
        builder = handler_input.response_builder
        builder.set_can_fulfill_intent(
            CanFulfillIntent(
                can_fulfill=CanFulfillIntentValues(answer),
                slots={
                    name: CanFulfillSlot(
                        can_understand=_SLOT_ANSWER[heard][0], can_fulfill=_SLOT_ANSWER[heard][1]
                    )
                    for name, heard in slots.items()
                }
                or None,
            )
        )
        return builder.response
