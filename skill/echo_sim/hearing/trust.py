"""When the device believes what the recogniser heard: below these confidences an utterance is
sent as AMAZON.FallbackIntent, as Alexa does when it can't make out what was said."""

from __future__ import annotations

import math
from collections.abc import Callable

from alexa_model.builtins import NO_INTENT, YES_INTENT
from echo_sim.hearing.heard import Heard
from echo_sim.hearing.placing import IntentLanguage

MIN_CONFIDENCE = 0.2
"""Below this, nothing heard is trusted: the words were forced onto noise or a mumble."""
MIN_NO_CONFIDENCE = 0.5
"""A no moves a skill's questions on (in a checklist a wrong no is dangerous) on the strength
of a word or two, so it needs clear audio and words that are clearly a no: the recogniser's
confidence in a no (counting all it heard that reaches a no) times the matcher's must reach
this. (Reversed speech heard as "never killing" is a fair recogniser guess and a fair matcher
guess at "no", but not both.)"""
MIN_YES_CONFIDENCE = 0.35
"""A yes needs clearer audio than a longer request too, but less than a no: a wrongly believed
yes takes a question's careful branch, which the user hears and can correct, while a wrongly
believed no passes over what the question was asking. Measured on the spoken set
(benchmarks/hearing.py), this keeps noise and mumbles from being heard as a yes."""
_MIN_ANSWER_CONFIDENCE = {NO_INTENT: MIN_NO_CONFIDENCE, YES_INTENT: MIN_YES_CONFIDENCE}


def believed(
    heard: Heard,
    intent: str,
    match_confidence: float = 1.0,
    reaches: Callable[[str], str] | None = None,
    language: IntentLanguage | None = None,
) -> bool:
    """True when the device may send `intent`, matched from `heard.text` with
    `match_confidence`, as what was said. `reaches(words)` is the intent other words would
    reach: with it, the recogniser's confidence is in the intent, counting every alternative
    it heard that reaches the same one (`Heard.confidence_in`), rather than in the exact words.
    A no must be sure of both: its confidence is the geometric mean of the two. In loud noise
    the decoder's alternatives can all agree on one phrase the language model favours ("i'm
    fine" for "I'm done now" or "yes I think so" at 10 dB SNR), and only the words' own
    posteriors show how little the sounds chose it. With the model's `language`, words that
    the intent's own sentences don't say (speech that isn't for the skill) are never it."""
    if not heard.text.strip():
        return False
    if language is not None and not language.fits(heard.text, intent):
        return False
    words = heard.confidence
    meaning = (
        words if reaches is None else heard.confidence_in(lambda other: reaches(other) == intent)
    )
    confidence = math.sqrt(words * meaning) if intent == NO_INTENT else meaning
    if confidence < MIN_CONFIDENCE:
        return False
    needed = _MIN_ANSWER_CONFIDENCE.get(intent)
    return needed is None or confidence * match_confidence >= needed
