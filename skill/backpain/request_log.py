"""One log line per request: request id, request type, intent name and time taken, nothing else."""

from __future__ import annotations

import logging
import time

from ask_sdk_core.dispatch_components import (
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from backpain import request_context as context
from backpain.intents import SYMPTOM_INTENTS

log = logging.getLogger("backpain.requests")

WITHHELD = "(withheld during the check)"
WITHHELD_SYMPTOM = "(withheld: about symptoms)"
LINE = "request_id=%s type=%s intent=%s ms=%.1f%s"


def log_request(handler_input: HandlerInput, failed: bool = False) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    request = handler_input.request_envelope.request
    started = context.started(handler_input)
    elapsed_ms = (time.perf_counter() - started) * 1000 if started is not None else -1.0
    # During the check a yes or a no (even the intent name) is itself a symptom answer, and
    # outside it the names of the intents that describe symptoms say too much. Everything from
    # the request is escaped; the WITHHELD markers are ours and read as they are.
    intent = context.intent_name(handler_input)
    if context.in_check(handler_input):
        intent = WITHHELD
    elif intent in SYMPTOM_INTENTS:
        intent = WITHHELD_SYMPTOM
    else:
        intent = printable(intent or "-")
    arguments = (
        printable(getattr(request, "request_id", None)),
        printable(getattr(request, "object_type", None)),
        intent,
        elapsed_ms,
        " failed" if failed else "",
    )
    # Built and handed over directly: log.info() would walk the call stack on every request
    # to find where it was called from, and the answer is always here.
    log.handle(log.makeRecord(log.name, logging.INFO, __file__, 0, LINE, arguments, None))


def printable(value: object, limit: int = 200) -> str:
    """`value` for one log line, bounded in length, with control characters, spaces and
    backslashes escaped: a newline in a request id must not forge a second line, nor a space a
    second `intent=` field."""
    text = str(value)[:limit]
    if text.isprintable() and " " not in text and "\\" not in text:
        return text  # Alexa's ids and names: nothing to escape, so no walk over each character
    return "".join(
        char if char.isprintable() and char not in " \\" else _escaped(char) for char in text
    )


def _escaped(char: str) -> str:
    return "\\x20" if char == " " else char.encode("unicode_escape").decode("ascii")


class LogRequest(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response) -> None:
        log_request(handler_input)
