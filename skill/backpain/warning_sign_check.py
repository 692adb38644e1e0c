"""The warning-sign check as a small state machine: an answer in, the next step out."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Answer(enum.Enum):
    """What an answer means to the check. Only NO moves it on; nothing else is ever a no."""

    YES = "yes"
    """A yes, or an answer that describes the sign (in any words, "no, I can't pee" included)."""
    NO = "no"
    UNSURE = "unsure"
    """A hedge ("a bit", "sometimes") or an unsure answer ("I'm not sure", "dunno")."""
    UNCLEAR = "unclear"
    """Something that is neither yes nor no (Alexa's FallbackIntent)."""


@dataclass(frozen=True)
class CheckState:
    """Where the check is; small plain values so it fits in Alexa session attributes."""

    index: int
    """The question being asked, from 0 (a sign may have more than one question)."""
    reasked: bool = False
    """True once the current question has been asked again after an unsure or unclear answer."""

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
    """Stop: the user said yes to (or could not clearly say no to) the question at `index`."""

    index: int
    unclear: bool
    """True when the answer was never a clear yes: a possible yes, never taken as a no."""


@dataclass(frozen=True)
class AllClear:
    """A clear no to every sign."""


Step = AskQuestion | Urgent | AllClear


@dataclass(frozen=True)
class Checklist:
    """The rules of the check, independent of Alexa.

    Only a clear no moves the check on. A yes or a described sign stops it at once with the
    urgent advice. An unsure, hedged or unclear answer is asked once more; a second one is a
    possible yes, which gets the same advice. It is never a no.
    """

    size: int
    """The number of questions."""

    def start(self) -> AskQuestion:
        return AskQuestion(CheckState(index=0))

    def answer(self, state: CheckState, answer: Answer) -> Step:
        if answer is Answer.YES:
            return Urgent(index=state.index, unclear=False)
        if answer is not Answer.NO:
            if state.reasked:
                return Urgent(index=state.index, unclear=True)
            return AskQuestion(CheckState(index=state.index, reasked=True))
        following = state.index + 1
        if following >= self.size:
            return AllClear()
        return AskQuestion(CheckState(index=following))

    def go_back(self, state: CheckState) -> AskQuestion:
        """"Go back": the question before this one (the first stays the first)."""
        return AskQuestion(CheckState(index=max(state.index - 1, 0)))

    def meant_yes(self, state: CheckState) -> Urgent:
        """"I meant yes": a yes to the question the last answer was about.

        That is the one before, unless the last answer was an unclear one to this question (it
        was asked again) or this is the first question.
        """
        answered = state.index if state.reasked or state.index == 0 else state.index - 1
        return Urgent(index=answered, unclear=False)
