"""Spoken input for the console: the device's offline recogniser, where it is installed."""

from __future__ import annotations

from pathlib import Path

from echo_sim.errors import ConsoleError
from echo_sim.hearing import (
    Heard,
    HearingUnavailable,
    Recogniser,
    SpeechSegmenter,
    pcm_from_wav,
    recogniser_for,
)

MAX_SECONDS = 30
"""Longer recordings are refused: nobody answers a yes/no question for half a minute."""


class Hearing:
    """Turns a wav from the page's microphone into what the device heard, or says why it can't."""

    def __init__(self, recogniser: Recogniser | None, reason: str | None) -> None:
        self._recogniser = recogniser
        self.reason = reason
        """Why there is no spoken input (shown next to the disabled talk button), or None."""

    @property
    def available(self) -> bool:
        return self._recogniser is not None

    @classmethod
    def unavailable(cls, reason: str) -> Hearing:
        return cls(None, reason)

    @classmethod
    def for_model(cls, model_path: Path) -> Hearing:
        """The recogniser for this interaction model. Without the speech recognition package
        the console still works, typed and touched: hearing says so as HearingUnavailable."""
        try:
            recogniser = recogniser_for(model_path)
        except (HearingUnavailable, OSError, ValueError) as error:
            return cls.unavailable(f"spoken input is unavailable: {error}")
        return cls(recogniser, None)

    def recognise(self, wav_bytes: bytes) -> Heard:
        """What the recogniser heard in a wav recording."""
        pcm = self.pcm(wav_bytes)
        if len(pcm) > MAX_SECONDS * 16000 * 2:
            raise ConsoleError(f"the recording is longer than {MAX_SECONDS} seconds")
        return self.recognise_pcm(pcm)

    def pcm(self, wav_bytes: bytes) -> bytes:
        """A wav from the page as the recogniser's 16 kHz mono 16-bit samples."""
        self._working()
        if not wav_bytes:
            raise ConsoleError("the recording is empty: nothing was sent from the microphone")
        try:
            return bytes(pcm_from_wav(wav_bytes))
        except ValueError as error:
            raise ConsoleError(f"the recording is not a usable wav: {error}") from error

    def recognise_pcm(self, pcm: bytes) -> Heard:
        recogniser = self._working()
        try:
            return recogniser.recognise(pcm)
        except HearingUnavailable as error:
            raise ConsoleError(f"spoken input failed: {error}") from error

    def segmenter(self) -> SpeechSegmenter:
        """The device's endpointer for a live stream."""
        self._working()
        try:
            return SpeechSegmenter()
        except HearingUnavailable as error:
            raise ConsoleError(f"hands-free talk is unavailable: {error}") from error

    def _working(self) -> Recogniser:
        if self._recogniser is None:
            raise ConsoleError(self.reason or "spoken input is unavailable")
        return self._recogniser
