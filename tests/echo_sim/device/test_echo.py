"""The virtual Echo keeps sessions the way Alexa does, with Tiny Counter as the skill."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from alexa_model.builtins import STOP_INTENT
from echo_sim.device.echo import NoSuchTarget, VirtualEcho
from echo_sim.device.envelope import ECHO_SHOW
from tests.echo_sim.conftest import RecordingResponder
from tests.echo_sim.tiny import intents as tiny_intents
from tests.echo_sim.tiny import skill as tiny_skill

MakeEcho = Callable[..., VirtualEcho]


def test_attributes_travel_and_only_the_first_request_is_new(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    echo = tiny_echo()
    launch = echo.launch()
    first, second = echo.hear("count"), echo.hear("count again")
    assert launch.intent == "LaunchRequest" and not launch.end_session
    assert (first.speech, second.speech) == ("The count is 1.", "The count is 2.")
    sessions = [request["session"] for request in tiny.requests]
    assert [s["new"] for s in sessions] == [True, False, False]
    assert len({s["sessionId"] for s in sessions}) == 1
    assert [s["attributes"] for s in sessions] == [{}, {"count": 0}, {"count": 1}]


def test_a_session_the_skill_ends_is_over_and_the_next_words_start_another(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    echo = tiny_echo()
    echo.launch()
    echo.hear("count")
    stop = echo.hear("stop")
    assert stop.intent == STOP_INTENT and stop.end_session and not echo.in_session
    again = echo.hear("count")
    assert again.speech == "The count is 1. A new session."
    last = tiny.requests[-1]["session"]
    assert last["new"] is True and last["attributes"] == {}
    assert last["sessionId"] != tiny.requests[0]["session"]["sessionId"]
    assert "SessionEndedRequest" not in tiny.types  # Alexa sends none when the skill ends it


def test_leaving_mid_session_sends_session_ended(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    echo = tiny_echo()
    echo.launch()
    ended = echo.leave()
    assert ended is not None and ended.intent == "SessionEndedRequest"
    assert tiny.types == ["LaunchRequest", "SessionEndedRequest"]
    assert tiny.requests[-1]["request"]["reason"] == "USER_INITIATED"
    assert tiny.requests[-1]["session"]["sessionId"] == tiny.requests[0]["session"]["sessionId"]
    assert echo.leave() is None  # nothing open, nothing sent
    assert len(tiny.requests) == 2


def test_words_outside_a_session_are_sent_as_ask_invocation_name(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    turn = tiny_echo().hear("count")
    assert turn.intent == tiny_intents.COUNT
    assert turn.notes == ("new session: heard as 'ask tiny counter count'",)
    assert tiny.requests[0]["session"]["new"] is True


def test_invocation_phrases_launch_or_go_straight_to_an_intent(tiny_echo: MakeEcho) -> None:
    echo = tiny_echo()
    opened = echo.hear("open tiny counter")
    assert (opened.intent, opened.notes) == ("LaunchRequest", ())
    echo.leave()
    asked = echo.hear("ask tiny counter to count")
    assert (asked.intent, asked.notes) == (tiny_intents.COUNT, ())


def test_one_shot_ask_leaves_an_open_session_first(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    echo = tiny_echo()
    echo.launch()
    echo.hear("count")
    turn = echo.ask("count")
    assert turn.speech == "The count is 1. A new session."
    assert tiny.types == ["LaunchRequest", "IntentRequest", "SessionEndedRequest", "IntentRequest"]


def test_slots_go_into_the_envelope_with_entity_resolution(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    echo = tiny_echo()
    echo.launch()
    turn = echo.hear("my favourite colour is navy")
    assert turn.intent == tiny_intents.COLOUR and turn.speech == "You like blue."
    assert turn.to_json()["slots"] == {"colour": {"value": "navy", "id": "BLUE", "resolved": True}}
    slot = tiny.requests[-1]["request"]["intent"]["slots"]["colour"]
    assert slot["resolutions"]["resolutionsPerAuthority"][0]["status"]["code"] == "ER_SUCCESS_MATCH"


def test_unresolved_slots_reach_the_skill_as_no_match(tiny_echo: MakeEcho) -> None:
    echo = tiny_echo()
    echo.launch()
    turn = echo.hear("my favourite colour is purple")
    assert turn.speech == "I don't know the colour purple."
    assert turn.to_json()["slots"] == {"colour": {"value": "purple", "id": None, "resolved": False}}


def test_a_screen_device_shows_apl_and_taps_send_user_events(
    tiny: RecordingResponder, tiny_echo: MakeEcho
) -> None:
    echo = tiny_echo(ECHO_SHOW)
    echo.launch()
    echo.hear("ask me a question")
    assert echo.screen is not None
    assert echo.screen.title == "Tiny question"
    assert [t.label for t in echo.screen.targets] == ["Yes", "No"]
    touched = echo.tap("no")
    assert touched.intent == "Alexa.Presentation.APL.UserEvent"
    assert touched.speech == "You touched no."
    event = tiny.requests[-1]
    assert event["request"]["arguments"] == ["answer", "NO"]
    assert event["request"]["token"] == "question"
    assert event["session"]["new"] is False
    assert "Viewport" in event["context"]


def test_tapping_by_number_and_a_missing_target(tiny_echo: MakeEcho) -> None:
    echo = tiny_echo(ECHO_SHOW)
    echo.launch()
    with pytest.raises(NoSuchTarget, match="nothing to touch"):
        echo.tap("Yes")
    echo.hear("ask me a question")
    assert echo.tap("1").speech == "You touched yes."
    echo.hear("ask me a question")
    with pytest.raises(NoSuchTarget, match="'Yes'"):
        echo.tap("maybe")


def test_a_voice_only_echo_gets_no_screen(tiny: RecordingResponder, tiny_echo: MakeEcho) -> None:
    echo = tiny_echo()
    echo.launch()
    turn = echo.hear("ask me a question")
    assert turn.directives == () and echo.screen is None
    assert tiny.requests[-1]["context"]["System"]["device"]["supportedInterfaces"] == {}


def test_a_skill_that_raises_ends_the_session(tiny_echo: MakeEcho) -> None:
    echo = tiny_echo()
    echo.launch()
    with pytest.raises(Exception, match="exploded"):
        echo.hear("explode")
    assert not echo.in_session


def test_session_ended_reason_reaches_the_skill(tiny_echo: MakeEcho) -> None:
    tiny_skill.ended_reasons.clear()
    echo = tiny_echo()
    echo.launch()
    echo.leave("EXCEEDED_MAX_REPROMPTS")
    assert tiny_skill.ended_reasons == ["EXCEEDED_MAX_REPROMPTS"]
