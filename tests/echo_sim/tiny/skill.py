"""Tiny Counter: a small real ask-sdk-core skill, so the device is tested as a generic tool."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import get_supported_interfaces, is_intent_name, is_request_type
from ask_sdk_model import Response
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
from ask_sdk_model.ui import SimpleCard

from alexa_model.builtins import CANCEL_INTENT, NO_INTENT, STOP_INTENT, YES_INTENT
from tests.echo_sim.tiny import intents as tiny_intents

INVOCATION = "tiny counter"

# A screen with two buttons built from a layout and a data array, as real skills write them.
QUESTION_DOCUMENT: dict[str, Any] = {
    "type": "APL",
    "version": "2023.3",
    "layouts": {
        "AnswerButton": {
            "parameters": ["label", "answer"],
            "item": {
                "type": "TouchWrapper",
                "onPress": [
                    {"type": "SetValue", "property": "opacity", "value": 0.5},
                    {"type": "SendEvent", "arguments": ["answer", "${answer}"]},
                ],
                "item": {"type": "Text", "text": "${label}"},
            },
        }
    },
    "mainTemplate": {
        "parameters": ["payload"],
        "items": [
            {
                "type": "Container",
                "items": [
                    {"type": "Text", "text": "${payload.question.title}"},
                    {"type": "Text", "text": "${payload.question.text}"},
                    {
                        "type": "Sequence",
                        "data": "${payload.question.answers}",
                        "items": [
                            {
                                "type": "AnswerButton",
                                "label": "${data.label}",
                                "answer": "${data.id}",
                            }
                        ],
                    },
                ],
            }
        ],
    },
}
QUESTION_DATA = {
    "question": {
        "title": "Tiny question",
        "text": "Do you like counting?",
        "answers": [{"label": "Yes", "id": "YES"}, {"label": "No", "id": "NO"}],
    }
}

ended_reasons: list[str] = []
"""The reason of every SessionEndedRequest this process's Tiny Counter received."""


def _has_screen(handler_input: HandlerInput) -> bool:
    return get_supported_interfaces(handler_input).alexa_presentation_apl is not None


class Launch(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        handler_input.attributes_manager.session_attributes = {"count": 0}
        return (
            handler_input.response_builder.speak("Welcome to Tiny Counter. Say count.")
            .ask("Say count.")
            .set_card(SimpleCard("Tiny Counter", "Say count."))
            .response
        )


class Count(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(tiny_intents.COUNT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        attributes = handler_input.attributes_manager.session_attributes
        attributes["count"] = int(attributes.get("count", 0)) + 1
        new = handler_input.request_envelope.session.new
        speech = f"The count is {attributes['count']}." + (" A new session." if new else "")
        return handler_input.response_builder.speak(speech).ask("Say count again.").response


class Colour(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(tiny_intents.COLOUR)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        slot = handler_input.request_envelope.request.intent.slots["colour"]
        resolutions = slot.resolutions.resolutions_per_authority[0]
        if resolutions.status.code.value == "ER_SUCCESS_MATCH":
            speech = f"You like {resolutions.values[0].value.id.lower()}."
        else:
            speech = f"I don't know the colour {slot.value}."
        return handler_input.response_builder.speak(speech).set_should_end_session(True).response


class Question(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(tiny_intents.QUESTION)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        builder = handler_input.response_builder.speak("Do you like counting?").ask("Yes or no?")
        if _has_screen(handler_input):
            builder.add_directive(
                RenderDocumentDirective(
                    token="question", document=QUESTION_DOCUMENT, datasources=QUESTION_DATA
                )
            )
        return builder.response


class Answer(AbstractRequestHandler):
    """A spoken yes/no or a touch on the question screen."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            is_intent_name(YES_INTENT)(handler_input)
            or is_intent_name(NO_INTENT)(handler_input)
            or is_request_type("Alexa.Presentation.APL.UserEvent")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        if request.object_type == "Alexa.Presentation.APL.UserEvent":
            speech = f"You touched {request.arguments[1].lower()}."
        else:
            speech = f"You said {request.intent.name.rpartition('.')[2][:-6].lower()}."
        return handler_input.response_builder.speak(speech).ask("Say count.").response


class Pause(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(tiny_intents.PAUSE)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        speech = 'Call <say-as interpret-as="telephone">111</say-as>.<break time="2s"/>Then rest.'
        return handler_input.response_builder.speak(speech).ask("Say count.").response


class Boom(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(tiny_intents.BOOM)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        raise RuntimeError("tiny counter exploded")


class Stop(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(STOP_INTENT)(handler_input) or is_intent_name(
            CANCEL_INTENT
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        builder = handler_input.response_builder
        return builder.speak("Goodbye.").set_should_end_session(True).response


class Fallback(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        builder = handler_input.response_builder
        return builder.speak("Sorry, I only count.").ask("Say count.").response


class SessionEnded(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        ended_reasons.append(handler_input.request_envelope.request.reason.value)
        return handler_input.response_builder.response


def build_skill() -> CustomSkill:
    builder = SkillBuilder()
    # Specific intents first; the catch-all IntentRequest handler last.
    for handler in (Launch, Count, Colour, Question, Answer, Pause, Boom, Stop, SessionEnded):
        builder.add_request_handler(handler())
    builder.add_request_handler(Fallback())
    return builder.create()


def speech_lines(locale: str = "en-GB") -> list[tuple[str, str]]:
    """Everything Tiny Counter says, for `backpain audition --speech`."""
    return [
        ("launch", "<speak>Welcome to Tiny Counter. Say count.</speak>"),
        ("launch.reprompt", "<speak>Say count.</speak>"),
        ("count", "<speak>The count is one.</speak>"),
        ("count.again", "<speak>The count is one.</speak>"),
        ("stop", "<speak>Goodbye.</speak>"),
    ]
