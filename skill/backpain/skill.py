"""Builds the skill (one ordered handler list) and answers a request envelope given as JSON."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope

from backpain import intents
from backpain.content import available_locales, content_for
from backpain.envelope_reader import read_parsed
from backpain.errors import BackPainError
from backpain.handlers.amazon_intents import (
    HelpHandler,
    LaunchHandler,
    NoHandler,
    RepeatHandler,
    StartOverHandler,
    StopHandler,
    YesHandler,
)
from backpain.handlers.can_fulfill import CanFulfillHandler
from backpain.handlers.checklist import (
    CheckAnswerHandler,
    CheckHelpHandler,
    CheckKeepsPlaceHandler,
    CheckOtherIntentHandler,
    CheckRepeatHandler,
    CheckStopHandler,
    CheckTouchHandler,
    CheckUnclearHandler,
)
from backpain.handlers.red_flags import (
    CheckCorrectionHandler,
    CheckDeniedHandler,
    CheckDescribedHandler,
    CheckExplainHandler,
    CheckSeriousnessHandler,
    CheckUnsureHandler,
    DeniedOutsideCheckHandler,
    EmergencyCallHandler,
    ExplainSignHandler,
    MeantYesHandler,
    OutOfScopeHandler,
    PreviousOutsideCheckHandler,
    SeriousnessHandler,
    SignMentionedHandler,
    UnsureOutsideCheckHandler,
)
from backpain.handlers.system import (
    ApologyHandler,
    FallbackHandler,
    SessionEndedHandler,
    SystemExceptionHandler,
)
from backpain.handlers.topics import (
    MoreHandler,
    RedFlagCheckHandler,
    SelectHandler,
    SlotTopicHandler,
    TopicHandler,
    TopicTouchHandler,
)
from backpain.request_context import LoadContext
from backpain.request_log import LogRequest


class MalformedRequest(BackPainError):
    """The event is not an Alexa request envelope the skill can read."""


def topic_handlers() -> list[TopicHandler | SlotTopicHandler]:
    """The intents answered from one content topic, each one that makes sense said first."""
    return [
        TopicHandler(intents.OVERVIEW, "overview"),
        TopicHandler(intents.CAUSES, "causes"),
        SlotTopicHandler(
            intents.CONDITION, "condition", prefix="condition", general=None, pair_slot="other"
        ),
        SlotTopicHandler(intents.RELIEF, "method", prefix="relief", general="relief"),
        SlotTopicHandler(intents.PREVENTION, "tip", prefix="prevention", general="prevention"),
        SlotTopicHandler(
            intents.TREATMENTS,
            "treatment",
            prefix="treatments",
            general="treatments",
            follows_subject=True,
        ),
        TopicHandler(intents.GET_HELP, "get_help"),
        TopicHandler(intents.WARNING_SIGNS, "warning_signs"),
        TopicHandler(intents.ACTIVITIES, "activities"),
        TopicHandler(intents.BACK_INJURY, "condition.sprain_strain"),
        TopicHandler(intents.WHO_CAN_HELP, "get_help.who"),
        SlotTopicHandler(intents.TERM, "medical_term", prefix="term", general="term.other"),
    ]


def name_free_intents() -> frozenset[str]:
    """What Alexa may open the skill at when a request does not name it: the topics, and the
    few intents beyond them that make sense said first (backpain.intents)."""
    topics = frozenset(handler.intent for handler in topic_handlers())
    return topics | intents.NAME_FREE_BEYOND_TOPICS


def request_handlers() -> list[AbstractRequestHandler]:
    """Every handler, in the order ask-sdk tries them: the first that accepts a request wins, so
    the order is the skill's precedence. Each phase below says why it sits where it does."""
    return [
        *_system_requests(),
        *_emergencies(),
        *_open_check(),
        *_outside_the_check(),
        *_topics_and_follow_ups(),
        *_built_ins(),
        FallbackHandler(),  # last: whatever nothing above took
    ]


def _system_requests() -> list[AbstractRequestHandler]:
    # Not conversation turns. Alexa's "can you fulfil this?" carries an intent but must never be
    # answered as one, so it comes before every intent handler.
    return [
        SessionEndedHandler(),
        SystemExceptionHandler(),
        CanFulfillHandler(opens_at=name_free_intents()),
    ]


def _emergencies() -> list[AbstractRequestHandler]:
    # "Call an ambulance" is answered at any time, the open check included.
    return [EmergencyCallHandler()]


