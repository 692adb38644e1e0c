"""Synthetic speakers for testing the recogniser: hibari (a small neural voice), espeak-ng, and
flite (Debian's; its voices are kept out of all tuning, so they show how a new voice fares)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from echo_sim.errors import DeviceError
from echo_sim.hearing.audio import pcm_from_wav, resample, to_pcm
from echo_sim.hearing.heard import SAMPLE_RATE

DEFAULT_SPEAKERS = ("hibari", "espeak-ng")


class SpeakerUnavailable(DeviceError, RuntimeError):
    """A test voice that can't be had on this machine; the message is one line."""


@dataclass(frozen=True)
class Speaker:
    """A test voice: text in, 16 kHz mono 16-bit PCM out."""

    name: str
    say: Callable[[str], bytes]


def speaker(spec: str) -> Speaker:
    """ "hibari" or "hibari:VOICE"; "espeak-ng" or "espeak-ng:VOICE" (default en-gb)."""
    engine, _, voice = spec.partition(":")
    if engine == "hibari":
        return Speaker(spec, _hibari(voice or "heart"))
    if engine in ("espeak-ng", "espeak"):
        return Speaker(spec, _espeak(voice or "en-gb"))
    if engine == "flite":
        return Speaker(spec, _flite(voice or "slt"))
    raise SpeakerUnavailable(
        f"unknown test voice {spec!r} (try hibari, hibari:VOICE, espeak-ng:VOICE, flite:VOICE)"
    )


@cache
def _hibari_engine(voice: str) -> Any:
    try:
        from hibari import Hibari
        from hibari.voices import VOICES, voice_path
    except ImportError as error:
        raise SpeakerUnavailable("hibari-tts is not installed (run scripts/install)") from error
    if voice not in VOICES:
        raise SpeakerUnavailable(f"hibari has no voice {voice!r}; it has {', '.join(VOICES)}")
    try:
        path = voice_path(voice, download_missing=False)
    except FileNotFoundError as error:
        # Only the default voice is inside the wheel; the others are a download we don't make.
        raise SpeakerUnavailable(
            f"hibari voice {voice!r} is not on this machine "
            "(only 'heart' comes in the package; the others are a download)"
        ) from error
    return Hibari(voice=voice, model=path)


def _hibari(voice: str) -> Callable[[str], bytes]:
    engine = _hibari_engine(voice)

    def say(text: str) -> bytes:
        audio = engine(text, seed=0)  # the same text gives the same audio, run after run
        return to_pcm(resample(audio.astype("float64"), engine.sample_rate, SAMPLE_RATE))

    return say


def _espeak(voice: str) -> Callable[[str], bytes]:
    program = shutil.which("espeak-ng") or shutil.which("espeak")
    if program is None:
        raise SpeakerUnavailable("espeak-ng is not installed")
    check = subprocess.run([program, "-v", voice, "-q", "x"], capture_output=True, text=True,
                           check=False)  # fmt: skip
    if check.returncode != 0 or check.stderr.strip():
        raise SpeakerUnavailable(f"espeak-ng has no voice {voice!r}")

    def say(text: str) -> bytes:
        result = subprocess.run(
            [program, "-v", voice, "--stdout", text], capture_output=True, check=True, timeout=30
        )
        return pcm_from_wav(result.stdout)

    return say


def _flite(voice: str) -> Callable[[str], bytes]:
    program = shutil.which("flite")
    if program is None:
        raise SpeakerUnavailable(
            "flite is not installed (scripts/install adds it where apt is allowed)"
        )
    listed = subprocess.run([program, "-lv"], capture_output=True, text=True, check=False)
    if voice not in listed.stdout.split():
        raise SpeakerUnavailable(f"flite has no voice {voice!r}")

    def say(text: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="flite-") as folder:
            out = Path(folder) / "said.wav"
            subprocess.run([program, "-voice", voice, "-t", text, "-o", str(out)],
                           capture_output=True, check=True, timeout=30)  # fmt: skip
            return pcm_from_wav(out.read_bytes())

    return say
