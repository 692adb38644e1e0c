"""Session ends, system errors, anything unrecognised, and the last-resort apology."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from backpain.handlers.render import render
from backpain.request_context import conversation, in_check, request_type, state
from backpain.request_log import log_request

log = logging.getLogger("backpain")


class SessionEndedHandler(AbstractRequestHandler):
    """Alexa closed the session (user silence, "exit", an error); no speech is allowed."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "SessionEndedRequest"

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class SystemExceptionHandler(AbstractRequestHandler):
    """Alexa reports that our last response was invalid; it must be answered without speech."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "System.ExceptionEncountered"

    def handle(self, handler_input: HandlerInput) -> Response:
        error = getattr(handler_input.request_envelope.request, "error", None)
        log.warning("Alexa reported an invalid response: %s", getattr(error, "object_type", None))
        return handler_input.response_builder.response


class FallbackHandler(AbstractRequestHandler):
    """FallbackIntent, an intent we do not know, or a touch outside the check: what we can do."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).fallback())


class ApologyHandler(AbstractExceptionHandler):
    """Any unexpected error: a spoken apology with a reprompt, and a log line with no answers."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        checking = in_check(handler_input)
        # Mid-check, even the error text could echo the answer (an intent name), so log only
        # the exception's type there; elsewhere keep the traceback for debugging.
        log.error(
            "request failed: %s",
            type(exception).__name__,
            exc_info=None if checking else exception,
        )
        response = render(handler_input, conversation(handler_input).error(state(handler_input)))
        log_request(handler_input, failed=True)
        return response
