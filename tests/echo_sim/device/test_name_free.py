"""Words said without a skill's name, on the virtual Echo, with Tiny Counter as the skill."""

from __future__ import annotations

import json
from typing import Any

import pytest

from echo_sim.device.echo import CANNOT_HELP, VirtualEcho
from echo_sim.understanding.matcher import Matcher
from tests.echo_sim.conftest import TINY_MODEL, RecordingResponder
from tests.echo_sim.tiny import intents as tiny_intents


class AnswersCanFulfill(RecordingResponder):
    """Tiny Counter, answering Alexa's question as a skill that implements it would."""

    def __init__(self, answers: dict[str, str]) -> None:
        super().__init__()
        self.answers = answers

    def __call__(self, envelope: dict[str, Any]) -> dict[str, Any]:
        request = envelope["request"]
        if request["type"] != "CanFulfillIntentRequest":
            return super().__call__(envelope)
        self.requests.append(envelope)
        answer = self.answers.get(request["intent"]["name"], "NO")
        return {"version": "1.0", "response": {"canFulfillIntent": {"canFulfill": answer}}}


def tiny_model_with_ingress() -> dict[str, Any]:
    model = json.loads(TINY_MODEL.read_text())
    model["interactionModel"]["_nameFreeInteraction"] = {
        "ingressPoints": [
            {"type": "LAUNCH",
             "sampleUtterances": [{"format": "RAW_TEXT", "value": "let's count"}]},
            {"type": "INTENT", "name": tiny_intents.QUESTION,
             "sampleUtterances": [{"format": "RAW_TEXT", "value": "quiz me"}]},
        ]
    }  # fmt: skip
    return model


@pytest.fixture
def skill() -> AnswersCanFulfill:
    return AnswersCanFulfill({tiny_intents.COUNT: "YES", tiny_intents.COLOUR: "MAYBE"})


@pytest.fixture
def echo(skill: AnswersCanFulfill) -> VirtualEcho:
    return VirtualEcho(skill, Matcher(tiny_model_with_ingress()))


def test_an_ingress_phrase_opens_the_skill_without_asking(echo, skill) -> None:
    opened = echo.hear("Alexa, let's count")
    assert opened.intent == "LaunchRequest" and opened.name_free is not None
    assert opened.name_free.ingress == "LAUNCH" and opened.name_free.can_fulfill is None
    echo.leave()
    quiz = echo.hear("alexa, quiz me")
    assert quiz.intent == tiny_intents.QUESTION and quiz.name_free.ingress == tiny_intents.QUESTION
    assert "CanFulfillIntentRequest" not in skill.types


@pytest.mark.parametrize(("words", "answer"), [("alexa, count up", "YES"),
                                              ("alexa, i like red", "MAYBE")])  # fmt: skip
def test_yes_or_maybe_sends_the_intent_in_a_new_session(echo, skill, words, answer) -> None:
    turn = echo.hear(words)
    assert skill.types == ["CanFulfillIntentRequest", "IntentRequest"]
    question, sent = skill.requests
    assert question["request"]["intent"]["name"] == sent["request"]["intent"]["name"]
    assert question["session"]["sessionId"] != sent["session"]["sessionId"]
    assert sent["session"]["new"] is True
    assert turn.name_free.can_fulfill == answer and turn.name_free.request == question
    assert turn.to_json()["name_free"]["can_fulfill_response"]["response"] == {
        "canFulfillIntent": {"canFulfill": answer}
    }


def test_no_is_answered_by_alexa_and_the_skill_hears_nothing_more(echo, skill) -> None:
    turn = echo.hear("alexa, blow up")
    assert skill.types == ["CanFulfillIntentRequest"]
    assert turn.speech == CANNOT_HELP and turn.end_session and not echo.in_session
    assert turn.name_free.can_fulfill == "NO"


def test_inside_a_session_and_without_the_wake_word_nothing_changes(echo, skill) -> None:
    echo.launch()
    inside = echo.hear("alexa, count up")
    assert inside.name_free is None and inside.intent == tiny_intents.COUNT
    echo.leave()
    by_name = echo.hear("count up")
    assert by_name.name_free is None
    assert by_name.notes == ("new session: heard as 'ask tiny counter count up'",)
    assert "CanFulfillIntentRequest" not in skill.types


def test_one_shot_say_with_the_wake_word_goes_name_free(echo, skill) -> None:
    assert echo.ask("alexa, count up").name_free.can_fulfill == "YES"
    assert echo.ask("alexa, ask tiny counter to count up").name_free is None
