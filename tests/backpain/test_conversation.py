"""Whole conversations through lambda_handler: topics, offers, built-ins, errors, locales."""

from __future__ import annotations

import pytest

from backpain import intents
from backpain.content import content_for
from backpain.skill import MalformedRequest

CONTENT = content_for("en-GB")


def test_launch_says_who_we_are_that_it_is_not_a_diagnosis_and_how_to_check(talk):
    said = talk.launch()
    assert "Back Pain Guide" in said.speech
    assert "general information about back pain from the NHS website" in said.speech
    assert "can't diagnose" in said.speech
    assert "check my symptoms" in said.speech
    assert said.reprompt and not said.ends
    assert "Content supplied by the NHS website" in said.card["content"]


def test_help_says_the_same_shorter(talk):
    talk.launch()
    said = talk.intent(intents.HELP)
    assert "not a diagnosis" in said.speech and "check my symptoms" in said.speech
    assert len(said.speech) < len(talk.history[0].speech)
    assert not said.ends


@pytest.mark.parametrize(
    ("intent", "slots", "topic"),
    [
        (intents.OVERVIEW, {}, "overview"),
        (intents.CAUSES, {}, "causes"),
        (intents.CONDITION, {"condition": "SCIATICA"}, "condition.sciatica"),
        (intents.CONDITION, {"condition": "SLIPPED_DISC"}, "condition.slipped_disc"),
        (intents.CONDITION, {"condition": "SPRAIN_STRAIN"}, "condition.sprain_strain"),
        (intents.CONDITION, {"condition": "LUMBAGO"}, "condition.lumbago"),
        (intents.CONDITION, {"condition": "NON_SPECIFIC"}, "condition.non_specific"),
        (intents.RELIEF, {}, "relief"),
        (intents.RELIEF, {"method": "STAY_ACTIVE"}, "relief.stay_active"),
        (intents.RELIEF, {"method": "EXERCISE"}, "relief.exercise"),
        (intents.RELIEF, {"method": "PAINKILLERS"}, "relief.painkillers"),
        (intents.RELIEF, {"method": "HOT_COLD_PACKS"}, "relief.hot_cold_packs"),
        (intents.PREVENTION, {}, "prevention"),
        (intents.TREATMENTS, {}, "treatments"),
        (intents.TREATMENTS, {"treatment": "GROUP_EXERCISE"}, "treatments.group_exercise"),
        (intents.TREATMENTS, {"treatment": "MANUAL_THERAPY"}, "treatments.manual_therapy"),
        (
            intents.TREATMENTS,
            {"treatment": "PSYCHOLOGICAL_SUPPORT"},
            "treatments.psychological_support",
        ),
        (intents.TREATMENTS, {"treatment": "SURGERY"}, "treatments.surgery"),
        (intents.GET_HELP, {}, "get_help"),
        (intents.WARNING_SIGNS, {}, "warning_signs"),
    ],
)
def test_each_topic_intent_answers_from_its_topic_with_card_and_offer(talk, intent, slots, topic):
    said = talk.intent(intent, **slots)
    expected = CONTENT.topic(topic)
    assert said.speech.startswith(" ".join(expected.speech.split())[:60])
    assert said.card["title"] == expected.title
    assert "Content supplied by the NHS website" in said.card["content"]
    assert "https://www.nhs.uk/" in said.card["content"]
    for link in expected.links:
        assert link in said.card["content"]
    assert said.speech.endswith("?"), "a topic answer ends with one natural offer"
    assert said.reprompt and not said.ends


def test_an_unresolved_slot_falls_back_to_the_general_topic_not_the_raw_words(talk):
    said = talk.intent(intents.RELIEF, method=("a magic potion", None))
    assert said.card["title"] == CONTENT.topic("relief").title
    said = talk.intent(intents.TREATMENTS, treatment=("acupuncture", None))
    assert said.card["title"] == CONTENT.topic("treatments").title


def test_a_condition_we_do_not_know_asks_which_one(talk):
    said = talk.intent(intents.CONDITION, condition=("a broken toe", None))
    assert "sciatica" in said.speech and "slipped disc" in said.speech
    assert not said.ends
    said = talk.intent(intents.CONDITION)
    assert "Which would you like to hear about" in said.speech


