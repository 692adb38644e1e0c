"""Handlers for launch and Alexa's built-in intents outside the check."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from backpain import intents
from backpain.handlers.render import render
from backpain.request_context import conversation, intent_is, request_type, state


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "LaunchRequest"

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).launch())


class YesHandler(AbstractRequestHandler):
    """Yes follows the last offer ("Would you like to hear how to relieve it?")."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.YES)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).accept_offer(state(handler_input)))


class NoHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.NO)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).what_else(state(handler_input)))


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.HELP)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).help())


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        # Either intent ends the session (the samples' classic bug joins these with `and`).
        return intent_is(handler_input, intents.STOP, intents.CANCEL)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).goodbye())


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.REPEAT)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).repeat(state(handler_input)))


class StartOverHandler(AbstractRequestHandler):
    """Start over and navigate home both return to the opening menu."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.START_OVER, intents.NAVIGATE_HOME)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).start_over())
