"""VirtualEcho.hear_speech: the confidence rules hold for any skill, in a session and out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from alexa_model.builtins import FALLBACK_INTENT, NO_INTENT, YES_INTENT
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.skill_and_model import load_matcher
from echo_sim.hearing import Alternative, Heard
from tests.echo_sim.conftest import TINY_MODEL, RecordingResponder
from tests.echo_sim.tiny import intents as tiny_intents


@pytest.fixture
def tiny() -> RecordingResponder:
    """Tiny Counter, a small real skill of the device tests: the rules are not this skill's."""
    return RecordingResponder()


@pytest.fixture
def tiny_echo(tiny: RecordingResponder) -> Callable[[], VirtualEcho]:
    return lambda: VirtualEcho(tiny, load_matcher(TINY_MODEL))


def test_outside_a_session_clear_words_go_as_hear_would_send_them(
    tiny_echo: Callable[[], VirtualEcho], tiny: RecordingResponder
) -> None:
    echo = tiny_echo()
    turn = echo.hear_speech(Heard("open tiny counter", 0.8))
    assert turn.intent == "LaunchRequest"
    assert (turn.heard, turn.asr_confidence) == ("open tiny counter", 0.8)
    echo.leave()
    turn = echo.hear_speech(Heard("add one", 0.6))
    assert turn.intent == tiny_intents.COUNT
    assert turn.notes == ("new session: heard as 'ask tiny counter add one'",)


def test_nothing_clear_is_a_fallback_in_a_new_session(
    tiny_echo: Callable[[], VirtualEcho], tiny: RecordingResponder
) -> None:
    echo = tiny_echo()
    for heard in (Heard("", 0.0), Heard("add one", 0.1)):
        echo.leave()
        turn = echo.hear_speech(heard)
        assert turn.intent == FALLBACK_INTENT
        assert turn.notes[0].startswith("not sure what was said")
        assert tiny.requests[-1]["request"]["intent"]["name"] == FALLBACK_INTENT
        assert tiny.requests[-1]["session"]["new"] is True


def test_in_a_session_a_doubtful_yes_or_no_is_a_fallback_and_a_clear_one_is_not(
    tiny_echo: Callable[[], VirtualEcho], tiny: RecordingResponder
) -> None:
    echo = tiny_echo()
    echo.launch()
    assert echo.hear_speech(Heard("yes", 0.3)).intent == FALLBACK_INTENT
    assert echo.hear_speech(Heard("yes", 0.45)).intent == YES_INTENT  # less than a no
    assert echo.hear_speech(Heard("no", 0.49)).intent == FALLBACK_INTENT
    assert echo.hear_speech(Heard("count", 0.45)).intent == tiny_intents.COUNT
    turn = echo.hear_speech(Heard("yes", 0.95))
    assert turn.intent == YES_INTENT
    json_line = turn.to_json()
    assert json_line["heard"] == "yes" and json_line["asr_confidence"] == 0.95


def test_typed_turns_carry_no_speech_fields(tiny_echo: Callable[[], VirtualEcho]) -> None:
    turn = tiny_echo().hear("open tiny counter")
    assert turn.heard is None and turn.asr_confidence is None
    assert "heard" not in turn.to_json()


def _heard(text: str, words_confidence: float, fit: float, *shares: tuple[str, float]) -> Heard:
    return Heard(text, words_confidence, tuple(Alternative(t, s) for t, s in shares), fit)


def test_alternatives_that_mean_the_same_are_no_doubt(
    tiny_echo: Callable[[], VirtualEcho],
) -> None:
    """The little words of a no may be unsure in noise while the no is not: the alternatives
    that reach the same intent count for it, whatever the words' own confidence."""
    echo = tiny_echo()
    echo.launch()
    unsure_words = _heard(
        "no it doesn't", 0.43, 0.8,
        ("no it doesn't", 0.4), ("no i don't", 0.35), ("know it does", 0.25),
    )  # fmt: skip
    assert echo.hear_speech(unsure_words).intent == NO_INTENT
    assert echo.hear_speech(unsure_words).asr_confidence == 0.43  # the words' own, as heard


def test_alternatives_that_disagree_are_doubt_even_when_the_words_seem_sure(
    tiny_echo: Callable[[], VirtualEcho],
) -> None:
    echo = tiny_echo()
    echo.launch()
    scattered = _heard("yes", 0.7, 0.5, ("yes", 0.2), ("no", 0.4), ("add one", 0.4))
    assert echo.hear_speech(scattered).intent == FALLBACK_INTENT
    echo.leave()
    # Outside a session the alternatives are weighed by what they would reach there.
    opening = _heard("open tiny counter", 0.1, 0.9,
                     ("open tiny counter", 0.5), ("open tiny counters", 0.5))  # fmt: skip
    assert echo.hear_speech(opening).intent == "LaunchRequest"


def test_a_no_must_be_sure_of_its_words_as_well_as_its_meaning(
    tiny_echo: Callable[[], VirtualEcho],
) -> None:
    """In loud noise every alternative may agree on a phrase the language model favours; the
    words' own low confidence then still keeps it from passing as a no."""
    echo = tiny_echo()
    echo.launch()
    forced = _heard("no", 0.25, 0.5, ("no", 0.6), ("nope", 0.4))
    assert echo.hear_speech(forced).intent == FALLBACK_INTENT
    assert echo.hear_speech(replace(forced, text="yes", alternatives=(Alternative("yes", 1.0),))
                            ).intent == YES_INTENT  # fmt: skip


def test_confidence_in_a_meaning() -> None:
    heard = _heard("no", 0.5, 0.64, ("no", 0.5), ("nope", 0.25), ("now", 0.25))
    assert heard.confidence_in(lambda words: words in ("no", "nope")) == pytest.approx(0.6928, 1e-3)
    assert heard.confidence_in(lambda words: False) == 0.0
    assert Heard("no", 0.5).confidence_in(lambda words: False) == 0.5  # no alternatives given
