"""Cuts a live stream of audio into utterances where speech ends (pocketsphinx's endpointer),
keeping a little audio either side so the first and last sounds aren't clipped."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Protocol

from echo_sim.hearing.heard import SAMPLE_RATE, HearingUnavailable

KEEP_S = 0.3
"""Audio kept before speech starts and after it ends: without it "stop" loses its "s"."""
WINDOW_S = 0.2
"""The endpointer decides over this much audio: speech ends after about this much quiet
(plus the detector's own hangover). A shorter window answers sooner but cuts at pauses."""
STRICT_VAD = 3
"""pocketsphinx's voice activity detector at its strictest (WebRTC's mode 3; 0, the loosest, is
its default). Looser modes take people talking 20 dB under the user for speech, so the
utterance never ended: of 37 answers with talk around them, 9 ended at the loosest, all 37 at
the strictest. In a quiet room it also finds the end sooner (392 -> 261 ms p50) and clips
nothing the KEEP_S either side doesn't restore."""
MAX_UTTERANCE_S = 12.0
"""Past this an utterance is cut anyway (a fan or a radio can keep the detector in speech)."""


class SpeechSink(Protocol):
    """Takes speech as it is heard (a recogniser that decodes while the user speaks)."""

    def begin(self, pcm: bytes) -> None: ...

    def more(self, pcm: bytes) -> None: ...


class SpeechSegmenter:
    """Feed it audio as it comes; it returns each utterance once its speech has ended, and
    hands a `sink` the speech as it goes."""

    def __init__(
        self,
        *,
        window: float = WINDOW_S,
        ratio: float = 0.9,
        vad_mode: int = STRICT_VAD,
        keep_s: float = KEEP_S,
        sink: SpeechSink | None = None,
    ) -> None:
        try:
            from pocketsphinx import Endpointer
        except ImportError as error:
            raise HearingUnavailable(
                "listening needs pocketsphinx (run scripts/install)"
            ) from error
        self._new_endpointer = lambda: Endpointer(
            window=window, ratio=ratio, vad_mode=vad_mode, sample_rate=SAMPLE_RATE
        )
        self._frames = 0
        """Frames fed since the start of the stream."""
        self._restart()
        self.frame_bytes: int = self._endpointer.frame_bytes
        self.frame_s: float = self._endpointer.frame_length
        self._keep_frames = round(keep_s / self.frame_s)
        self._recent: deque[tuple[int, bytes]] = deque(
            maxlen=round((MAX_UTTERANCE_S + 2 * keep_s + window) / self.frame_s)
        )
        self._partial = b""
        self._speech_from: int | None = None
        self._sink = sink

    def _restart(self) -> None:
        self._endpointer = self._new_endpointer()
        # The endpointer's times count from its own start, not from the stream's.
        self._origin = self._frames

    @property
    def in_speech(self) -> bool:
        return self._speech_from is not None

    def feed(self, pcm: bytes) -> list[bytes]:
        """Audio of any length in; the utterances that ended within it out."""
        data = self._partial + pcm
        whole = len(data) - len(data) % self.frame_bytes
        self._partial = data[whole:]
        ended = []
        for start in range(0, whole, self.frame_bytes):
            utterance = self._frame(data[start : start + self.frame_bytes])
            if utterance is not None:
                ended.append(utterance)
        return ended

    def reset(self) -> None:
        """Forget what was heard so far (the device was talking: its own voice isn't input)."""
        self._restart()
        self._recent.clear()
        self._partial = b""
        self._speech_from = None

    def _frame(self, frame: bytes) -> bytes | None:
        index = self._frames
        self._frames += 1
        self._recent.append((index, frame))
        self._endpointer.process(frame)
        if self._speech_from is None:
            if self._endpointer.in_speech:
                self._speech_from = self._frame_at(self._endpointer.speech_start)
                if self._sink is not None:
                    first = self._speech_from - self._keep_frames
                    self._sink.begin(b"".join(piece for at, piece in self._recent if at >= first))
            return None
        if self._sink is not None:
            self._sink.more(frame)
        if not self._endpointer.in_speech:
            return self._cut(self._frame_at(self._endpointer.speech_end))
        if index - self._speech_from > MAX_UTTERANCE_S / self.frame_s:
            self._restart()
            return self._cut(index)
        return None

    def end(self) -> bytes | None:
        """The stream is over: the utterance still in progress, if any."""
        if self._speech_from is None:
            return None
        return self._cut(self._frames)

    def _frame_at(self, seconds: float) -> int:
        return self._origin + max(0, int(seconds / self.frame_s))

    def _cut(self, speech_to: int) -> bytes:
        assert self._speech_from is not None
        first = self._speech_from - self._keep_frames
        last = speech_to + self._keep_frames
        self._speech_from = None
        return b"".join(frame for index, frame in self._recent if first <= index <= last)


def utterances(chunks: Iterable[bytes], segmenter: SpeechSegmenter) -> Iterator[bytes]:
    """Each utterance in a stream of audio chunks, as soon as its speech has ended."""
    for chunk in chunks:
        yield from segmenter.feed(chunk)
    last = segmenter.end()
    if last:
        yield last
