"""Handlers gated on an open warning-sign check: it accepts only yes, no, repeat, help, stop."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.checklist import Answer, CheckState
from skill.handlers.context import in_check, intent_is, replies, request_type, state
from skill.handlers.render import render
from skill.replies import Replies, Turn

USER_EVENT = "Alexa.Presentation.APL.UserEvent"
ANSWER_EVENT = "answer"
"""First argument of the screen's Yes/No buttons' SendEvent: ["answer", "yes" | "no"]."""


def _with_place(handler_input: HandlerInput, act: Any) -> Response:
    """Run `act(replies, check_state)`; a lost or tampered place restarts the check politely."""
    current: CheckState | None = state(handler_input).check
    said: Replies = replies(handler_input)
    turn: Turn = said.restart_check() if current is None else act(said, current)
    return render(handler_input, turn)


def _answer(handler_input: HandlerInput, answer: Answer) -> Response:
    return _with_place(
        handler_input, lambda said, current: said.check_step(said.checklist.answer(current, answer))
    )


class CheckAnswerHandler(AbstractRequestHandler):
    """A spoken yes or no to the current question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and (
            intent_is(handler_input, "AMAZON.YesIntent")
            or intent_is(handler_input, "AMAZON.NoIntent")
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        yes = intent_is(handler_input, "AMAZON.YesIntent")
        return _answer(handler_input, Answer.YES if yes else Answer.NO)


def touched_answer(handler_input: HandlerInput) -> Answer | None:
    arguments = getattr(handler_input.request_envelope.request, "arguments", None) or []
    if len(arguments) == 2 and arguments[0] == ANSWER_EVENT:
        return {"yes": Answer.YES, "no": Answer.NO}.get(str(arguments[1]).lower())
    return None


class CheckTouchHandler(AbstractRequestHandler):
    """A touch on the screen's Yes or No button: exactly the same logic as saying it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and request_type(handler_input) == USER_EVENT

    def handle(self, handler_input: HandlerInput) -> Response:
        # A touch on neither button is as unclear as a mumble: asked again, then a possible yes.
        return _answer(handler_input, touched_answer(handler_input) or Answer.UNCLEAR)


class CheckUnclearHandler(AbstractRequestHandler):
    """Something that was neither yes nor no: asked again once, then taken as a possible yes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, "AMAZON.FallbackIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return _answer(handler_input, Answer.UNCLEAR)


class CheckRepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, "AMAZON.RepeatIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return _with_place(handler_input, lambda said, current: said.check_repeat(current))


class CheckHelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, "AMAZON.HelpIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return _with_place(handler_input, lambda said, current: said.check_help(current))


class CheckStopHandler(AbstractRequestHandler):
    """Stop or cancel mid-check ends the session with a short safety reminder."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and (
            intent_is(handler_input, "AMAZON.StopIntent")
            or intent_is(handler_input, "AMAZON.CancelIntent")
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).check_stop())


class CheckOtherIntentHandler(AbstractRequestHandler):
    """Any other intent while the check is open re-asks the current question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and request_type(handler_input) == "IntentRequest"

    def handle(self, handler_input: HandlerInput) -> Response:
        return _with_place(handler_input, lambda said, current: said.check_other_intent(current))
