"""Talk around the user's voice: other people speaking well below it, before and after the
answer, is cut away before decoding, in whole utterances and on the live path; clean speech
and steady noise reach the decoder as they are."""

from __future__ import annotations

import numpy as np
import pytest

from alexa_model.builtins import NO_INTENT, STOP_INTENT, YES_INTENT
from echo_sim.device.skill_and_model import load_matcher
from echo_sim.hearing import Recogniser
from echo_sim.hearing.audio import silence, with_noise
from echo_sim.hearing.conditions import babble
from echo_sim.hearing.foreground import foreground, foreground_span
from echo_sim.hearing.listen_trial import sent_intent
from echo_sim.hearing.listening import SpeechSegmenter
from echo_sim.hearing.speakers import Speaker
from tests.echo_sim.hearing.conftest import EN_GB_MODEL, spoken

TALK = (
    "what causes back pain", "how can I prevent back pain", "tell me about sciatica",
    "when should I see a doctor", "what can I do to ease the pain", "is it serious",
)  # fmt: skip
"""What the other people in the room say (the same voice: the hardest case, as in listen-test's
babble)."""
ANSWERS = (("no thank you", NO_INTENT), ("yes I think so", YES_INTENT), ("stop", STOP_INTENT))


@pytest.fixture(scope="module")
def talk(hibari: Speaker) -> list[bytes]:
    return [hibari.say(text) for text in TALK]


@pytest.mark.parametrize(("text", "intent"), ANSWERS)
def test_an_answer_with_people_talking_at_20_db_is_heard_as_its_intent(
    text: str, intent: str, hibari: Speaker, talk: list[bytes], recogniser: Recogniser
) -> None:
    pcm = babble(spoken(hibari, text), talk, 20.0, np.random.default_rng(1))
    span = foreground_span(pcm)
    assert span is not None
    assert span[1] - span[0] < len(pcm)
    heard = recogniser.recognise(pcm)
    assert sent_intent(heard, load_matcher(EN_GB_MODEL)) == intent, heard


def test_clean_speech_reaches_the_decoder_as_it_is(hibari: Speaker) -> None:
    """Also with the long quiet the live path keeps after it, where the voice's fading tail
    is louder than the silence but no talk."""
    for text in ("no", "what causes back pain", "yes I think so", "stop", "I'm done now"):
        pcm = spoken(hibari, text)
        assert foreground(pcm) == pcm
        live = silence(0.5) + hibari.say(text) + silence(1.5)
        assert foreground(live) == live
        quiet_room = with_noise(pcm, 40.0, np.random.default_rng(2))
        assert foreground(quiet_room) == quiet_room


def test_steady_noise_is_left_to_the_decoders_own_noise_removal(hibari: Speaker) -> None:
    for snr in (20.0, 10.0):
        pcm = with_noise(spoken(hibari, "no thank you"), snr, np.random.default_rng(3))
        assert foreground(pcm) == pcm


def test_too_little_audio_to_judge_is_left_as_it_is() -> None:
    assert foreground(silence(0.05)) == silence(0.05)
    assert foreground(b"") == b""


def test_the_live_path_hears_the_answer_through_the_talk(
    hibari: Speaker, talk: list[bytes], recogniser: Recogniser
) -> None:
    """Decoded while spoken, the talk around the answer is in the words; when speech ends the
    device decodes the foreground again, and hears what a whole utterance would."""
    rng = np.random.default_rng(4)
    stream = silence(0.6) + babble(spoken(hibari, "no thank you"), talk, 20.0, rng) + silence(1.0)
    live = recogniser.live()  # type: ignore[attr-defined]
    segmenter = SpeechSegmenter(sink=live)
    heard = []
    for offset in range(0, len(stream), 960):
        for _ in segmenter.feed(stream[offset : offset + 960]):
            heard.append(live.finish())
    if segmenter.end() is not None:
        heard.append(live.finish())
    matcher = load_matcher(EN_GB_MODEL)
    assert [sent_intent(h, matcher) for h in heard] == [NO_INTENT], heard
