"""Warning signs in any words, corrections, "is it serious", emergencies, and the check's place,
through lambda_handler with real request envelopes."""

from __future__ import annotations

import logging

import pytest
from ask_sdk_model import Request

from backpain import intents
from backpain.content import LOCALE_DIR, content_for
from backpain.handlers.checklist import SPOKEN_REQUESTS

CONTENT = content_for("en-GB")
CHECK = CONTENT.checklist
QUESTIONS = CHECK.questions
FLAGS = {flag.id: flag for flag in CHECK.red_flags}
NHS_111 = "https://www.nhs.uk/NHSEngland/AboutNHSservices/Emergencyandurgentcareservices/Pages/NHS-111.aspx"
ASKED = [question.flag.id for question in QUESTIONS]
"""The sign each question asks about, in the order asked (the most urgent advice's first)."""
NINE_NINE_NINE = CONTENT.safety.emergency.link


def start(talk, answered_no: int = 0):
    talk.intent(intents.CHECK)
    for _ in range(answered_no):
        said = talk.intent(intents.NO)
    return said if answered_no else None


def is_urgent_for(said, flag_id: str) -> bool:
    flag = FLAGS[flag_id]
    return (
        f"You should {flag.advice.action} if you have back pain and {flag.spoken_sign}"
        in said.speech
    )


# -- during the check -------------------------------------------------------------------------


def test_a_described_sign_is_a_yes_at_once_even_after_a_no(talk):
    start(talk, answered_no=1)
    said = talk.intent(intents.DESCRIBE, sign=("no I can't pee", "difficulty_peeing"))
    advice = FLAGS["difficulty_peeing"].advice
    assert said.speech.startswith(f"You should {advice.action}")
    assert is_urgent_for(said, "difficulty_peeing") and said.ends
    assert advice.link in said.card["content"]


def test_a_sign_described_at_another_question_gets_that_signs_advice(talk):
    start(talk, answered_no=1)
    said = talk.intent(intents.DESCRIBE, sign=("a fever", "high_temperature"))
    assert is_urgent_for(said, "high_temperature") and said.ends


def test_a_description_that_names_no_sign_is_a_yes_to_the_current_question(talk):
    start(talk, answered_no=7)
    said = talk.intent(intents.DESCRIBE)  # "no, it's worse"
    assert is_urgent_for(said, ASKED[7])
    assert said.ends


def test_an_unsure_answer_is_asked_again_with_easy_words_then_is_a_possible_yes(talk):
    start(talk, answered_no=3)
    said = talk.intent(intents.UNSURE)
    assert said.speech.startswith("Let me ask that once more.")
    assert "If you're not sure, just say not sure." in said.speech
    assert QUESTIONS[3].text in said.speech
    # The re-ask never pushes towards no: yes comes first and "not sure" is welcome.
    assert said.speech.index("yes") < said.speech.index("or no")
    assert "Say yes if you have" not in said.speech, "'have' does not fit every question"
    assert said.attributes["check"] == {"index": 3, "reasked": True}
    said = talk.intent(intents.UNSURE)
    assert said.speech.startswith("I couldn't tell from your answer, so to be safe")
    assert is_urgent_for(said, ASKED[3]) and said.ends
    assert FLAGS[ASKED[3]].advice.link in said.card["content"]


def test_an_unsure_answer_then_a_clear_no_moves_on(talk):
    start(talk)
    talk.intent(intents.UNSURE)
    said = talk.intent(intents.NO)
    assert QUESTIONS[1].text in said.speech


def test_i_meant_yes_is_a_yes_to_the_question_just_answered(talk):
    start(talk, answered_no=2)  # now at question 3, after a no to question 2
    said = talk.intent(intents.MEANT_YES)
    assert is_urgent_for(said, ASKED[1]) and said.ends


def test_i_meant_yes_after_a_re_ask_is_a_yes_to_that_question(talk):
    start(talk, answered_no=2)
    talk.intent(intents.FALLBACK)
    said = talk.intent(intents.MEANT_YES)
    assert is_urgent_for(said, ASKED[2])


def test_go_back_asks_the_previous_question_again(talk):
    start(talk, answered_no=2)
    said = talk.intent(intents.PREVIOUS)
    assert said.speech == f"OK, back to the last question. {QUESTIONS[1].text}"
    assert said.attributes["check"] == {"index": 1, "reasked": False}
    said = talk.intent(intents.YES)
    assert is_urgent_for(said, ASKED[1])


def test_go_back_at_the_first_question_stays_there(talk):
    start(talk)
    said = talk.intent(intents.PREVIOUS)
    assert said.speech == f"This is the first question. {QUESTIONS[0].text}"
    assert said.attributes["check"]["index"] == 0


