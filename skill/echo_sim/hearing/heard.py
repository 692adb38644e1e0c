"""What a recogniser hears, and the interface every speech recognition engine offers."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from echo_sim.errors import DeviceError

SAMPLE_RATE = 16_000
"""Recognisers take 16 kHz mono signed 16-bit little-endian PCM, no header."""


@dataclass(frozen=True)
class Alternative:
    """One of the recogniser's n-best word sequences for an utterance."""

    text: str
    share: float
    """Its share of the probability of all the alternatives heard, 0 to 1."""


@dataclass(frozen=True)
class Heard:
    """The words a recogniser heard in one utterance."""

    text: str
    """Lower-case words, "" when nothing was heard."""
    confidence: float
    """How sure the recogniser is of those words, 0 to 1 (0 when nothing was heard)."""
    alternatives: tuple[Alternative, ...] = ()
    """The n-best word sequences the audio could also have been, best first, their shares
    summing to 1; empty when the engine gives none."""
    fit: float = 1.0
    """How well the sounds fit the words heard, 0 to 1, whatever else they could have been
    (used with `alternatives`)."""

    def confidence_in(self, same_meaning: Callable[[str], bool]) -> float:
        """How sure the recogniser is that the user said something that means what `text`
        means, as `same_meaning` tells: the geometric mean of the sounds' fit and the share of
        the alternatives that mean the same. Wording that doesn't change the meaning is then
        no doubt: "no it doesn't" against "no it does not" or "no I haven't" leaves the no
        certain, where the words' own confidence sinks with every unsure little word. Without
        alternatives it is `confidence`."""
        if not self.alternatives:
            return self.confidence
        share = sum(alternative.share for alternative in self.alternatives
                    if same_meaning(alternative.text))  # fmt: skip
        return math.sqrt(self.fit * min(1.0, share))


class Recogniser(Protocol):
    """A speech recognition engine: one utterance of audio in, the words heard out."""

    def recognise(self, pcm: bytes) -> Heard: ...


class HearingUnavailable(DeviceError, RuntimeError):
    """The speech recogniser cannot be loaded; the message is one line a user can act on."""