def test_saying_yes_walks_the_whole_seed_and_ends_in_the_check(talk):
    talk.launch()
    said = talk.intent(intents.OVERVIEW)
    titles = [said.card["title"]]
    while "check" not in said.attributes:
        said = talk.intent(intents.YES)
        if said.card:
            titles.append(said.card["title"])
    # Each topic, then each of its parts one short answer at a time, in the NHS page's order.
    assert titles == [
        "Back pain",
        "Causes of back pain",
        "How to relieve back pain",
        "Exercises and stretches",
        "Painkillers",
        "Hot and cold packs",
        "Staying optimistic",
        "Preventing back pain",
        "Back exercises and stretches",
        "Staying active",
        "Sitting for too long",
        "Lifting",
        "Posture",
        "Your mattress",
        "Your weight",
        "Treatments from a specialist",
        "Getting help and advice",
        "Who can help",
        "When to get immediate medical advice",  # it reads signs 1 to 3 itself
        "Warning signs 4 to 6",
        "Warning signs 7 to 9",
    ]
    assert "Question 1 of 10" in said.speech


def test_no_to_an_offer_asks_what_else(talk):
    talk.intent(intents.CAUSES)
    said = talk.intent(intents.NO)
    assert "What else" in said.speech
    assert not said.ends
    # And a yes with nothing on offer does not invent one.
    said = talk.intent(intents.YES)
    assert "What would you like to know?" in said.speech
    assert not said.ends


def test_repeat_says_the_last_thing_again(talk):
    first = talk.intent(intents.PREVENTION)
    again = talk.intent(intents.REPEAT)
    assert again.speech == first.speech
    talk.launch()
    assert talk.intent(intents.REPEAT).speech == talk.history[-2].speech


@pytest.mark.parametrize("intent", [intents.START_OVER, intents.NAVIGATE_HOME])
def test_start_over_and_navigate_home_return_to_the_menu(talk, intent):
    talk.intent(intents.CAUSES)
    said = talk.intent(intent)
    assert "back to the start" in said.speech
    assert "offer" not in said.attributes
    assert not said.ends


@pytest.mark.parametrize("intent", [intents.STOP, intents.CANCEL])
def test_stop_and_cancel_say_goodbye_and_end(talk, intent):
    talk.launch()
    said = talk.intent(intent)
    assert "Goodbye" in said.speech
    assert said.ends and said.reprompt is None


@pytest.mark.parametrize("intent", [intents.FALLBACK, "SomeIntentWeNeverDeclared"])
def test_fallback_and_unknown_intents_say_what_the_skill_can_do(talk, intent):
    said = talk.intent(intent)
    assert "I can tell you about back pain" in said.speech
    assert said.reprompt and not said.ends


def test_session_ended_is_handled_silently(talk):
    talk.launch()
    said = talk.end("EXCEEDED_MAX_REPROMPTS")
    assert "outputSpeech" not in said.response
    assert "reprompt" not in said.response


def test_system_exception_encountered_gets_no_speech(talk, lambda_handler):
    envelope = talk.factory.launch(talk.session)
    envelope["request"] = {
        **envelope["request"],
        "type": "System.ExceptionEncountered",
        "error": {"type": "INVALID_RESPONSE", "message": "bad"},
        "cause": {"requestId": "amzn1.echo-api.request.1"},
    }
    response = lambda_handler(envelope, None)["response"]
    assert "outputSpeech" not in response


def test_an_unexpected_error_is_a_spoken_apology_with_a_reprompt(talk, monkeypatch):
    from backpain.conversation import Conversation

    def explode(self, topic_id):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Conversation, "topic", explode)
    said = talk.intent(intents.CAUSES)
    assert "something went wrong" in said.speech
    assert said.reprompt and not said.ends


def test_other_locales_are_answered_in_en_gb(lambda_handler):
    from tests.backpain.conftest import VOICE_ONLY, Conversation

    said = Conversation(lambda_handler, VOICE_ONLY, locale="de-DE").intent(intents.CAUSES)
    assert said.card["title"] == "Causes of back pain"


@pytest.mark.parametrize(
    "event",
    [
        None,
        "launch",
        [],
        {},
        {"version": "1.0"},
        {"version": "1.0", "request": "LaunchRequest"},
        {"version": "1.0", "request": {"type": "LaunchRequest"}},
        {"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r"}},
        {
            "version": "1.0",
            "session": [],
            "request": {
                "type": "LaunchRequest",
                "requestId": "r",
                "timestamp": "2026-11-23T10:00:00Z",
            },
        },
        {
            "version": "1.0",
            "request": {"type": "LaunchRequest", "requestId": "r", "timestamp": "yesterday-ish"},
        },
        {
            "version": "1.0",
            "request": {
                "type": "NoSuchRequest",
                "requestId": "r",
                "timestamp": "2026-11-23T10:00:00Z",
            },
        },
    ],
)
def test_a_malformed_event_is_a_clear_error_not_a_crash(lambda_handler, event):
    with pytest.raises(MalformedRequest):
        lambda_handler(event, None)
