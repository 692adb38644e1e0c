"""The conversation's memory between turns, as it travels in Alexa session attributes."""

from typing import Any, NamedTuple

from backpain.content_types import CHECK, Content
from backpain.warning_sign_check import CheckState


# A NamedTuple without `from __future__ import annotations`, as in backpain/content.py: cheaper to
# create at every cold start than a frozen dataclass.
class DialogState(NamedTuple):
    """Everything the skill remembers; nothing the user said is kept except the check's place."""

    offer: str | None = None
    """What a "yes" means now: a topic id or CHECK, after "Would you like to hear ...?"."""
    last: str | None = None
    """The key of the last reply, so "repeat" can say it again."""
    check: CheckState | None = None
    """Set while the warning-sign check is open."""
    check_lost: bool = False
    """The attributes said a check was open, but its state was missing or tampered with."""
    topic: str | None = None
    """The topic last given, so "tell me more" knows what more means."""
    choices: str | None = None
    """The list last spoken (a topic with parts, or a content list), for "the second one"."""

    @property
    def in_check(self) -> bool:
        return self.check is not None or self.check_lost

    def to_attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = {}
        if self.offer:
            attributes["offer"] = self.offer
        if self.last:
            attributes["last"] = self.last
        if self.check is not None:
            attributes["check"] = self.check.to_attributes()
        if self.topic:
            attributes["topic"] = self.topic
        if self.choices:
            attributes["choices"] = self.choices
        return attributes

    def keeping_context(self, last: str, offer: str | None = None) -> "DialogState":
        """The state after a reply that is not about a topic: a follow-up still finds its topic
        and its list."""
        return DialogState(offer=offer, last=last, topic=self.topic, choices=self.choices)

    @classmethod
    def from_attributes(cls, raw: Any, content: Content) -> "DialogState":
        """Read what the last response saved; anything unusable is dropped, never trusted."""
        if not isinstance(raw, dict):
            return cls()
        offer = raw.get("offer")
        if not (offer == CHECK or (isinstance(offer, str) and offer in content.topics)):
            offer = None
        last = raw.get("last") if isinstance(raw.get("last"), str) else None
        topic = raw.get("topic")
        if not (isinstance(topic, str) and topic in content.topics):
            topic = None
        choices = raw.get("choices")
        if not (isinstance(choices, str) and content.choices(choices)):
            choices = None
        if "check" not in raw:
            return cls(offer=offer, last=last, topic=topic, choices=choices)
        check = CheckState.from_attributes(raw["check"], len(content.checklist.questions))
        return cls(last=last, check=check, check_lost=check is None)
