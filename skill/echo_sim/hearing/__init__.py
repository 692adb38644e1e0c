"""Spoken input for the device: audio in, the words heard (with a confidence) out; whether to
believe them; and the listening trial behind `listen-test`.

pocketsphinx, sounddevice and the test voices are imported only when a recogniser, a microphone
or a voice is made, so this package imports without them and says clearly what is missing."""

from echo_sim.hearing.audio import from_pcm, pcm_from_wav, silence, wav_bytes
from echo_sim.hearing.conditions import conditions
from echo_sim.hearing.engines import pack_notice, recogniser_for
from echo_sim.hearing.heard import (
    SAMPLE_RATE,
    Alternative,
    Heard,
    HearingUnavailable,
    Recogniser,
)
from echo_sim.hearing.listen_trial import (
    HELD_OUT,
    PAD_S,
    TABLE_HEAD,
    Outcome,
    Utterance,
    hear_all,
    listen,
    read_fixtures,
    report,
    table_row,
)
from echo_sim.hearing.listening import SpeechSegmenter, utterances
from echo_sim.hearing.microphone import Microphone, WavMicrophone
from echo_sim.hearing.placing import language_of
from echo_sim.hearing.speakers import DEFAULT_SPEAKERS, Speaker, SpeakerUnavailable, speaker
from echo_sim.hearing.trust import believed

__all__ = [
    "DEFAULT_SPEAKERS",
    "HELD_OUT",
    "PAD_S",
    "SAMPLE_RATE",
    "TABLE_HEAD",
    "Alternative",
    "Heard",
    "HearingUnavailable",
    "Microphone",
    "Outcome",
    "Recogniser",
    "Speaker",
    "SpeakerUnavailable",
    "SpeechSegmenter",
    "Utterance",
    "WavMicrophone",
    "believed",
    "conditions",
    "from_pcm",
    "hear_all",
    "language_of",
    "listen",
    "pack_notice",
    "pcm_from_wav",
    "read_fixtures",
    "recogniser_for",
    "report",
    "silence",
    "speaker",
    "table_row",
    "utterances",
    "wav_bytes",
]
