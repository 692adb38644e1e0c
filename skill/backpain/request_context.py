"""What every handler needs from a request: the conversation for its locale, dialog state, slots."""

from __future__ import annotations

import functools
import random
import time
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput

from backpain.content import content_for, supported_locale
from backpain.conversation import Conversation
from backpain.dialog_state import DialogState

# Entity resolution's status, by its value: importing ask_sdk_model.slu.entityresolution for the
# enum would load seven modules at every cold start, and ask-sdk loads them itself when a
# request carries resolutions.
_ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"
_STATE = "backpain.state"
_CONVERSATION = "backpain.conversation"
_STARTED = "backpain.started"

# One generator per process: varied phrasings need no per-request seeding.
_rng = random.Random()


def _conversation_for(locale: str | None) -> Conversation:
    """One Conversation per supported locale per process: it holds nothing that changes between
    requests. Unknown locales map to en-GB first, so made-up ones cannot grow the cache."""
    return _conversation_for_supported(supported_locale(locale))


@functools.cache
def _conversation_for_supported(locale: str) -> Conversation:
    return Conversation(content_for(locale), _rng)


def load(handler_input: HandlerInput, started: float) -> None:
    """Read content and state once per request (the request interceptor calls this)."""
    envelope = handler_input.request_envelope
    request = envelope.request
    said = _conversation_for(getattr(request, "locale", None))
    raw: Any = envelope.session.attributes if envelope.session is not None else None
    attributes = handler_input.attributes_manager.request_attributes
    attributes[_CONVERSATION] = said
    attributes[_STATE] = DialogState.from_attributes(raw, said.content)
    attributes[_STARTED] = started


def conversation(handler_input: HandlerInput) -> Conversation:
    found = handler_input.attributes_manager.request_attributes.get(_CONVERSATION)
    if isinstance(found, Conversation):
        return found
    # The interceptor did not run (it failed): answer in the default locale.
    return _conversation_for(None)


def state(handler_input: HandlerInput) -> DialogState:
    found = handler_input.attributes_manager.request_attributes.get(_STATE)
    return found if isinstance(found, DialogState) else DialogState()


def started(handler_input: HandlerInput) -> float | None:
    found = handler_input.attributes_manager.request_attributes.get(_STARTED)
    return found if isinstance(found, float) else None


def in_check(handler_input: HandlerInput) -> bool:
    return state(handler_input).in_check


def request_type(handler_input: HandlerInput) -> str | None:
    return getattr(handler_input.request_envelope.request, "object_type", None)


def intent_is(handler_input: HandlerInput, *names: str) -> bool:
    """True for an IntentRequest for one of `names` (ask-sdk's is_intent_name, without a closure
    built on every call: can_handle runs for each handler on each request)."""
    return intent_name(handler_input) in names


def intent_name(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    intent = getattr(request, "intent", None)
    return getattr(intent, "name", None)


def _slot(handler_input: HandlerInput, slot_name: str) -> Any:
    """The request's slot of that name, or None (not an intent request, or no such slot)."""
    request = handler_input.request_envelope.request
    slots = getattr(getattr(request, "intent", None), "slots", None) or {}
    return slots.get(slot_name)


def resolved_id(handler_input: HandlerInput, slot_name: str) -> str | None:
    """The slot's entity-resolution id (ER_SUCCESS_MATCH), never the raw words heard."""
    resolutions = getattr(_slot(handler_input, slot_name), "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        code = getattr(getattr(authority, "status", None), "code", None)
        if getattr(code, "value", None) == _ER_SUCCESS_MATCH and authority.values:
            value = authority.values[0].value
            if value is not None and value.id:
                return str(value.id)
    return None


def heard_words(handler_input: HandlerInput, slot_name: str) -> bool:
    """Whether the slot carries words at all, resolved or not (a sample without it sends none).
    The words themselves are never read: what a person says of their symptoms stays theirs."""
    return bool(getattr(_slot(handler_input, slot_name), "value", None))


class LoadContext(AbstractRequestInterceptor):
    """Reads the locale's content and the session's dialog state once, before any handler."""

    def process(self, handler_input: HandlerInput) -> None:
        load(handler_input, started=time.perf_counter())
