"""VirtualEcho.hear_speech: the confidence rules hold for any skill, in a session and out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from echo_sim.echo import VirtualEcho
from echo_sim.hearing import Heard
from echo_sim.target import load_matcher
from tests.echo_sim.conftest import TINY_MODEL, RecordingResponder


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
    assert turn.intent == "CountIntent"
    assert turn.notes == ("new session: heard as 'ask tiny counter add one'",)


def test_nothing_clear_is_a_fallback_in_a_new_session(
    tiny_echo: Callable[[], VirtualEcho], tiny: RecordingResponder
) -> None:
    echo = tiny_echo()
    for heard in (Heard("", 0.0), Heard("add one", 0.1)):
        echo.leave()
        turn = echo.hear_speech(heard)
        assert turn.intent == "AMAZON.FallbackIntent"
        assert turn.notes[0].startswith("not sure what was said")
        assert tiny.requests[-1]["request"]["intent"]["name"] == "AMAZON.FallbackIntent"
        assert tiny.requests[-1]["session"]["new"] is True


def test_in_a_session_a_doubtful_yes_or_no_is_a_fallback_and_a_clear_one_is_not(
    tiny_echo: Callable[[], VirtualEcho], tiny: RecordingResponder
) -> None:
    echo = tiny_echo()
    echo.launch()
    assert echo.hear_speech(Heard("yes", 0.3)).intent == "AMAZON.FallbackIntent"
    assert echo.hear_speech(Heard("yes", 0.45)).intent == "AMAZON.YesIntent"  # less than a no
    assert echo.hear_speech(Heard("no", 0.49)).intent == "AMAZON.FallbackIntent"
    assert echo.hear_speech(Heard("count", 0.45)).intent == "CountIntent"
    turn = echo.hear_speech(Heard("yes", 0.95))
    assert turn.intent == "AMAZON.YesIntent"
    json_line = turn.to_json()
    assert json_line["heard"] == "yes" and json_line["asr_confidence"] == 0.95


def test_typed_turns_carry_no_speech_fields(tiny_echo: Callable[[], VirtualEcho]) -> None:
    turn = tiny_echo().hear("open tiny counter")
    assert turn.heard is None and turn.asr_confidence is None
    assert "heard" not in turn.to_json()
