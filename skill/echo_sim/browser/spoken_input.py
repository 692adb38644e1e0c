"""Spoken input for the console: the device's offline recogniser, where it is installed."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from echo_sim.browser.errors import ConsoleError

MAX_SECONDS = 30
"""Longer recordings are refused: nobody answers a yes/no question for half a minute."""


class Hearing:
    """Turns a wav from the page's microphone into what the device heard, or says why it can't."""

    def __init__(self, module: Any | None, recogniser: Any | None, reason: str | None) -> None:
        self._module = module
        self._recogniser = recogniser
        self.reason = reason
        """Why there is no spoken input (shown next to the disabled talk button), or None."""

    @property
    def available(self) -> bool:
        return self._recogniser is not None

    @classmethod
    def unavailable(cls, reason: str) -> Hearing:
        return cls(None, None, reason)

    @classmethod
    def for_model(cls, model_path: Path) -> Hearing:
        """The recogniser for this interaction model, imported only now: without the speech
        recognition package the console still works, typed and touched."""
        try:
            module = importlib.import_module("echo_sim.hearing")
        except ImportError as error:
            return cls.unavailable(
                f"spoken input is not installed here ({error}); type or touch instead"
            )
        try:
            recogniser = module.recogniser_for(model_path)
        except (module.HearingUnavailable, OSError, ValueError) as error:
            return cls.unavailable(f"spoken input is unavailable: {error}")
        return cls(module, recogniser, None)

    def recognise(self, wav_bytes: bytes) -> Any:
        """What the recogniser heard in a wav recording (a `echo_sim.hearing.Heard`)."""
        pcm = self.pcm(wav_bytes)
        if len(pcm) > MAX_SECONDS * 16000 * 2:
            raise ConsoleError(f"the recording is longer than {MAX_SECONDS} seconds")
        return self.recognise_pcm(pcm)

    def pcm(self, wav_bytes: bytes) -> bytes:
        """A wav from the page as the recogniser's 16 kHz mono 16-bit samples."""
        module = self._working()
        if not wav_bytes:
            raise ConsoleError("the recording is empty: nothing was sent from the microphone")
        try:
            return bytes(module.pcm_from_wav(wav_bytes))
        except ValueError as error:
            raise ConsoleError(f"the recording is not a usable wav: {error}") from error

    def recognise_pcm(self, pcm: bytes) -> Any:
        module = self._working()
        try:
            return self._recogniser.recognise(pcm)  # type: ignore[union-attr]
        except module.HearingUnavailable as error:
            raise ConsoleError(f"spoken input failed: {error}") from error

    def segmenter(self) -> Any:
        """The device's endpointer for a live stream (`echo_sim.hearing.listening`)."""
        module = self._working()
        listening = importlib.import_module("echo_sim.hearing.listening")
        try:
            return listening.SpeechSegmenter()
        except module.HearingUnavailable as error:
            raise ConsoleError(f"hands-free talk is unavailable: {error}") from error

    def _working(self) -> Any:
        if self._module is None or self._recogniser is None:
            raise ConsoleError(self.reason or "spoken input is unavailable")
        return self._module
