"""Spoken input for the device: audio in, the words heard (with a confidence) out."""

from skill.device.hearing.audio import pcm_from_wav
from skill.device.hearing.engines import recogniser_for
from skill.device.hearing.heard import SAMPLE_RATE, Heard, HearingUnavailable, Recogniser

__all__ = [
    "SAMPLE_RATE",
    "Heard",
    "HearingUnavailable",
    "Recogniser",
    "pcm_from_wav",
    "recogniser_for",
]
