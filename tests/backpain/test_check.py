"""The spoken warning-sign check through lambda_handler: every path, interruptions, tampering."""

from __future__ import annotations

import pytest

from backpain import intents
from backpain.content import content_for

CHECK = content_for("en-GB").checklist
QUESTIONS = CHECK.questions
TOTAL = len(QUESTIONS)
REASK = "Let me ask that once more."


def start(talk):
    said = talk.intent(intents.CHECK)
    assert QUESTIONS[0].text in said.speech
    return said


def test_the_check_opens_with_how_to_answer_and_the_first_question(talk):
    said = start(talk)
    assert "nine warning signs" in said.speech and "yes or no" in said.speech
    assert f"Question 1 of {TOTAL}" in said.speech
    assert QUESTIONS[0].text in said.reprompt
    assert not said.ends


@pytest.mark.parametrize("index", range(TOTAL))
def test_a_yes_at_any_question_ends_the_check_at_once_with_urgent_advice(talk, index):
    start(talk)
    for asked in range(index):
        said = talk.intent(intents.NO)
        assert QUESTIONS[asked + 1].text in said.speech
    said = talk.intent(intents.YES)
    advice = QUESTIONS[index].flag.advice
    assert advice.action in said.speech
    assert QUESTIONS[index].flag.spoken_sign in said.speech
    assert said.ends and said.reprompt is None
    assert advice.action in said.card["content"] and advice.link in said.card["content"]
    assert QUESTIONS[index].flag.sign in said.card["content"]
    assert said.attributes == {}


def all_noes(talk):
    start(talk)
    for index in range(1, TOTAL):
        said = talk.intent(intents.NO)
        assert f"Question {index + 1} of {TOTAL}" in said.speech
    return talk.intent(intents.NO)


def test_noes_to_every_question_end_with_who_can_help_and_the_safety_net(talk):
    said = all_noes(talk)
    assert "no to all nine warning signs" in said.speech
    assert "you can see your GP" in said.speech
    # A voice-only listener hears the safety net too, last: what to do about each kind of sign.
    last = said.speech.rsplit("diagnosis: ", 1)[1]
    for advice in {flag.advice for flag in CHECK.red_flags}:
        assert f"{advice.action} if you have back pain and " in last
        assert advice.link in said.card["content"]
    assert said.ends
    assert "not a diagnosis" in said.card["content"]


@pytest.mark.seed_edition
def test_the_all_clear_gives_the_pages_four_reasons_to_get_help(talk):
    said = all_noes(talk)
    for reason in (
        "doesn't start to improve within a few weeks",
        "stops you doing your day-to-day activities",
        "very severe or gets worse over time",
        "worried or struggling to cope",
    ):
        assert reason in said.speech


def test_an_unclear_answer_is_asked_again_once_then_treated_as_a_possible_yes(talk):
    start(talk)
    talk.intent(intents.NO)
    said = talk.intent(intents.FALLBACK)
    assert said.speech.startswith(REASK)
    assert QUESTIONS[1].text in said.speech
    assert not said.ends
    said = talk.intent(intents.FALLBACK)
    assert "to be safe, I'm counting it as a yes" in said.speech
    assert QUESTIONS[1].flag.advice.action in said.speech
    assert QUESTIONS[1].flag.spoken_sign in said.speech
    assert said.ends


def test_an_unclear_answer_then_a_clear_no_carries_on(talk):
    start(talk)
    talk.intent(intents.FALLBACK)
    said = talk.intent(intents.NO)
    assert QUESTIONS[1].text in said.speech
    # The re-ask allowance is per question: the next question gets its own.
    said = talk.intent(intents.FALLBACK)
    assert said.speech.startswith(REASK)


def test_repeat_mid_check_reasks_the_current_question(talk):
    start(talk)
    talk.intent(intents.NO)
    said = talk.intent(intents.REPEAT)
    assert QUESTIONS[1].text in said.speech
    assert said.attributes["check"]["index"] == 1


def test_help_mid_check_explains_and_reasks(talk):
    start(talk)
    said = talk.intent(intents.HELP)
    assert "Please answer each question yes or no" in said.speech
    assert "just say not sure" in said.speech
    assert said.speech.endswith(QUESTIONS[0].text)
    assert said.attributes["check"]["index"] == 0


@pytest.mark.parametrize("intent", [intents.STOP, intents.CANCEL])
def test_stop_mid_check_ends_with_a_safety_reminder(talk, intent):
    start(talk)
    talk.intent(intents.NO)
    said = talk.intent(intent)
    for advice in {flag.advice for flag in CHECK.red_flags}:
        assert advice.action in said.speech
    assert said.ends
    assert said.attributes == {}


@pytest.mark.parametrize(
    ("intent", "slots"),
    [
        (intents.CAUSES, {}),
        (intents.RELIEF, {"method": "PAINKILLERS"}),
        (intents.START_OVER, {}),
        (intents.NAVIGATE_HOME, {}),
        (intents.CHECK, {}),
        (intents.WARNING_SIGNS, {}),
    ],
)
def test_any_other_intent_mid_check_reasks_the_current_question(talk, intent, slots):
    start(talk)
    talk.intent(intents.NO)
    said = talk.intent(intent, **slots)
    assert said.speech.endswith(QUESTIONS[1].text)
    assert "say stop" in said.speech
    assert said.attributes["check"] == {"index": 1, "reasked": False}


