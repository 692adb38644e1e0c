"""When the device believes what the recogniser heard: below these confidences an utterance is
sent as AMAZON.FallbackIntent, as Alexa does when it can't make out what was said."""

from __future__ import annotations

from echo_sim.hearing.heard import Heard

FALLBACK_INTENT = "AMAZON.FallbackIntent"
MIN_CONFIDENCE = 0.2
"""Below this, nothing heard is trusted: the words were forced onto noise or a mumble."""
ANSWER_INTENTS = frozenset({"AMAZON.YesIntent", "AMAZON.NoIntent"})
MIN_ANSWER_CONFIDENCE = 0.5
"""A yes or a no moves a skill's questions on (in a checklist a wrong no is dangerous) on the
strength of a word or two, so it needs clearer audio than a longer request, and words that
are clearly an answer: the recogniser's confidence times the matcher's must reach this.
(Reversed speech heard as "never killing" is a fair recogniser guess and a fair matcher
guess at "no", but not both.)"""


def believed(heard: Heard, intent: str, match_confidence: float = 1.0) -> bool:
    """True when the device may send `intent`, matched from `heard.text` with
    `match_confidence`, as what was said."""
    if not heard.text.strip() or heard.confidence < MIN_CONFIDENCE:
        return False
    if intent not in ANSWER_INTENTS:
        return True
    return heard.confidence * match_confidence >= MIN_ANSWER_CONFIDENCE
