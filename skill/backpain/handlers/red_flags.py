"""Warning signs in any words: described, unsure or corrected answers, "is it serious", 999."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from backpain.handlers.checklist import answer_current, with_place
from backpain.handlers.render import render
from backpain.intents import (
    ALSO_DENIED_SLOT,
    CANNOT_DO,
    DENIED_SLOT,
    DENY,
    DESCRIBE,
    EMERGENCY,
    EXPLAIN,
    MEANT_YES,
    NAMED_SLOT,
    NORMAL_SLOT,
    OTHER_HEALTH,
    PREVIOUS,
    RESTED_SLOT,
    SERIOUS,
    SIGN_SLOT,
    STATE_SLOT,
    SUBJECT_SLOT,
    TERM_SLOT,
    UNIMPROVED_SLOT,
    UNSURE,
)
from backpain.request_context import (
    conversation,
    heard_words,
    in_check,
    intent_is,
    resolved_id,
    state,
)
from backpain.warning_sign_check import Answer

DESCRIBED_SLOTS = (SIGN_SLOT, NAMED_SLOT, SUBJECT_SLOT)
"""Where a described sign is heard: described, named and said to persist, or its part said to
be wrong ("my chest isn't right")."""


def described_signs(handler_input: HandlerInput) -> list[str | None]:
    described = [resolved_id(handler_input, slot) for slot in DESCRIBED_SLOTS]
    # Rest is the sign only when it did not help: "i've rested and it's no better".
    if resolved_id(handler_input, UNIMPROVED_SLOT) is None:
        return described
    return [*described, resolved_id(handler_input, RESTED_SLOT)]


def unmatched_description(handler_input: HandlerInput) -> bool:
    """Words heard where a sign goes, and none of them a sign or something like one."""
    return any(heard_words(handler_input, slot) for slot in DESCRIBED_SLOTS) and not any(
        described_signs(handler_input)
    )


def denied_signs(handler_input: HandlerInput) -> list[str | None]:
    """Signs named as absent ("no chest pain"), or said to be as they should be: a phrase of
    their own ("my waterworks are fine"), or a part with a state that says so ("my chest's
    grand"). A part said without that state ("my chest ...") denies nothing."""
    named = [
        resolved_id(handler_input, slot) for slot in (DENIED_SLOT, ALSO_DENIED_SLOT, NORMAL_SLOT)
    ]
    if resolved_id(handler_input, STATE_SLOT) is None:
        return named
    return [*named, resolved_id(handler_input, SUBJECT_SLOT)]


OVERVIEW_TOPIC = "overview"


class EmergencyCallHandler(AbstractRequestHandler):
    """ "Call an ambulance", "ring 111 for me", at any time: it can't, so it says who to call."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, EMERGENCY)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).cannot_call())


class CheckDescribedHandler(AbstractRequestHandler):
    """An answer that describes a sign ("no, I can't pee") is a yes, whatever else it says."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, DESCRIBE)

    def handle(self, handler_input: HandlerInput) -> Response:
        flag_ids = described_signs(handler_input)
        return with_place(
            handler_input, lambda said, current: said.check_described(current, *flag_ids)
        )


class CheckDeniedHandler(AbstractRequestHandler):
    """ "No chest pain": a no to that sign, which moves the check on only if it was asked."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, DENY)

    def handle(self, handler_input: HandlerInput) -> Response:
        flag_ids = denied_signs(handler_input)
        return with_place(
            handler_input, lambda said, current: said.check_denied(current, *flag_ids)
        )


class CheckExplainHandler(AbstractRequestHandler):
    """ "What do you mean by bowel control?": the sign in the page's words, then the question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, EXPLAIN)

    def handle(self, handler_input: HandlerInput) -> Response:
        return with_place(handler_input, lambda said, current: said.check_explain(current))


class CheckUnsureHandler(AbstractRequestHandler):
    """A hedge or an unsure answer: asked once more, then a possible yes. Never a no."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, UNSURE)

    def handle(self, handler_input: HandlerInput) -> Response:
        return answer_current(handler_input, Answer.UNSURE)


class CheckCorrectionHandler(AbstractRequestHandler):
    """ "I meant yes" is a yes to the question just answered; "go back" asks that one again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, MEANT_YES, PREVIOUS)

    def handle(self, handler_input: HandlerInput) -> Response:
        if intent_is(handler_input, MEANT_YES):
            return with_place(handler_input, lambda said, current: said.check_meant_yes(current))
        return with_place(handler_input, lambda said, current: said.check_go_back(current))


class CheckSeriousnessHandler(AbstractRequestHandler):
    """ "Is it serious?" mid-check: an honest short answer, then the same question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return in_check(handler_input) and intent_is(handler_input, SERIOUS)

    def handle(self, handler_input: HandlerInput) -> Response:
        return with_place(handler_input, lambda said, current: said.check_seriousness(current))


class SignMentionedHandler(AbstractRequestHandler):
    """A warning sign said outside the check gets its urgent advice at once, then the check."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, DESCRIBE)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = conversation(handler_input)
        if unmatched_description(handler_input):
            # Words in a sign's place that no warning sign's words match ("my back is rather
            # painful this morning"): an ordinary statement of back pain. ("It's numb", a
            # sample with no slot, is still something like a sign.)
            return render(handler_input, said.topic(OVERVIEW_TOPIC))
        return render(handler_input, said.sign_mentioned(*described_signs(handler_input)))


class ExplainSignHandler(AbstractRequestHandler):
    """ "What's a deformity?" outside the check: that sign in the page's words, and its advice."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, EXPLAIN)

    def handle(self, handler_input: HandlerInput) -> Response:
        flag_id = resolved_id(handler_input, TERM_SLOT)
        return render(handler_input, conversation(handler_input).explain_sign(flag_id))


class DeniedOutsideCheckHandler(AbstractRequestHandler):
    """ "I haven't got a temperature" with no question open: good to hear; what else?"""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, DENY)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).what_else(state(handler_input)))


class OutOfScopeHandler(AbstractRequestHandler):
    """A health question about something else, or a request to act: said plainly."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, OTHER_HEALTH, CANNOT_DO)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = conversation(handler_input)
        turn = said.out_of_scope() if intent_is(handler_input, OTHER_HEALTH) else said.cannot_do()
        return render(handler_input, turn)


class SeriousnessHandler(AbstractRequestHandler):
    """ "Is it serious?", "am I OK?": general information, not a diagnosis, and the check."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, SERIOUS)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).seriousness())


class MeantYesHandler(AbstractRequestHandler):
    """ "That was a yes" outside the check is a yes to the last offer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, MEANT_YES)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).accept_offer(state(handler_input)))


class UnsureOutsideCheckHandler(AbstractRequestHandler):
    """ "I'm not sure" with no question open: what the skill can do."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, UNSURE)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).help())


class PreviousOutsideCheckHandler(AbstractRequestHandler):
    """ "Go back" with no question open: the last thing said, again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_is(handler_input, PREVIOUS)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, conversation(handler_input).repeat(state(handler_input)))