def test_is_it_serious_mid_check_answers_honestly_and_keeps_the_place(talk):
    start(talk, answered_no=4)
    said = talk.intent(intents.SERIOUS)
    assert "not a diagnosis" in said.speech and said.speech.endswith(QUESTIONS[4].text)
    assert said.attributes["check"] == {"index": 4, "reasked": False}


def test_an_emergency_call_mid_check_says_what_to_do(talk):
    start(talk, answered_no=2)
    said = talk.intent(intents.EMERGENCY)
    assert "can't make phone calls" in said.speech
    assert "In a life-threatening emergency, call 999." in said.speech
    for flag in CHECK.red_flags:
        assert flag.advice.action in said.speech
        assert flag.advice.link in said.card["content"]
    assert said.ends
    assert NINE_NINE_NINE in said.card["content"]
    assert '<say-as interpret-as="digits">999</say-as>' in said.ssml


def test_every_question_asks_one_thing_in_positive_form():
    for question in QUESTIONS:
        text = question.text.lower()
        assert text.endswith("?") and text.count("?") == 1
        assert " no better" not in text and "n't" not in text and " not " not in text
    # The page's words for the eighth sign: pain that improves only a little is still a yes.
    (rest,) = [q.text for q in QUESTIONS if q.id == "not_improving_worse_at_night.1"]
    assert "improve after resting" in rest and "just as bad" not in rest
    assert len(QUESTIONS) == 10 and len(CHECK.red_flags) == 9


@pytest.mark.parametrize("flag_id", list(FLAGS))
def test_urgent_and_unclear_messages_are_grammatical_for_every_sign(flag_id):
    from backpain.conversation import Conversation

    conversation = Conversation(CONTENT)
    index = next(i for i, q in enumerate(QUESTIONS) if q.flag.id == flag_id)
    from backpain.warning_sign_check import Urgent

    flag = FLAGS[flag_id]
    urgent = conversation.check_step(Urgent(index, unclear=False)).reply
    unclear = conversation.check_step(Urgent(index, unclear=True)).reply
    # The sign is named once, in the NHS sentence, in its spoken form (grammatical for each).
    nhs_sentence = f"You should {flag.advice.action} if you have back pain and {flag.spoken_sign}."
    assert urgent.speech.startswith(nhs_sentence)
    assert unclear.speech.startswith("I couldn't tell from your answer, so to be safe")
    assert nhs_sentence in unclear.speech
    for reply in (urgent, unclear):
        assert "said yes to it" not in reply.speech and "have it started" not in reply.speech
        assert reply.card is not None and flag.advice.link in reply.card.text


# -- outside the check -----------------------------------------------------------------------


@pytest.mark.parametrize("flag_id", list(FLAGS))
def test_a_sign_said_outside_the_check_gets_its_advice_at_once_then_the_offer(talk, flag_id):
    talk.launch()
    said = talk.intent(intents.DESCRIBE, sign=("words", flag_id))
    assert said.speech.startswith("That sounds like a warning sign.")
    assert is_urgent_for(said, flag_id)
    assert said.speech.endswith(CHECK.offer) and said.reprompt and not said.ends
    assert FLAGS[flag_id].advice.link in said.card["content"]
    said = talk.intent(intents.YES)
    assert QUESTIONS[0].text in said.speech, "yes starts the check"


def test_something_like_a_sign_but_unnamed_offers_the_check(talk):
    said = talk.intent(intents.DESCRIBE)
    # What to do about each kind of sign, as the reminder says it (no one sign's urgent advice),
    # then the offer of the check.
    assert said.speech == f"{CONTENT.safety.maybe_sign} {CHECK.offer}"
    assert all(flag.advice.action in said.speech for flag in FLAGS.values())
    assert said.attributes["offer"] == "check"


def test_is_it_serious_gets_an_honest_short_answer_and_the_offer_of_the_check(talk):
    said = talk.intent(intents.SERIOUS)
    assert "not a diagnosis" in said.speech
    assert "In a life-threatening emergency, call 999." in said.speech
    assert said.speech.endswith(CHECK.offer)
    assert len(said.speech.split()) <= 75, "about 30 seconds at most"
    said = talk.intent(intents.YES)
    assert QUESTIONS[0].text in said.speech


def test_an_emergency_call_outside_the_check(talk):
    said = talk.intent(intents.EMERGENCY)
    assert said.speech.startswith("Sorry, I can't make phone calls.") and said.ends
    assert NINE_NINE_NINE in said.card["content"]


def test_the_999_line_is_marked_as_general_guidance_in_the_content_file():
    text = (LOCALE_DIR / "en-GB.yaml").read_text(encoding="utf-8")
    marker = text.index("GENERAL NHS GUIDANCE, NOT FROM THE BACK PAIN PAGE")
    assert text.index("In a life-threatening emergency, call 999.") > marker
    assert NINE_NINE_NINE.startswith("https://www.nhs.uk/")


