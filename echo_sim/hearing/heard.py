"""What a recogniser hears, and the interface every speech recognition engine offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

SAMPLE_RATE = 16_000
"""Recognisers take 16 kHz mono signed 16-bit little-endian PCM, no header."""


@dataclass(frozen=True)
class Heard:
    """The words a recogniser heard in one utterance."""

    text: str
    """Lower-case words, "" when nothing was heard."""
    confidence: float
    """How sure the recogniser is of those words, 0 to 1 (0 when nothing was heard)."""


class Recogniser(Protocol):
    """A speech recognition engine: one utterance of audio in, the words heard out."""

    def recognise(self, pcm: bytes) -> Heard: ...


class HearingUnavailable(RuntimeError):
    """The speech recogniser cannot be loaded; the message is one line a user can act on."""
