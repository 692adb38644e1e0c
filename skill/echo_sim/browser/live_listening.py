"""Hands-free talk: audio streamed from the page, cut where speech ends by the device's own
endpointer (`echo_sim.hearing.listening`), so one press of Talk is a whole turn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

BYTES_PER_SECOND = 16000 * 2
"""The page streams 16 kHz mono 16-bit PCM."""
NO_SPEECH_S = 8.0
"""A stream that hears no speech for this long stops: the user has walked away."""
MAX_STREAM_S = 30.0
"""As for a recording: nobody answers a yes/no question for half a minute."""

Progress = Literal["waiting", "speech", "ended", "nothing"]


@dataclass
class Listened:
    """What one piece of streamed audio did: the stream's state, and the utterance once the
    endpointer found where the speech ended."""

    progress: Progress
    utterance: bytes | None = None


class LiveListening:
    """One stream from the page's microphone; `number` tells a stale stream from the current one."""

    def __init__(self, number: int, segmenter: Any) -> None:
        self.number = number
        self._segmenter = segmenter
        self._bytes = 0
        self._speech_seen = False

    def feed(self, pcm: bytes) -> Listened:
        self._bytes += len(pcm)
        ended = self._segmenter.feed(pcm)
        if ended:
            return Listened("ended", ended[0])
        if self._segmenter.in_speech:
            self._speech_seen = True
        seconds = self._bytes / BYTES_PER_SECOND
        if seconds >= MAX_STREAM_S:
            return self.end()
        if not self._speech_seen and seconds >= NO_SPEECH_S:
            return Listened("nothing")
        return Listened("speech" if self._segmenter.in_speech else "waiting")

    def end(self) -> Listened:
        """The user pressed Stop: the speech so far is the utterance, if there was any."""
        utterance = self._segmenter.end()
        return Listened("ended", utterance) if utterance else Listened("nothing")
