"""The floor: a bare ask-sdk-core "hello world" skill with a Lambda entry point built once."""

# Nothing built on ask-sdk can answer faster: one handler, one fixed sentence, and the SDK's own
# deserialise / invoke / serialise. It answers every request type the real skill gets (launch,
# intents, screen touches, session end, Alexa's "can you fulfil this?"), so both can be fed the
# same envelopes.

from __future__ import annotations

import json
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import RequestEnvelope, Response


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class HelloWorldHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak("Hello world!").ask("Say hello again.").response


def build_skill() -> Any:
    builder = SkillBuilder()
    builder.add_request_handler(SessionEndedHandler())
    builder.add_request_handler(HelloWorldHandler())
    return builder.create()


# Built at import, as a warm Lambda container keeps it. SkillBuilder.lambda_handler() would
# build a new CustomSkill on every call, which is not the floor.
SKILL = build_skill()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    envelope = SKILL.serializer.deserialize(json.dumps(event), RequestEnvelope)
    response = SKILL.invoke(request_envelope=envelope, context=context)
    return SKILL.serializer.serialize(response)
