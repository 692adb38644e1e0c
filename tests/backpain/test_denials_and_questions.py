"""Issue #20's answers beyond yes and no: a denial names its sign, "what do you mean" explains
the sign, and what lies outside back pain is said plainly. Through lambda_handler."""

from __future__ import annotations

from backpain import intents
from backpain.content import content_for

CONTENT = content_for("en-GB")
CHECK = CONTENT.checklist
QUESTIONS = CHECK.questions


def start(talk, answered_no: int = 0):
    said = talk.intent(intents.CHECK)
    for _ in range(answered_no):
        said = talk.intent(intents.NO)
    return said


CHEST = next(index for index, question in enumerate(QUESTIONS)
             if question.flag.id == "chest_pain")  # fmt: skip
"""Where the check asks about chest pain: fourth on the page, earlier or later in an edition
that asks a more urgent kind of sign first."""


def test_a_denial_of_the_sign_asked_is_a_clear_no(talk):
    start(talk, answered_no=CHEST)
    said = talk.intent(intents.DENY, denied=("chest pain", "chest_pain"))
    assert QUESTIONS[CHEST + 1].text in said.speech and not said.ends


def test_a_denial_of_another_sign_asks_the_same_question_again(talk):
    start(talk, answered_no=CHEST)
    said = talk.intent(intents.DENY, denied=("a temperature", "high_temperature"))
    assert said.speech == CHECK.denied_other.format(question=QUESTIONS[CHEST].text)
    assert "urgent" not in said.speech and not said.ends
    # and the place is kept: a plain no now moves on to the next question
    assert QUESTIONS[CHEST + 1].text in talk.intent(intents.NO).speech


def test_a_denial_that_names_no_sign_the_skill_knows_is_not_a_clear_no(talk):
    start(talk, answered_no=CHEST)
    said = talk.intent(intents.DENY, denied=("control", None))
    assert QUESTIONS[CHEST].text in said.speech and QUESTIONS[CHEST + 1].text not in said.speech
    # a second unclear answer is a possible yes: never a no
    said = talk.intent(intents.DENY, denied=("control", None))
    assert QUESTIONS[CHEST].flag.spoken_sign in said.speech


def test_what_do_you_mean_explains_the_sign_in_the_pages_words_and_asks_again(talk):
    start(talk, answered_no=2)
    said = talk.intent(intents.EXPLAIN, term=("bowel control", None))
    assert said.speech == CHECK.explain.format(question=QUESTIONS[2].text)
    assert "NHS website's own words" in said.speech and not said.ends


def test_what_a_sign_means_outside_the_check_gets_its_advice_and_the_offer(talk):
    talk.launch()
    said = talk.intent(intents.EXPLAIN, term=("a deformity", "swelling_deformity"))
    assert "a swelling or a deformity in your back" in said.speech
    assert said.speech.endswith(CHECK.offer)


def test_a_denial_outside_the_check_asks_what_else(talk):
    talk.launch()
    said = talk.intent(intents.DENY, denied=("a fever", "high_temperature"))
    assert said.speech in CONTENT.dialog["what_else"] and not said.ends


def test_another_health_question_is_said_plainly_with_the_999_line(talk):
    talk.launch()
    said = talk.intent(intents.OTHER_HEALTH, complaint=("toothache", "toothache"))
    assert said.speech.startswith(CONTENT.line("out_of_scope"))
    assert CONTENT.safety.emergency.text in said.speech
    assert "painkillers" not in said.speech and not said.ends


def test_a_request_to_act_gets_i_cant_do_that_then_what_it_can_tell(talk):
    talk.launch()
    said = talk.intent(intents.CANNOT_DO)
    assert said.speech.startswith("Sorry, I can't do that.") and not said.ends


def test_how_do_they_treat_that_keeps_the_condition_as_its_subject(talk):
    talk.launch()
    talk.intent(intents.CONDITION, condition=("a sprain", "SPRAIN_STRAIN"))
    said = talk.intent(intents.TREATMENTS)
    assert said.speech.startswith(CONTENT.topic("relief").speech)
    talk.intent(intents.CONDITION, condition=("a slipped disc", "SLIPPED_DISC"))
    said = talk.intent(intents.TREATMENTS)
    assert said.speech.startswith(CONTENT.topic("treatments").speech)


def test_every_condition_says_what_treats_it():
    conditions = [topic for topic_id, topic in CONTENT.topics.items()
                  if topic_id.startswith("condition.")]  # fmt: skip
    assert conditions and all(topic.treated_by in CONTENT.topics for topic in conditions)


def test_a_sign_named_and_said_to_persist_gets_its_urgent_advice(talk):
    """ "No, the chest pain is still there": the named sign, whichever question is on."""
    start(talk, answered_no=1)
    said = talk.intent(intents.DESCRIBE, named=("the chest pain", "chest_pain"))
    flag = QUESTIONS[CHEST].flag
    assert f"You should {flag.advice.action}" in said.speech
    assert QUESTIONS[2].text not in said.speech


def test_a_part_said_to_be_as_it_should_be_is_a_no_to_its_own_sign_only(talk):
    """ "My chest's grand": a clear no at the chest question, and no answer at another."""
    start(talk, answered_no=CHEST)
    said = talk.intent(intents.DENY, subject=("chest", "chest_pain"), state=("grand", "as_usual"))
    assert QUESTIONS[CHEST + 1].text in said.speech
    said = talk.intent(intents.DENY, subject=("chest", "chest_pain"), state=("grand", "as_usual"))
    assert said.speech == CHECK.denied_other.format(question=QUESTIONS[CHEST + 1].text)


def test_a_part_without_how_it_is_is_not_a_no(talk):
    start(talk, answered_no=CHEST)
    said = talk.intent(intents.DENY, subject=("chest", "chest_pain"))
    assert QUESTIONS[CHEST].text in said.speech and QUESTIONS[CHEST + 1].text not in said.speech


def test_fine_of_nothing_in_particular_is_not_a_clear_no(talk):
    """A state with no part ("well") may be words misheard or a mumble: asked again."""
    start(talk, answered_no=CHEST)
    said = talk.intent(intents.DENY, state=("fine", "as_usual"))
    assert QUESTIONS[CHEST].text in said.speech and QUESTIONS[CHEST + 1].text not in said.speech


def test_a_part_said_to_be_wrong_gets_its_signs_urgent_advice(talk):
    start(talk, answered_no=1)
    said = talk.intent(
        intents.DESCRIBE,
        sign=("not right", "possible_sign"),
        subject=("chest", "chest_pain"),
        state=("right", "as_usual"),
    )
    assert QUESTIONS[CHEST].flag.spoken_sign in said.speech