def test_symptom_intents_are_not_logged_outside_the_check_either(talk, caplog):
    caplog.set_level(logging.INFO)
    for name in (intents.DESCRIBE, intents.UNSURE, intents.MEANT_YES):
        talk.intent(name)
    assert "request_id=" in caplog.text
    for name in (intents.DESCRIBE, intents.UNSURE, intents.MEANT_YES):
        assert name not in caplog.text


# -- the check keeps its place across every request type ---------------------------------------

UNANSWERED = sorted(
    set(Request.discriminator_value_class_map) - {"IntentRequest", "SessionEndedRequest"}
)


@pytest.mark.parametrize("request_type", UNANSWERED)
def test_every_other_request_type_keeps_the_checks_place(talk, lambda_handler, request_type):
    start(talk, answered_no=3)
    envelope = talk.factory.launch(talk.session)
    envelope["request"]["type"] = request_type
    said = talk.send(envelope)
    assert said.attributes["check"] == {"index": 3, "reasked": False}
    assert bool(said.ssml) == (request_type in SPOKEN_REQUESTS)
    if said.ssml:
        assert said.speech.endswith(QUESTIONS[3].text), "where speech is expected, re-ask"
        assert CONTENT.line("fallback") not in said.speech
    # The next spoken answer still answers question 4.
    said = talk.intent(intents.YES)
    assert is_urgent_for(said, ASKED[3])


# -- advice per sign is data ----------------------------------------------------------------


@pytest.fixture
def retiered(tmp_path, monkeypatch):
    """The two-tier test edition (tests/editions): two signs sent to "call 999 or go to A&E" by a
    content edit alone, given to the skill the way a reviewer's draft is."""
    import backpain.content as content_module
    from backpain import request_context as context
    from tests.editions import build_edition

    build_edition("two-tier", tmp_path)
    monkeypatch.setenv(content_module.EDITION_VARIABLE, str(tmp_path))
    content_module._content_for.cache_clear()
    context._conversation_for_supported.cache_clear()
    yield
    monkeypatch.undo()
    content_module._content_for.cache_clear()
    context._conversation_for_supported.cache_clear()


def test_a_content_edit_alone_re_tiers_signs_in_order_speech_card_and_screen(retiered, show):
    said = show.intent(intents.CHECK)
    # The 999 signs are asked first, in the page's order, before the first sign on the page.
    assert FLAGS["bladder_bowel_control"].questions[0] in said.speech
    show.intent(intents.NO)
    said = show.intent(intents.YES)  # question 2: chest pain
    assert "You should call 999 or go to A&E if you have back pain and chest pain." in said.speech
    assert "NHS 111" not in said.speech
    assert "call 999 or go to A&E if you have back pain and chest pain" in said.card["content"]
    assert "when-to-go-to-ae" in said.card["content"]
    (directive,) = said.directives
    assert directive["datasources"]["backpain"]["headline"] == "Call 999 or go to A&E"
    # A sign left alone keeps the seed's advice.
    said = show.intent(intents.DESCRIBE, sign=("a fever", "high_temperature"))
    assert "contact your GP or NHS 111 immediately" in said.speech
    said = show.intent(intents.DESCRIBE, sign=("wet myself", "bladder_bowel_control"))
    assert "call 999 or go to A&E" in said.speech
    # The read-outs follow too (the audit's stale "Contact your GP or NHS 111 immediately").
    said = show.intent(intents.WARNING_SIGNS)
    assert "Call 999 or go to A&E if you have back pain and loss of bladder" in said.speech


@pytest.mark.seed_edition
def test_the_shipped_content_keeps_the_seeds_advice_for_all_nine_signs():
    for flag in CHECK.red_flags:
        assert flag.advice.action == "contact your GP or NHS 111 immediately"
        assert flag.advice.link == NHS_111


def test_words_in_a_signs_place_that_match_no_sign_are_an_ordinary_statement(talk):
    """ "My back is rather painful this morning" fits "my back is {sign}", but no warning
    sign's words match: the overview of back pain, not the line about a possible sign."""
    said = talk.intent(intents.DESCRIBE, sign=("rather painful this morning", None))
    assert CONTENT.safety.maybe_sign not in said.speech
    assert said.speech.startswith(CONTENT.topics["overview"].speech.split(".")[0])


def test_rest_taken_is_the_sign_only_when_it_did_not_help(talk):
    """ "I've rested for days and it's no better" is the sign; "I've rested" alone is not."""
    said = talk.intent(
        intents.DESCRIBE,
        rested=("i've rested for days", "not_improving_worse_at_night"),
        unimproved=("it's no better", "no_better"),
    )
    assert is_urgent_for(said, "not_improving_worse_at_night")
    said = talk.intent(intents.DESCRIBE, rested=("i've rested", "not_improving_worse_at_night"))
    assert not is_urgent_for(said, "not_improving_worse_at_night")
