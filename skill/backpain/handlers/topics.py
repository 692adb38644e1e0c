"""Handlers for the topic intents: each answers from one content topic and offers the next."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from backpain import intents
from backpain.handlers.render import render
from backpain.request_context import conversation, intent_is, request_type, resolved_id, state


class TopicHandler(AbstractRequestHandler):
    """An intent that always answers with the same topic."""

    def __init__(self, intent: str, topic_id: str) -> None:
        self.intent = intent
        self.topic_id = topic_id

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, self.intent)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = conversation(handler_input)
        return render(handler_input, said.topic(self.topic_id, walking=False))


class SlotTopicHandler(AbstractRequestHandler):
    """An intent whose slot narrows the topic: RELIEF_METHOD id EXERCISE -> "relief.exercise"."""

    def __init__(
        self,
        intent: str,
        slot: str,
        prefix: str,
        general: str | None,
        pair_slot: str | None = None,
        follows_subject: bool = False,
    ) -> None:
        self.intent = intent
        self.follows_subject = follows_subject
        """Asked with no slot right after a topic that says what treats it: that treatment."""
        self.slot = slot
        self.prefix = prefix
        self.general = general
        """The topic for no slot (or one that did not resolve); None asks which one."""
        self.pair_slot = pair_slot
        """A second slot of the same type: "the difference between X and Y" answers both, when
        the content has a topic `<prefix>.<x>_and_<y>`."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, self.intent)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = conversation(handler_input)
        value_ids = [resolved_id(handler_input, self.slot)]
        if self.follows_subject and not any(value_ids):
            # "What's a slipped disc?" then "how do they treat that?": the subject stays.
            last = state(handler_input).topic
            topics = said.content.topics
            treated_by = topics[last].treated_by if last is not None and last in topics else None
            if treated_by is not None:
                return render(handler_input, said.topic(treated_by, walking=True))
        if self.pair_slot is not None:
            value_ids.append(resolved_id(handler_input, self.pair_slot))
        heard = sorted({value.lower() for value in value_ids if value})
        candidates = (
            [f"{self.prefix}.{heard[0]}_and_{heard[1]}", f"{self.prefix}.{heard[1]}_and_{heard[0]}"]
            if len(heard) == 2
            else []
        )
        candidates += [f"{self.prefix}.{value.lower()}" for value in value_ids if value]
        for topic_id in candidates:
            if topic_id in said.content.topics:
                return render(handler_input, said.topic(topic_id, walking=False))
        if self.general is not None:
            return render(handler_input, said.topic(self.general, walking=False))
        return render(handler_input, said.which_condition())


class RedFlagCheckHandler(AbstractRequestHandler):
    """Starts the spoken yes/no warning-sign check."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.CHECK)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).start_check())


class MoreHandler(AbstractRequestHandler):
    """ "Tell me more": one level further into the topic last given."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.MORE, intents.NEXT)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).more(state(handler_input)))


# The SelectIntent slots that name a topic directly, with the content prefix of their values.
_NAMED_SLOTS = (("tip", "prevention"), ("treatment", "treatments"))
_PREFIXES = ("prevention", "relief", "treatments", "condition")
_POSITIONS = {"LAST": -1, **{name: n for n, name in enumerate(
    ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH"),
    start=1)}}  # fmt: skip


class SelectHandler(AbstractRequestHandler):
    """ "The second one", "the last one", "the one about lifting": a pick from the last list."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, intents.SELECT)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = conversation(handler_input)
        position_id = resolved_id(handler_input, "position")
        position = _POSITIONS.get(position_id) if position_id else None
        current = state(handler_input)
        listed = said.content.choices(current.choices) if current.choices else ()
        topic_id = None
        for slot, prefix in _NAMED_SLOTS:
            value_id = resolved_id(handler_input, slot)
            if not value_id:
                continue
            # "The one about exercise" means the list just read: relief's or prevention's.
            named = [f"{other}.{value_id.lower()}" for other in _PREFIXES]
            in_list = [candidate for candidate in named if candidate in listed]
            own = f"{prefix}.{value_id.lower()}"
            topic_id = in_list[0] if in_list else own if own in said.content.topics else None
            break
        return render(handler_input, said.select(current, position, topic_id))


TOPIC_EVENT = "topic"
"""First argument of a topic screen's buttons: ["topic", "more" | "yes" | "no" | "choose", N]."""


class TopicTouchHandler(AbstractRequestHandler):
    """A tap on a topic screen: the same replies as saying yes, no, tell me more or "the Nth"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if request_type(handler_input) != "Alexa.Presentation.APL.UserEvent":
            return False
        arguments = getattr(handler_input.request_envelope.request, "arguments", None) or []
        return bool(arguments) and arguments[0] == TOPIC_EVENT

    def handle(self, handler_input: HandlerInput) -> Response:
        arguments = getattr(handler_input.request_envelope.request, "arguments", None) or []
        action = str(arguments[1]) if len(arguments) > 1 else ""
        said = conversation(handler_input)
        current = state(handler_input)
        if action == "more":
            return render(handler_input, said.more(current))
        if action == "yes":
            return render(handler_input, said.accept_offer(current))
        if action == "no":
            return render(handler_input, said.what_else(current))
        if action == "choose" and len(arguments) > 2 and str(arguments[2]).isdigit():
            return render(handler_input, said.select(current, int(str(arguments[2]))))
        return render(handler_input, said.fallback())