def _open_check() -> list[AbstractRequestHandler]:
    # Gated on an open warning-sign check. The last keeps the check's place for every other
    # request, so nothing in the later phases runs while the check is open.
    return [
        CheckAnswerHandler(),
        CheckDescribedHandler(),
        CheckDeniedHandler(),
        CheckExplainHandler(),
        CheckUnsureHandler(),
        CheckCorrectionHandler(),
        CheckTouchHandler(),
        CheckUnclearHandler(),
        CheckRepeatHandler(),
        CheckHelpHandler(),
        CheckStopHandler(),
        CheckSeriousnessHandler(),
        CheckOtherIntentHandler(),
        CheckKeepsPlaceHandler(),
    ]


def _outside_the_check() -> list[AbstractRequestHandler]:
    # Launch, then warning signs and the check's other words said when no check is open:
    # a sign said out of the blue still gets its urgent advice before any topic.
    return [
        LaunchHandler(),
        SignMentionedHandler(),
        SeriousnessHandler(),
        ExplainSignHandler(),
        DeniedOutsideCheckHandler(),
        OutOfScopeHandler(),
        MeantYesHandler(),
        UnsureOutsideCheckHandler(),
        PreviousOutsideCheckHandler(),
    ]


def _topics_and_follow_ups() -> list[AbstractRequestHandler]:
    # The topic intents, starting the check, then the follow-ups to what was just said: more,
    # a pick from the last list, a tap on a topic screen.
    return [
        *topic_handlers(),
        RedFlagCheckHandler(),
        MoreHandler(),
        SelectHandler(),
        TopicTouchHandler(),
    ]


def _built_ins() -> list[AbstractRequestHandler]:
    # Amazon's built-ins outside the check (the check answers its own yes, no, help and stop).
    return [
        YesHandler(),
        NoHandler(),
        HelpHandler(),
        StopHandler(),
        RepeatHandler(),
        StartOverHandler(),
    ]


def build_skill() -> CustomSkill:
    """The one skill every door serves. Loads all content now, not mid-call: in the Lambda
    package as compiled and validated at build time, in the source tree from the YAML."""
    for locale in available_locales():
        content_for(locale)
    builder = SkillBuilder()
    for handler in request_handlers():
        builder.add_request_handler(handler)
    builder.add_exception_handler(ApologyHandler())
    builder.add_global_request_interceptor(LoadContext())
    builder.add_global_response_interceptor(LogRequest())
    return builder.create()


_REQUIRED_REQUEST_FIELDS = ("type", "requestId", "timestamp")


def parse_envelope(skill: CustomSkill, event: Any) -> RequestEnvelope:
    """The event as a RequestEnvelope, or MalformedRequest saying what is wrong with it."""
    if not isinstance(event, dict):
        raise MalformedRequest("the request body must be a JSON object")
    if not isinstance(event.get("version"), str):
        raise MalformedRequest("missing 'version'")
    request = event.get("request")
    if not isinstance(request, dict):
        raise MalformedRequest("missing 'request'")
    for field in _REQUIRED_REQUEST_FIELDS:
        if not isinstance(request.get(field), str) or not request[field]:
            raise MalformedRequest(f"missing 'request.{field}'")
    for part in ("session", "context"):
        if part in event and not isinstance(event[part], dict):
            raise MalformedRequest(f"'{part}' must be an object")
    session = event.get("session")
    if session is not None and not isinstance(session.get("attributes", {}), dict | None):
        raise MalformedRequest("'session.attributes' must be an object")
    try:
        # The event is already parsed (by Lambda, or once by the web door): no text round trip.
        envelope = read_parsed(event, RequestEnvelope)
    except (SerializationException, TypeError, ValueError) as error:
        raise MalformedRequest(f"not an Alexa request envelope: {error}") from None
    if envelope.request is None:
        raise MalformedRequest(f"unknown request type {request['type']!r}")
    return envelope


def respond(skill: CustomSkill, event: Any, context: Any = None) -> dict[str, Any]:
    """Answer one request envelope (a JSON dict) with a response envelope (a JSON dict)."""
    envelope = parse_envelope(skill, event)
    try:
        response = skill.invoke(request_envelope=envelope, context=context)
        serialized: dict[str, Any] = skill.serializer.serialize(response)  # type: ignore[assignment]
    except RecursionError:
        # ask-sdk deep-copies and serialises session attributes recursively, so a request that
        # nests hundreds of levels deep fails there. Caught rather than scanned for on every
        # request: Lambda's events come from Alexa, and the web door refuses past MAX_NESTING
        # levels before the skill sees anything.
        raise MalformedRequest("the request nests deeper than the skill can follow") from None
    return serialized
