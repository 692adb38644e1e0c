"""The warning-sign check as a small state machine: an answer in, the next step out."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Answer(enum.Enum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"
    """Something that is neither yes nor no (Alexa's FallbackIntent)."""


@dataclass(frozen=True)
class CheckState:
    """Where the check is; small plain values so it fits in Alexa session attributes."""

    index: int
    """The warning sign being asked about, from 0."""
    reasked: bool = False
    """True once the current question has been asked again after an unclear answer."""

    def to_attributes(self) -> dict[str, Any]:
        return {"index": self.index, "reasked": self.reasked}

    @classmethod
    def from_attributes(cls, raw: Any, size: int) -> CheckState | None:
        """The saved state, or None when it is missing, stale or tampered with."""
        if not isinstance(raw, dict):
            return None
        index, reasked = raw.get("index"), raw.get("reasked", False)
        # bool is an int in Python; a tampered `true` index must not become question 1.
        if type(index) is not int or not 0 <= index < size or type(reasked) is not bool:
            return None
        return cls(index=index, reasked=reasked)


@dataclass(frozen=True)
class AskQuestion:
    """Ask the question for `state.index` (again, when `reasked`)."""

    state: CheckState


@dataclass(frozen=True)
class Urgent:
    """Stop: the user said yes to (or could not clearly say no to) the sign at `index`."""

    index: int
    unclear: bool
    """True when the answer was never a clear yes: a possible yes, never taken as a no."""


@dataclass(frozen=True)
class AllClear:
    """A clear no to every sign."""


Step = AskQuestion | Urgent | AllClear


@dataclass(frozen=True)
class Checklist:
    """The rules of the check, independent of Alexa: any yes stops it at once."""

    size: int

    def start(self) -> AskQuestion:
        return AskQuestion(CheckState(index=0))

    def answer(self, state: CheckState, answer: Answer) -> Step:
        if answer is Answer.YES:
            return Urgent(index=state.index, unclear=False)
        if answer is Answer.UNCLEAR:
            if state.reasked:
                return Urgent(index=state.index, unclear=True)
            return AskQuestion(CheckState(index=state.index, reasked=True))
        following = state.index + 1
        if following >= self.size:
            return AllClear()
        return AskQuestion(CheckState(index=following))
