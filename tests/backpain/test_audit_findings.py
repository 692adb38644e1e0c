"""The content audit's findings (#24), one test each, through the real skill where it speaks.

The tier findings (read-outs, all-clear, stop, the check's order, cards and screens) are in
test_tiers.py; these are the misleading, dropped, style and jargon findings.
"""

from __future__ import annotations

import re

import pytest

from backpain import intents
from backpain.content import content_for
from backpain.conversation import Conversation, every_reply
from backpain.warning_sign_check import AllClear, CheckState
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.skill_and_model import load_matcher, model_path, skill_responder

CONTENT = content_for("en-GB")
QUESTIONS = CONTENT.checklist.questions
REPLIES = list(every_reply("en-GB"))


@pytest.fixture(scope="module")
def echo_factory():
    """The offline device with the real model and skill: what people say, heard as Alexa would."""
    responder, matcher = skill_responder(BACK_PAIN_GUIDE), load_matcher(model_path(BACK_PAIN_GUIDE))

    def make() -> VirtualEcho:
        echo = VirtualEcho(responder, matcher)
        echo.launch()
        return echo

    return make


# -- misleading -------------------------------------------------------------------------------


def test_question_8_uses_the_pages_words_so_a_little_better_is_still_a_yes():
    (question,) = [q for q in QUESTIONS if q.id == "not_improving_worse_at_night.1"]
    assert "improve after resting" in question.text
    assert "just as bad" not in question.text


def test_stop_after_not_sure_names_the_sign_left_pending(talk):
    talk.intent(intents.CHECK)
    talk.intent(intents.NO)
    talk.intent(intents.UNSURE)
    said = talk.intent(intents.STOP)
    flag = QUESTIONS[1].flag
    assert f"you should {flag.advice.action} if you have back pain and {flag.spoken_sign}" in (
        said.speech
    )
    assert said.ends


def test_stop_after_a_clear_no_gives_the_general_reminder_only(talk):
    talk.intent(intents.CHECK)
    talk.intent(intents.NO)
    said = talk.intent(intents.STOP)
    assert said.speech == CONTENT.checklist.stop


def test_asking_for_the_warning_signs_names_signs_even_if_the_offer_is_declined(talk):
    said = talk.intent(intents.WARNING_SIGNS)
    named = [f for f in CONTENT.checklist.red_flags if f.spoken_sign in said.speech]
    assert len(named) == 3
    said = talk.intent(intents.NO)
    assert not said.ends


def test_causes_says_an_injury_may_be_the_cause_as_the_page_does():
    speech = CONTENT.topic("causes").speech
    assert "may be a result of an injury" in speech
    assert "it's the result of an injury" not in speech


def test_can_i_drive_gets_the_pages_line_about_sitting_when_driving(echo_factory):
    echo = echo_factory()
    said = echo.hear("can I drive with back pain")
    assert "avoid sitting for too long when driving" in said.speech


def test_a_reason_for_caution_hears_the_painkiller_caveat_first(echo_factory):
    echo = echo_factory()
    said = echo.hear("I'm pregnant, can I take ibuprofen")
    speech = said.speech
    caveat = speech.find("check the medicine is safe for you to take")
    assert caveat != -1 and caveat < speech.find("ibuprofen")


# -- dropped from speech ----------------------------------------------------------------------


def test_the_all_clear_says_who_to_get_help_from():
    said = Conversation(CONTENT)
    assert "you can see your GP" in said.check_step(AllClear()).reply.speech


def test_causes_says_what_the_additional_symptoms_are():
    assert "numbness, weakness or a tingling sensation" in CONTENT.topic("causes").speech


def test_the_overview_says_where_it_is_felt_and_that_there_is_help():
    speech = CONTENT.topic("overview").speech
    assert "from the neck down to the hips" in speech
    assert "things you can do to help relieve it" in speech


def test_the_treatments_summary_says_who_carries_out_manual_therapy():
    assert "physiotherapists, chiropractors or osteopaths" in CONTENT.topic("treatments").speech


# -- style ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "reply"), REPLIES, ids=[key for key, _ in REPLIES])
def test_no_line_orders_the_listener_or_assumes_have_fits(key, reply):
    for text in (reply.speech, reply.reprompt or ""):
        assert "treat it as a yes" not in text
        assert "Say yes if you have" not in text


def test_out_of_range_lines_have_no_digits_and_read_as_english(talk):
    for intent in (intents.RELIEF, intents.TREATMENTS, intents.GET_HELP, intents.PREVENTION):
        talk.intent(intent)
        said = talk.intent(intents.SELECT, position="NINTH")
        assert not re.search(r"\d", said.speech), said.speech
        assert "about stay active" not in said.speech


# -- jargon -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utterance", "topic_id"),
    [
        ("what is CBT", "treatments.psychological_support"),
        ("what is a chiropractor", "treatments.manual_therapy"),
        ("what is an osteopath", "treatments.manual_therapy"),
        ("what is physiotherapy", "term.physiotherapy"),
        ("what are anti inflammatories", "term.anti_inflammatory"),
    ],
)
def test_a_term_the_skill_says_is_explained_in_the_pages_words(echo_factory, utterance, topic_id):
    echo = echo_factory()
    said = echo.hear(utterance)
    assert said.card is not None and said.card.title == CONTENT.topic(topic_id).title
    assert "I can't help with that" not in said.speech


@pytest.mark.parametrize("topic_id", ["term.physiotherapy", "term.anti_inflammatory"])
def test_where_the_page_says_nothing_the_skill_says_so_and_offers_what_it_has(topic_id):
    topic = CONTENT.topic(topic_id)
    assert topic.speech.startswith("I don't have NHS information on what")
    assert topic.next is not None and topic.links


def test_an_unknown_term_says_there_is_no_nhs_information_here(talk):
    said = talk.intent(intents.TERM, medical_term=("gobbledygook", None))
    assert said.speech.startswith("I don't have NHS information on that here.")
    assert not said.ends


def test_stop_pending_names_its_own_question(talk):
    said = Conversation(CONTENT).check_stop(CheckState(index=0, reasked=True)).reply
    assert QUESTIONS[0].flag.spoken_sign in said.speech
