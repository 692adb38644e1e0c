"""Spoken input for the device: audio in, the words heard (with a confidence) out."""

from echo_sim.hearing.audio import pcm_from_wav
from echo_sim.hearing.engines import recogniser_for
from echo_sim.hearing.heard import (
    SAMPLE_RATE,
    Alternative,
    Heard,
    HearingUnavailable,
    Recogniser,
)

__all__ = [
    "SAMPLE_RATE",
    "Alternative",
    "Heard",
    "HearingUnavailable",
    "Recogniser",
    "pcm_from_wav",
    "recogniser_for",
]
