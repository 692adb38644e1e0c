"""When the device believes what the recogniser heard: below these confidences an utterance is
sent as AMAZON.FallbackIntent, as Alexa does when it can't make out what was said."""

from __future__ import annotations

from skill.device.hearing.heard import Heard

FALLBACK_INTENT = "AMAZON.FallbackIntent"
MIN_CONFIDENCE = 0.3
"""Below this, nothing heard is trusted: the words were forced onto noise or a mumble."""
ANSWER_INTENTS = frozenset({"AMAZON.YesIntent", "AMAZON.NoIntent"})
MIN_ANSWER_CONFIDENCE = 0.5
"""A yes or a no moves a skill's questions on (in a checklist a wrong no is dangerous) on the
strength of one short word, so it needs clearer audio than a longer request."""


def believed(heard: Heard, intent: str) -> bool:
    """True when the device may send `intent`, matched from `heard.text`, as what was said."""
    if not heard.text.strip() or heard.confidence < MIN_CONFIDENCE:
        return False
    return intent not in ANSWER_INTENTS or heard.confidence >= MIN_ANSWER_CONFIDENCE
