"""Audio sources for listening: the computer's microphone, or a wav file played as one."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from echo_sim.hearing.audio import pcm_from_wav
from echo_sim.hearing.heard import SAMPLE_RATE, HearingUnavailable

CHUNK_S = 0.03


class Microphone:
    """The default input device, 16 kHz mono 16-bit, read in small chunks.

    While `muted()` (the device is talking) what it picks up is thrown away, so the device
    doesn't hear its own replies.
    """

    def __init__(self) -> None:
        try:
            import sounddevice
        except (ImportError, OSError) as error:
            # sounddevice raises OSError when the PortAudio library itself is missing.
            raise HearingUnavailable(
                "no microphone: the sound library PortAudio is not installed "
                "(sudo apt-get install libportaudio2)"
            ) from error
        try:
            device = sounddevice.query_devices(kind="input")
        except Exception as error:  # PortAudio reports "no default input device" as it likes
            raise HearingUnavailable("no microphone found on this computer") from error
        if not device or int(device.get("max_input_channels", 0)) < 1:
            raise HearingUnavailable("no microphone found on this computer")
        self.name = str(device.get("name", "microphone"))
        self._chunks: queue.Queue[bytes] = queue.Queue()
        self._muted = threading.Event()
        try:
            self._stream = sounddevice.RawInputStream(
                samplerate=SAMPLE_RATE, channels=1, dtype="int16",
                blocksize=int(SAMPLE_RATE * CHUNK_S), callback=self._on_audio,
            )  # fmt: skip
            self._stream.start()
        except Exception as error:
            raise HearingUnavailable(f"the microphone could not be opened: {error}") from error

    def _on_audio(self, data: Any, frames: int, when: Any, status: Any) -> None:
        if not self._muted.is_set():
            self._chunks.put(bytes(data))

    @contextlib.contextmanager
    def muted(self) -> Iterator[None]:
        self._muted.set()
        try:
            yield
        finally:
            with contextlib.suppress(queue.Empty):
                while True:
                    self._chunks.get_nowait()
            self._muted.clear()

    def chunks(self) -> Iterator[bytes]:
        while True:
            # A short timeout keeps the loop responsive to Ctrl-C between chunks.
            with contextlib.suppress(queue.Empty):
                yield self._chunks.get(timeout=0.1)

    def close(self) -> None:
        # abort(), not stop(): stop() waits for PortAudio's buffers to drain, which can hang a
        # PulseAudio source on the way out.
        with contextlib.suppress(Exception):
            self._stream.abort()
            self._stream.close()


class WavMicrophone:
    """A wav file standing in for the microphone: the same chunks, as fast as they are read."""

    def __init__(self, path: Path) -> None:
        try:
            self._pcm = pcm_from_wav(path.read_bytes())
        except OSError as error:
            raise HearingUnavailable(f"cannot read {path}: {error.strerror}") from error
        except ValueError as error:
            raise HearingUnavailable(f"{path}: {error}") from error
        self.name = str(path)

    @contextlib.contextmanager
    def muted(self) -> Iterator[None]:
        yield  # a file doesn't hear the reply: the next words are already in it

    def chunks(self) -> Iterator[bytes]:
        size = int(SAMPLE_RATE * CHUNK_S) * 2
        for offset in range(0, len(self._pcm), size):
            yield self._pcm[offset : offset + size]

    def close(self) -> None:
        return None
