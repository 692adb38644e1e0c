"""Small wav-file helpers: join phrases with real silence, measure length and loudness."""

from __future__ import annotations

import array
import math
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Clip:
    """The samples of one wav file."""

    frames: bytes
    rate: int
    width: int
    """Bytes per sample."""
    channels: int

    @property
    def seconds(self) -> float:
        return len(self.frames) / (self.rate * self.width * self.channels)


def read(path: Path) -> Clip:
    with wave.open(str(path), "rb") as wav:
        return Clip(
            wav.readframes(wav.getnframes()),
            wav.getframerate(),
            wav.getsampwidth(),
            wav.getnchannels(),
        )


def write(path: Path, clip: Clip) -> None:
    # Written to a side file and renamed, so a reader never sees half a wav.
    partial = path.with_name(path.name + ".part")
    with wave.open(str(partial), "wb") as wav:
        wav.setnchannels(clip.channels)
        wav.setsampwidth(clip.width)
        wav.setframerate(clip.rate)
        wav.writeframes(clip.frames)
    partial.replace(path)


def is_complete(path: Path) -> bool:
    """True when `path` is a readable wav whose data is all there (its writer has finished)."""
    try:
        with wave.open(str(path), "rb") as wav:
            expected = wav.getnframes() * wav.getsampwidth() * wav.getnchannels()
            return expected > 0 and len(wav.readframes(wav.getnframes())) == expected
    except (OSError, EOFError, wave.Error):
        return False


def is_empty(path: Path) -> bool:
    """True when `path` is a wav file with no audio in it (a header and nothing else)."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() == 0
    except (OSError, EOFError, wave.Error):
        return False


def silence(ms: int, like: Clip) -> bytes:
    frames = round(like.rate * ms / 1000)
    return b"\x00" * (frames * like.width * like.channels)


def join(parts: Sequence[tuple[Clip, int]]) -> Clip:
    """Clips one after another, each followed by its pause in milliseconds."""
    if not parts:
        raise ValueError("nothing to join")
    first = parts[0][0]
    frames = bytearray()
    for clip, pause_ms in parts:
        if (clip.rate, clip.width, clip.channels) != (first.rate, first.width, first.channels):
            raise ValueError("clips differ in format")
        frames += clip.frames + silence(pause_ms, first)
    return Clip(bytes(frames), first.rate, first.width, first.channels)


def rms(clip: Clip) -> float:
    """Root mean square of 16-bit samples, 0 (silence) to 32768 (full scale)."""
    if clip.width != 2:
        raise ValueError("only 16-bit audio is measured")
    samples = array.array("h")
    samples.frombytes(clip.frames)
    if sys.byteorder == "big":
        samples.byteswap()  # wav data is little-endian
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))