@pytest.mark.parametrize(
    "tampered",
    [
        {"check": {"index": 42}},
        {"check": {"index": -3}},
        {"check": {"index": "4"}},
        {"check": {"index": True}},
        {"check": "question four"},
        {"check": None},
        {"check": {"index": 2, "reasked": "maybe"}},
    ],
)
def test_tampered_check_state_restarts_politely(talk, tampered):
    start(talk)
    talk.session.attributes = tampered
    said = talk.intent(intents.NO)
    assert said.speech.startswith("Sorry, I lost my place in the check, so let's start again.")
    assert QUESTIONS[0].text in said.speech
    assert said.attributes["check"] == {"index": 0, "reasked": False}


@pytest.mark.parametrize(
    "tampered",
    [
        {"offer": "nuclear_launch_codes"},
        {"offer": 7, "last": ["x"]},
        {"last": "topic:does_not_exist"},
        {"last": "<speak>injected</speak>"},
    ],
)
def test_tampered_menu_state_is_ignored_not_spoken(talk, tampered):
    talk.launch()
    talk.session.attributes = tampered
    said = talk.intent(intents.YES)
    assert "injected" not in said.ssml and not said.ends
    said = talk.intent(intents.REPEAT)
    assert not said.ends


def test_session_attributes_that_are_not_a_mapping_are_a_malformed_request(talk, lambda_handler):
    from backpain.skill import MalformedRequest

    envelope = talk.factory.intent(talk.session, intents.YES)
    envelope["session"]["attributes"] = "not even a mapping"
    with pytest.raises(MalformedRequest):
        lambda_handler(envelope, None)


def test_a_new_session_after_stopping_starts_fresh(talk):
    start(talk)
    talk.intent(intents.STOP)
    said = talk.intent(intents.YES)
    assert "check" not in said.attributes
    assert "Question" not in said.speech


# -- Echo Show: the same check by touch --------------------------------------------------------


def screen(said):
    (directive,) = [d for d in said.directives if d["type"].endswith("RenderDocument")]
    return directive


def test_the_screen_shows_the_question_with_yes_and_no_buttons(show):
    said = show.intent(intents.CHECK)
    directive = screen(said)
    data = directive["datasources"]["backpain"]
    assert data["question"] == QUESTIONS[0].text
    assert data["progress"] == f"Question 1 of {TOTAL}."
    document = str(directive["document"])
    assert "'arguments': ['answer', '${value}', '${question}']" in document
    assert data["questionId"] == QUESTIONS[0].id


def test_touching_yes_goes_through_the_same_logic_as_saying_it(show):
    show.intent(intents.CHECK)
    show.touch("answer", "no", QUESTIONS[0].id)
    said = show.touch("answer", "yes", QUESTIONS[1].id)
    assert QUESTIONS[1].flag.spoken_sign in said.speech
    assert said.ends
    data = screen(said)["datasources"]["backpain"]
    assert data["urgent"] is True
    assert data["headline"] == QUESTIONS[1].flag.advice.headline


def test_a_touch_of_no_on_every_question_is_all_clear(show):
    show.intent(intents.CHECK)
    for question in QUESTIONS:
        said = show.touch("answer", "no", question.id)
    assert "no to all nine" in said.speech
    assert screen(said)["datasources"]["backpain"]["urgent"] is False


def test_a_touch_that_is_neither_yes_nor_no_is_ignored(show):
    show.intent(intents.CHECK)
    said = show.touch("answer", "perhaps", QUESTIONS[0].id)
    assert said.speech.endswith(QUESTIONS[0].text)
    assert said.attributes["check"] == {"index": 0, "reasked": False}


@pytest.mark.parametrize(
    "arguments",
    [
        ("answer", "no", QUESTIONS[0].id),  # a second tap on question 1's No, arriving late
        ("answer", "yes", QUESTIONS[0].id),
        ("answer", "no"),  # no question id at all
        ("answer", "no", "not_a_question"),
        ("something", "else", QUESTIONS[1].id),
    ],
)
def test_a_stale_or_unknown_tap_is_ignored_and_the_current_question_asked_again(show, arguments):
    show.intent(intents.CHECK)
    show.touch("answer", "no", QUESTIONS[0].id)
    said = show.touch(*arguments)
    assert said.speech.endswith(QUESTIONS[1].text) and "Question 2" in said.speech
    assert said.attributes["check"] == {"index": 1, "reasked": False}
    said = show.touch("answer", "no", QUESTIONS[1].id)
    assert QUESTIONS[2].text in said.speech


def test_a_touch_outside_the_check_is_not_an_answer(show):
    show.launch()
    said = show.touch("answer", "yes")
    assert "I can tell you about back pain" in said.speech


def test_voice_only_devices_get_no_screen(talk):
    for said in (talk.launch(), talk.intent(intents.CAUSES), talk.intent(intents.CHECK)):
        assert said.directives == []
