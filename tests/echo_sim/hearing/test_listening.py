"""Live listening: the endpointer cuts a stream into utterances, and `chat --listen` runs the
warning-sign check hands-free on a recording fed to it as the microphone."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from alexa_model.builtins import NO_INTENT
from backpain import intents
from backpain.content import content_for
from echo_sim.hearing import Recogniser
from echo_sim.hearing.audio import silence, wav_bytes
from echo_sim.hearing.conditions import babble
from echo_sim.hearing.listening import KEEP_S, SpeechSegmenter, utterances
from echo_sim.hearing.speakers import Speaker
from tests.echo_sim.conftest import backpain
from tests.echo_sim.hearing.conftest import cache_env

ANSWER = "no I haven't"
QUESTIONS = len(content_for("en-GB").checklist.questions)
TALK = ("how can I prevent back pain", "tell me about sciatica", "when should I see a doctor",
        "what can I do to ease the pain", "is it serious", "what exercises help")  # fmt: skip


def _conversation(voice: Speaker, texts: list[str], gap_s: float = 1.0) -> bytes:
    return silence(0.5) + b"".join(voice.say(text) + silence(gap_s) for text in texts)


def test_a_stream_is_cut_into_utterances_with_audio_kept_either_side(
    hibari: Speaker, recogniser: Recogniser
) -> None:
    texts = ["check my symptoms", "stop", "what causes back pain"]
    stream = _conversation(hibari, texts)
    chunks = [stream[offset : offset + 1000] for offset in range(0, len(stream), 1000)]
    found = list(utterances(chunks, SpeechSegmenter()))
    assert len(found) == len(texts)
    for pcm, text in zip(found, texts, strict=True):
        assert len(pcm) >= len(hibari.say(text)) * 0.5
        assert len(pcm) / 32_000 <= len(hibari.say(text)) / 32_000 + 2 * KEEP_S + 0.4
    heard = [recogniser.recognise(pcm).text for pcm in found]
    assert heard[0] == "check my symptoms"
    assert heard[2] == "what causes back pain"


def test_people_talking_under_the_user_do_not_hold_an_utterance_open(hibari: Speaker) -> None:
    """Others talking 20 dB under the user all the time: the loosest voice detector takes the
    whole conversation for one utterance; the device's, the strictest, ends most answers (two
    a second apart may still run together)."""
    texts = ["check my symptoms", "no thank you", "what causes back pain", "stop"]
    talk = [hibari.say(text) for text in TALK]
    stream = babble(_conversation(hibari, texts), talk, 20.0, np.random.default_rng(0))
    chunks = [stream[offset : offset + 960] for offset in range(0, len(stream), 960)]
    loosest = list(utterances(chunks, SpeechSegmenter(vad_mode=0)))
    found = list(utterances(chunks, SpeechSegmenter()))
    assert len(loosest) == 1
    assert len(found) >= 3


def test_speech_still_going_when_the_stream_ends_is_not_lost(hibari: Speaker) -> None:
    segmenter = SpeechSegmenter()
    # Cut within "symptoms" (the voice's last 0.5 s), not in the quiet after it.
    assert segmenter.feed(silence(0.5) + hibari.say("check my symptoms")[:-16_000]) == []
    assert segmenter.end()


def test_the_check_can_be_done_hands_free(
    tmp_path: Path, hibari: Speaker, hearing_cache: Path
) -> None:
    recording = tmp_path / "microphone.wav"
    said = ["check my symptoms"] + [ANSWER] * QUESTIONS
    recording.write_bytes(wav_bytes(_conversation(hibari, said)))
    run = backpain(
        "chat", "--listen", "--audio-in", recording, "--mute", "--json",
        env=cache_env(hearing_cache),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    turns = [json.loads(line) for line in run.stdout.splitlines()]
    assert [turn["intent"] for turn in turns] == (
        ["LaunchRequest", intents.CHECK] + [NO_INTENT] * QUESTIONS
    )
    assert all("heard" in turn and "asr_confidence" in turn for turn in turns[1:])
    assert "heard" not in turns[0]  # the launch was not spoken
    assert turns[-1]["end_session"] is True
    assert "Question" not in turns[-1]["speech"]


def test_words_heard_are_shown_before_the_reply(
    tmp_path: Path, hibari: Speaker, hearing_cache: Path
) -> None:
    recording = tmp_path / "microphone.wav"
    recording.write_bytes(wav_bytes(_conversation(hibari, ["what causes back pain"])))
    run = backpain(
        "chat", "--listen", "--audio-in", recording, "--mute", env=cache_env(hearing_cache)
    )
    assert run.returncode == 0, run.stderr
    heard_at = run.stdout.index("you:    what causes back pain   [heard with confidence")
    assert heard_at < run.stdout.index("(CausesIntent)")


def _has_microphone() -> bool:
    try:
        import sounddevice

        return bool(sounddevice.query_devices(kind="input"))
    except Exception:
        return False


@pytest.mark.skipif(_has_microphone(), reason="this computer has a microphone")
def test_no_microphone_is_one_clear_line() -> None:
    run = backpain("chat", "--listen", "--mute")
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0
    assert "microphone" in run.stderr and "Traceback" not in run.stderr


def test_audio_in_without_listen_is_a_usage_error(tmp_path: Path) -> None:
    run = backpain("chat", "--audio-in", tmp_path / "x.wav", "--mute")
    assert run.returncode == 2
    assert run.stderr.strip() == "backpain chat: --audio-in goes with --listen"


def test_a_bad_recording_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    run = backpain("chat", "--listen", "--audio-in", bad, "--mute")
    assert run.returncode == 1
    assert run.stderr.strip() == f"backpain chat: {bad}: not a wav file (no RIFF/WAVE header)"


def test_decoding_while_speaking_hears_what_decoding_the_whole_utterance_hears(
    hibari: Speaker, recogniser: Recogniser
) -> None:
    texts = ["what causes back pain", "no I haven't", "tell me about sciatica"]
    live = recogniser.live()  # type: ignore[attr-defined]
    segmenter = SpeechSegmenter(sink=live)
    stream = _conversation(hibari, texts)
    for offset in range(0, len(stream), 960):
        for pcm in segmenter.feed(stream[offset : offset + 960]):
            as_it_came = live.finish()
            whole = recogniser.recognise(pcm)
            assert as_it_came.text == whole.text
            assert as_it_came.confidence == pytest.approx(whole.confidence, abs=0.15)
    assert live.finish().text == ""  # nothing open after the last utterance
