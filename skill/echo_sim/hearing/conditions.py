"""The listening conditions listen-test measures: clean audio, white noise and babble (other
speech: the same voice saying other sentences, four at once) at a signal-to-noise ratio, and a
telephone's band (8 kHz), each made from the clean utterance with a seeded generator."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from echo_sim.hearing.audio import from_pcm, resample, to_pcm, with_noise
from echo_sim.hearing.heard import SAMPLE_RATE

TALKERS = 4
"""Voices in the babble: few enough that words stand out, as in a kitchen with a radio on."""
PHONE_RATE = 8_000


@dataclass(frozen=True)
class Condition:
    """A way the audio reaches the microphone."""

    name: str
    apply: Callable[[bytes, np.random.Generator], bytes]


def _speech_power(samples: np.ndarray) -> float:
    loud = samples[np.abs(samples) > 0.01]
    return float(np.mean(loud**2)) if len(loud) else 1e-6


def babble(pcm: bytes, others: Sequence[bytes], snr_db: float, rng: np.random.Generator) -> bytes:
    """Speech with TALKERS of `others` talking over it at `snr_db` (over the speech itself)."""
    speech = from_pcm(pcm)
    crowd = np.zeros(len(speech))
    for _ in range(TALKERS):
        stream: list[np.ndarray] = []
        while sum(map(len, stream)) < len(speech) + SAMPLE_RATE:
            stream.append(from_pcm(others[int(rng.integers(len(others)))]))
        talker = np.concatenate(stream)
        start = int(rng.integers(SAMPLE_RATE))
        crowd += talker[start : start + len(speech)]
    scale = np.sqrt(_speech_power(speech) / 10 ** (snr_db / 10) / max(_speech_power(crowd), 1e-9))
    return to_pcm(speech + scale * crowd)


def phone_band(pcm: bytes) -> bytes:
    """The audio as a phone carries it: down to 8 kHz and back, so nothing above 4 kHz."""
    samples = from_pcm(pcm)
    return to_pcm(resample(resample(samples, SAMPLE_RATE, PHONE_RATE), PHONE_RATE, SAMPLE_RATE))


def conditions(others: Sequence[bytes]) -> tuple[Condition, ...]:
    """The standard set; `others` is clean speech of the same voice for the babble."""
    return (
        Condition("clean", lambda pcm, rng: pcm),
        Condition("white 20 dB", lambda pcm, rng: with_noise(pcm, 20.0, rng)),
        Condition("white 10 dB", lambda pcm, rng: with_noise(pcm, 10.0, rng)),
        Condition("babble 20 dB", lambda pcm, rng: babble(pcm, others, 20.0, rng)),
        Condition("babble 10 dB", lambda pcm, rng: babble(pcm, others, 10.0, rng)),
        Condition("phone band", lambda pcm, rng: phone_band(pcm)),
    )
