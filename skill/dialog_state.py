"""The conversation's memory between turns, as it travels in Alexa session attributes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from skill.checklist import CheckState
from skill.content import CHECK, Content


@dataclass(frozen=True)
class DialogState:
    """Everything the skill remembers; nothing the user said is kept except the check's place."""

    offer: str | None = None
    """What a "yes" means now: a topic id or CHECK, after "Would you like to hear ...?"."""
    last: str | None = None
    """The key of the last reply, so "repeat" can say it again."""
    check: CheckState | None = None
    """Set while the warning-sign check is open."""
    check_lost: bool = False
    """The attributes said a check was open, but its state was missing or tampered with."""

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
        return attributes

    @classmethod
    def from_attributes(cls, raw: Any, content: Content) -> DialogState:
        """Read what the last response saved; anything unusable is dropped, never trusted."""
        if not isinstance(raw, dict):
            return cls()
        offer = raw.get("offer")
        if not (offer == CHECK or (isinstance(offer, str) and offer in content.topics)):
            offer = None
        last = raw.get("last") if isinstance(raw.get("last"), str) else None
        if "check" not in raw:
            return cls(offer=offer, last=last)
        check = CheckState.from_attributes(raw["check"], len(content.checklist.questions))
        return cls(last=last, check=check, check_lost=check is None)
