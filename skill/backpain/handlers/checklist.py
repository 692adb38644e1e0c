"""Handlers gated on an open warning-sign check: answers move it; nothing else loses its place."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from backpain import intents
from backpain.conversation import Conversation, Turn
from backpain.handlers.render import render
from backpain.request_context import conversation, in_check, intent_is, request_type, state
from backpain.warning_sign_check import Answer, CheckState

USER_EVENT = "Alexa.Presentation.APL.UserEvent"
ANSWER_EVENT = "answer"
"""First argument of the Yes/No buttons' SendEvent: ["answer", "yes" | "no", question id]."""

SPOKEN_REQUESTS = frozenset(
    {
        "LaunchRequest",
        "SessionResumedRequest",
        "Connections.Response",
        "Display.ElementSelected",
        "Alexa.Presentation.APL.UserEvent",
        "Alexa.Presentation.APLT.UserEvent",
        "Alexa.Presentation.HTML.Message",
        "GameEngine.InputHandlerEvent",
    }
)
"""Request types after which Alexa expects the skill to speak (the user is in the conversation).
The others (AudioPlayer, PlaybackController, Messaging, skill events, ...) take no speech."""


def with_place(handler_input: HandlerInput, act: Any) -> Response:
    """Run `act(conversation, check_state)`; a lost or tampered place restarts the check."""
    current: CheckState | None = state(handler_input).check
    said: Conversation = conversation(handler_input)
    turn: Turn = said.restart_check() if current is None else act(said, current)
    return render(handler_input, turn)


def answer_current(handler_input: HandlerInput, answer: Answer) -> Response:
    return with_place(
        handler_input, lambda said, current: said.check_step(said.checklist.answer(current, answer))
    )


class CheckAnswerHandler(AbstractRequestHandler):
    """A spoken yes or no to the current question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and (
            intent_is(handler_input, intents.YES)
            or intent_is(handler_input, intents.NO)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        yes = intent_is(handler_input, intents.YES)
        return answer_current(handler_input, Answer.YES if yes else Answer.NO)


def touched_answer(handler_input: HandlerInput, question_id: str) -> Answer | None:
    """The Yes or No touched for the question `question_id`; None for any other touch."""
    arguments = getattr(handler_input.request_envelope.request, "arguments", None) or []
    if len(arguments) == 3 and arguments[0] == ANSWER_EVENT and arguments[2] == question_id:
        return {"yes": Answer.YES, "no": Answer.NO}.get(str(arguments[1]).lower())
    return None


class CheckTouchHandler(AbstractRequestHandler):
    """A touch on the screen's Yes or No button: exactly the same logic as saying it.

    A touch meant for another question (a second tap that arrives after the check moved on) or
    on nothing we know is ignored: the current question is asked again, its place unchanged.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and request_type(handler_input) == USER_EVENT

    def handle(self, handler_input: HandlerInput) -> Response:
        def act(said: Conversation, current: CheckState) -> Turn:
            question_id = said.content.checklist.questions[current.index].id
            answer = touched_answer(handler_input, question_id)
            if answer is None:
                return said.check_repeat(current)
            return said.check_step(said.checklist.answer(current, answer))

        return with_place(handler_input, act)


class CheckUnclearHandler(AbstractRequestHandler):
    """Something that was neither yes nor no: asked again once, then taken as a possible yes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, intents.FALLBACK)

    def handle(self, handler_input: HandlerInput) -> Response:
        return answer_current(handler_input, Answer.UNCLEAR)


class CheckRepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, intents.REPEAT)

    def handle(self, handler_input: HandlerInput) -> Response:
        return with_place(handler_input, lambda said, current: said.check_repeat(current))


class CheckHelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, intents.HELP)

    def handle(self, handler_input: HandlerInput) -> Response:
        return with_place(handler_input, lambda said, current: said.check_help(current))


class CheckStopHandler(AbstractRequestHandler):
    """Stop or cancel mid-check ends the session with a short safety reminder (first the
    advice for a sign whose unsure answer was waiting to be asked again)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and (
            intent_is(handler_input, intents.STOP)
            or intent_is(handler_input, intents.CANCEL)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        current = state(handler_input).check
        return render(handler_input, conversation(handler_input).check_stop(current))


class CheckOtherIntentHandler(AbstractRequestHandler):
    """Any other intent while the check is open re-asks the current question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and request_type(handler_input) == "IntentRequest"

    def handle(self, handler_input: HandlerInput) -> Response:
        return with_place(handler_input, lambda said, current: said.check_other_intent(current))


class CheckKeepsPlaceHandler(AbstractRequestHandler):
    """Any other request while the check is open is answered without touching its place.

    Where Alexa expects speech the current question is asked again; elsewhere (audio events,
    skill events, CanFulfillIntentRequest, ...) the answer is empty and the session attributes
    go back exactly as they came.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        if request_type(handler_input) in SPOKEN_REQUESTS:
            return with_place(handler_input, lambda said, current: said.check_repeat(current))
        return handler_input.response_builder.response
