"""Handlers for launch and Alexa's built-in intents outside the check."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.handlers.context import replies, state
from skill.handlers.render import render


def _any_intent(*names: str):
    predicates = [is_intent_name(name) for name in names]
    return lambda handler_input: any(predicate(handler_input) for predicate in predicates)


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).launch())


class YesHandler(AbstractRequestHandler):
    """Yes follows the last offer ("Would you like to hear how to relieve it?")."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.YesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).accept_offer(state(handler_input)))


class NoHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).what_else())


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).help())


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        # Either intent ends the session (the samples' classic bug joins these with `and`).
        return _any_intent("AMAZON.StopIntent", "AMAZON.CancelIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).goodbye())


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).repeat(state(handler_input)))


class StartOverHandler(AbstractRequestHandler):
    """Start over and navigate home both return to the opening menu."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return _any_intent("AMAZON.StartOverIntent", "AMAZON.NavigateHomeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).start_over())
