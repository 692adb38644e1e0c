"""What the reader and Alexa's rules report: a problem at a place in the model, or a fatal error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from alexa_model.errors import AlexaModelError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One broken rule, found at one place in the model."""

    where: str
    """A JSON-ish path to the offending part, e.g. "intents[ReliefIntent].samples[3]"."""
    message: str
    """What is wrong, naming the sample, slot, type or intent concerned."""
    severity: Severity = "error"
    """"error": Alexa refuses to build or certify it; "warning": builds, but is advised against."""


class ModelError(AlexaModelError):
    """The interaction model cannot be used; the message says which file, where and why."""
