"""When the device believes what the recogniser heard: below these confidences an utterance is
sent as AMAZON.FallbackIntent, as Alexa does when it can't make out what was said."""

from __future__ import annotations

from echo_sim.hearing.heard import Heard

FALLBACK_INTENT = "AMAZON.FallbackIntent"
MIN_CONFIDENCE = 0.2
"""Below this, nothing heard is trusted: the words were forced onto noise or a mumble."""
NO_INTENT = "AMAZON.NoIntent"
YES_INTENT = "AMAZON.YesIntent"
MIN_NO_CONFIDENCE = 0.5
"""A no moves a skill's questions on (in a checklist a wrong no is dangerous) on the strength
of a word or two, so it needs clear audio and words that are clearly a no: the recogniser's
confidence times the matcher's must reach this. (Reversed speech heard as "never killing" is
a fair recogniser guess and a fair matcher guess at "no", but not both.)"""
MIN_YES_CONFIDENCE = 0.35
"""A yes needs clearer audio than a longer request too, but less than a no: a wrongly believed
yes takes a question's careful branch, which the user hears and can correct, while a wrongly
believed no passes over what the question was asking. Measured on the spoken set, this keeps
noise and mumbles from being heard as a yes and believes "yes it does" heard at 0.37."""
_MIN_ANSWER_CONFIDENCE = {NO_INTENT: MIN_NO_CONFIDENCE, YES_INTENT: MIN_YES_CONFIDENCE}


def believed(heard: Heard, intent: str, match_confidence: float = 1.0) -> bool:
    """True when the device may send `intent`, matched from `heard.text` with
    `match_confidence`, as what was said."""
    if not heard.text.strip() or heard.confidence < MIN_CONFIDENCE:
        return False
    needed = _MIN_ANSWER_CONFIDENCE.get(intent)
    return needed is None or heard.confidence * match_confidence >= needed
