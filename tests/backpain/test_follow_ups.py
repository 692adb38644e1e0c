"""Follow-ups keep their context in session attributes: more, a pick, yes, no, repeat, touch."""

from __future__ import annotations

import pytest

from backpain import intents
from backpain.content import content_for

CONTENT = content_for("en-GB")


def test_more_goes_into_the_parts_of_the_topic_last_given(talk):
    talk.launch()
    said = talk.intent(intents.RELIEF)
    assert said.attributes["topic"] == "relief" and said.attributes["choices"] == "relief"
    said = talk.intent(intents.MORE)
    assert said.card["title"] == "Exercises and stretches"
    said = talk.intent(intents.MORE)
    assert said.card["title"] == "Painkillers"


def test_more_survives_a_no_and_a_help(talk):
    talk.intent(intents.PREVENTION)
    talk.intent(intents.NO)
    said = talk.intent(intents.MORE)
    assert said.card["title"] == "Back exercises and stretches"


def test_more_right_after_an_offer_of_more_takes_it_up(talk):
    """ "Would you like to hear more about what causes back pain?" "Tell me more": a yes."""
    said = talk.intent(intents.CONDITION, condition="SCIATICA")
    assert said.card["title"] == "Sciatica"
    assert CONTENT.topic("causes").rest_offer in said.speech
    said = talk.intent(intents.MORE)
    assert said.card["title"] == "Causes of back pain" and not said.ends


def test_more_after_a_part_said_in_full_and_its_offer_declined_says_so_and_moves_on(talk):
    talk.intent(intents.CONDITION, condition="SCIATICA")
    talk.intent(intents.NO)
    said = talk.intent(intents.MORE)
    assert said.speech.startswith(CONTENT.line("all_said"))
    assert CONTENT.topic("treatments").offer in said.speech and not said.ends
    assert talk.intent(intents.YES).card["title"] == "Treatments from a specialist"


def test_more_with_nothing_said_yet_asks_what_about(talk):
    talk.launch()
    said = talk.intent(intents.MORE)
    assert said.speech.startswith(CONTENT.line("more_what")) and not said.ends


@pytest.mark.parametrize(
    ("position", "title"),
    [
        ("FIRST", "Staying active"),
        ("SECOND", "Exercises and stretches"),
        ("LAST", "Staying optimistic"),
    ],
)
def test_a_position_picks_from_the_last_list(talk, position, title):
    talk.intent(intents.RELIEF)
    said = talk.intent(intents.SELECT, position=position)
    assert said.card["title"] == title


def test_a_pick_walks_on_while_a_direct_question_offers_the_rest(talk):
    talk.intent(intents.PREVENTION)
    picked = talk.intent(intents.SELECT, tip="MATTRESS")
    assert picked.card["title"] == "Your mattress"
    assert CONTENT.topic("prevention.weight").offer in picked.reprompt
    asked = talk.intent(intents.PREVENTION, tip="MATTRESS")
    assert CONTENT.topic("prevention").rest_offer in asked.reprompt
    assert talk.intent(intents.YES).card["title"] == "Preventing back pain"


def test_the_one_about_a_word_two_lists_share_follows_the_list_just_read(talk):
    talk.intent(intents.RELIEF)
    # "exercise" names a relief method and a prevention tip; the relief list was read.
    assert talk.intent(intents.SELECT, tip="EXERCISE").card["title"] == "Exercises and stretches"
    talk.intent(intents.PREVENTION)
    said = talk.intent(intents.SELECT, tip="EXERCISE")
    assert said.card["title"] == "Back exercises and stretches"


def test_a_position_past_the_end_says_it_was_not_listed_and_gives_an_example(talk):
    talk.intent(intents.TREATMENTS)
    said = talk.intent(intents.SELECT, position="NINTH")
    assert "that's not one I listed" in said.speech and not said.ends
    assert "the one about group exercise classes" in said.speech
    assert talk.intent(intents.SELECT, position="SECOND").card["title"] == "Manual therapy"


def test_a_pick_with_no_list_says_so(talk):
    talk.launch()
    said = talk.intent(intents.SELECT, position="SECOND")
    assert said.speech.startswith(CONTENT.line("no_list")) and not said.ends


def test_the_conditions_list_can_be_picked_from(talk):
    said = talk.intent(intents.CONDITION, condition=("spondylosis", None))
    assert said.attributes["choices"] == "conditions"
    assert talk.intent(intents.SELECT, position="FOURTH").card["title"] == "Sciatica"


def test_two_conditions_answer_both(talk):
    said = talk.intent(intents.CONDITION, condition="SCIATICA", other="SLIPPED_DISC")
    assert said.card["title"] == "Sciatica and slipped discs"
    assert "pelvis to the feet" in said.speech and "nearby nerve" in said.speech


@pytest.mark.parametrize(
    "intent",
    [intents.ACTIVITIES],
)
def test_work_the_gym_and_driving_are_answered_from_staying_active(talk, intent):
    said = talk.intent(intent)
    assert "Stay as active as possible and try to continue your daily activities" in said.speech


def test_repeat_of_a_part_asked_alone_offers_the_rest_again(talk):
    first = talk.intent(intents.PREVENTION, tip="WEIGHT")
    assert talk.intent(intents.REPEAT).speech == first.speech


@pytest.mark.parametrize(
    "attributes",
    [
        {"topic": "no.such.topic", "choices": "relief"},
        {"topic": 3, "choices": ["relief"]},
        {"topic": "relief", "choices": "nonsense"},
    ],
)
def test_tampered_context_is_dropped_not_trusted(talk, attributes):
    talk.session.attributes = attributes
    said = talk.intent(intents.SELECT, position="SECOND")
    if attributes.get("choices") == "relief":
        assert said.card["title"] == "Exercises and stretches"
    else:
        assert said.speech.startswith(CONTENT.line("no_list"))
    talk.session.attributes = attributes
    said = talk.intent(intents.MORE)
    assert not said.ends


def test_touching_the_topic_screen_does_what_saying_it_does(show):
    show.launch()
    said = show.intent(intents.RELIEF)
    document = said.directives[0]["document"]
    assert "TopicButton" in document["layouts"]
    choices = said.directives[0]["datasources"]["backpain"]["choices"]
    labels = [choice["label"] for choice in choices]
    assert labels[:2] == ["Staying active", "Exercises and stretches"]
    assert show.touch("topic", "choose", "3").card["title"] == "Painkillers"
    assert show.touch("topic", "yes", "0").card["title"] == "Hot and cold packs"
    assert show.touch("topic", "more", "0").card["title"] == "Staying optimistic"
    said = show.touch("topic", "no", "0")
    assert "What else" in said.speech or "No problem" in said.speech or "Alright" in said.speech
    assert show.touch("topic", "nonsense").speech.startswith("Sorry, I can't help with that")
