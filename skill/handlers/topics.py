"""Handlers for the topic intents: each answers from one content topic and offers the next."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.handlers.context import intent_is, replies, resolved_id
from skill.handlers.render import render


class TopicHandler(AbstractRequestHandler):
    """An intent that always answers with the same topic."""

    def __init__(self, intent: str, topic_id: str) -> None:
        self.intent = intent
        self.topic_id = topic_id

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, self.intent)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).topic(self.topic_id))


class SlotTopicHandler(AbstractRequestHandler):
    """An intent whose slot narrows the topic: RELIEF_METHOD id EXERCISE -> "relief.exercise"."""

    def __init__(self, intent: str, slot: str, prefix: str, general: str | None) -> None:
        self.intent = intent
        self.slot = slot
        self.prefix = prefix
        self.general = general
        """The topic for no slot (or one that did not resolve); None asks which one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, self.intent)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = replies(handler_input)
        value_id = resolved_id(handler_input, self.slot)
        topic_id = f"{self.prefix}.{value_id.lower()}" if value_id else None
        if topic_id is not None and topic_id in said.content.topics:
            return render(handler_input, said.topic(topic_id))
        if self.general is not None:
            return render(handler_input, said.topic(self.general))
        return render(handler_input, said.which_condition())


class RedFlagCheckHandler(AbstractRequestHandler):
    """Starts the spoken yes/no warning-sign check."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, "RedFlagCheckIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies(handler_input).start_check())
