"""The speech in the foreground of an utterance: where other people talking, well below the
user's voice, are all there is before and after it, that part is cut away before decoding, so
the language model doesn't turn their speech into words at either end of the user's."""

from __future__ import annotations

import numpy as np

from echo_sim.hearing.audio import from_pcm
from echo_sim.hearing.heard import SAMPLE_RATE

FRAME_S = 0.02
"""Loudness is judged over frames this long."""
SPEECH_PERCENTILE = 95
"""The user's voice is as loud as this percentile of the frames: near the loudest, but not one
click or pop."""
BELOW_SPEECH_DB = 12.0
"""Frames at least this far below the user's voice are background. A kitchen's radio or
another talker at 20 dB below the speech peaks about 10 dB below it, the weak sounds at a
word's edge ("s", "f", "p") lie further down, so they are kept by KEEP_AROUND_S instead."""
KEEP_AROUND_S = 0.25
"""Audio kept either side of the foreground, so the first and last sounds of a word that is
quieter than its vowels ("stop", "yes") are not cut off."""
QUIET_BELOW_DB = 30.0
"""Background this far below the voice (all but its loudest tenth) is a quiet room: nothing is
cut, so the decoder gets the same audio as ever."""
QUIET_PERCENTILE = 90
"""Not the loudest frame of the background: the voice's own fading tail in the quiet after it,
or one click, is no talk (by the loudest frame, 13 of hibari's 111 clean utterances were cut,
and a live utterance decoded twice; by the median, a quarter of those with talk at 20 dB were
left whole)."""
STEADY_DB = 2.0
"""Background whose frames' loudness varies less than this (standard deviation, in dB) is
steady noise, a fan or a hiss (about 0.3 dB for white noise, 4 to 30 dB for talk): pocketsphinx
removes that itself, from the lead-in this keeps, and cutting it heard no more right. Left
alone, it also costs the live path no second decoding."""


def foreground_span(pcm: bytes) -> tuple[int, int] | None:
    """The byte range of `pcm` to decode, or None when all of it is (a quiet room, steady
    noise, speech throughout, or too short to tell)."""
    samples = from_pcm(pcm)
    size = int(FRAME_S * SAMPLE_RATE)
    count = len(samples) // size
    if count < 5:
        return None
    power = (samples[: count * size].reshape(count, size) ** 2).mean(axis=1)
    level = 10 * np.log10(power + 1e-12)
    voice = float(np.percentile(level, SPEECH_PERCENTILE))
    loud = np.flatnonzero(level > voice - BELOW_SPEECH_DB)
    keep = round(KEEP_AROUND_S / FRAME_S)
    first, last = max(0, int(loud[0]) - keep), min(count, int(loud[-1]) + 1 + keep)
    cut_away = np.concatenate([level[:first], level[last:]])
    if len(cut_away) == 0 or np.percentile(cut_away, QUIET_PERCENTILE) < voice - QUIET_BELOW_DB:
        return None
    if cut_away.std() < STEADY_DB:
        return None
    end = len(pcm) - len(pcm) % 2 if last == count else last * size * 2
    return first * size * 2, end


def foreground(pcm: bytes) -> bytes:
    """The audio to decode: `pcm` without the background before and after the user's voice."""
    span = foreground_span(pcm)
    return pcm if span is None else pcm[span[0] : span[1]]
