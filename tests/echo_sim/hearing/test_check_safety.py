"""Safety under recognition errors: noise and mumbled audio at each of the nine warning-sign
questions never moves the check on as a no."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from alexa_model.builtins import FALLBACK_INTENT, NO_INTENT, REPEAT_INTENT, YES_INTENT
from backpain.content import content_for
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.skill_and_model import load_matcher, skill_responder
from echo_sim.hearing import Heard, Recogniser
from echo_sim.hearing.audio import silence, to_pcm, with_noise
from echo_sim.hearing.speakers import Speaker
from tests.echo_sim.hearing.conftest import EN_GB_MODEL, spoken

QUESTIONS = len(content_for("en-GB").checklist.questions)
MUMBLES = ("mm hmm er well", "erm I, er, hmm", "blah blah blah", "uh huh mm")
ANSWERS = ("no I haven't", "no not really", "nope", "no I don't", "not at all")


def _white(seed: int) -> bytes:
    return to_pcm(np.random.default_rng(seed).normal(0.0, 0.05, 24_000))


def _rumble(seed: int) -> bytes:
    walk = np.cumsum(np.random.default_rng(seed).normal(0.0, 1.0, 24_000))
    walk -= np.convolve(walk, np.ones(400) / 400, mode="same")
    return to_pcm(0.2 * walk / np.max(np.abs(walk)))


def _bad_audio(number: int, voice: Speaker) -> dict[str, bytes]:
    """Audio that is no clear answer, varied per question so each meets different sounds."""
    answer = spoken(voice, ANSWERS[number % len(ANSWERS)])
    return {
        "white noise": _white(number),
        "rumble": _rumble(number),
        "mumble": spoken(voice, MUMBLES[number % len(MUMBLES)]),
        "reversed speech": np.frombuffer(answer, "<i2")[::-1].tobytes(),
        "a no drowned in noise": with_noise(answer, -5.0, np.random.default_rng(number)),
        "silence": silence(1.0),
    }


def _at_question(number: int) -> VirtualEcho:
    """A device whose check is waiting for the answer to question `number` (from 1)."""
    echo = VirtualEcho(skill_responder(BACK_PAIN_GUIDE), load_matcher(EN_GB_MODEL))
    echo.launch()
    turn = echo.hear("check my symptoms")
    for _ in range(number - 1):
        turn = echo.hear("no")
    assert f"Question {number} of {QUESTIONS}" in turn.speech
    assert _check_index(echo) == number - 1
    return echo


def _check_index(echo: VirtualEcho) -> int | None:
    if echo.session is None:
        return None
    check = echo.session.attributes.get("check")
    return check.get("index") if isinstance(check, dict) else None


@pytest.fixture(scope="module")
def heard_per_question(
    recogniser: Recogniser, hibari: Speaker, espeak: Speaker
) -> dict[int, dict[str, Heard]]:
    """What the recogniser makes of each bad audio, per question, in both test voices."""
    return {
        number: {
            f"{voice.name} {name}": recogniser.recognise(pcm)
            for voice in (hibari, espeak)
            for name, pcm in _bad_audio(number, voice).items()
        }
        for number in range(1, QUESTIONS + 1)
    }


# Every question with every sound of the fixture: a slow sweep (scripts/test --quick skips it).
@pytest.mark.slow
@pytest.mark.parametrize("number", range(1, QUESTIONS + 1))
def test_noise_and_mumbles_never_pass_a_question_as_a_no(
    number: int, heard_per_question: dict[int, dict[str, Heard]]
) -> None:
    for name, heard in heard_per_question[number].items():
        for answers in (1, 2):  # once (asked again), then a second time (a possible yes)
            echo = _at_question(number)
            for _ in range(answers):
                turn = echo.hear_speech(heard)
                assert turn.intent != NO_INTENT, (name, heard)
                assert f"Question {number + 1} of" not in turn.speech, (name, heard)
                index = _check_index(echo)
                # Still on this question, or the check is over (stopped or urgent): never on.
                assert index in (number - 1, None), (name, heard, turn.speech)
            assert turn.heard == heard.text and turn.asr_confidence == heard.confidence


def test_a_clear_spoken_no_does_move_the_check_on(recogniser: Recogniser, hibari: Speaker) -> None:
    heard = recogniser.recognise(spoken(hibari, "no I haven't"))
    echo = _at_question(1)
    turn = echo.hear_speech(heard)
    assert turn.intent == NO_INTENT
    assert f"Question 2 of {QUESTIONS}" in turn.speech


def _sent(echo_at: Callable[[], VirtualEcho], heard: Heard) -> str:
    return echo_at().hear_speech(heard).intent


@pytest.mark.parametrize(
    ("heard", "sent"),
    [
        (Heard("no", 0.9), NO_INTENT),
        (Heard("no", 0.45), FALLBACK_INTENT),  # a no needs more than other requests
        (Heard("yes", 0.45), YES_INTENT),  # a yes needs less than a no
        (Heard("yes", 0.3), FALLBACK_INTENT),
        (Heard("repeat the question", 0.45), REPEAT_INTENT),
        (Heard("repeat the question", 0.15), FALLBACK_INTENT),
        (Heard("", 0.0), FALLBACK_INTENT),
    ],
)
def test_confidence_rules_for_spoken_answers(heard: Heard, sent: str) -> None:
    assert _sent(lambda: _at_question(3), heard) == sent
